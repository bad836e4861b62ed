// A fast path for parse_json_within (limits.hpp): the JSON that proposals
// and contributions are made of (objects, arrays, plain and simply escaped
// strings, numbers, literals), parsed in one pass straight into the tree.
//
// It accepts a text only when the full parser would accept it and would build
// the same tree. Anything else (an error, a limit reached, a duplicate key, a
// \u escape, an integer of more than 18 digits, nesting past 128) returns
// nothing, and the caller runs the full parser, which words the error or
// handles the rare case (parse_json_full, limits.hpp).
// tests/unit/fast_json_test.cpp and the proposal_json fuzz target compare the
// two.
#pragma once

#include "proposal/limits.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>

namespace fulcrum {

std::optional<nlohmann::json> parse_json_fast(std::string_view text, const Limits& limits);

} // namespace fulcrum
