#include "proposal/limits.hpp"

#include "proposal/fast_json.hpp"
#include "util/byte_scan.hpp"
#include "util/error.hpp"
#include "util/json_path.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <tuple>
#include <vector>

namespace fulcrum {

using nlohmann::json;

namespace {

struct LimitSpec {
    const char* key;
    uint64_t min;
    uint64_t max; // beyond it a limit stops protecting (stack depth) or contradicts the schema
};

// Depth stays far below what recursive code (nlohmann's copy and dump,
// yaml-cpp's own guard at 2000) survives; contributions may not exceed the
// schema's 200 items.
const LimitSpec k_specs[] = {
    {"proposal_bytes", 1, uint64_t{1} << 30},
    {"depth", 1, 1000},
    {"string_bytes", 1, uint64_t{1} << 30},
    {"array_items", 1, 100000000},
    {"values", 1, 100000000},
    {"technologies", 1, 10000},
    {"contribution_benefits", 0, 200},
    {"contribution_risks", 0, 200},
    {"contribution_questions", 0, 200},
};

template <typename T> void set(Limits& limits, const std::string& key, T value) {
    if (key == "proposal_bytes") {
        limits.proposal_bytes = value;
    } else if (key == "depth") {
        limits.depth = value;
    } else if (key == "string_bytes") {
        limits.string_bytes = value;
    } else if (key == "array_items") {
        limits.array_items = value;
    } else if (key == "values") {
        limits.values = value;
    } else if (key == "technologies") {
        limits.technologies = value;
    } else if (key == "contribution_benefits") {
        limits.contribution_benefits = value;
    } else if (key == "contribution_risks") {
        limits.contribution_risks = value;
    } else {
        limits.contribution_questions = value;
    }
}

// The first `bytes` bytes of UTF-8 `text`, not cutting a character in two.
std::string prefix(const std::string& text, size_t bytes) {
    if (text.size() <= bytes) {
        return text;
    }
    while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) {
        --bytes;
    }
    return text.substr(0, bytes);
}

// A pointer to the 100,000th nested array or into a 60 KiB key would bury
// the message; keep both ends.
std::string shorten(const std::string& pointer) {
    constexpr size_t k_keep = 60;
    if (pointer.size() <= 2 * k_keep + 20) {
        return pointer;
    }
    size_t tail = pointer.size() - k_keep;
    while (tail < pointer.size() && (static_cast<unsigned char>(pointer[tail]) & 0xC0) == 0x80) {
        ++tail;
    }
    const std::string head = prefix(pointer, k_keep);
    return head + "...(" + std::to_string(tail - head.size()) + " bytes)..." + pointer.substr(tail);
}

// Builds the document from nlohmann's SAX events (its parser keeps its own
// stack on the heap), asking the guard before each value is added.
class Builder final : public nlohmann::json_sax<json> {
public:
    Builder(const Limits& limits, const std::string& label) : m_guard(limits, label) {}

    json root;

    bool null() override { return scalar(json(nullptr)); }
    bool boolean(bool v) override { return scalar(json(v)); }
    bool number_integer(number_integer_t v) override { return scalar(json(v)); }
    bool number_unsigned(number_unsigned_t v) override { return scalar(json(v)); }
    bool number_float(number_float_t v, const string_t& text) override {
        m_guard.number(token(), v, text);
        return scalar(json(v));
    }
    bool string(string_t& v) override {
        m_guard.string(token(), v.size());
        return scalar(json(std::move(v)));
    }
    bool binary(binary_t& /*unused*/) override { return scalar(json(nullptr)); } // JSON text has none
    bool start_object(std::size_t /*unused*/) override { return open(json::object()); }
    bool start_array(std::size_t /*unused*/) override { return open(json::array()); }
    bool key(string_t& k) override {
        m_guard.key(k);
        if (m_stack.back()->contains(k)) {
            m_guard.fail(k, "duplicate key (each key may appear once in an object)");
        }
        m_key = std::move(k);
        return true;
    }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t /*position*/, const std::string& last_token,
                     const nlohmann::detail::exception& e) override {
        // A syntax error keeps nlohmann's exception and its byte offset, for
        // line and column; the only other is a number past a double's range.
        if (const auto* syntax = dynamic_cast<const json::parse_error*>(&e)) {
            throw *syntax;
        }
        m_guard.number(token(), HUGE_VAL, last_token);
        throw DocumentProblem(e.what());
    }

private:
    // The token of the value about to be added: the next index or the key.
    std::string token() const {
        if (m_stack.empty()) {
            return "";
        }
        return m_stack.back()->is_array() ? std::to_string(m_stack.back()->size()) : m_key;
    }

    json* place(json&& v) {
        if (m_stack.empty()) {
            root = std::move(v);
            return &root;
        }
        json& parent = *m_stack.back();
        m_guard.item(token(), parent.size() + 1);
        if (parent.is_array()) {
            parent.push_back(std::move(v));
            return &parent.back();
        }
        return &(parent[m_key] = std::move(v));
    }

    bool scalar(json&& v) {
        m_guard.value(token());
        place(std::move(v));
        return true;
    }

    bool open(json&& container) {
        const std::string at = token();
        m_guard.value(at);
        json* placed = place(std::move(container));
        m_guard.enter(at);
        m_stack.push_back(placed);
        return true;
    }

    bool close() {
        m_stack.pop_back();
        m_guard.leave();
        return true;
    }

    LimitGuard m_guard;
    std::vector<json*> m_stack;
    std::string m_key;
};

} // namespace

Limits read_limits(const json& section, const std::string& source) {
    if (!section.is_object()) {
        throw input_error(source + ": /limits: expected an object of limits, got " + section.dump());
    }
    Limits limits;
    for (const auto& [key, value] : section.items()) {
        const LimitSpec* spec = nullptr;
        for (const LimitSpec& s : k_specs) {
            spec = key == s.key ? &s : spec;
        }
        if (spec == nullptr) {
            throw input_error(source + ": /limits/" + key +
                              ": unknown limit (known: proposal_bytes, depth, string_bytes, array_items, values, "
                              "technologies, contribution_benefits, contribution_risks, contribution_questions)");
        }
        const bool whole = value.is_number_unsigned() || (value.is_number_integer() && value.get<int64_t>() >= 0);
        if (!whole || value.get<uint64_t>() < spec->min || value.get<uint64_t>() > spec->max) {
            throw input_error(source + ": /limits/" + key + ": expected a whole number from " +
                              std::to_string(spec->min) + " to " + std::to_string(spec->max) + ", got " + value.dump());
        }
        set(limits, key, value.get<uint64_t>());
    }
    return limits;
}

std::string LimitGuard::pointer(const std::string& token) const {
    if (m_path.empty()) {
        return "/"; // the root value itself
    }
    std::string out;
    for (size_t i = 1; i < m_path.size(); ++i) { // m_path[0] is the root's empty token
        out += '/';
        append_pointer_token(out, m_path[i]);
    }
    out += '/';
    append_pointer_token(out, token);
    return out;
}

void LimitGuard::fail(const std::string& token, const std::string& problem) const {
    throw DocumentProblem(shorten(pointer(token)) + ": " + problem);
}

void LimitGuard::add_bytes(const std::string& token, uint64_t bytes) {
    m_bytes += bytes;
    if (m_bytes > m_limits.proposal_bytes) {
        fail(token, "the document grows past the limit of " + std::to_string(m_limits.proposal_bytes) +
                        " bytes once YAML aliases are expanded (" + m_label + "proposal_bytes)");
    }
}

void LimitGuard::value(const std::string& token) {
    if (++m_values > m_limits.values) {
        fail(token, "more than the limit of " + std::to_string(m_limits.values) + " values in one document (" +
                        m_label + "values)");
    }
    add_bytes(token, 1);
}

void LimitGuard::string(const std::string& token, size_t bytes) {
    if (bytes > m_limits.string_bytes) {
        fail(token, "a string of " + std::to_string(bytes) + " bytes, longer than the limit of " +
                        std::to_string(m_limits.string_bytes) + " (" + m_label + "string_bytes)");
    }
    add_bytes(token, bytes);
}

void LimitGuard::key(const std::string& key) {
    if (key.size() > m_limits.string_bytes) {
        fail(prefix(key, 40), "a key of " + std::to_string(key.size()) + " bytes, longer than the limit of " +
                                  std::to_string(m_limits.string_bytes) + " (" + m_label + "string_bytes)");
    }
    add_bytes(key, key.size());
}

void LimitGuard::number(const std::string& token, double value, const std::string& text) {
    if (!std::isfinite(value)) {
        fail(token, "the number " + text.substr(0, 40) +
                        " is too large for any field (numbers must be finite, at most about 1.8e308)");
    }
}

void LimitGuard::enter(const std::string& token) {
    if (m_path.size() + 1 > m_limits.depth) {
        fail(token, "nested deeper than the limit of " + std::to_string(m_limits.depth) + " arrays and objects (" +
                        m_label + "depth)");
    }
    m_path.push_back(token);
}

void LimitGuard::leave() {
    m_path.pop_back();
}

void LimitGuard::item(const std::string& token, size_t count) {
    if (count > m_limits.array_items) {
        fail(token, "more than the limit of " + std::to_string(m_limits.array_items) +
                        " items in one array or object (" + m_label + "array_items)");
    }
}

json parse_json_full(std::string_view text, const Limits& limits, const std::string& label) {
    Builder builder(limits, label);
    json::sax_parse(text.begin(), text.end(), &builder);
    return std::move(builder.root);
}

json parse_json_within(std::string_view text, const Limits& limits, const std::string& label) {
    if (auto parsed = parse_json_fast(text, limits)) {
        return std::move(*parsed);
    }
    return parse_json_full(text, limits, label);
}

// Fixed limits no valid contribution comes near. The schema's deepest path
// is /risks/0/mitigations/0/cost/one_time (6 levels), its longest string
// 4000 characters (16000 bytes of UTF-8); 200 risks with every field at its
// maximum stay below 32 MiB in practice.
Limits contribution_limits() {
    Limits fixed;
    fixed.proposal_bytes = 32 * 1024 * 1024;
    fixed.depth = 8;
    fixed.string_bytes = 16000;
    fixed.array_items = 10000;
    fixed.values = 1000000;
    return fixed;
}

std::string contribution_count_problem(size_t benefits, size_t risks, size_t questions, const Limits& limits) {
    const std::tuple<const char*, size_t, size_t> counts[] = {{"benefits", benefits, limits.contribution_benefits},
                                                              {"risks", risks, limits.contribution_risks},
                                                              {"questions", questions, limits.contribution_questions}};
    for (const auto& [kind, count, limit] : counts) {
        if (count > limit) {
            return "returned a contribution past a limit at /" + std::string(kind) + ": " + std::to_string(count) +
                   " " + kind + ", more than the limit of " + std::to_string(limit) + " (limits.contribution_" + kind +
                   ")";
        }
    }
    return {};
}

std::string contribution_count_problem(const json& doc, const Limits& limits) {
    auto count = [&](const char* kind) -> size_t {
        const auto it = doc.find(kind); // end() when doc is no object
        return it != doc.end() && it->is_array() ? it->size() : 0;
    };
    return contribution_count_problem(count("benefits"), count("risks"), count("questions"), limits);
}

std::variant<json, std::string> parse_contribution_text(std::string_view text, const Limits& limits) {
    const Limits fixed = contribution_limits();
    const std::string label = "fixed contribution limit: ";
    if (text.size() > fixed.proposal_bytes) {
        return "returned " + std::to_string(text.size()) + " bytes, more than the limit of " +
               std::to_string(fixed.proposal_bytes) + " (" + label + "bytes)";
    }
    json doc;
    try {
        doc = parse_json_within(text, fixed, label);
    } catch (const json::exception& e) {
        return std::string("returned text that is not JSON: ") + e.what();
    } catch (const DocumentProblem& e) {
        return std::string("returned a contribution past a limit at ") + e.what();
    }
    if (std::string problem = contribution_count_problem(doc, limits); !problem.empty()) {
        return problem;
    }
    return doc;
}

bool tree_within_contribution_limits(const json& doc) {
    const Limits fixed = contribution_limits();
    uint64_t values = 0;
    uint64_t bytes = 0; // at least what the text would take
    auto fits_string = [&](const std::string& s) {
        bytes += s.size();
        return s.size() <= fixed.string_bytes && invalid_utf8_at(s) == std::string::npos;
    };
    // Each level: the container and how far through its items the walk is.
    struct Level {
        const json* container;
        json::const_iterator next;
    };
    std::vector<Level> stack;
    auto visit = [&](const json& v) {
        ++values;
        bytes += 1;
        switch (v.type()) {
        case json::value_t::string:
            return fits_string(v.get_ref<const std::string&>());
        case json::value_t::number_float:
            return std::isfinite(v.get<double>());
        case json::value_t::object:
        case json::value_t::array:
            if (stack.size() + 1 > fixed.depth || v.size() > fixed.array_items) {
                return false;
            }
            stack.push_back({&v, v.cbegin()});
            return true;
        case json::value_t::binary:
        case json::value_t::discarded:
            return false; // text cannot carry them
        default:
            return true;
        }
    };
    if (!visit(doc)) {
        return false;
    }
    while (!stack.empty()) {
        Level& level = stack.back();
        if (level.next == level.container->cend()) {
            stack.pop_back();
            continue;
        }
        const auto item = level.next++;
        if (level.container->is_object() && !fits_string(item.key())) {
            return false;
        }
        if (!visit(*item) || values > fixed.values || bytes > fixed.proposal_bytes) {
            return false;
        }
    }
    return true;
}

namespace {

// True when no byte is at or above 0x80, as most texts are: sixteen bytes at
// a time where SSE2 is there (every x86-64), the last block overlapping the
// one before so that no byte is left for a slower loop; else in words.
bool ascii_only(const unsigned char* s, size_t n) {
#if defined(__SSE2__)
    if (n >= 16) {
        for (size_t i = 0;; i += 16) {
            const size_t at = std::min(i, n - 16);
            if (byte_scan::high(reinterpret_cast<const char*>(s) + at) != 0) {
                return false;
            }
            if (at == n - 16) {
                return true;
            }
        }
    }
#endif
    uint64_t any = 0;
    size_t i = 0;
    for (uint64_t word = 0; i + 8 <= n; i += 8) {
        std::memcpy(&word, s + i, 8);
        any |= word;
    }
    for (; i < n; ++i) {
        any |= s[i];
    }
    return (any & 0x8080808080808080ULL) == 0;
}

} // namespace

size_t invalid_utf8_at(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const size_t n = text.size();
    if (ascii_only(s, n)) {
        return std::string::npos;
    }
    size_t i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            // ASCII runs eight bytes at a time.
            for (uint64_t word = 0; i + 8 <= n; i += 8) {
                std::memcpy(&word, s + i, 8);
                if ((word & 0x8080808080808080ULL) != 0) {
                    break;
                }
            }
            continue;
        }
        size_t length = 0;
        unsigned char low = 0x80; // the second byte's range rules out overlong forms and surrogates
        unsigned char high = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            low = c == 0xE0 ? 0xA0 : 0x80;
            high = c == 0xED ? 0x9F : 0xBF;
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            low = c == 0xF0 ? 0x90 : 0x80;
            high = c == 0xF4 ? 0x8F : 0xBF;
        } else {
            return i;
        }
        if (i + length > n || s[i + 1] < low || s[i + 1] > high) {
            return i;
        }
        for (size_t k = 2; k < length; ++k) {
            if (s[i + k] < 0x80 || s[i + k] > 0xBF) {
                return i;
            }
        }
        i += length;
    }
    return std::string::npos;
}

} // namespace fulcrum
