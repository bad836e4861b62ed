// The proposals a batch reads, one at a time and in a fixed order: files,
// folders (recursively, *.json, *.yaml, *.yml), JSON Lines files (*.jsonl,
// *.ndjson: one proposal a line) and "-" (JSON Lines on standard input).
// Nothing is held beyond the current file or line, so memory stays flat.
#pragma once

#include "proposal/document.hpp"
#include "util/line_reader.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fulcrum {

struct InputItem {
    uint64_t index = 0; // position in the whole batch, from 0
    std::string input;  // the file (or "-") it came from
    uint64_t line = 0;  // 1-based line for JSON Lines, 0 for whole files
    std::string text;
    Syntax syntax = Syntax::json;
    std::string read_error; // set when the item could not be read at all

    // "file" or "file:line", for messages.
    std::string origin() const;
};

class InputReader {
public:
    // Throws fulcrum::Error (exit 2) when an input does not exist. A proposal
    // (a whole file or a line) longer than `max_bytes` is an item whose
    // read_error says so, read no further than the limit.
    explicit InputReader(std::vector<std::string> inputs, uint64_t max_bytes = Limits{}.proposal_bytes);
    ~InputReader();

    // The next item, or nothing at the end. Blank lines are skipped but
    // counted, so line numbers match the file.
    std::optional<InputItem> next();

    // Counts the items without reading proposals (for progress): whole
    // files count one, JSON Lines files their non-blank lines. Nothing for
    // standard input, whose size is unknown.
    static std::optional<uint64_t> count(const std::vector<std::string>& inputs,
                                         uint64_t max_bytes = Limits{}.proposal_bytes);

private:
    bool open_next_source();

    std::vector<std::string> m_sources; // expanded: folders replaced by their files
    size_t m_next_source = 0;
    std::string m_current;
    std::optional<LineReader> m_lines; // set while reading a JSON Lines source
    uint64_t m_max_bytes;
    uint64_t m_line = 0;
    uint64_t m_index = 0;
};

bool is_json_lines(const std::string& path);

} // namespace fulcrum
