#include "util/line_reader.hpp"

#include <algorithm>
#include <cstring>

namespace fulcrum {

std::optional<std::uint64_t> LineReader::next(std::string& line, std::uint64_t max_bytes) {
    line.clear();
    m_ended = false;
    std::uint64_t length = 0;
    bool any = false;
    for (;;) {
        if (m_begin == m_end) {
            const std::streamsize n = m_source->sgetn(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
            if (n <= 0) {
                return any ? std::optional<std::uint64_t>(length) : std::nullopt; // a last line without '\n' counts
            }
            m_begin = 0;
            m_end = static_cast<std::size_t>(n);
        }
        any = true;
        const char* from = m_buffer.data() + m_begin;
        const std::size_t size = m_end - m_begin;
        const char* newline = static_cast<const char*>(std::memchr(from, '\n', size));
        const std::size_t piece = newline != nullptr ? static_cast<std::size_t>(newline - from) : size;
        if (length <= max_bytes) {
            line.append(from, static_cast<std::size_t>(std::min<std::uint64_t>(piece, max_bytes + 1 - length)));
        }
        length += piece;
        m_begin += piece;
        if (newline != nullptr) {
            ++m_begin;
            m_ended = true;
            return length;
        }
    }
}

} // namespace fulcrum
