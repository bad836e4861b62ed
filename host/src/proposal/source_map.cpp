#include "proposal/source_map.hpp"

#include "util/json_path.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <vector>

namespace fulcrum {

// Turns byte offsets into line and code-point column while the text is alive.
class SourceMapBuilder {
public:
    explicit SourceMapBuilder(const std::string& text) : m_text(text) {
        m_line_starts.push_back(0);
        for (size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\n') {
                m_line_starts.push_back(i + 1);
            }
        }
    }

    void add(const std::string& pointer, size_t offset) {
        if (m_map.m_positions.count(pointer) != 0) {
            return; // a duplicate key: the parsers keep the first one as well
        }
        offset = std::min(offset, m_text.size());
        const auto next = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), offset);
        const size_t line_index = static_cast<size_t>(next - m_line_starts.begin()) - 1;
        int column = 1;
        for (size_t i = m_line_starts[line_index]; i < offset; ++i) {
            // UTF-8 continuation bytes (10xxxxxx) do not start a code point.
            if ((static_cast<unsigned char>(m_text[i]) & 0xC0) != 0x80) {
                ++column;
            }
        }
        m_map.m_positions[pointer] = {static_cast<int>(line_index) + 1, column};
    }

    SourceMap take() { return std::move(m_map); }

private:
    const std::string& m_text;
    std::vector<size_t> m_line_starts;
    SourceMap m_map;
};

namespace {

std::string child(const std::string& parent, const std::string& key) {
    std::string out = parent + "/";
    append_pointer_token(out, key);
    return out;
}

void map_yaml(const YAML::Node& node, const std::string& pointer, SourceMapBuilder& out) {
    if (node.IsMap()) {
        for (const auto& kv : node) {
            const std::string member = child(pointer, kv.first.Scalar());
            out.add(member, kv.first.Mark().pos);
            map_yaml(kv.second, member, out);
        }
    } else if (node.IsSequence()) {
        size_t index = 0;
        for (const auto& item : node) {
            const std::string element = child(pointer, std::to_string(index++));
            out.add(element, item.Mark().pos);
            map_yaml(item, element, out);
        }
    }
}

// A recursive-descent walk over JSON text that has already parsed, recording
// where each member's key and each array item begins. nlohmann::json keeps no
// positions, hence this small scanner; on anything unexpected it stops.
class JsonScanner {
public:
    JsonScanner(const std::string& text, SourceMapBuilder& out) : m_text(text), m_out(out) {}

    bool value(const std::string& pointer) {
        skip_space();
        if (m_pos >= m_text.size()) {
            return false;
        }
        switch (m_text[m_pos]) {
        case '{':
            return object(pointer);
        case '[':
            return array(pointer);
        case '"':
            return string(nullptr);
        default:
            return scalar();
        }
    }

private:
    bool object(const std::string& pointer) {
        ++m_pos; // '{'
        skip_space();
        if (peek() == '}') {
            ++m_pos;
            return true;
        }
        while (true) {
            skip_space();
            const size_t key_at = m_pos;
            std::string key;
            if (peek() != '"' || !string(&key)) {
                return false;
            }
            skip_space();
            if (peek() != ':') {
                return false;
            }
            ++m_pos;
            const std::string member = child(pointer, key);
            m_out.add(member, key_at);
            if (!value(member)) {
                return false;
            }
            skip_space();
            if (peek() == ',') {
                ++m_pos;
            } else if (peek() == '}') {
                ++m_pos;
                return true;
            } else {
                return false;
            }
        }
    }

    bool array(const std::string& pointer) {
        ++m_pos; // '['
        skip_space();
        if (peek() == ']') {
            ++m_pos;
            return true;
        }
        for (size_t index = 0;; ++index) {
            skip_space();
            const std::string element = child(pointer, std::to_string(index));
            m_out.add(element, m_pos);
            if (!value(element)) {
                return false;
            }
            skip_space();
            if (peek() == ',') {
                ++m_pos;
            } else if (peek() == ']') {
                ++m_pos;
                return true;
            } else {
                return false;
            }
        }
    }

    // Reads a string; decodes it into `out` when given (keys only). Keys with
    // \u escapes are decoded through nlohmann to get them exactly right.
    bool string(std::string* out) {
        const size_t start = m_pos++;
        bool escaped = false;
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos++];
            if (c == '\\') {
                escaped = true;
                ++m_pos;
            } else if (c == '"') {
                if (out) {
                    const std::string raw = m_text.substr(start, m_pos - start);
                    *out = escaped ? nlohmann::json::parse(raw).get<std::string>() : raw.substr(1, raw.size() - 2);
                }
                return true;
            }
        }
        return false;
    }

    bool scalar() {
        const size_t start = m_pos;
        while (m_pos < m_text.size() && std::string(",]}\t\n\r ").find(m_text[m_pos]) == std::string::npos) {
            ++m_pos;
        }
        return m_pos > start;
    }

    void skip_space() {
        while (m_pos < m_text.size() && std::string(" \t\n\r").find(m_text[m_pos]) != std::string::npos) {
            ++m_pos;
        }
    }

    char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }

    const std::string& m_text;
    SourceMapBuilder& m_out;
    size_t m_pos = 0;
};

} // namespace

SourceMap SourceMap::from_text(const std::string& text, Syntax syntax) {
    SourceMapBuilder builder(text);
    try {
        if (syntax == Syntax::json) {
            JsonScanner scanner(text, builder);
            scanner.value("");
        } else {
            map_yaml(YAML::Load(text), "", builder);
        }
    } catch (const std::exception&) {
        // Unparseable text: keep what was mapped; lookups fall back to ancestors.
    }
    return builder.take();
}

SourcePosition SourceMap::locate(const std::string& pointer) const {
    std::string p = pointer;
    while (!p.empty()) {
        if (auto it = m_positions.find(p); it != m_positions.end()) {
            return it->second;
        }
        p = p.substr(0, p.rfind('/'));
    }
    return {1, 1};
}

} // namespace fulcrum
