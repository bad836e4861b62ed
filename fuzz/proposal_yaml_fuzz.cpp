// libFuzzer target: a proposal in YAML through yaml-cpp, alias expansion
// under the limits and validation, then serialised again as for plugins.
#include "fuzz_common.hpp"
#include "proposal/document.hpp"
#include "proposal/proposal.hpp"
#include "util/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    try {
        const fulcrum::Proposal p = fulcrum::validate_proposal(
            fulcrum::parse_document(fulcrum::fuzz::text_of(data, size), fulcrum::Syntax::yaml, "fuzz.yaml"),
            "fuzz.yaml");
        (void)p.doc.dump(); // throws on invalid UTF-8, which parsing must have refused
    } catch (const fulcrum::Error&) {
    }
    return 0;
}
