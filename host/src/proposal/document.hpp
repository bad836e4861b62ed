// Reading proposal text (JSON or YAML) into a JSON document. Knows nothing of
// what a proposal contains; syntax errors name the file, line and column.
#pragma once

#include "proposal/limits.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>

#include <string>

namespace fulcrum {

// json_line is one line of a JSON Lines file: JSON whose errors give the
// column alone, as its origin ("in.jsonl:12") names the line.
enum class Syntax { json, yaml, json_line };

// Picks the syntax from the file name: .yaml/.yml are YAML, all else JSON.
Syntax syntax_for_path(const std::string& path);

// Parses `text`; `origin` names it in errors ("examples/a.yaml", "in.jsonl:12").
// Throws fulcrum::Error (exit 3) with line and column on a syntax error or
// invalid UTF-8, and with the JSON pointer on a limit crossed, a duplicate key
// or a number past a double's range.
nlohmann::json parse_document(const std::string& text, Syntax syntax, const std::string& origin,
                              const Limits& limits = Limits{});

// "N bytes, more than the limit of ... (limits.proposal_bytes)".
std::string too_large(uint64_t bytes, const Limits& limits);

// Reads and parses a file. Throws fulcrum::Error (exit 3) when it cannot be read.
nlohmann::json load_document(const std::string& path, const Limits& limits = Limits{});

// Reads a whole file of at most `max_bytes`; a larger regular file is refused
// before any of it is read, and a pipe stops one byte past the limit.
std::string read_file(const std::string& path, uint64_t max_bytes = Limits{}.proposal_bytes);

} // namespace fulcrum
