// libFuzzer target: a plugin's output text through the contribution check.
// It is read as each first-party plugin's, so that seeds from any of them
// get past the rule-id check into the rest. Whatever the host's parser takes
// is also handed over as a tree (the tree ABI), which must be accepted or
// refused exactly as its text is.
#include "fuzz_common.hpp"
#include "plugin/contribution.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text = fulcrum::fuzz::text_of(data, size);
    for (const char* plugin : {"cloud", "ai", "bigdata"}) {
        const auto result = fulcrum::read_contribution(text, plugin);
        const auto parsed = fulcrum::parse_contribution_text(text, fulcrum::Limits{});
        if (const auto* tree = std::get_if<nlohmann::json>(&parsed)) {
            const auto by_tree = fulcrum::read_contribution_tree(*tree, plugin);
            const auto* text_reason = std::get_if<std::string>(&result);
            const auto* tree_reason = std::get_if<std::string>(&by_tree);
            if ((text_reason == nullptr) != (tree_reason == nullptr) || (text_reason && *text_reason != *tree_reason)) {
                __builtin_trap(); // one path accepted what the other refused
            }
        }
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
