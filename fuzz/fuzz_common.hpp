// What every fuzz target shares: the input as text, and the one rule that
// makes a finding: the host may refuse an input only with fulcrum::Error (or
// a refused contribution); any other exception, crash, leak, hang or
// sanitizer report is a bug (docs/security.md, "Fuzzing").
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace fulcrum::fuzz {

inline std::string text_of(const uint8_t* data, size_t size) {
    return std::string(reinterpret_cast<const char*>(data), size);
}

} // namespace fulcrum::fuzz
