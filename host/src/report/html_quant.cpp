// The joint plan of the HTML page, with quantification's figures when the
// review carries them (docs/quantification.md explains each figure).
#include "report/charts.hpp"
#include "report/html_sections.hpp"
#include "report/html_util.hpp"
#include "util/format.hpp"

#include <cstdio>

namespace fulcrum::html {
namespace {

std::string esc(const std::string& text) {
    return html_escape(text);
}

std::string percent(double share) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, share < 0.1 ? "%.1f%%" : "%.0f%%", 100 * share);
    return buffer;
}

std::string title_of(const Review& r, const std::string& risk_id) {
    for (const auto& risk : r.risks) {
        if (risk.id == risk_id) {
            return risk.title;
        }
    }
    return risk_id;
}

ExceedanceCurve curve(const std::string& label, const std::string& colour, bool dashed, const quant::LossSummary& s) {
    ExceedanceCurve c{label, colour, dashed, {}};
    for (const auto& point : s.exceedance) {
        c.points.emplace_back(point.loss, point.probability);
    }
    return c;
}

void write_loss_figures(std::ostringstream& out, const Review& r, const Ids& ids) {
    const quant::ReviewQuant& q = *r.quant;
    const auto m = [&](double v) { return esc(r.currency + " " + compact_number(v)); };
    const std::vector<ExceedanceCurve> curves = {curve("Inherent, no controls", "#b3261e", true, q.inherent_loss),
                                                 curve("With the controls in place", "#1d2433", false, q.residual_loss),
                                                 curve("After the plan", "#1e7b45", false, q.planned_loss)};
    const std::string description =
        "Chance that one year's loss exceeds an amount. In one year out of ten the loss exceeds " + r.currency + " " +
        compact_number(q.inherent_loss.p90) + " with no controls, " + compact_number(q.residual_loss.p90) +
        " with the controls in place and " + compact_number(q.planned_loss.p90) + " after the plan.";
    out << "<figure>\n"
        << exceedance_svg({ids("loss-exceedance"), "Loss exceedance", description}, curves, r.currency)
        << "<figcaption>Simulated over " << group_thousands(static_cast<double>(q.iterations))
        << " years. The lower and further left a curve, the less the organisation stands to lose.</figcaption>\n"
           "</figure>\n<table>\n<caption>Annual loss, "
        << esc(r.currency)
        << "</caption>\n<thead><tr><th scope=\"col\">State</th><th scope=\"col\" class=\"num\">Expected</th>"
           "<th scope=\"col\" class=\"num\">1 year in 10</th><th scope=\"col\" class=\"num\">1 in 100</th>"
           "<th scope=\"col\" class=\"num\">Any loss</th></tr></thead>\n<tbody>\n";
    const std::pair<const char*, const quant::LossSummary*> states[] = {{"No controls", &q.inherent_loss},
                                                                        {"Controls in place", &q.residual_loss},
                                                                        {"After the plan", &q.planned_loss}};
    for (const auto& [label, s] : states) {
        out << "<tr><th scope=\"row\">" << label << "</th><td class=\"num\">" << compact_number(s->mean)
            << "</td><td class=\"num\">" << compact_number(s->p90) << "</td><td class=\"num\">"
            << compact_number(s->p99) << "</td><td class=\"num\">" << percent(s->probability_of_loss) << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n";
    if (!q.unquantified.empty()) {
        out << "<p>These figures leave out " << q.unquantified.size()
            << (q.unquantified.size() == 1 ? " risk" : " risks") << " that could not be quantified:";
        const char* separator = " ";
        for (const auto& u : q.unquantified) {
            out << separator << "<code>" << esc(u.risk_id) << "</code> (" << esc(u.reason) << ")";
            separator = "; ";
        }
        out << ".</p>\n";
    }
    const quant::NetValue& v = q.net_value;
    if (v.horizon_years > 0) {
        out << "<p>Net present value over " << v.horizon_years << " years at " << percent(v.discount_rate) << ": "
            << m(v.with_plan.mean) << " on average with the plan (5th to 95th percentile " << m(v.with_plan.p5)
            << " to " << m(v.with_plan.p95) << "; chance of a loss " << percent(v.with_plan.probability_negative)
            << "), against " << m(v.without_plan.mean) << " without it."
            << (v.benefits_quantified ? ""
                                      : " The business case states no money, so this counts costs and losses only.")
            << "</p>\n";
    }
}

void write_quant_plan(std::ostringstream& out, const Review& r, const Ids& ids) {
    const quant::ReviewQuant& q = *r.quant;
    const quant::QuantPlan& p = q.plan;
    const auto m = [&](double v) { return esc(money(r.currency, v)); };
    if (p.chosen.empty()) {
        out << "<p>" << esc(quant::k_no_plan_text) << "</p>\n";
    } else {
        out << "<p>" << (p.budget ? "Within the security budget of " + m(*p.budget) + ", buy " : "Buy ")
            << p.chosen.size() << (p.chosen.size() == 1 ? " mitigation" : " mitigations") << " for "
            << m(p.cost.one_time) << " once and " << m(p.cost.annual) << " a year. "
            << (p.chosen.size() == 1 ? "It avoids " : "Together they avoid ") << m(p.loss_avoided)
            << " of expected loss a year.</p>\n";
    }
    if (!p.chosen.empty()) {
        out << "<table>\n<caption>The plan, " << esc(r.currency)
            << "</caption>\n<thead><tr><th scope=\"col\">Mitigation</th><th scope=\"col\" class=\"num\">Cost</th>"
               "<th scope=\"col\" class=\"num\">Loss avoided a year</th></tr></thead>\n<tbody>\n";
        for (const size_t index : p.chosen) {
            if (index >= q.mitigations.size()) {
                continue;
            }
            const quant::MitigationValue& mv = q.mitigations[index];
            out << "<tr><th scope=\"row\">" << esc(mv.title) << "</th><td class=\"num\">"
                << esc(compact_number(mv.cost.one_time)) << " once<br>" << esc(compact_number(mv.cost.annual))
                << " a year</td><td class=\"num\">" << esc(compact_number(mv.loss_avoided)) << "</td></tr>\n";
        }
        out << "</tbody>\n</table>\n";
    }
    if (!p.uncovered.empty()) {
        double left = 0;
        std::string which;
        for (const auto& u : p.uncovered) {
            left += u.expected_loss;
            which += (which.empty() ? "" : "; ") + title_of(r, u.risk_id) + " " + compact_number(u.expected_loss);
        }
        out << "<p class=\"field\">Beyond the budget, " << p.uncovered.size()
            << (p.uncovered.size() == 1 ? " risk keeps " : " risks keep ") << m(left)
            << " of expected loss a year that further mitigations could cut: " << esc(which) << ".</p>\n";
    }
    write_loss_figures(out, r, ids);
}

} // namespace

void write_joint_plan(std::ostringstream& out, const Review& r, const Ids& ids) {
    out << "<section class=\"card joint\" aria-labelledby=\"" << ids("plan")
        << "\">\n<p class=\"kicker\">Joint view</p>\n"
        << "<h2 id=\"" << ids("plan") << "\">Mitigation plan</h2>\n";
    if (r.quant) {
        write_quant_plan(out, r, ids);
    } else {
        out << "<p>The plan is the conditions above: " << esc(money(r.currency, r.conditions_cost.one_time))
            << " once and " << esc(money(r.currency, r.conditions_cost.annual))
            << " a year, bringing the risk score from " << r.risk_score << " to " << r.planned_risk_score
            << ".</p>\n<p class=\"field\">This review was not quantified, so it shows no loss exposure or loss "
               "exceedance curve.</p>\n";
    }
    out << "</section>\n";
}

std::string risk_loss_text(const Review& r, const std::string& risk_id) {
    if (!r.quant) {
        return {};
    }
    for (const auto& rq : r.quant->risks) {
        if (rq.risk_id == risk_id) {
            return "Expected loss a year: " + money(r.currency, rq.inherent_loss.mean) + " with no controls, " +
                   money(r.currency, rq.residual_loss.mean) + " with the controls in place, " +
                   money(r.currency, rq.planned_loss.mean) + " after the plan.";
        }
    }
    for (const auto& u : r.quant->unquantified) {
        if (u.risk_id == risk_id) {
            return "Not quantified, so left out of the loss figures: " + u.reason + ".";
        }
    }
    return {};
}

} // namespace fulcrum::html
