#include "quant/quant_json.hpp"

#include <cmath>

namespace fulcrum::quant {

using ojson = nlohmann::ordered_json;

namespace {

// Money to the cent and probabilities to six places: the simulation is not
// more precise than that, and reports stay readable.
double money(double v) {
    return std::round(v * 100) / 100;
}
double probability(double v) {
    return std::round(v * 1e6) / 1e6;
}

ojson optional_number(const std::optional<double>& v, double (*round)(double)) {
    return v ? ojson(round(*v)) : ojson(nullptr);
}

ojson levels_json(const Levels& l) {
    return {{"likelihood", l.likelihood}, {"impact", l.impact}};
}

ojson cost_json(const Cost& c) {
    return {{"one_time", money(c.one_time)}, {"annual", money(c.annual)}};
}

} // namespace

double round_money(double value) {
    return money(value);
}

ojson to_json(const LossSummary& s) {
    ojson out = {
        {"mean", money(s.mean)}, {"sd", money(s.sd)},   {"p10", money(s.p10)},
        {"p50", money(s.p50)},   {"p90", money(s.p90)}, {"p95", money(s.p95)},
        {"p99", money(s.p99)},   {"max", money(s.max)}, {"probability_of_loss", probability(s.probability_of_loss)}};
    ojson losses = ojson::array();
    ojson probabilities = ojson::array();
    for (const auto& p : s.exceedance) {
        losses.push_back(money(p.loss));
        probabilities.push_back(probability(p.probability));
    }
    out["exceedance"] = {{"loss", std::move(losses)}, {"probability", std::move(probabilities)}};
    return out;
}

ojson to_json(const ValueSummary& s) {
    return {{"mean", money(s.mean)}, {"sd", money(s.sd)},
            {"p5", money(s.p5)},     {"p50", money(s.p50)},
            {"p95", money(s.p95)},   {"probability_negative", probability(s.probability_negative)}};
}

ojson to_json(const Distribution& d) {
    ojson out = {{"distribution", to_string(d.shape)}, {"low", d.low}};
    if (d.shape == Shape::pert) {
        out["likely"] = d.likely;
    }
    out["high"] = d.high;
    return out;
}

ojson to_json(const Scenario& s) {
    ojson out = {{"frequency", to_json(s.frequency)}, {"magnitude", to_json(s.magnitude)}};
    if (s.secondary) {
        out["secondary"] = {{"probability", s.secondary->probability}, {"magnitude", to_json(s.secondary->magnitude)}};
    }
    return out;
}

ojson risk_quant_json(const RiskQuant& r) {
    return {{"expected_annual_loss",
             {{"inherent", money(r.expected_inherent)},
              {"residual", money(r.expected_residual)},
              {"planned", money(r.expected_planned)}}},
            {"annual_loss",
             {{"inherent", to_json(r.inherent_loss)},
              {"residual", to_json(r.residual_loss)},
              {"planned", to_json(r.planned_loss)}}},
            {"planned", levels_json(r.planned)}};
}

ojson plan_json(const ReviewQuant& q) {
    const QuantPlan& p = q.plan;
    ojson chosen = ojson::array();
    for (std::size_t i : p.chosen) {
        const MitigationValue& m = q.mitigations[i];
        chosen.push_back({{"id", m.id},
                          {"title", m.title},
                          {"risks", m.risks},
                          {"cost", cost_json(m.cost)},
                          {"loss_avoided", money(m.loss_avoided)},
                          {"rosi", optional_number(m.rosi, probability)}});
    }
    ojson uncovered = ojson::array();
    for (const auto& u : p.uncovered) {
        uncovered.push_back({{"risk", u.risk_id},
                             {"expected_annual_loss", money(u.expected_loss)},
                             {"expected_annual_loss_at_best", money(u.expected_loss_at_best)},
                             {"mitigations_left", u.mitigations_left}});
    }
    return {{"budget", optional_number(p.budget, money)},
            {"mitigations", std::move(chosen)},
            {"cost", cost_json(p.cost)},
            {"budget_cost", money(p.budget_cost)},
            {"loss_avoided", money(p.loss_avoided)},
            {"exact", p.exact},
            {"uncovered", std::move(uncovered)},
            {"security_share_of_project_cost", optional_number(p.security_share, probability)}};
}

namespace {

ojson unquantified_json(const std::vector<Unquantified>& list) {
    ojson out = ojson::array();
    for (const auto& u : list) {
        out.push_back({{"risk", u.risk_id}, {"reason", u.reason}});
    }
    return out;
}

} // namespace

ojson review_quant_json(const ReviewQuant& q) {
    double inherent = 0;
    double residual = 0;
    double planned = 0;
    for (const auto& r : q.risks) {
        inherent += r.expected_inherent;
        residual += r.expected_residual;
        planned += r.expected_planned;
    }
    ojson mitigations = ojson::array();
    for (const auto& m : q.mitigations) {
        ojson item = {{"id", m.id}, {"title", m.title}};
        if (!m.control.empty()) {
            item["control"] = m.control;
        }
        item["risks"] = m.risks;
        item["status"] = to_string(m.status);
        item["cost"] = cost_json(m.cost);
        item["annualised_cost"] = money(m.annualised_cost);
        item["loss_avoided"] = money(m.loss_avoided);
        item["rosi"] = optional_number(m.rosi, probability);
        item["in_plan"] = m.in_plan;
        mitigations.push_back(std::move(item));
    }
    const NetValue& v = q.net_value;
    return {{"iterations", q.iterations},
            {"seed", q.seed},
            {"expected_annual_loss",
             {{"inherent", money(inherent)}, {"residual", money(residual)}, {"planned", money(planned)}}},
            {"annual_loss",
             {{"inherent", to_json(q.inherent_loss)},
              {"residual", to_json(q.residual_loss)},
              {"planned", to_json(q.planned_loss)}}},
            {"net_value",
             {{"horizon_years", v.horizon_years},
              {"discount_rate", v.discount_rate},
              {"benefits_quantified", v.benefits_quantified},
              {"with_plan", to_json(v.with_plan)},
              {"without_plan", to_json(v.without_plan)}}},
            {"mitigations", std::move(mitigations)},
            {"plan", plan_json(q)},
            {"unquantified", unquantified_json(q.unquantified)},
            {"assumptions", q.assumptions}};
}

} // namespace fulcrum::quant
