#include "plugin/contribution.hpp"

#include "proposal/limits.hpp"

#include <cmath>
#include <cstring>
#include <stdexcept>

namespace fulcrum {

extern const char* const k_contribution_schema_text; // generated from docs/schema

const nlohmann::json& contribution_schema() {
    static const nlohmann::json schema = nlohmann::json::parse(k_contribution_schema_text);
    return schema;
}

namespace {

using nlohmann::json;

// The contribution schema, checked by hand while converting: one pass, no
// regular expressions, errors named by JSON pointer. It enforces exactly
// what docs/schema/contribution.schema.json says (a test runs both on the
// same documents); valijson did the same at about 40 times the cost, which
// dominated batch reviews (docs/performance.md).
class Reader {
public:
    struct Failure : std::runtime_error {
        using std::runtime_error::runtime_error;
    };

    [[noreturn]] void fail(const std::string& pointer, const std::string& what) const {
        throw Failure((pointer.empty() ? "/" : pointer) + ": " + what);
    }

    const json& field(const json& obj, const std::string& ptr, const char* key) const {
        auto it = obj.find(key);
        if (it == obj.end()) {
            fail(ptr, std::string("missing required property '") + key + "'");
        }
        return *it;
    }

    const json& object(const json& v, const std::string& ptr) const {
        if (!v.is_object()) {
            fail(ptr, "expected an object");
        }
        return v;
    }

    const json& array(const json& v, const std::string& ptr, size_t min, size_t max) const {
        if (!v.is_array()) {
            fail(ptr, "expected an array");
        }
        if (v.size() < min) {
            fail(ptr, "expected at least " + std::to_string(min) + " item(s)");
        }
        if (v.size() > max) {
            fail(ptr, "expected at most " + std::to_string(max) + " items, got " + std::to_string(v.size()));
        }
        return v;
    }

    std::string text(const json& v, const std::string& ptr, size_t min, size_t max) const {
        if (!v.is_string()) {
            fail(ptr, "expected a string");
        }
        const std::string& s = v.get_ref<const std::string&>();
        size_t code_points = 0;
        for (unsigned char c : s) {
            code_points += (c & 0xC0) != 0x80 ? 1 : 0;
        }
        if (code_points < min) {
            fail(ptr, "expected a non-empty string");
        }
        if (code_points > max) {
            fail(ptr, "expected at most " + std::to_string(max) + " characters");
        }
        return s;
    }

    int integer(const json& v, const std::string& ptr, int min, int max) const {
        if (!v.is_number_integer()) {
            fail(ptr, "expected an integer from " + std::to_string(min) + " to " + std::to_string(max));
        }
        const bool in_range = v.is_number_unsigned() ? v.get<uint64_t>() <= static_cast<uint64_t>(max) &&
                                                           v.get<uint64_t>() >= static_cast<uint64_t>(std::max(min, 0))
                                                     : v.get<int64_t>() >= min && v.get<int64_t>() <= max;
        if (!in_range) {
            fail(ptr, "expected an integer from " + std::to_string(min) + " to " + std::to_string(max));
        }
        return v.get<int>();
    }

    double amount(const json& v, const std::string& ptr) const {
        if (!v.is_number() || !(v.get<double>() >= 0) || !std::isfinite(v.get<double>())) {
            fail(ptr, "expected a non-negative number");
        }
        return v.get<double>();
    }

    // ^[a-z0-9][a-z0-9_-]*\.[a-z0-9][a-z0-9._-]*$, at most 128 characters.
    std::string rule_id(const json& v, const std::string& ptr) const {
        const std::string s = text(v, ptr, 1, 128);
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
            fail(ptr, "expected a rule id '<plugin>.<name>' in lower case, got '" + s + "'");
        }
        return s;
    }

    // ^[a-z0-9][a-z0-9<extra>]*$ with the given extra characters.
    std::string token(const json& v, const std::string& ptr, const char* extra, size_t max) const {
        const std::string s = text(v, ptr, 1, max);
        bool good = lower_or_digit(s[0]);
        for (size_t i = 1; good && i < s.size(); ++i) {
            good = lower_or_digit(s[i]) || std::strchr(extra, s[i]) != nullptr;
        }
        if (!good) {
            fail(ptr, "expected lower-case letters, digits and '" + std::string(extra) + "', got '" + s + "'");
        }
        return s;
    }

    // A JSON pointer: empty, or '/'-separated tokens where '~' is only '~0' or '~1'.
    std::string pointer(const json& v, const std::string& ptr) const {
        const std::string s = text(v, ptr, 0, 512);
        bool good = s.empty() || s[0] == '/';
        for (size_t i = 0; good && i < s.size(); ++i) {
            if (s[i] == '~') {
                good = i + 1 < s.size() && (s[i + 1] == '0' || s[i + 1] == '1');
            }
        }
        if (!good) {
            fail(ptr, "expected a JSON pointer such as /data/records, got '" + s + "'");
        }
        return s;
    }

    Range range(const json& v, const std::string& ptr) const {
        object(v, ptr);
        return {amount(field(v, ptr, "low"), ptr + "/low"), amount(field(v, ptr, "likely"), ptr + "/likely"),
                amount(field(v, ptr, "high"), ptr + "/high")};
    }

    std::vector<std::string> pointers(const json& v, const std::string& ptr) const {
        array(v, ptr, 1, 32);
        std::vector<std::string> out;
        for (size_t i = 0; i < v.size(); ++i) {
            out.push_back(pointer(v[i], ptr + "/" + std::to_string(i)));
        }
        return out;
    }

    json refs(const json& v, const std::string& ptr) const {
        object(v, ptr);
        for (const auto& [framework, ids] : v.items()) {
            const std::string fp = ptr + "/" + framework;
            array(ids, fp, 0, 32);
            for (size_t i = 0; i < ids.size(); ++i) {
                text(ids[i], fp + "/" + std::to_string(i), 1, 64);
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

Mitigation read_mitigation(const Reader& r, const json& m, const std::string& ptr) {
    r.object(m, ptr);
    Mitigation out;
    out.id = r.token(r.field(m, ptr, "id"), ptr + "/id", "_.-", 64);
    out.title = r.text(r.field(m, ptr, "title"), ptr + "/title", 1, 4000);
    if (auto it = m.find("control"); it != m.end()) {
        out.control = r.text(*it, ptr + "/control", 0, 64);
    }
    const json& cost = r.object(r.field(m, ptr, "cost"), ptr + "/cost");
    out.cost = {r.amount(r.field(cost, ptr + "/cost", "one_time"), ptr + "/cost/one_time"),
                r.amount(r.field(cost, ptr + "/cost", "annual"), ptr + "/cost/annual")};
    const json& residual = r.object(r.field(m, ptr, "residual"), ptr + "/residual");
    out.residual_likelihood =
        r.integer(r.field(residual, ptr + "/residual", "likelihood"), ptr + "/residual/likelihood", 1, 5);
    out.residual_impact = r.integer(r.field(residual, ptr + "/residual", "impact"), ptr + "/residual/impact", 1, 5);
    return out;
}

Risk read_risk(const Reader& r, const json& v, const std::string& ptr, const std::string& plugin_id) {
    r.object(v, ptr);
    Risk out;
    out.id = r.rule_id(r.field(v, ptr, "id"), ptr + "/id");
    out.plugin = plugin_id;
    out.raised_by = {plugin_id};
    out.title = r.text(r.field(v, ptr, "title"), ptr + "/title", 1, 4000);
    out.likelihood = r.integer(r.field(v, ptr, "likelihood"), ptr + "/likelihood", 1, 5);
    out.impact = r.integer(r.field(v, ptr, "impact"), ptr + "/impact", 1, 5);
    out.rationale = r.text(r.field(v, ptr, "rationale"), ptr + "/rationale", 1, 4000);
    out.evidence = r.pointers(r.field(v, ptr, "evidence"), ptr + "/evidence");
    out.refs = r.refs(r.field(v, ptr, "refs"), ptr + "/refs");
    if (auto it = v.find("concern"); it != v.end()) {
        out.concern = r.token(*it, ptr + "/concern", "_-", 64);
    }
    const json& mitigations = r.array(r.field(v, ptr, "mitigations"), ptr + "/mitigations", 1, 32);
    for (size_t i = 0; i < mitigations.size(); ++i) {
        out.mitigations.push_back(read_mitigation(r, mitigations[i], ptr + "/mitigations/" + std::to_string(i)));
    }
    if (auto it = v.find("fair"); it != v.end()) {
        const std::string fp = ptr + "/fair";
        r.object(*it, fp);
        out.fair = FairInputs{r.range(r.field(*it, fp, "frequency"), fp + "/frequency"),
                              r.range(r.field(*it, fp, "magnitude"), fp + "/magnitude")};
    }
    return out;
}

Benefit read_benefit(const Reader& r, const json& v, const std::string& ptr, const std::string& plugin_id) {
    r.object(v, ptr);
    Benefit out;
    out.id = r.rule_id(r.field(v, ptr, "id"), ptr + "/id");
    out.plugin = plugin_id;
    out.title = r.text(r.field(v, ptr, "title"), ptr + "/title", 1, 4000);
    const json& dimension = r.field(v, ptr, "dimension");
    bool known = false;
    for (const char* d : k_dimensions) {
        known = known || (dimension.is_string() && dimension.get_ref<const std::string&>() == d);
    }
    if (!known) {
        r.fail(ptr + "/dimension", "expected a benefit dimension (efficiency, customer_experience, ...)");
    }
    out.dimension = dimension.get<std::string>();
    out.score = r.integer(r.field(v, ptr, "score"), ptr + "/score", 0, 100);
    out.rationale = r.text(r.field(v, ptr, "rationale"), ptr + "/rationale", 1, 4000);
    out.evidence = r.pointers(r.field(v, ptr, "evidence"), ptr + "/evidence");
    if (auto it = v.find("annual_value"); it != v.end()) {
        out.annual_value = r.range(*it, ptr + "/annual_value");
    }
    return out;
}

Contribution read(const Reader& r, const json& doc, const std::string& plugin_id) {
    r.object(doc, "");
    for (const auto& [key, value] : doc.items()) {
        if (key != "benefits" && key != "risks" && key != "questions") {
            r.fail("/" + key, "unexpected property (a contribution has benefits, risks and questions only)");
        }
    }
    Contribution out;
    const json& benefits = r.array(r.field(doc, "", "benefits"), "/benefits", 0, 200);
    for (size_t i = 0; i < benefits.size(); ++i) {
        out.benefits.push_back(read_benefit(r, benefits[i], "/benefits/" + std::to_string(i), plugin_id));
    }
    const json& risks = r.array(r.field(doc, "", "risks"), "/risks", 0, 200);
    for (size_t i = 0; i < risks.size(); ++i) {
        out.risks.push_back(read_risk(r, risks[i], "/risks/" + std::to_string(i), plugin_id));
    }
    const json& questions = r.array(r.field(doc, "", "questions"), "/questions", 0, 200);
    for (size_t i = 0; i < questions.size(); ++i) {
        const std::string ptr = "/questions/" + std::to_string(i);
        const json& q = r.object(questions[i], ptr);
        out.questions.push_back({r.rule_id(r.field(q, ptr, "rule"), ptr + "/rule"), plugin_id,
                                 r.pointer(r.field(q, ptr, "field"), ptr + "/field"),
                                 r.text(r.field(q, ptr, "text"), ptr + "/text", 1, 4000)});
    }
    return out;
}

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

std::variant<Contribution, std::string> checked(const json& doc, const std::string& plugin_id) {
    Contribution contribution;
    try {
        contribution = read(Reader{}, doc, plugin_id);
    } catch (const Reader::Failure& e) {
        return std::string("returned a contribution that fails the contribution schema at ") + e.what();
    }
    if (std::string problem = semantic_problem(contribution, plugin_id); !problem.empty()) {
        return "returned an invalid contribution at " + problem;
    }
    return contribution;
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

std::variant<Contribution, std::string> read_contribution_tree(const json& tree, const std::string& plugin_id,
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
