#include "plugin/contribution.hpp"

#include "plugin/schema_check.hpp"

namespace fulcrum {

extern const char* const k_contribution_schema_text; // generated from docs/schema

const nlohmann::json& contribution_schema() {
    static const nlohmann::json schema = nlohmann::json::parse(k_contribution_schema_text);
    return schema;
}

namespace {

using nlohmann::json;

Range range_of(const json& j) {
    return {j.at("low").get<double>(), j.at("likely").get<double>(), j.at("high").get<double>()};
}

std::vector<std::string> strings_of(const json& j) {
    std::vector<std::string> out;
    for (const auto& s : j) {
        out.push_back(s.get<std::string>());
    }
    return out;
}

// Checks the schema cannot express; returns the first problem or "".
std::string semantic_problem(const json& doc, const std::string& plugin_id) {
    const std::string prefix = plugin_id + ".";
    for (const char* section : {"benefits", "risks", "questions"}) {
        const json& items = doc.at(section);
        for (size_t i = 0; i < items.size(); ++i) {
            const std::string id = items[i].value(section[0] == 'q' ? "rule" : "id", "");
            if (id.compare(0, prefix.size(), prefix) != 0) {
                return "/" + std::string(section) + "/" + std::to_string(i) + ": rule id '" + id +
                       "' is not under the plugin's id '" + plugin_id + "'";
            }
        }
    }
    const json& risks = doc.at("risks");
    for (size_t i = 0; i < risks.size(); ++i) {
        const int likelihood = risks[i].at("likelihood").get<int>();
        const int impact = risks[i].at("impact").get<int>();
        const json& mitigations = risks[i].at("mitigations");
        for (size_t m = 0; m < mitigations.size(); ++m) {
            const json& residual = mitigations[m].at("residual");
            if (residual.at("likelihood").get<int>() > likelihood || residual.at("impact").get<int>() > impact) {
                return "/risks/" + std::to_string(i) + "/mitigations/" + std::to_string(m) +
                       "/residual: a mitigation leaves more risk than the risk has";
            }
        }
        if (risks[i].contains("fair")) {
            for (const char* part : {"frequency", "magnitude"}) {
                const json& r = risks[i]["fair"][part];
                if (!(r["low"] <= r["likely"] && r["likely"] <= r["high"])) {
                    return "/risks/" + std::to_string(i) + "/fair/" + part + ": expected low <= likely <= high";
                }
            }
        }
    }
    return {};
}

Contribution convert(const json& doc, const std::string& plugin_id) {
    Contribution out;
    for (const auto& b : doc.at("benefits")) {
        Benefit benefit;
        benefit.id = b.at("id").get<std::string>();
        benefit.plugin = plugin_id;
        benefit.title = b.at("title").get<std::string>();
        benefit.dimension = b.at("dimension").get<std::string>();
        benefit.score = b.at("score").get<int>();
        benefit.rationale = b.at("rationale").get<std::string>();
        benefit.evidence = strings_of(b.at("evidence"));
        if (b.contains("annual_value")) {
            benefit.annual_value = range_of(b["annual_value"]);
        }
        out.benefits.push_back(std::move(benefit));
    }
    for (const auto& r : doc.at("risks")) {
        Risk risk;
        risk.id = r.at("id").get<std::string>();
        risk.plugin = plugin_id;
        risk.raised_by = {plugin_id};
        risk.title = r.at("title").get<std::string>();
        risk.concern = r.value("concern", "");
        risk.likelihood = r.at("likelihood").get<int>();
        risk.impact = r.at("impact").get<int>();
        risk.rationale = r.at("rationale").get<std::string>();
        risk.evidence = strings_of(r.at("evidence"));
        risk.refs = r.at("refs");
        for (const auto& m : r.at("mitigations")) {
            Mitigation mitigation;
            mitigation.id = m.at("id").get<std::string>();
            mitigation.title = m.at("title").get<std::string>();
            mitigation.control = m.value("control", "");
            mitigation.cost = {m.at("cost").at("one_time").get<double>(), m.at("cost").at("annual").get<double>()};
            mitigation.residual_likelihood = m.at("residual").at("likelihood").get<int>();
            mitigation.residual_impact = m.at("residual").at("impact").get<int>();
            risk.mitigations.push_back(std::move(mitigation));
        }
        if (r.contains("fair")) {
            risk.fair = FairInputs{range_of(r["fair"]["frequency"]), range_of(r["fair"]["magnitude"])};
        }
        out.risks.push_back(std::move(risk));
    }
    for (const auto& q : doc.at("questions")) {
        out.questions.push_back({q.at("rule").get<std::string>(), plugin_id, q.at("field").get<std::string>(),
                                 q.at("text").get<std::string>()});
    }
    return out;
}

} // namespace

std::variant<Contribution, std::string> read_contribution(std::string_view text, const std::string& plugin_id) {
    json doc;
    try {
        doc = json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        return std::string("returned text that is not JSON: ") + e.what();
    }
    static const CompiledSchema schema(contribution_schema());
    if (std::string problem = schema.check(doc); !problem.empty()) {
        return "returned a contribution that fails the contribution schema at " + problem;
    }
    if (std::string problem = semantic_problem(doc, plugin_id); !problem.empty()) {
        return "returned an invalid contribution at " + problem;
    }
    try {
        return convert(doc, plugin_id);
    } catch (const json::exception& e) {
        return std::string("returned a contribution the host could not read: ") + e.what();
    }
}

} // namespace fulcrum
