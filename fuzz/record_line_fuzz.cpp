// libFuzzer target: one line of a batch's output read back without its
// review (batch/record_line.cpp), as --resume and `fulcrum portfolio` read
// the records other runs wrote. Besides crashing nowhere, it must agree with
// the full parser: whenever the full parser reads the line, the record is
// what it reads, the top-level "review" member erased. (The converse need not
// hold: a review that alone is malformed is skipped, not checked.)
#include "batch/record_line.hpp"
#include "fuzz_common.hpp"

#include <nlohmann/json.hpp>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string line = fulcrum::fuzz::text_of(data, size);
    const std::optional<nlohmann::json> record = fulcrum::parse_record_line(line);
    nlohmann::json full = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (full.is_discarded()) {
        return 0;
    }
    if (!record) {
        __builtin_trap(); // the full parser read it
    }
    if (full.is_object()) {
        full.erase("review");
    }
    if (*record != full) {
        __builtin_trap();
    }
    return 0;
}
