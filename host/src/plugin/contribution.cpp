#include "plugin/contribution.hpp"

#include "proposal/limits.hpp"

#include <cmath>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string_view>

namespace fulcrum {

extern const char* const k_contribution_schema_text; // generated from docs/schema

const nlohmann::json& contribution_schema() {
    static const nlohmann::json schema = nlohmann::json::parse(k_contribution_schema_text);
    return schema;
}

namespace {

using nlohmann::json;

// Where the reader is in the contribution, as a chain of the callers' own
// frames: "/risks/3/mitigations/0/cost". It is printed only when something
// fails, so a contribution that passes builds no pointer text at all.
class Path {
public:
    Path() = default;
    Path child(std::string_view key) const { return Path(this, key, 0); }
    Path item(size_t index) const { return Path(this, {}, index); }

    std::string str() const {
        std::string out = m_parent != nullptr ? m_parent->str() : std::string();
        if (m_parent != nullptr) {
            out += '/';
            out += m_key.data() != nullptr ? std::string(m_key) : std::to_string(m_index);
        }
        return out;
    }

private:
    Path(const Path* parent, std::string_view key, size_t index) : m_parent(parent), m_key(key), m_index(index) {}

    const Path* m_parent = nullptr;
    std::string_view m_key; // a member's name; an item when it has no data
    size_t m_index = 0;
};

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

    double amount(json& v, const Path& path) const {
        if (!v.is_number()) {
            fail(path, "expected a non-negative number");
        }
        return amount(v.get<double>(), path);
    }

    double amount(double v, const Path& path) const {
        if (!(v >= 0) || !std::isfinite(v)) {
            fail(path, "expected a non-negative number");
        }
        return v;
    }

    // ^[a-z0-9][a-z0-9_-]*\.[a-z0-9][a-z0-9._-]*$, at most 128 characters.
    std::string& rule_id(json& v, const Path& path) const { return rule_id(text(v, path, 1, 128), path); }

    std::string& rule_id(std::string& s, const Path& path) const {
        text(s, path, 1, 128);
        const size_t dot = s.find('.');
        auto ok = [&](size_t from, size_t to, bool dots) {
            if (from >= to || !lower_or_digit(s[from])) {
                return false;
            }
            for (size_t i = from + 1; i < to; ++i) {
                if (!lower_or_digit(s[i]) && s[i] != '_' && s[i] != '-' && !(dots && s[i] == '.')) {
                    return false;
                }
            }
            return true;
        };
        if (dot == std::string::npos || !ok(0, dot, false) || !ok(dot + 1, s.size(), true)) {
            fail(path, "expected a rule id '<plugin>.<name>' in lower case, got '" + s + "'");
        }
        return s;
    }

    // ^[a-z0-9][a-z0-9<extra>]*$ with the given extra characters.
    std::string& token(json& v, const Path& path, const char* extra, size_t max) const {
        return token(text(v, path, 1, max), path, extra, max);
    }

    std::string& token(std::string& s, const Path& path, const char* extra, size_t max) const {
        text(s, path, 1, max);
        bool good = lower_or_digit(s[0]);
        for (size_t i = 1; good && i < s.size(); ++i) {
            good = lower_or_digit(s[i]) || std::strchr(extra, s[i]) != nullptr;
        }
        if (!good) {
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

    json& refs(json& v, const Path& path) const {
        object(v, path);
        for (const auto& [framework, ids] : v.items()) {
            const Path framework_path = path.child(framework);
            array(ids, framework_path, 0, 32);
            for (size_t i = 0; i < ids.size(); ++i) {
                text(ids[i], framework_path.item(i), 1, 64);
            }
        }
        return v;
    }

private:
    static bool lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
};

const char* const k_dimensions[] = {"efficiency", "customer_experience", "competitive_advantage",
                                    "growth",     "cost_reduction",      "resilience",
                                    "compliance"};

Mitigation read_mitigation(const Reader& r, json& m, const Path& path) {
    r.object(m, path);
    Mitigation out;
    out.id = std::move(r.token(r.field(m, path, "id"), path.child("id"), "_.-", 64));
    out.title = std::move(r.text(r.field(m, path, "title"), path.child("title"), 1, 4000));
    if (auto it = m.find("control"); it != m.end()) {
        out.control = std::move(r.text(*it, path.child("control"), 0, 64));
    }
    const Path cost_path = path.child("cost");
    json& cost = r.object(r.field(m, path, "cost"), cost_path);
    out.cost = {r.amount(r.field(cost, cost_path, "one_time"), cost_path.child("one_time")),
                r.amount(r.field(cost, cost_path, "annual"), cost_path.child("annual"))};
    const Path residual_path = path.child("residual");
    json& residual = r.object(r.field(m, path, "residual"), residual_path);
    out.residual_likelihood =
        r.integer(r.field(residual, residual_path, "likelihood"), residual_path.child("likelihood"), 1, 5);
    out.residual_impact = r.integer(r.field(residual, residual_path, "impact"), residual_path.child("impact"), 1, 5);
    return out;
}

Risk read_risk(const Reader& r, json& v, const Path& path, const std::string& plugin_id) {
    r.object(v, path);
    Risk out;
    out.id = std::move(r.rule_id(r.field(v, path, "id"), path.child("id")));
    out.plugin = plugin_id;
    out.raised_by = {plugin_id};
    out.title = std::move(r.text(r.field(v, path, "title"), path.child("title"), 1, 4000));
    out.likelihood = r.integer(r.field(v, path, "likelihood"), path.child("likelihood"), 1, 5);
    out.impact = r.integer(r.field(v, path, "impact"), path.child("impact"), 1, 5);
    out.rationale = std::move(r.text(r.field(v, path, "rationale"), path.child("rationale"), 1, 4000));
    out.evidence = r.pointers(r.field(v, path, "evidence"), path.child("evidence"));
    out.refs = std::move(r.refs(r.field(v, path, "refs"), path.child("refs")));
    if (auto it = v.find("concern"); it != v.end()) {
        out.concern = std::move(r.token(*it, path.child("concern"), "_-", 64));
    }
    const Path mitigations_path = path.child("mitigations");
    json& mitigations = r.array(r.field(v, path, "mitigations"), mitigations_path, 1, 32);
    out.mitigations.reserve(mitigations.size());
    for (size_t i = 0; i < mitigations.size(); ++i) {
        out.mitigations.push_back(read_mitigation(r, mitigations[i], mitigations_path.item(i)));
    }
    if (auto it = v.find("fair"); it != v.end()) {
        const Path fair_path = path.child("fair");
        r.object(*it, fair_path);
        out.fair = FairInputs{r.range(r.field(*it, fair_path, "frequency"), fair_path.child("frequency")),
                              r.range(r.field(*it, fair_path, "magnitude"), fair_path.child("magnitude"))};
    }
    return out;
}

Benefit read_benefit(const Reader& r, json& v, const Path& path, const std::string& plugin_id) {
    r.object(v, path);
    Benefit out;
    out.id = std::move(r.rule_id(r.field(v, path, "id"), path.child("id")));
    out.plugin = plugin_id;
    out.title = std::move(r.text(r.field(v, path, "title"), path.child("title"), 1, 4000));
    json& dimension = r.field(v, path, "dimension");
    bool known = false;
    for (const char* d : k_dimensions) {
        known = known || (dimension.is_string() && dimension.get_ref<const std::string&>() == d);
    }
    if (!known) {
        r.fail(path.child("dimension"), "expected a benefit dimension (efficiency, customer_experience, ...)");
    }
    out.dimension = dimension.get<std::string>();
    out.score = r.integer(r.field(v, path, "score"), path.child("score"), 0, 100);
    out.rationale = std::move(r.text(r.field(v, path, "rationale"), path.child("rationale"), 1, 4000));
    out.evidence = r.pointers(r.field(v, path, "evidence"), path.child("evidence"));
    if (auto it = v.find("annual_value"); it != v.end()) {
        out.annual_value = r.range(*it, path.child("annual_value"));
    }
    return out;
}

Contribution read(const Reader& r, json& doc, const std::string& plugin_id) {
    const Path root;
    r.object(doc, root);
    for (const auto& [key, value] : doc.items()) {
        if (key != "benefits" && key != "risks" && key != "questions") {
            r.fail(root.child(key), "unexpected property (a contribution has benefits, risks and questions only)");
        }
    }
    Contribution out;
    const Path benefits_path = root.child("benefits");
    json& benefits = r.array(r.field(doc, root, "benefits"), benefits_path, 0, 200);
    out.benefits.reserve(benefits.size());
    for (size_t i = 0; i < benefits.size(); ++i) {
        out.benefits.push_back(read_benefit(r, benefits[i], benefits_path.item(i), plugin_id));
    }
    const Path risks_path = root.child("risks");
    json& risks = r.array(r.field(doc, root, "risks"), risks_path, 0, 200);
    out.risks.reserve(risks.size());
    for (size_t i = 0; i < risks.size(); ++i) {
        out.risks.push_back(read_risk(r, risks[i], risks_path.item(i), plugin_id));
    }
    const Path questions_path = root.child("questions");
    json& questions = r.array(r.field(doc, root, "questions"), questions_path, 0, 200);
    out.questions.reserve(questions.size());
    for (size_t i = 0; i < questions.size(); ++i) {
        const Path path = questions_path.item(i);
        json& q = r.object(questions[i], path);
        out.questions.push_back({std::move(r.rule_id(r.field(q, path, "rule"), path.child("rule"))), plugin_id,
                                 std::move(r.pointer(r.field(q, path, "field"), path.child("field"))),
                                 std::move(r.text(r.field(q, path, "text"), path.child("text"), 1, 4000))});
    }
    return out;
}

// The findings ABI: the same reading, in the same order, on C++ values.
// Only types cannot go wrong here; every other check is the JSON reader's own.
namespace values = sdk::findings;

Mitigation read_mitigation(const Reader& r, values::Mitigation& m, const Path& path) {
    Mitigation out;
    out.id = std::move(r.token(m.id, path.child("id"), "_.-", 64));
    out.title = std::move(r.text(m.title, path.child("title"), 1, 4000));
    if (m.control) {
        out.control = std::move(r.text(*m.control, path.child("control"), 0, 64));
    }
    const Path cost_path = path.child("cost");
    const values::Cost& cost = r.required(m.cost, path, "cost");
    out.cost = {r.amount(cost.one_time, cost_path.child("one_time")), r.amount(cost.annual, cost_path.child("annual"))};
    const Path residual_path = path.child("residual");
    const values::Residual& residual = r.required(m.residual, path, "residual");
    out.residual_likelihood = r.integer(residual.likelihood, residual_path.child("likelihood"), 1, 5);
    out.residual_impact = r.integer(residual.impact, residual_path.child("impact"), 1, 5);
    return out;
}

Range read_range(const Reader& r, const sdk::Range& v, const Path& path) {
    return {r.amount(v.low, path.child("low")), r.amount(v.likely, path.child("likely")),
            r.amount(v.high, path.child("high"))};
}

Risk read_risk(const Reader& r, values::Risk& v, const Path& path, const std::string& plugin_id) {
    Risk out;
    out.id = std::move(r.rule_id(v.id, path.child("id")));
    out.plugin = plugin_id;
    out.raised_by = {plugin_id};
    out.title = std::move(r.text(v.title, path.child("title"), 1, 4000));
    out.likelihood = r.integer(r.required(v.likelihood, path, "likelihood"), path.child("likelihood"), 1, 5);
    out.impact = r.integer(r.required(v.impact, path, "impact"), path.child("impact"), 1, 5);
    out.rationale = std::move(r.text(r.required(v.rationale, path, "rationale"), path.child("rationale"), 1, 4000));
    out.evidence = r.pointers(v.evidence, path.child("evidence"));
    json refs = sdk::refs_to_json(v.refs); // the model keeps JSON; a repeated framework counts once, as in JSON
    out.refs = std::move(r.refs(refs, path.child("refs")));
    if (v.concern) {
        out.concern = std::move(r.token(*v.concern, path.child("concern"), "_-", 64));
    }
    const Path mitigations_path = path.child("mitigations");
    r.count(v.mitigations.size(), mitigations_path, 1, 32);
    out.mitigations.reserve(v.mitigations.size());
    for (size_t i = 0; i < v.mitigations.size(); ++i) {
        out.mitigations.push_back(read_mitigation(r, v.mitigations[i], mitigations_path.item(i)));
    }
    if (v.fair) {
        const Path fair_path = path.child("fair");
        out.fair = FairInputs{read_range(r, v.fair->frequency, fair_path.child("frequency")),
                              read_range(r, v.fair->magnitude, fair_path.child("magnitude"))};
    }
    return out;
}

Benefit read_benefit(const Reader& r, values::Benefit& v, const Path& path, const std::string& plugin_id) {
    Benefit out;
    out.id = std::move(r.rule_id(v.id, path.child("id")));
    out.plugin = plugin_id;
    out.title = std::move(r.text(v.title, path.child("title"), 1, 4000));
    bool known = false;
    for (const char* d : k_dimensions) {
        known = known || v.dimension == d;
    }
    if (!known) {
        r.fail(path.child("dimension"), "expected a benefit dimension (efficiency, customer_experience, ...)");
    }
    out.dimension = std::move(v.dimension);
    out.score = r.integer(r.required(v.score, path, "score"), path.child("score"), 0, 100);
    out.rationale = std::move(r.text(r.required(v.rationale, path, "rationale"), path.child("rationale"), 1, 4000));
    out.evidence = r.pointers(v.evidence, path.child("evidence"));
    if (v.annual_value) {
        out.annual_value = read_range(r, *v.annual_value, path.child("annual_value"));
    }
    return out;
}

Contribution read(const Reader& r, values::Contribution& in, const std::string& plugin_id) {
    const Path root;
    Contribution out;
    const Path benefits_path = root.child("benefits");
    r.count(in.benefits.size(), benefits_path, 0, 200);
    out.benefits.reserve(in.benefits.size());
    for (size_t i = 0; i < in.benefits.size(); ++i) {
        out.benefits.push_back(read_benefit(r, in.benefits[i], benefits_path.item(i), plugin_id));
    }
    const Path risks_path = root.child("risks");
    r.count(in.risks.size(), risks_path, 0, 200);
    out.risks.reserve(in.risks.size());
    for (size_t i = 0; i < in.risks.size(); ++i) {
        out.risks.push_back(read_risk(r, in.risks[i], risks_path.item(i), plugin_id));
    }
    const Path questions_path = root.child("questions");
    r.count(in.questions.size(), questions_path, 0, 200);
    out.questions.reserve(in.questions.size());
    for (size_t i = 0; i < in.questions.size(); ++i) {
        const Path path = questions_path.item(i);
        values::Question& q = in.questions[i];
        out.questions.push_back({std::move(r.rule_id(q.rule, path.child("rule"))), plugin_id,
                                 std::move(r.pointer(q.field, path.child("field"))),
                                 std::move(r.text(q.text, path.child("text"), 1, 4000))});
    }
    return out;
}

// Whether the values stay within the fixed limits a contribution's text is
// parsed within, with well-formed UTF-8 and finite numbers: the walk
// tree_within_contribution_limits makes of a tree. Names nothing; values that
// fail it go through their JSON.
class LimitWalk {
public:
    bool contribution(const values::Contribution& c) {
        return add(3) && all(c.benefits, &LimitWalk::benefit) && all(c.risks, &LimitWalk::risk) &&
               all(c.questions, &LimitWalk::question);
    }

private:
    template <typename T> bool all(const std::vector<T>& items, bool (LimitWalk::*one)(const T&)) {
        if (items.size() > m_fixed.array_items || !add(1)) {
            return false;
        }
        for (const T& item : items) {
            if (!(this->*one)(item)) {
                return false;
            }
        }
        return true;
    }
    bool add(uint64_t count) {
        m_values += count;
        m_bytes += count;
        return m_values <= m_fixed.values && m_bytes <= m_fixed.proposal_bytes;
    }
    bool text(const std::string& s) {
        m_bytes += s.size();
        return add(1) && s.size() <= m_fixed.string_bytes && invalid_utf8_at(s) == std::string::npos;
    }
    bool text(const std::optional<std::string>& s) { return !s || text(*s); }
    bool texts(const std::vector<std::string>& items) { return all(items, &LimitWalk::text); }
    bool number(double v) { return add(1) && std::isfinite(v); }
    bool range(const sdk::Range& v) { return add(1) && number(v.low) && number(v.likely) && number(v.high); }

    bool mitigation(const values::Mitigation& m) {
        return add(6) && text(m.id) && text(m.title) && text(m.control) &&
               (!m.cost || (number(m.cost->one_time) && number(m.cost->annual)));
    }
    bool risk(const values::Risk& r) {
        if (!add(6) || !text(r.id) || !text(r.title) || !text(r.rationale) || !text(r.concern) || !texts(r.evidence) ||
            !all(r.mitigations, &LimitWalk::mitigation) ||
            (r.fair && !(range(r.fair->frequency) && range(r.fair->magnitude)))) {
            return false;
        }
        for (const auto& [framework, ids] : r.refs) {
            if (!text(framework) || !texts(ids)) {
                return false;
            }
        }
        return true;
    }
    bool benefit(const values::Benefit& b) {
        return add(4) && text(b.id) && text(b.title) && text(b.dimension) && text(b.rationale) && texts(b.evidence) &&
               (!b.annual_value || range(*b.annual_value));
    }
    bool question(const values::Question& q) { return add(1) && text(q.rule) && text(q.field) && text(q.text); }

    const Limits m_fixed = contribution_limits();
    uint64_t m_values = 0;
    uint64_t m_bytes = 0;
};

bool ordered(const Range& r) {
    return r.low <= r.likely && r.likely <= r.high;
}

// Checks the schema cannot express; returns the first problem or "".
std::string semantic_problem(const Contribution& c, const std::string& plugin_id) {
    const std::string prefix = plugin_id + ".";
    auto outside = [&](const std::string& id) { return id.compare(0, prefix.size(), prefix) != 0; };
    auto not_ours = [&](const std::string& where, const std::string& id) {
        return where + ": rule id '" + id + "' is not under the plugin's id '" + plugin_id + "'";
    };
    for (size_t i = 0; i < c.benefits.size(); ++i) {
        if (outside(c.benefits[i].id)) {
            return not_ours("/benefits/" + std::to_string(i), c.benefits[i].id);
        }
        if (c.benefits[i].annual_value && !ordered(*c.benefits[i].annual_value)) {
            return "/benefits/" + std::to_string(i) + "/annual_value: expected low <= likely <= high";
        }
    }
    for (size_t i = 0; i < c.risks.size(); ++i) {
        const Risk& risk = c.risks[i];
        const std::string ptr = "/risks/" + std::to_string(i);
        if (outside(risk.id)) {
            return not_ours(ptr, risk.id);
        }
        for (size_t m = 0; m < risk.mitigations.size(); ++m) {
            const Mitigation& mit = risk.mitigations[m];
            if (mit.residual_likelihood > risk.likelihood || mit.residual_impact > risk.impact) {
                return ptr + "/mitigations/" + std::to_string(m) +
                       "/residual: a mitigation leaves more risk than the risk has";
            }
        }
        if (risk.fair && !ordered(risk.fair->frequency)) {
            return ptr + "/fair/frequency: expected low <= likely <= high";
        }
        if (risk.fair && !ordered(risk.fair->magnitude)) {
            return ptr + "/fair/magnitude: expected low <= likely <= high";
        }
    }
    for (size_t i = 0; i < c.questions.size(); ++i) {
        if (outside(c.questions[i].rule)) {
            return not_ours("/questions/" + std::to_string(i), c.questions[i].rule);
        }
    }
    return {};
}

} // namespace

namespace {

std::variant<Contribution, std::string> semantically_checked(Contribution contribution, const std::string& plugin_id) {
    if (std::string problem = semantic_problem(contribution, plugin_id); !problem.empty()) {
        return "returned an invalid contribution at " + problem;
    }
    return contribution;
}

// Consumes `doc`: the strings it reads are moved out, not copied.
std::variant<Contribution, std::string> checked(json& doc, const std::string& plugin_id) {
    Contribution contribution;
    try {
        contribution = read(Reader{}, doc, plugin_id);
    } catch (const Reader::Failure& e) {
        return std::string("returned a contribution that fails the contribution schema at ") + e.what();
    }
    return semantically_checked(std::move(contribution), plugin_id);
}

} // namespace

std::variant<Contribution, std::string> read_contribution(std::string_view text, const std::string& plugin_id,
                                                          const Limits& limits) {
    auto parsed = parse_contribution_text(text, limits); // limits first: nothing hostile reaches the schema
    if (auto* refused = std::get_if<std::string>(&parsed)) {
        return *refused;
    }
    return checked(std::get<json>(parsed), plugin_id);
}

std::variant<Contribution, std::string> read_contribution_findings(sdk::findings::Contribution values,
                                                                   const std::string& plugin_id, const Limits& limits) {
    if (!LimitWalk().contribution(values)) {
        return read_contribution_tree(sdk::findings::to_json(values), plugin_id, limits);
    }
    if (std::string problem =
            contribution_count_problem(values.benefits.size(), values.risks.size(), values.questions.size(), limits);
        !problem.empty()) {
        return problem;
    }
    Contribution contribution;
    try {
        contribution = read(Reader{}, values, plugin_id);
    } catch (const Reader::Failure& e) {
        return std::string("returned a contribution that fails the contribution schema at ") + e.what();
    }
    return semantically_checked(std::move(contribution), plugin_id);
}

std::variant<Contribution, std::string> read_contribution_tree(json tree, const std::string& plugin_id,
                                                               const Limits& limits) {
    if (!tree_within_contribution_limits(tree)) {
        std::string text;
        try {
            text = tree.dump();
        } catch (const json::exception& e) {
            return std::string("returned a contribution that cannot be written as JSON: ") + e.what();
        }
        return read_contribution(text, plugin_id, limits);
    }
    if (std::string problem = contribution_count_problem(tree, limits); !problem.empty()) {
        return problem;
    }
    return checked(tree, plugin_id);
}

} // namespace fulcrum
