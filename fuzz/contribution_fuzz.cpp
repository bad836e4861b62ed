// libFuzzer target: a plugin's output text through the contribution check.
// It is read as each first-party plugin's, so that seeds from any of them
// get past the rule-id check into the rest.
#include "fuzz_common.hpp"
#include "plugin/contribution.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text = fulcrum::fuzz::text_of(data, size);
    for (const char* plugin : {"cloud", "ai", "bigdata"}) {
        const auto result = fulcrum::read_contribution(text, plugin);
        if (const auto* contribution = std::get_if<fulcrum::Contribution>(&result)) {
            // An accepted contribution holds only what the schema allows.
            if (contribution->risks.size() > 200 || contribution->benefits.size() > 200 ||
                contribution->questions.size() > 200) {
                __builtin_trap();
            }
        }
    }
    return 0;
}
