#include "quant/json_lines.hpp"

#include "util/json_path.hpp"

#include <cctype>

namespace fulcrum::quant {

namespace {

class Locator {
public:
    explicit Locator(const std::string& text) : m_text(text) {}

    std::map<std::string, int> run() {
        value("");
        return std::move(m_lines);
    }

private:
    bool more() const { return m_pos < m_text.size(); }
    char peek() const { return more() ? m_text[m_pos] : '\0'; }

    void skip_space() {
        while (more() && std::isspace(static_cast<unsigned char>(m_text[m_pos]))) {
            m_line += m_text[m_pos] == '\n' ? 1 : 0;
            ++m_pos;
        }
    }

    // A string token, decoded enough to name object keys.
    std::string string() {
        std::string out;
        ++m_pos; // opening quote
        while (more() && m_text[m_pos] != '"') {
            if (m_text[m_pos] == '\\' && m_pos + 1 < m_text.size()) {
                ++m_pos;
                const char c = m_text[m_pos];
                out += c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c == 'b' ? '\b' : c == 'f' ? '\f' : c;
            } else {
                out += m_text[m_pos];
            }
            ++m_pos;
        }
        ++m_pos; // closing quote
        return out;
    }

    bool value(const std::string& pointer) {
        skip_space();
        if (!more()) {
            return false;
        }
        m_lines[pointer] = m_line;
        const char c = peek();
        if (c == '{') {
            return members(pointer);
        }
        if (c == '[') {
            return elements(pointer);
        }
        if (c == '"') {
            string();
            return true;
        }
        while (more() && peek() != ',' && peek() != ']' && peek() != '}' &&
               !std::isspace(static_cast<unsigned char>(peek()))) {
            ++m_pos;
        }
        return true;
    }

    bool members(const std::string& pointer) {
        ++m_pos;
        skip_space();
        if (peek() == '}') {
            ++m_pos;
            return true;
        }
        while (more()) {
            skip_space();
            if (peek() != '"') {
                return false;
            }
            const std::string key = string();
            skip_space();
            if (peek() != ':') {
                return false;
            }
            ++m_pos;
            std::string member = pointer + "/";
            append_pointer_token(member, key);
            if (!value(member)) {
                return false;
            }
            skip_space();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            ++m_pos;
            return true;
        }
        return false;
    }

    bool elements(const std::string& pointer) {
        ++m_pos;
        skip_space();
        if (peek() == ']') {
            ++m_pos;
            return true;
        }
        for (std::size_t index = 0; more(); ++index) {
            if (!value(pointer + "/" + std::to_string(index))) {
                return false;
            }
            skip_space();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            ++m_pos;
            return true;
        }
        return false;
    }

    const std::string& m_text;
    std::size_t m_pos = 0;
    int m_line = 1;
    std::map<std::string, int> m_lines;
};

} // namespace

std::map<std::string, int> json_value_lines(const std::string& text) {
    return Locator(text).run();
}

} // namespace fulcrum::quant
