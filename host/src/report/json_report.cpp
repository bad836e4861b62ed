#include "report/json_report.hpp"

#include "quant/quant_json.hpp"

namespace fulcrum {

using ojson = nlohmann::ordered_json;

namespace {

ojson range_json(const Range& r) {
    return {{"low", r.low}, {"likely", r.likely}, {"high", r.high}};
}

ojson mitigation_json(const Mitigation& m) {
    ojson out = {{"id", m.id}, {"title", m.title}};
    if (!m.control.empty()) {
        out["control"] = m.control;
    }
    out["status"] = to_string(m.status);
    out["cost"] = {{"one_time", m.cost.one_time}, {"annual", m.cost.annual}};
    out["residual"] = {{"likelihood", m.residual_likelihood},
                       {"impact", m.residual_impact},
                       {"severity", to_string(severity_of(m.residual_likelihood, m.residual_impact))}};
    return out;
}

ojson risk_json(const Risk& r) {
    ojson out = {{"id", r.id}, {"plugin", r.plugin}, {"raised_by", r.raised_by}, {"title", r.title}};
    if (!r.concern.empty()) {
        out["concern"] = r.concern;
    }
    out["severity"] = to_string(severity_of(r.likelihood, r.impact));
    out["likelihood"] = r.likelihood;
    out["impact"] = r.impact;
    out["residual"] = {{"likelihood", r.residual_likelihood},
                       {"impact", r.residual_impact},
                       {"severity", to_string(severity_of(r.residual_likelihood, r.residual_impact))}};
    out["rationale"] = r.rationale;
    out["evidence"] = r.evidence;
    out["refs"] = ojson::parse(r.refs.dump());
    ojson mitigations = ojson::array();
    for (const auto& m : r.mitigations) {
        mitigations.push_back(mitigation_json(m));
    }
    out["mitigations"] = std::move(mitigations);
    if (r.fair) {
        out["fair"] = {{"frequency", range_json(r.fair->frequency)}, {"magnitude", range_json(r.fair->magnitude)}};
    }
    return out;
}

ojson benefit_json(const Benefit& b) {
    ojson out = {{"id", b.id},       {"plugin", b.plugin},       {"title", b.title},      {"dimension", b.dimension},
                 {"score", b.score}, {"rationale", b.rationale}, {"evidence", b.evidence}};
    if (b.annual_value) {
        out["annual_value"] = range_json(*b.annual_value);
    }
    return out;
}

} // namespace

ojson review_to_json(const Review& review) {
    ojson out;
    out["schema"] = "fulcrum/review@1";
    out["proposal"] = {{"id", review.proposal_id}, {"title", review.proposal_title}, {"source", review.source}};
    out["policy"] = {{"name", review.policy}, {"appetite", review.appetite}};
    ojson plugins = ojson::array();
    for (const auto& run : review.plugins) {
        ojson p = {{"id", run.id}, {"version", run.version}};
        p["category"] = run.categories.empty() ? ojson(nullptr) : ojson(run.categories.front());
        p["categories"] = run.categories;
        p["status"] = to_string(run.status);
        if (!run.error.empty()) {
            p["error"] = run.error;
        }
        if (run.unverified) {
            p["trust"] = "unverified"; // docs/security.md: loaded only because of --allow-untrusted
        }
        plugins.push_back(std::move(p));
    }
    out["plugins"] = std::move(plugins);
    out["complete"] = review.complete;
    out["currency"] = review.currency;

    ojson benefits = ojson::array();
    for (const auto& b : review.benefits) {
        benefits.push_back(benefit_json(b));
    }
    out["cio"] = {{"benefit_score", review.benefit_score}, {"benefits", std::move(benefits)}};
    if (review.has_annual_value) {
        out["cio"]["annual_value"] = range_json(review.annual_value);
    }

    ojson risks = ojson::array();
    for (const auto& r : review.risks) {
        risks.push_back(risk_json(r));
    }
    if (review.quant) {
        for (auto& r : risks) {
            for (const auto& rq : review.quant->risks) {
                if (rq.risk_id == r["id"]) {
                    r["quant"] = quant::risk_quant_json(rq);
                }
            }
        }
    }
    out["ciso"] = {{"risk_score", review.risk_score},
                   {"inherent_risk_score", review.inherent_risk_score},
                   {"risk_score_after_conditions", review.planned_risk_score},
                   {"risks", std::move(risks)}};

    ojson conditions = ojson::array();
    for (const auto& c : review.conditions) {
        ojson m = mitigation_json(c.mitigation);
        m["risk"] = c.risk_id;
        if (!c.same_control_as.empty()) {
            m["same_control_as"] = c.same_control_as; // paid for there: not in conditions_cost again
        }
        conditions.push_back(std::move(m));
    }
    ojson questions = ojson::array();
    for (const auto& q : review.questions) {
        questions.push_back({{"rule", q.rule}, {"plugin", q.plugin}, {"field", q.field}, {"text", q.text}});
    }
    out["joint"] = {
        {"decision", to_string(review.decision)},
        {"conditions", std::move(conditions)},
        {"conditions_cost", {{"one_time", review.conditions_cost.one_time}, {"annual", review.conditions_cost.annual}}},
        {"questions", std::move(questions)},
        {"rationale", review.rationale}};
    if (review.quant) {
        out["joint"]["plan"] = quant::plan_json(*review.quant);
        out["quant"] = quant::review_quant_json(*review.quant);
    }
    out["warnings"] = review.warnings;
    return out;
}

} // namespace fulcrum
