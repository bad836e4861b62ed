// The contribution reader's parts, shared by the reading of JSON
// (contribution.cpp) and of C++ values (contribution_values.cpp): where the
// reader is, the checks of the contribution schema, and what follows them.
// Internal to host/src/plugin.
#pragma once

#include "model/findings.hpp"
#include "util/json_path.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace fulcrum::contribution_reading {

using nlohmann::json;

// The contribution schema, checked by hand while converting: one pass, no
// regular expressions, errors named by JSON pointer. It enforces exactly
// what docs/schema/contribution.schema.json says (a test runs both on the
// same documents); valijson did the same at about 40 times the cost, which
// dominated batch reviews (docs/performance.md). The document is the
// reader's own: each string, once checked, is moved into the findings.
class Reader {
public:
    struct Failure : std::runtime_error {
        using std::runtime_error::runtime_error;
    };

    [[noreturn]] void fail(const Path& path, const std::string& what) const {
        const std::string pointer = path.str();
        throw Failure((pointer.empty() ? "/" : pointer) + ": " + what);
    }

    json& field(json& obj, const Path& path, std::string_view key) const {
        auto it = obj.find(key); // a string_view: no strlen for each comparison
        if (it == obj.end()) {
            fail(path, "missing required property '" + std::string(key) + "'");
        }
        return *it;
    }

    json& object(json& v, const Path& path) const {
        if (!v.is_object()) {
            fail(path, "expected an object");
        }
        return v;
    }

    json& array(json& v, const Path& path, size_t min, size_t max) const {
        if (!v.is_array()) {
            fail(path, "expected an array");
        }
        count(v.size(), path, min, max);
        return v;
    }

    // A member the schema requires, given as C++ values (the findings ABI).
    template <typename T> T& required(std::optional<T>& v, const Path& path, std::string_view key) const {
        if (!v) {
            fail(path, "missing required property '" + std::string(key) + "'");
        }
        return *v;
    }

    void count(size_t n, const Path& path, size_t min, size_t max) const {
        if (n < min) {
            fail(path, "expected at least " + std::to_string(min) + " item(s)");
        }
        if (n > max) {
            fail(path, "expected at most " + std::to_string(max) + " items, got " + std::to_string(n));
        }
    }

    // Each check below takes a JSON value, whose type it checks first, or
    // the C++ value itself (the findings ABI).
    std::string& text(json& v, const Path& path, size_t min, size_t max) const {
        if (!v.is_string()) {
            fail(path, "expected a string");
        }
        return text(v.get_ref<std::string&>(), path, min, max);
    }

    std::string& text(std::string& s, const Path& path, size_t min, size_t max) const {
        const bool starts_a_character = !s.empty() && (static_cast<unsigned char>(s[0]) & 0xC0) != 0x80;
        if (s.size() <= max && (min == 0 || (min == 1 && starts_a_character))) {
            return s; // no more bytes than allowed, so no more characters; and at least one when needed
        }
        size_t code_points = 0;
        for (unsigned char c : s) {
            code_points += (c & 0xC0) != 0x80 ? 1 : 0;
        }
        if (code_points < min) {
            fail(path, "expected a non-empty string");
        }
        if (code_points > max) {
            fail(path, "expected at most " + std::to_string(max) + " characters");
        }
        return s;
    }

    int integer(json& v, const Path& path, int min, int max) const {
        if (!v.is_number_integer()) {
            fail(path, "expected an integer from " + std::to_string(min) + " to " + std::to_string(max));
        }
        const bool in_range = v.is_number_unsigned() ? v.get<uint64_t>() <= static_cast<uint64_t>(max) &&
                                                           v.get<uint64_t>() >= static_cast<uint64_t>(std::max(min, 0))
                                                     : v.get<int64_t>() >= min && v.get<int64_t>() <= max;
        if (!in_range) {
            fail(path, "expected an integer from " + std::to_string(min) + " to " + std::to_string(max));
        }
        return v.get<int>();
    }

    int integer(int v, const Path& path, int min, int max) const {
        if (v < min || v > max) {
            fail(path, "expected an integer from " + std::to_string(min) + " to " + std::to_string(max));
        }
        return v;
    }

    // Money, rates and ranges, up to 1e18 (a proposal's amounts stop at 1e15,
    // and a plugin may multiply them): a review's figures and the portfolio's
    // sums of them stay finite, and every record a batch writes is one that
    // fulcrum portfolio reads back.
    static constexpr double k_max_amount = 1e18;
    static constexpr const char* k_amount_expected = "expected a non-negative number no larger than 1e18";

    double amount(json& v, const Path& path) const {
        if (!v.is_number()) {
            fail(path, k_amount_expected);
        }
        return amount(v.get<double>(), path);
    }

    double amount(double v, const Path& path) const {
        if (!(v >= 0 && v <= k_max_amount)) {
            fail(path, k_amount_expected);
        }
        return v;
    }

    // ^[a-z0-9][a-z0-9_-]*\.[a-z0-9][a-z0-9._-]*$, at most 128 characters.
    std::string& rule_id(json& v, const Path& path) const { return rule_id(text(v, path, 1, 128), path); }

    std::string& rule_id(std::string& s, const Path& path) const {
        text(s, path, 1, 128);
        const size_t dot = s.find('.');
        // <plugin>: [a-z0-9][a-z0-9_-]*, then <name>: [a-z0-9][a-z0-9_.-]*
        if (dot == std::string::npos || !made_of(std::string_view(s).substr(0, dot), k_underscore | k_dash) ||
            !made_of(std::string_view(s).substr(dot + 1), k_underscore | k_dash | k_dot)) {
            fail(path, "expected a rule id '<plugin>.<name>' in lower case, got '" + s + "'");
        }
        return s;
    }

    // ^[a-z0-9][a-z0-9<extra>]*$ with the given extra characters (of "_.-").
    std::string& token(json& v, const Path& path, const char* extra, size_t max) const {
        return token(text(v, path, 1, max), path, extra, max);
    }

    std::string& token(std::string& s, const Path& path, const char* extra, size_t max) const {
        text(s, path, 1, max);
        uint8_t allowed = 0;
        for (const char* c = extra; *c != '\0'; ++c) {
            allowed |= *c == '_' ? k_underscore : *c == '-' ? k_dash : *c == '.' ? k_dot : 0;
        }
        if (!made_of(s, allowed)) {
            fail(path, "expected lower-case letters, digits and '" + std::string(extra) + "', got '" + s + "'");
        }
        return s;
    }

    // A JSON pointer: empty, or '/'-separated tokens where '~' is only '~0' or '~1'.
    std::string& pointer(json& v, const Path& path) const { return pointer(text(v, path, 0, 512), path); }

    std::string& pointer(std::string& s, const Path& path) const {
        text(s, path, 0, 512);
        bool good = s.empty() || s[0] == '/';
        for (size_t i = 0; good && i < s.size(); ++i) {
            if (s[i] == '~') {
                good = i + 1 < s.size() && (s[i + 1] == '0' || s[i + 1] == '1');
            }
        }
        if (!good) {
            fail(path, "expected a JSON pointer such as /data/records, got '" + s + "'");
        }
        return s;
    }

    Range range(json& v, const Path& path) const {
        object(v, path);
        return {amount(field(v, path, "low"), path.child("low")),
                amount(field(v, path, "likely"), path.child("likely")),
                amount(field(v, path, "high"), path.child("high"))};
    }

    std::vector<std::string> pointers(json& v, const Path& path) const {
        array(v, path, 1, 32);
        std::vector<std::string> out;
        out.reserve(v.size());
        for (size_t i = 0; i < v.size(); ++i) {
            out.push_back(std::move(pointer(v[i], path.item(i))));
        }
        return out;
    }

    std::vector<std::string> pointers(std::vector<std::string>& v, const Path& path) const {
        count(v.size(), path, 1, 32);
        for (size_t i = 0; i < v.size(); ++i) {
            pointer(v[i], path.item(i));
        }
        return std::move(v);
    }

    Refs refs(json& v, const Path& path) const {
        object(v, path);
        Refs out;
        out.reserve(v.size());
        for (auto& [framework, ids] : v.items()) {
            const Path framework_path = path.child(framework);
            array(ids, framework_path, 0, 32);
            std::vector<std::string>& kept = out.emplace_back(framework, std::vector<std::string>()).second;
            kept.reserve(ids.size());
            for (size_t i = 0; i < ids.size(); ++i) {
                kept.push_back(std::move(text(ids[i], framework_path.item(i), 1, 64)));
            }
        }
        return out; // in order of framework: a JSON object's members are sorted
    }

    // The same given as C++ values: read as their JSON object would be.
    Refs refs(Refs v, const Path& path) const {
        Refs out = normalized_refs(std::move(v));
        for (auto& [framework, ids] : out) {
            const Path framework_path = path.child(framework);
            count(ids.size(), framework_path, 0, 32);
            for (size_t i = 0; i < ids.size(); ++i) {
                text(ids[i], framework_path.item(i), 1, 64);
            }
        }
        return out;
    }

private:
    // The bytes ids and tokens are made of, by class: one table lookup a byte.
    enum : uint8_t { k_lower_or_digit = 1, k_underscore = 2, k_dash = 4, k_dot = 8 };
    static constexpr std::array<uint8_t, 256> k_classes = [] {
        std::array<uint8_t, 256> classes{};
        for (int c = 'a'; c <= 'z'; ++c) {
            classes[static_cast<size_t>(c)] = k_lower_or_digit;
        }
        for (int c = '0'; c <= '9'; ++c) {
            classes[static_cast<size_t>(c)] = k_lower_or_digit;
        }
        classes['_'] = k_underscore;
        classes['-'] = k_dash;
        classes['.'] = k_dot;
        return classes;
    }();

    // A lower-case letter or digit, then bytes of that class or of `extra`.
    static bool made_of(std::string_view s, uint8_t extra) {
        if (s.empty() || k_classes[static_cast<unsigned char>(s[0])] != k_lower_or_digit) {
            return false;
        }
        const uint8_t allowed = k_lower_or_digit | extra;
        for (const char c : s.substr(1)) {
            if ((k_classes[static_cast<unsigned char>(c)] & allowed) == 0) {
                return false;
            }
        }
        return true;
    }
};

inline const char* const k_dimensions[] = {"efficiency", "customer_experience", "competitive_advantage",
                                           "growth",     "cost_reduction",      "resilience",
                                           "compliance"};

// The checks the schema cannot express (rule ids under the plugin's own id,
// ordered ranges, residual risk no worse than inherent), after the schema's.
std::variant<Contribution, std::string> semantically_checked(Contribution contribution, const std::string& plugin_id);

// Runs `read` (one of the schema readers) and then the checks above; a
// schema failure becomes the refusal, as the review shows it.
template <typename Read> std::variant<Contribution, std::string> checked(Read&& read, const std::string& plugin_id) {
    Contribution contribution;
    try {
        contribution = read(Reader{});
    } catch (const Reader::Failure& e) {
        return std::string("returned a contribution that fails the contribution schema at ") + e.what();
    }
    return semantically_checked(std::move(contribution), plugin_id);
}

} // namespace fulcrum::contribution_reading
