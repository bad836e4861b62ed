// Limits on what the host accepts from outside: documents it parses (proposals,
// policies) and contributions plugins return. Each keeps a hostile input from
// exhausting memory, the stack or time; docs/security.md gives the defaults
// and why, and a policy's "limits" section changes them.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace fulcrum {

struct Limits {
    uint64_t proposal_bytes = 1024 * 1024; // one document; YAML counted after alias expansion
    size_t depth = 64;                     // arrays and objects inside one another
    size_t string_bytes = 64 * 1024;       // one string or key, in bytes of UTF-8
    size_t array_items = 10000;            // items in one array, members in one object
    size_t values = 100000;                // values in one document, after YAML alias expansion
    size_t technologies = 64;              // entries in a proposal's /technologies
    size_t contribution_benefits = 200;    // per plugin and proposal; the schema allows no more
    size_t contribution_risks = 200;
    size_t contribution_questions = 200;
};

// Reads a policy's "limits" section (`source` names the file in errors).
// Unknown keys and values outside each limit's allowed range are errors
// (fulcrum::Error, exit 3) naming /limits/<key>.
Limits read_limits(const nlohmann::json& section, const std::string& source);

// A document broke a limit or a rule every document must keep (no duplicate
// keys, finite numbers). what() is "<json pointer>: <problem>".
class DocumentProblem : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Counts what a parser builds, value by value, and throws DocumentProblem at
// the first limit crossed, so that nothing grows past a limit before it is
// refused. The parser tells it where it is with enter()/leave().
class LimitGuard {
public:
    // `label` starts each limit's name in messages: "limits." names the
    // policy setting, as in "(limits.depth)".
    explicit LimitGuard(const Limits& limits, std::string label = "limits.")
        : m_limits(limits), m_label(std::move(label)) {}

    // A value at `token` below the current container (an index or a key).
    void value(const std::string& token);
    void string(const std::string& token, size_t bytes);
    void key(const std::string& key);
    void number(const std::string& token, double value, const std::string& text);
    // Opening a container at `token`; leave() closes it.
    void enter(const std::string& token);
    void leave();
    // The container just entered is given its `count`-th item or member.
    void item(const std::string& token, size_t count);

    // "/a/b/<token>": the pointer of a value below the current container.
    std::string pointer(const std::string& token) const;
    [[noreturn]] void fail(const std::string& token, const std::string& problem) const;

private:
    void add_bytes(const std::string& token, uint64_t bytes);

    const Limits& m_limits;
    std::string m_label;
    std::vector<std::string> m_path; // tokens of the containers entered
    size_t m_values = 0;
    uint64_t m_bytes = 0;
};

// Parses JSON text within `limits`, refusing duplicate keys and numbers too
// large for a double (1e400). Syntax errors throw nlohmann's parse_error,
// limits DocumentProblem. Never recurses, so any nesting is safe to refuse.
nlohmann::json parse_json_within(std::string_view text, const Limits& limits, const std::string& label = "limits.");
// The same with nlohmann's SAX parser alone: what parse_json_within falls
// back to when its fast path (fast_json.hpp) gives up, and the reference that
// path is tested against.
nlohmann::json parse_json_full(std::string_view text, const Limits& limits, const std::string& label = "limits.");

// Parses a plugin's output within fixed limits no valid contribution comes
// near (docs/security.md) and checks the numbers of benefits, risks and
// questions against `limits`; the document, or why it was refused
// ("returned ...", as the review shows it).
std::variant<nlohmann::json, std::string> parse_contribution_text(std::string_view text, const Limits& limits);

// True when a contribution handed over as a tree (the tree ABI) stays within
// the fixed limits parse_contribution_text applies to text, its strings and
// keys are well-formed UTF-8 and its numbers finite. A cheap walk that names
// nothing: a tree that fails it goes through the text path, whose refusal
// names the limit and where it was hit.
bool tree_within_contribution_limits(const nlohmann::json& doc);

// The numbers of benefits, risks and questions against `limits`: empty, or
// the refusal ("returned a contribution past a limit at /risks: ...").
std::string contribution_count_problem(const nlohmann::json& doc, const Limits& limits);
// The same from the counts themselves (the findings ABI).
std::string contribution_count_problem(size_t benefits, size_t risks, size_t questions, const Limits& limits);

// The fixed limits within which a contribution's text is parsed: its bytes,
// depth, string bytes and number of values.
Limits contribution_limits();

// Byte offset of the first byte that is not well-formed UTF-8 (overlong forms
// and surrogates included), or std::string::npos.
size_t invalid_utf8_at(std::string_view text);

} // namespace fulcrum
