// The lines of a stream, each held only up to a limit: a line far longer than
// anything expected (a whole JSON export given as .jsonl, a binary file) is
// measured as it goes by, not kept. Used for JSON Lines proposals, for the
// records fulcrum portfolio merges and for the partial file --resume reads.
#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fulcrum {

class LineReader {
public:
    // Reads `source`, which the caller keeps open.
    explicit LineReader(std::streambuf* source) : m_source(source) {}
    // Reads and owns `stream` (a file opened for this reader).
    explicit LineReader(std::unique_ptr<std::istream> stream)
        : m_owned(std::move(stream)), m_source(m_owned->rdbuf()) {}

    // The next line, without its '\n': at most its first max_bytes + 1 bytes
    // in `line`, and its whole length returned. Nothing at the end.
    std::optional<std::uint64_t> next(std::string& line, std::uint64_t max_bytes);
    // Whether the line last read ended in '\n' (the last line need not).
    bool ended() const { return m_ended; }

private:
    std::unique_ptr<std::istream> m_owned;
    std::streambuf* m_source;
    bool m_ended = false;
    // Read straight into from the file: a request at least as large as the
    // stream's own buffer bypasses it, so each byte is copied once.
    std::vector<char> m_buffer = std::vector<char>(64 * 1024);
    std::size_t m_begin = 0;
    std::size_t m_end = 0;
};

} // namespace fulcrum
