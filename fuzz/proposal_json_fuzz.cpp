// libFuzzer target: a proposal in JSON through parsing, the limits and
// validation, then serialised again as the host does for plugins. It also
// holds the fast JSON path to its promise (proposal/fast_json.hpp): a tree
// only when the full parser builds the same one, nothing when it refuses.
#include "fuzz_common.hpp"
#include "proposal/document.hpp"
#include "proposal/fast_json.hpp"
#include "proposal/proposal.hpp"
#include "util/error.hpp"

#include <cstdlib>

namespace {

void check_fast_path(const std::string& text) {
    const fulcrum::Limits limits;
    const std::optional<nlohmann::json> fast = fulcrum::parse_json_fast(text, limits);
    if (!fast) {
        return;
    }
    try {
        const nlohmann::json full = fulcrum::parse_json_full(text, limits);
        if (full != *fast || full.dump() != fast->dump()) {
            std::abort(); // the fast path built another tree
        }
    } catch (const std::exception&) {
        std::abort(); // the fast path took a text the full parser refuses
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text = fulcrum::fuzz::text_of(data, size);
    check_fast_path(text);
    try {
        const fulcrum::Proposal p =
            fulcrum::validate_proposal(fulcrum::parse_document(text, fulcrum::Syntax::json, "fuzz.json"), "fuzz.json");
        (void)p.doc.dump(); // throws on invalid UTF-8, which parsing must have refused
    } catch (const fulcrum::Error&) {
    }
    return 0;
}
