#include "proposal/fast_json.hpp"

#include "util/byte_scan.hpp"

#include <charconv>
#include <cmath>
#include <string>

namespace fulcrum {
namespace {

using json = nlohmann::json;

// Deeper documents go to the full parser, which keeps its stack on the heap.
constexpr size_t k_max_nesting = 128;

// Each member returns false to give up: the text is bad, or not one this
// path handles. The counts are those LimitGuard keeps (a value is one byte,
// a string or key its bytes besides), checked against the same limits.
class FastParser {
public:
    FastParser(std::string_view text, const Limits& limits)
        : m_at(text.data()), m_end(text.data() + text.size()), m_limits(limits) {}

    bool document(json& out) {
        if (!value(out, 0)) {
            return false;
        }
        skip_space();
        return m_at == m_end;
    }

private:
    void skip_space() {
        while (m_at != m_end && (*m_at == ' ' || *m_at == '\n' || *m_at == '\r' || *m_at == '\t')) {
            ++m_at;
        }
    }

    bool next_is(char c) {
        skip_space();
        if (m_at != m_end && *m_at == c) {
            ++m_at;
            return true;
        }
        return false;
    }

    // One more value, holding `bytes` bytes of text.
    bool counted(uint64_t bytes) {
        m_bytes += 1 + bytes;
        return ++m_values <= m_limits.values && m_bytes <= m_limits.proposal_bytes;
    }

    bool value(json& out, size_t depth) {
        skip_space();
        if (m_at == m_end) {
            return false;
        }
        switch (*m_at) {
        case '{':
            return object(out, depth);
        case '[':
            return array(out, depth);
        case '"': {
            std::string text;
            if (!string(text) || !counted(text.size())) {
                return false;
            }
            out = std::move(text);
            return true;
        }
        case 't':
            return literal("true", json(true), out);
        case 'f':
            return literal("false", json(false), out);
        case 'n':
            return literal("null", json(nullptr), out);
        default:
            return number(out);
        }
    }

    bool literal(std::string_view word, json v, json& out) {
        if (static_cast<size_t>(m_end - m_at) < word.size() || std::string_view(m_at, word.size()) != word ||
            !counted(0)) {
            return false;
        }
        m_at += word.size();
        out = std::move(v);
        return true;
    }

    bool open(size_t depth) {
        ++m_at;
        return depth + 1 <= m_limits.depth && depth + 1 <= k_max_nesting && counted(0);
    }

    bool object(json& out, size_t depth) {
        if (!open(depth)) {
            return false;
        }
        out = json::object();
        auto& members = *out.get_ptr<json::object_t*>();
        return items('}', [&] {
            skip_space();
            std::string key;
            if (m_at == m_end || *m_at != '"' || !string(key) || !next_is(':')) {
                return false;
            }
            m_bytes += key.size();
            if (members.size() + 1 > m_limits.array_items) {
                return false;
            }
            const auto [member, added] = members.emplace(std::move(key), json());
            return added && value(member->second, depth + 1); // a duplicate key: the full parser names it
        });
    }

    bool array(json& out, size_t depth) {
        if (!open(depth)) {
            return false;
        }
        out = json::array();
        auto& elements = *out.get_ptr<json::array_t*>();
        return items(']', [&] {
            if (elements.size() + 1 > m_limits.array_items) {
                return false;
            }
            elements.emplace_back();
            return value(elements.back(), depth + 1);
        });
    }

    // What follows a container's opening bracket: items read by `item`,
    // separated by commas, up to `close`.
    template <typename Item> bool items(char close, Item item) {
        if (next_is(close)) {
            return true;
        }
        do {
            if (!item()) {
                return false;
            }
        } while (next_is(','));
        return next_is(close);
    }

    // A string at the opening quote, into `out`; its bytes within the limit
    // and well-formed UTF-8. Escapes but \u are decoded; \u gives up.
    bool string(std::string& out) {
        const char* run = ++m_at; // the bytes not yet copied
        unsigned char high = 0;
#if defined(__SSE2__)
        // Plain bytes sixteen at a time: no quote, no backslash, nothing
        // below 0x20; bytes at or above 0x80 are noted for the UTF-8 check.
        while (m_end - m_at >= 16) {
            const unsigned stop = byte_scan::escapes(m_at);
            const unsigned before = stop == 0 ? 0xFFFFu : (1u << __builtin_ctz(stop)) - 1;
            if ((byte_scan::high(m_at) & before) != 0) {
                high = 0x80;
            }
            if (stop != 0) {
                m_at += __builtin_ctz(stop);
                break;
            }
            m_at += 16;
        }
#endif
        for (; m_at != m_end; ++m_at) {
            const auto c = static_cast<unsigned char>(*m_at);
            if (c == '"') {
                out.append(run, m_at);
                ++m_at;
                return out.size() <= m_limits.string_bytes &&
                       (high < 0x80 || invalid_utf8_at(out) == std::string::npos);
            }
            if (c < 0x20) {
                return false;
            }
            high |= c;
            if (c != '\\') {
                continue;
            }
            out.append(run, m_at);
            if (++m_at == m_end) {
                return false;
            }
            switch (*m_at) {
            case '"':
            case '\\':
            case '/':
                out += *m_at;
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            default:
                return false; // \u, or no escape at all
            }
            run = m_at + 1;
        }
        return false; // no closing quote
    }

    static bool digit(const char* at, const char* end) {
        return at != end && *at >= '0' && *at <= '9';
    }

    // JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?. A whole
    // number is unsigned, or signed when negative; up to 18 digits it cannot
    // overflow either. Any other number is a double, rounded as strtod does.
    bool number(json& out) {
        const char* start = m_at;
        const bool negative = *m_at == '-';
        m_at += negative ? 1 : 0;
        if (!digit(m_at, m_end)) {
            return false;
        }
        if (*m_at++ != '0') {
            while (digit(m_at, m_end)) {
                ++m_at;
            }
        }
        const char* whole_end = m_at;
        bool fraction_or_exponent = false;
        if (m_at != m_end && *m_at == '.') {
            if (!digit(++m_at, m_end)) {
                return false;
            }
            while (digit(m_at, m_end)) {
                ++m_at;
            }
            fraction_or_exponent = true;
        }
        if (m_at != m_end && (*m_at == 'e' || *m_at == 'E')) {
            ++m_at;
            if (m_at != m_end && (*m_at == '+' || *m_at == '-')) {
                ++m_at;
            }
            if (!digit(m_at, m_end)) {
                return false;
            }
            while (digit(m_at, m_end)) {
                ++m_at;
            }
            fraction_or_exponent = true;
        }
        if (!counted(0)) {
            return false;
        }
        if (!fraction_or_exponent) {
            const char* digits = start + (negative ? 1 : 0);
            if (whole_end - digits > 18) {
                return false;
            }
            uint64_t whole = 0;
            for (const char* d = digits; d != whole_end; ++d) {
                whole = whole * 10 + static_cast<uint64_t>(*d - '0');
            }
            out = negative ? json(-static_cast<int64_t>(whole)) : json(whole);
            return true;
        }
        double number = 0;
        const auto [end, error] = std::from_chars(start, m_at, number);
        if (error != std::errc() || end != m_at || !std::isfinite(number)) {
            return false; // out of range: the full parser refuses or rounds it
        }
        out = number;
        return true;
    }

    const char* m_at;
    const char* m_end;
    const Limits& m_limits;
    size_t m_values = 0;
    uint64_t m_bytes = 0;
};

} // namespace

std::optional<json> parse_json_fast(std::string_view text, const Limits& limits) {
    json out;
    if (!FastParser(text, limits).document(out)) {
        return std::nullopt;
    }
    return out;
}

} // namespace fulcrum
