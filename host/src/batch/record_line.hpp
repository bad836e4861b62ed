// Reading back one line of a batch's output without its review: the
// envelope and the portfolio member are all that `--resume` and `fulcrum
// portfolio` need, and the review is nine tenths of the line. Kept apart
// from record.cpp so that the fuzz target (fuzz/record_line_fuzz.cpp) needs
// nothing else.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace fulcrum {

// A line longer than this is no batch record (the largest reviews are a few
// hundred KiB). Readers of records measure a line past it rather than hold
// it, so a wrong file given by mistake holds this much memory at most.
inline constexpr std::uint64_t k_max_record_bytes = std::uint64_t{64} * 1024 * 1024;

// The record on `line`, its top-level "review" member left out, as the full
// parser would read it with that member erased; nothing when the line is
// not JSON. The review is skipped by counting brackets outside strings, not
// parsed: a record whose review alone is malformed is still read.
std::optional<nlohmann::json> parse_record_line(const std::string& line);

} // namespace fulcrum
