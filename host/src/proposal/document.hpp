// Reading proposal text (JSON or YAML) into a JSON document. Knows nothing of
// what a proposal contains; syntax errors name the file, line and column.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace fulcrum {

enum class Syntax { json, yaml };

// Picks the syntax from the file name: .yaml/.yml are YAML, all else JSON.
Syntax syntax_for_path(const std::string& path);

// Parses `text`; `origin` names it in errors ("examples/a.yaml", "in.jsonl:12").
// Throws fulcrum::Error (exit 3) with line and column on a syntax error.
nlohmann::json parse_document(const std::string& text, Syntax syntax, const std::string& origin);

// Reads and parses a file. Throws fulcrum::Error (exit 3) when it cannot be read.
nlohmann::json load_document(const std::string& path);

std::string read_file(const std::string& path);

} // namespace fulcrum
