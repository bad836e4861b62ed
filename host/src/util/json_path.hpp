// JSON pointers spelled out: a member name as a token, and where a checker
// is in a JSON document, as a chain of the callers' own
// frames: "/risks/3/mitigations/0/cost". It is spelled out only when
// something fails, so a document that passes builds no pointer text at all.
// Used by the proposal validator and the contribution reader.
#pragma once

#include <string>
#include <string_view>

namespace fulcrum {

// Appends `key` as a JSON pointer token (RFC 6901): '~' as "~0", '/' as "~1".
inline void append_pointer_token(std::string& out, std::string_view key) {
    for (const char c : key) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
}

class Path {
public:
    Path() = default;
    // A member: its name is escaped as RFC 6901 says when spelled out. The
    // name must outlive the path (a literal, or a key of the document).
    Path child(std::string_view key) const { return Path(this, key, 0); }
    Path item(size_t index) const { return Path(this, {}, index); }

    std::string str() const {
        std::string out = m_parent != nullptr ? m_parent->str() : std::string();
        if (m_parent == nullptr) {
            return out;
        }
        out += '/';
        if (m_key.data() == nullptr) {
            out += std::to_string(m_index);
            return out;
        }
        append_pointer_token(out, m_key);
        return out;
    }

private:
    Path(const Path* parent, std::string_view key, size_t index) : m_parent(parent), m_key(key), m_index(index) {}

    const Path* m_parent = nullptr;
    std::string_view m_key; // a member's name; an item when it has no data
    size_t m_index = 0;
};

} // namespace fulcrum
