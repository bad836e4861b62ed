#include "report/oscal_report.hpp"

#include "report/ids.hpp"
#include "report/markdown_report.hpp"
#include "util/format.hpp"

#include <map>
#include <set>

namespace fulcrum {

const char* const k_oscal_namespace = "urn:fulcrum:oscal";

namespace {

using ojson = nlohmann::ordered_json;

// OSCAL strings may not start or end with white space, nor hold a line break.
std::string one_line(const std::string& text) {
    std::string out;
    for (char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t' || static_cast<unsigned char>(c) < 0x20;
        if (space) {
            if (!out.empty() && out.back() != ' ') {
                out += ' ';
            }
        } else {
            out += c;
        }
    }
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out.empty() ? "-" : out;
}

// Markup fields are Markdown: proposal text must not become markup there.
std::string markup(const std::string& text) {
    return one_line(markdown_escape(text));
}

ojson prop(const std::string& name, const std::string& value, const std::string& cls = "") {
    ojson out = {{"name", name}, {"ns", k_oscal_namespace}, {"value", one_line(value)}};
    if (!cls.empty()) {
        out["class"] = cls;
    }
    return out;
}

// The status of a risk: closed when the controls in place leave it at info,
// remediating when a mitigation for it is planned, else open.
const char* risk_status(const Risk& risk) {
    if (severity_of(risk.residual_likelihood, risk.residual_impact) == Severity::info) {
        return "closed";
    }
    for (const auto& m : risk.mitigations) {
        if (m.status == MitigationStatus::planned) {
            return "remediating";
        }
    }
    return "open";
}

const char* lifecycle(MitigationStatus status) {
    switch (status) {
    case MitigationStatus::in_place:
        return "completed";
    case MitigationStatus::planned:
        return "planned";
    case MitigationStatus::recommended:
        return "recommendation";
    }
    return "recommendation";
}

std::vector<std::string> controls_of(const Risk& risk) {
    std::vector<std::string> out;
    for (const auto& [framework, ids] : risk.refs) {
        if (framework == "sp800_53") {
            out.insert(out.end(), ids.begin(), ids.end());
        }
    }
    return out;
}

class ResultWriter {
public:
    ResultWriter(const Review& review, const ReportContext& context) : m_review(review), m_context(context) {
        m_platform = uuid("platform");
        m_time = context.timestamp.empty() ? "1970-01-01T00:00:00Z" : context.timestamp;
    }

    ojson write() {
        ojson result = {{"uuid", uuid("result")},
                        {"title", markup("Fulcrum review of " + m_review.proposal_title)},
                        {"description", markup(m_review.rationale)},
                        {"start", m_time},
                        {"end", m_time},
                        {"props", props()},
                        {"local-definitions", {{"assessment-assets", assets()}}}};
        ojson observations = ojson::array();
        ojson risks = ojson::array();
        for (const auto& risk : m_review.risks) {
            observations.push_back(observation(risk));
            risks.push_back(risk_json(risk));
        }
        ojson findings = findings_json();
        result["reviewed-controls"] = reviewed_controls();
        if (!observations.empty()) {
            result["observations"] = std::move(observations);
            result["risks"] = std::move(risks);
        }
        if (!findings.empty()) {
            result["findings"] = std::move(findings);
        }
        if (!m_review.complete) {
            result["remarks"] = "Incomplete review: a plugin failed, so its findings are missing.";
        }
        return result;
    }

private:
    std::string uuid(const std::string& what) const {
        return stable_uuid("oscal:" + m_review.proposal_id + ":" + what);
    }

    ojson origin() const {
        return {{"actors", ojson::array({{{"type", "assessment-platform"}, {"actor-uuid", m_platform}}})}};
    }

    ojson props() const {
        ojson out =
            ojson::array({prop("proposal-id", m_review.proposal_id), prop("decision", to_string(m_review.decision)),
                          prop("benefit-score", std::to_string(m_review.benefit_score), "overall"),
                          prop("risk-score", std::to_string(m_review.risk_score), "residual"),
                          prop("risk-score", std::to_string(m_review.inherent_risk_score), "inherent"),
                          prop("risk-score", std::to_string(m_review.planned_risk_score), "planned")});
        std::map<std::string, int> best;
        for (const auto& b : m_review.benefits) {
            best[b.dimension] = std::max(best[b.dimension], b.score);
        }
        for (const auto& [dimension, score] : best) {
            out.push_back(prop("benefit-score", std::to_string(score), dimension));
        }
        if (m_review.has_annual_value) {
            out.push_back(
                prop("annual-value", std::to_string(static_cast<long long>(m_review.annual_value.likely)), "likely"));
            out.push_back(prop("currency", m_review.currency));
        }
        out.push_back(prop("complete", m_review.complete ? "true" : "false"));
        return out;
    }

    ojson assets() const {
        ojson components = ojson::array({{{"uuid", uuid("component:fulcrum")},
                                          {"type", "software"},
                                          {"title", "Fulcrum " FULCRUM_VERSION},
                                          {"description", "The Fulcrum review host: merges the plugins' findings."},
                                          {"status", {{"state", "operational"}}}}});
        ojson uses = ojson::array({{{"component-uuid", uuid("component:fulcrum")}}});
        for (const auto& run : m_review.plugins) {
            if (run.status != PluginStatus::ok) {
                continue;
            }
            components.push_back({{"uuid", uuid("component:plugin:" + run.id)},
                                  {"type", "software"},
                                  {"title", markup("Fulcrum plugin " + run.id + " " + run.version)},
                                  {"description", markup("Evaluation plugin for " + run.id + " proposals.")},
                                  {"status", {{"state", "operational"}}}});
            uses.push_back({{"component-uuid", uuid("component:plugin:" + run.id)}});
        }
        return {{"components", std::move(components)},
                {"assessment-platforms",
                 ojson::array({{{"uuid", m_platform}, {"title", "Fulcrum"}, {"uses-components", std::move(uses)}}})}};
    }

    ojson observation(const Risk& risk) const {
        const std::string uri = artifact_uri(m_review.source, m_context.base_dir);
        ojson evidence = ojson::array();
        for (const auto& pointer : risk.evidence) {
            evidence.push_back({{"href", uri + "#" + pointer}, {"description", markup("Proposal field " + pointer)}});
        }
        ojson out = {{"uuid", uuid("observation:" + risk.id)}, {"title", markup("Evidence for " + risk.title)},
                     {"description", markup(risk.rationale)},  {"props", ojson::array({prop("rule-id", risk.id)})},
                     {"methods", ojson::array({"EXAMINE"})},   {"types", ojson::array({"finding"})},
                     {"origins", ojson::array({origin()})},    {"collected", m_time}};
        if (!evidence.empty()) {
            out["relevant-evidence"] = std::move(evidence);
        }
        return out;
    }

    ojson characterization(const char* state, int likelihood, int impact) const {
        return {{"props", ojson::array({prop("state", state)})},
                {"origin", origin()},
                {"facets",
                 ojson::array(
                     {{{"name", "likelihood"}, {"system", k_oscal_namespace}, {"value", std::to_string(likelihood)}},
                      {{"name", "impact"}, {"system", k_oscal_namespace}, {"value", std::to_string(impact)}},
                      {{"name", "severity"},
                       {"system", k_oscal_namespace},
                       {"value", to_string(severity_of(likelihood, impact))}}})}};
    }

    ojson risk_json(const Risk& risk) const {
        ojson props = ojson::array({prop("rule-id", risk.id), prop("plugin", risk.plugin)});
        for (const auto& [framework, ids] : risk.refs) {
            for (const auto& id : ids) {
                props.push_back(prop("reference", id, framework));
            }
        }
        ojson out = {{"uuid", uuid("risk:" + risk.id)},
                     {"title", markup(risk.title)},
                     {"description", markup(risk.rationale)},
                     {"statement",
                      markup(risk.title + ": likelihood " + std::to_string(risk.residual_likelihood) + " and impact " +
                             std::to_string(risk.residual_impact) + " of 5 with the controls in place; " +
                             std::to_string(risk.likelihood) + " and " + std::to_string(risk.impact) + " with none.")},
                     {"props", std::move(props)},
                     {"status", risk_status(risk)},
                     {"origins", ojson::array({origin()})},
                     {"characterizations",
                      ojson::array({characterization("inherent", risk.likelihood, risk.impact),
                                    characterization("residual", risk.residual_likelihood, risk.residual_impact)})}};
        ojson factors = ojson::array();
        ojson remediations = ojson::array();
        for (const auto& m : risk.mitigations) {
            if (m.status == MitigationStatus::in_place) {
                factors.push_back({{"uuid", uuid("factor:" + risk.id + ":" + m.id)}, {"description", markup(m.title)}});
            }
            remediations.push_back(
                {{"uuid", uuid("remediation:" + risk.id + ":" + m.id)},
                 {"lifecycle", lifecycle(m.status)},
                 {"title", markup(m.title)},
                 {"description", markup(m.title + ". Costs " + money(m_review.currency, m.cost.one_time) +
                                        " once and " + money(m_review.currency, m.cost.annual) + " a year.")}});
        }
        if (!factors.empty()) {
            out["mitigating-factors"] = std::move(factors);
        }
        if (!remediations.empty()) {
            out["remediations"] = std::move(remediations);
        }
        out["related-observations"] = ojson::array({{{"observation-uuid", uuid("observation:" + risk.id)}}});
        return out;
    }

    // One finding per cited control: not satisfied while any risk citing it
    // is medium or worse with the controls in place.
    ojson findings_json() const {
        std::map<std::string, std::vector<const Risk*>> by_control;
        for (const auto& risk : m_review.risks) {
            for (const auto& control : controls_of(risk)) {
                by_control[control].push_back(&risk);
            }
        }
        ojson out = ojson::array();
        for (const auto& [control, risks] : by_control) {
            bool gap = false;
            ojson related_risks = ojson::array();
            ojson related_observations = ojson::array();
            std::string titles;
            for (const Risk* risk : risks) {
                gap = gap || severity_of(risk->residual_likelihood, risk->residual_impact) >= Severity::medium;
                related_risks.push_back({{"risk-uuid", uuid("risk:" + risk->id)}});
                related_observations.push_back({{"observation-uuid", uuid("observation:" + risk->id)}});
                titles += (titles.empty() ? "" : "; ") + risk->title;
            }
            out.push_back(
                {{"uuid", uuid("finding:" + control)},
                 {"title", markup("SP 800-53 " + control + (gap ? ": not satisfied" : ": satisfied"))},
                 {"description", markup((gap ? "The controls in place leave these risks at medium or worse: "
                                             : "The controls in place bring these risks to low or below: ") +
                                        titles + ".")},
                 {"target",
                  {{"type", "statement-id"},
                   {"target-id", control + "_smt"},
                   {"status", {{"state", gap ? "not-satisfied" : "satisfied"}, {"reason", gap ? "fail" : "pass"}}}}},
                 {"origins", ojson::array({origin()})},
                 {"related-observations", std::move(related_observations)},
                 {"related-risks", std::move(related_risks)}});
        }
        return out;
    }

    ojson reviewed_controls() const {
        std::set<std::string> controls;
        for (const auto& risk : m_review.risks) {
            for (const auto& control : controls_of(risk)) {
                controls.insert(control);
            }
        }
        if (controls.empty()) {
            return {{"control-selections",
                     ojson::array({{{"include-all", ojson::object()},
                                    {"remarks", "No rule cited an SP 800-53 control for this proposal; none was "
                                                "assessed on its own."}}})}};
        }
        ojson include = ojson::array();
        for (const auto& control : controls) {
            include.push_back({{"control-id", control}});
        }
        return {{"control-selections", ojson::array({{{"include-controls", std::move(include)}}})}};
    }

    const Review& m_review;
    const ReportContext& m_context;
    std::string m_platform;
    std::string m_time;
};

} // namespace

ojson reviews_to_oscal(const std::vector<Review>& reviews, const ReportContext& context) {
    std::string ids;
    ojson rlinks = ojson::array();
    std::set<std::string> seen;
    for (const auto& review : reviews) {
        ids += (ids.empty() ? "" : ",") + review.proposal_id;
        const std::string uri = artifact_uri(review.source, context.base_dir);
        if (seen.insert(uri).second) {
            const bool yaml = syntax_for_path(review.source) == Syntax::yaml;
            rlinks.push_back({{"href", uri}, {"media-type", yaml ? "application/yaml" : "application/json"}});
        }
    }
    const std::string resource = stable_uuid("oscal:proposals:" + ids);
    const std::string title = reviews.size() == 1
                                  ? "Fulcrum review of " + reviews.front().proposal_title
                                  : "Fulcrum reviews of " + std::to_string(reviews.size()) + " proposals";
    ojson results = ojson::array();
    for (const auto& review : reviews) {
        results.push_back(ResultWriter(review, context).write());
    }
    ojson document = {
        {"uuid", stable_uuid("oscal:assessment-results:" + ids)},
        {"metadata",
         {{"title", markup(title)},
          {"last-modified", context.timestamp.empty() ? "1970-01-01T00:00:00Z" : context.timestamp},
          {"version", FULCRUM_VERSION},
          {"oscal-version", "1.2.1"},
          {"props", ojson::array({prop("generator", "Fulcrum " FULCRUM_VERSION)})}}},
        {"import-ap",
         {{"href", "#" + resource},
          {"remarks", "Fulcrum reviews proposals, not an OSCAL assessment plan: this reference points to the "
                      "back-matter resource that names the reviewed proposal files."}}},
        {"results", std::move(results)},
        {"back-matter",
         {{"resources", ojson::array({{{"uuid", resource},
                                       {"title", "Reviewed proposals"},
                                       {"description", "The proposal files this assessment examined."},
                                       {"rlinks", std::move(rlinks)}}})}}}};
    return {{"assessment-results", std::move(document)}};
}

} // namespace fulcrum
