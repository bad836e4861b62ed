#include "report/json_writer.hpp"

#include "proposal/limits.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace fulcrum {
namespace {

// nlohmann's escapes with ensure_ascii off: quote, backslash and the control
// characters; every other byte as it is.
void append_escaped(std::string& out, std::string_view text) {
    static const char k_hex[] = "0123456789abcdef";
    size_t run = 0; // start of the bytes not yet copied
    for (size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') {
            continue;
        }
        out.append(text.data() + run, i - run);
        run = i + 1;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            out += "\\u00";
            out += k_hex[c >> 4];
            out += k_hex[c & 0xF];
        }
    }
    out.append(text.data() + run, text.size() - run);
}

// Bytes printed as they are without a further look: printable ASCII but the
// quote and the backslash.
constexpr auto k_plain = [] {
    std::array<bool, 256> plain{};
    for (int c = 0x20; c < 0x80; ++c) {
        plain[static_cast<size_t>(c)] = c != '"' && c != '\\';
    }
    return plain;
}();

// The length of the longest prefix of plain bytes, looked at eight at a
// time: a word holds no byte to escape or to check as UTF-8 when none of its
// bytes is below 0x20, at or above 0x80, a quote or a backslash.
size_t plain_prefix(std::string_view text) {
    constexpr uint64_t ones = 0x0101010101010101;
    constexpr uint64_t highs = 0x8080808080808080;
    size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        uint64_t word = 0;
        std::memcpy(&word, text.data() + i, sizeof word);
        const uint64_t quote = word ^ (ones * '"');
        const uint64_t backslash = word ^ (ones * '\\');
        const uint64_t control = (word - ones * 0x20) & ~word; // a byte below 0x20
        const uint64_t zero_quote = (quote - ones) & ~quote;
        const uint64_t zero_backslash = (backslash - ones) & ~backslash;
        if (((control | zero_quote | zero_backslash | word) & highs) != 0) {
            break;
        }
    }
    while (i < text.size() && k_plain[static_cast<unsigned char>(text[i])]) {
        ++i;
    }
    return i;
}

} // namespace

void JsonWriter::separate() {
    if (m_after_key) {
        m_after_key = false;
        return;
    }
    if (!m_has_items.empty()) {
        if (m_has_items.back()) {
            m_out += ',';
        }
        m_has_items.back() = 1;
    }
}

JsonWriter& JsonWriter::open(char bracket) {
    separate();
    m_out += bracket;
    m_has_items.push_back(0);
    return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
    m_has_items.pop_back();
    m_out += bracket;
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    separate();
    quoted(name);
    m_out += ':';
    m_after_key = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
    separate();
    quoted(text);
    return *this;
}

void JsonWriter::quoted(std::string_view text) {
    // Most texts are printable ASCII without quotes or backslashes: copied
    // as they are after one scan.
    const size_t plain = plain_prefix(text);
    if (plain == text.size()) {
        m_out += '"';
        m_out.append(text);
        m_out += '"';
        return;
    }
    if (invalid_utf8_at(text.substr(plain)) != std::string::npos) {
        // Never expected (inputs and contributions are checked for UTF-8);
        // printed as dump() would, with U+FFFD for the bad bytes.
        m_out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return;
    }
    m_out += '"';
    m_out.append(text.data(), plain);
    append_escaped(m_out, text.substr(plain));
    m_out += '"';
}

JsonWriter& JsonWriter::value(bool flag) {
    separate();
    m_out += flag ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::null() {
    separate();
    m_out += "null";
    return *this;
}

JsonWriter& JsonWriter::value(double number) {
    separate();
    if (!std::isfinite(number)) {
        m_out += "null";
        return *this;
    }
    char buffer[64];
    char* end = nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, number);
    m_out.append(buffer, static_cast<size_t>(end - buffer));
    return *this;
}

JsonWriter& JsonWriter::value(const std::vector<std::string>& texts) {
    begin_array();
    for (const auto& text : texts) {
        value(text);
    }
    return end_array();
}

JsonWriter& JsonWriter::raw(std::string_view json_text) {
    separate();
    m_out += json_text;
    return *this;
}

} // namespace fulcrum
