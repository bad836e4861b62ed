#include "report/json_writer.hpp"

#include "proposal/limits.hpp"
#include "util/byte_scan.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace fulcrum {
namespace {

// Bytes printed as they are without a further look: printable ASCII but the
// quote and the backslash.
constexpr auto k_plain = [] {
    std::array<bool, 256> plain{};
    for (int c = 0x20; c < 0x80; ++c) {
        plain[static_cast<size_t>(c)] = c != '"' && c != '\\';
    }
    return plain;
}();

// Copies the longest prefix of plain bytes of `text` (no byte below 0x20,
// at or above 0x80, no quote and no backslash) to `out`, which has room for
// all of `text`, and returns its length. Bytes after the prefix may be
// copied too; the caller writes over them. Sixteen bytes at a time where
// SSE2 is there (every x86-64), scanned and stored in one step; shorter
// texts eight at a time in a word.
size_t copy_plain_prefix(std::string_view text, char* out) {
    size_t i = 0;
#if defined(__SSE2__)
    if (text.size() >= 16) {
        // The last block overlaps the one before, whose bytes are plain: the
        // first byte it finds is the first of the text.
        for (;; i += 16) {
            const size_t at = std::min(i, text.size() - 16);
            const __m128i block = byte_scan::load16(text.data() + at);
            byte_scan::store16(out + at, block);
            if (const unsigned found = byte_scan::not_plain(block); found != 0) {
                return at + static_cast<size_t>(__builtin_ctz(found));
            }
            if (at == text.size() - 16) {
                return text.size();
            }
        }
    }
#endif
    constexpr uint64_t ones = 0x0101010101010101;
    constexpr uint64_t highs = 0x8080808080808080;
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
        std::memcpy(out + i, &word, sizeof word);
    }
    while (i < text.size() && k_plain[static_cast<unsigned char>(text[i])]) {
        out[i] = text[i];
        ++i;
    }
    return i;
}

// The texts of fractional numbers printed before, by bit pattern, one table
// a thread. A review prints the same few such numbers many times: a plugin's
// breach magnitude in every risk that cites it, the same loss frequencies in
// most risks. The shortest-digits search costs several hundred instructions
// a number; a hit is a compare and a copy, and gives the same text.
class NumberTexts {
public:
    // The cached text of `bits`, or an empty view.
    std::string_view find(uint64_t bits) const {
        const Slot& slot = m_slots[index(bits)];
        return slot.bits == bits ? std::string_view(slot.text, slot.size) : std::string_view();
    }
    void keep(uint64_t bits, std::string_view text) {
        if (text.size() > sizeof(Slot::text)) {
            return;
        }
        Slot& slot = m_slots[index(bits)];
        slot.bits = bits;
        slot.size = static_cast<uint8_t>(text.size());
        std::memcpy(slot.text, text.data(), text.size());
    }

private:
    static constexpr size_t k_slots = 64;
    static size_t index(uint64_t bits) { return static_cast<size_t>((bits * 0x9E3779B97F4A7C15ULL) >> 58); }

    struct Slot {
        uint64_t bits = 0;
        uint8_t size = 0; // 0: empty (no number prints as nothing)
        char text[31] = {};
    };
    std::array<Slot, k_slots> m_slots{};
};

thread_local NumberTexts t_number_texts;

// The room made at a time. std::string fills what it adds with zeros, so
// the writer adds a little at a time rather than all of a large capacity.
constexpr size_t k_room_step = 4096;

} // namespace

JsonWriter::JsonWriter(std::string out) : m_out(std::move(out)) {
    m_at = m_end = m_out.data() + m_out.size();
}

std::string JsonWriter::take() {
    m_out.resize(static_cast<size_t>(m_at - m_out.data()));
    std::string text = std::move(m_out);
    m_out.clear();
    m_at = m_end = m_out.data();
    m_has_items.clear();
    m_after_key = false;
    return text;
}

void JsonWriter::grow(size_t n) {
    const size_t used = static_cast<size_t>(m_at - m_out.data());
    m_out.resize(used + std::max(n, k_room_step));
    m_at = m_out.data() + used;
    m_end = m_out.data() + m_out.size();
}

JsonWriter& JsonWriter::key(std::string_view name) {
    separate();
    quoted(name);
    put(':');
    m_after_key = true;
    return *this;
}

void JsonWriter::quoted(std::string_view text) {
    // Most texts are printable ASCII without quotes or backslashes: copied
    // as they are while they are scanned.
    room(text.size() + 2);
    *m_at = '"';
    const size_t plain = copy_plain_prefix(text, m_at + 1);
    if (plain == text.size()) {
        m_at += text.size() + 1;
        *m_at++ = '"';
        return;
    }
    if (invalid_utf8_at(text.substr(plain)) != std::string::npos) {
        // Never expected (inputs and contributions are checked for UTF-8);
        // printed as dump() would, with U+FFFD for the bad bytes.
        put(nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        return;
    }
    m_at += plain + 1;
    escaped(text.substr(plain));
    put('"');
}

// nlohmann's escapes with ensure_ascii off: quote, backslash and the control
// characters; every other byte as it is. A byte becomes at most six.
void JsonWriter::escaped(std::string_view text) {
    static const char k_hex[] = "0123456789abcdef";
    room(6 * text.size());
    for (const char byte : text) {
        const auto c = static_cast<unsigned char>(byte);
        if (c >= 0x20 && c != '"' && c != '\\') {
            *m_at++ = byte;
            continue;
        }
        *m_at++ = '\\';
        switch (c) {
        case '"':
        case '\\':
            *m_at++ = byte;
            break;
        case '\b':
            *m_at++ = 'b';
            break;
        case '\t':
            *m_at++ = 't';
            break;
        case '\n':
            *m_at++ = 'n';
            break;
        case '\f':
            *m_at++ = 'f';
            break;
        case '\r':
            *m_at++ = 'r';
            break;
        default:
            std::memcpy(m_at, "u00", 3);
            m_at += 3;
            *m_at++ = k_hex[c >> 4];
            *m_at++ = k_hex[c & 0xF];
        }
    }
}

JsonWriter& JsonWriter::value(bool flag) {
    separate();
    put(flag ? std::string_view("true") : std::string_view("false"));
    return *this;
}

JsonWriter& JsonWriter::null() {
    separate();
    put("null");
    return *this;
}

JsonWriter& JsonWriter::value(double number) {
    separate();
    if (!std::isfinite(number)) {
        put("null");
        return *this;
    }
    room(64);
    // Whole amounts (most costs are) print as dump() prints them, the
    // digits and ".0", without the shortest-digits search; dump() writes
    // fixed notation up to 15 digits and from there an exponent.
    if (number != 0 && std::fabs(number) < 1e15 && std::trunc(number) == number) {
        m_at = std::to_chars(m_at, m_at + 24, static_cast<int64_t>(number)).ptr;
        std::memcpy(m_at, ".0", 2);
        m_at += 2;
        return *this;
    }
    uint64_t bits = 0;
    std::memcpy(&bits, &number, sizeof bits);
    if (const std::string_view text = t_number_texts.find(bits); !text.empty()) {
        std::memcpy(m_at, text.data(), text.size());
        m_at += text.size();
        return *this;
    }
    char* const start = m_at;
    m_at = nlohmann::detail::to_chars(m_at, m_at + 64, number);
    t_number_texts.keep(bits, std::string_view(start, static_cast<size_t>(m_at - start)));
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
    put(json_text);
    return *this;
}

} // namespace fulcrum
