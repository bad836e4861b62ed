// Reading a contribution given as JSON text or as a JSON tree (the tree ABI).
#include "plugin/contribution.hpp"

#include "plugin/contribution_reader.hpp"
#include "proposal/limits.hpp"

#include <string_view>

namespace fulcrum {

extern const char* const k_contribution_schema_text; // generated from docs/schema

const nlohmann::json& contribution_schema() {
    static const nlohmann::json schema = nlohmann::json::parse(k_contribution_schema_text);
    return schema;
}

namespace {

using namespace contribution_reading;

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
    if (auto it = v.find("refs"); it != v.end()) { // absent: the rule's, from the catalog
        out.refs = SharedRefs(r.refs(*it, path.child("refs")));
    }
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

// Consumes `doc`: the strings it reads are moved out, not copied.
std::variant<Contribution, std::string> checked(json& doc, const std::string& plugin_id) {
    return contribution_reading::checked([&](const Reader& r) { return read(r, doc, plugin_id); }, plugin_id);
}

} // namespace

std::variant<Contribution, std::string> contribution_reading::semantically_checked(Contribution contribution,
                                                                                   const std::string& plugin_id) {
    if (std::string problem = semantic_problem(contribution, plugin_id); !problem.empty()) {
        return "returned an invalid contribution at " + problem;
    }
    return contribution;
}

std::variant<Contribution, std::string> read_contribution(std::string_view text, const std::string& plugin_id,
                                                          const Limits& limits) {
    auto parsed = parse_contribution_text(text, limits); // limits first: nothing hostile reaches the schema
    if (auto* refused = std::get_if<std::string>(&parsed)) {
        return *refused;
    }
    return checked(std::get<json>(parsed), plugin_id);
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
