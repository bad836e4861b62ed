#include "report/markdown_report.hpp"

#include "util/format.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace fulcrum {

std::string markdown_escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '&':
            out += "&amp;";
            break;
        case '|':
            out += "\\|";
            break;
        case '*':
        case '_':
        case '`':
        case '[':
        case ']':
        case '\\':
            out += '\\';
            out += c;
            break;
        case '\n':
        case '\r':
            out += ' ';
            break;
        default:
            out += c;
        }
    }
    return out;
}

namespace {

const char* decision_label(Decision d) {
    switch (d) {
    case Decision::approve:
        return "Approve";
    case Decision::approve_with_conditions:
        return "Approve with conditions";
    case Decision::defer:
        return "Defer";
    case Decision::reject:
        return "Reject";
    }
    return "Defer";
}

std::string code(const std::string& text) {
    return "`" + text + "`";
}

std::string level(int likelihood, int impact) {
    return std::string(to_string(severity_of(likelihood, impact))) + " (" + std::to_string(likelihood) + "×" +
           std::to_string(impact) + ")";
}

std::string range_text(const std::string& currency, const Range& r) {
    return money(currency, r.low) + " – " + group_thousands(r.high) + " (likely " + group_thousands(r.likely) + ")";
}

void write_decision(std::ostringstream& md, const Review& r) {
    md << "# " << markdown_escape(r.proposal_title) << "\n\n";
    md << "**Decision: " << decision_label(r.decision) << "** · benefit " << r.benefit_score << "/100 · risk "
       << r.risk_score << "/100 · " << r.appetite << " appetite";
    if (!r.complete) {
        md << " · **incomplete review**";
    }
    md << "\n\n" << markdown_escape(r.rationale) << "\n\n";
    md << "Proposal " << code(r.proposal_id) << " from " << code(r.source) << ".\n\n";

    if (!r.conditions.empty()) {
        md << "## Conditions\n\n| # | Condition | Answers | Status | One-time | Annual |\n"
              "|---|---|---|---|---:|---:|\n";
        for (size_t i = 0; i < r.conditions.size(); ++i) {
            const auto& c = r.conditions[i];
            const size_t payer = paying_condition_number(r, i);
            const std::string shared = "in #" + std::to_string(payer);
            md << "| " << i + 1 << " | " << markdown_escape(c.mitigation.title) << " | " << code(c.risk_id) << " | "
               << words(to_string(c.mitigation.status)) << " | "
               << (payer == i + 1 ? group_thousands(c.mitigation.cost.one_time) : shared) << " | "
               << (payer == i + 1 ? group_thousands(c.mitigation.cost.annual) : shared) << " |\n";
        }
        md << "| | **Total** (" << r.currency << ") | | | **" << group_thousands(r.conditions_cost.one_time)
           << "** | **" << group_thousands(r.conditions_cost.annual) << "** |\n\n";
    }
    if (!r.questions.empty()) {
        md << "## Open questions\n\n";
        for (const auto& q : r.questions) {
            md << "- " << markdown_escape(q.text) << " (" << code(q.field) << ", asked by " << code(q.rule) << ")\n";
        }
        md << "\n";
    }
}

void write_cio(std::ostringstream& md, const Review& r) {
    md << "## CIO view: adoption benefit " << r.benefit_score << "/100\n\n";
    if (r.has_annual_value) {
        md << "Stated annual value: " << range_text(r.currency, r.annual_value) << ".\n\n";
    }
    if (r.benefits.empty()) {
        md << "No plugin found a benefit it could evidence.\n\n";
        return;
    }
    md << "| Benefit | Dimension | Score | Why |\n|---|---|---:|---|\n";
    for (const auto& b : r.benefits) {
        md << "| " << markdown_escape(b.title) << " | " << words(b.dimension) << " | " << b.score << " | "
           << markdown_escape(b.rationale);
        if (b.annual_value) {
            md << " Value: " << range_text(r.currency, *b.annual_value) << ".";
        }
        md << " |\n";
    }
    md << "\n";
}

void write_ciso(std::ostringstream& md, const Review& r) {
    md << "## CISO view: security risk " << r.risk_score << "/100\n\n";
    md << "Inherent risk " << r.inherent_risk_score << "/100; with the controls in place " << r.risk_score << "/100";
    if (!r.conditions.empty()) {
        md << "; once the conditions are met " << r.planned_risk_score << "/100";
    }
    md << ".\n\n";
    if (r.risks.empty()) {
        md << "No plugin raised a risk.\n\n";
        return;
    }
    md << "| Risk | Inherent | Residual | Raised by | References |\n|---|---|---|---|---|\n";
    for (const auto& risk : r.risks) {
        std::string refs;
        for (const auto& [framework, ids] : risk.refs) {
            // Control ids name their catalog (GV.SC-02, sa-9, LLM01); article
            // numbers do not: "Art. 13" of which law?
            const std::string law = framework == "gdpr" ? "GDPR " : framework == "eu_ai_act" ? "AI Act " : "";
            for (const auto& id : ids) {
                refs += (refs.empty() ? "" : ", ") + markdown_escape(law + id);
            }
        }
        md << "| " << code(risk.id) << " " << markdown_escape(risk.title) << " | "
           << level(risk.likelihood, risk.impact) << " | " << level(risk.residual_likelihood, risk.residual_impact)
           << " | " << join_words(risk.raised_by) << " | " << refs << " |\n";
    }
    md << "\n";
}

// Each risk's reasons, evidence and mitigations: after the plan, as in the
// HTML report, so that the decision and the numbers come first.
void write_risk_details(std::ostringstream& md, const Review& r) {
    if (r.risks.empty()) {
        return;
    }
    md << "## Risk details\n\n";
    for (const auto& risk : r.risks) {
        md << "### " << code(risk.id) << " " << markdown_escape(risk.title) << "\n\n"
           << markdown_escape(risk.rationale) << "\n\nEvidence: ";
        for (size_t i = 0; i < risk.evidence.size(); ++i) {
            md << (i ? ", " : "") << code(risk.evidence[i]);
        }
        md << "\n\n| Mitigation | Status | Leaves | One-time | Annual |\n|---|---|---|---:|---:|\n";
        for (const auto& m : risk.mitigations) {
            md << "| " << markdown_escape(m.title) << " | " << words(to_string(m.status)) << " | "
               << level(m.residual_likelihood, m.residual_impact) << " | " << group_thousands(m.cost.one_time) << " | "
               << group_thousands(m.cost.annual) << " |\n";
        }
        md << "\n";
    }
}

// Quantification (docs/quantification.md): exposure, net value and the plan.
std::string percent(double share) {
    if (std::fabs(share) >= 10) {
        return group_thousands(100 * share) + "%";
    }
    std::ostringstream out;
    out.precision(std::fabs(share) < 0.1 ? 2 : 3);
    out << 100 * share << "%";
    return out.str();
}

void write_quant(std::ostringstream& md, const Review& r) {
    if (!r.quant) {
        return;
    }
    const quant::ReviewQuant& q = *r.quant;
    const auto m = [&](double v) { return money(r.currency, v); };
    md << "## Quantified risk and value\n\n"
       << "Annual loss simulated over " << group_thousands(static_cast<double>(q.iterations)) << " years (seed "
       << q.seed << "), in " << r.currency << " a year.\n\n"
       << "| Proposal | Expected loss | P90 | P99 | Chance of any loss |\n|---|---:|---:|---:|---:|\n";
    const std::pair<const char*, const quant::LossSummary*> states[] = {
        {"Inherent, no controls", &q.inherent_loss},
        {"With the controls in place", &q.residual_loss},
        {"After the recommended plan", &q.planned_loss}};
    for (const auto& [label, s] : states) {
        md << "| " << label << " | " << group_thousands(s->mean) << " | " << group_thousands(s->p90) << " | "
           << group_thousands(s->p99) << " | " << percent(s->probability_of_loss) << " |\n";
    }
    const quant::NetValue& v = q.net_value;
    md << "\n**Net present value over " << v.horizon_years << " years at " << percent(v.discount_rate)
       << "**, with the plan: " << m(v.with_plan.mean) << " on average (P5 " << group_thousands(v.with_plan.p5)
       << ", P95 " << group_thousands(v.with_plan.p95) << "); chance it is negative "
       << percent(v.with_plan.probability_negative) << ". Without the plan: " << m(v.without_plan.mean) << ".\n\n";
    const quant::QuantPlan& p = q.plan;
    md << "### Recommended plan" << (p.budget ? " within a security budget of " + m(*p.budget) : "") << "\n\n";
    if (p.chosen.empty()) {
        md << quant::k_no_plan_text << "\n\n";
    } else {
        md << "Buy " << p.chosen.size() << " mitigation" << (p.chosen.size() == 1 ? "" : "s") << " for "
           << m(p.cost.one_time) << " once and " << m(p.cost.annual) << " a year; "
           << (p.chosen.size() == 1 ? "it avoids " : "they avoid ") << m(p.loss_avoided) << " of expected loss a year"
           << (p.exact ? " (the best set within the budget" : " (the best set found") << ")."
           << (p.security_share
                   ? " Security spend is " + percent(*p.security_share) + " of the project's cost over the horizon."
                   : "")
           << "\n\n";
    }
    md << "| Mitigation | Risks | One-time | Annual | Loss avoided a year | ROSI | In plan |\n"
       << "|---|---|---:|---:|---:|---:|---|\n";
    for (const auto& mv : q.mitigations) {
        md << "| " << markdown_escape(mv.title) << " | " << join_words(mv.risks) << " | "
           << group_thousands(mv.cost.one_time) << " | " << group_thousands(mv.cost.annual) << " | "
           << group_thousands(mv.loss_avoided) << " | " << (mv.rosi ? percent(*mv.rosi) : "free") << " | "
           << (mv.in_plan ? "yes" : "no") << " |\n";
    }
    md << "\n";
    for (const auto& u : p.uncovered) {
        md << "- Left uncovered: " << code(u.risk_id) << " keeps " << m(u.expected_loss) << " of expected loss a year; "
           << join_words(u.mitigations_left) << " would bring it to " << group_thousands(u.expected_loss_at_best)
           << ".\n";
    }
    md << (p.uncovered.empty() ? "" : "\n")
       << "| Risk | Inherent | With controls | After plan | P90 after plan |\n|---|---:|---:|---:|---:|\n";
    for (const auto& rq : q.risks) {
        md << "| " << code(rq.risk_id) << " | " << group_thousands(rq.inherent_loss.mean) << " | "
           << group_thousands(rq.residual_loss.mean) << " | " << group_thousands(rq.planned_loss.mean) << " | "
           << group_thousands(rq.planned_loss.p90) << " |\n";
    }
    md << "\n";
    for (const auto& u : q.unquantified) {
        md << "- Not quantified: " << code(u.risk_id) << ", " << markdown_escape(u.reason) << ".\n";
    }
    md << (q.unquantified.empty() ? "" : "\n");
    for (const auto& a : q.assumptions) {
        md << "- Assumed: " << markdown_escape(a) << "\n";
    }
    md << (q.assumptions.empty() ? "" : "\n");
}

void write_plugins(std::ostringstream& md, const Review& r) {
    md << "## Plugins\n\n| Plugin | Version | Categories | Status |\n|---|---|---|---|\n";
    for (const auto& p : r.plugins) {
        md << "| " << code(p.id) << " | " << p.version << " | " << join_words(p.categories) << " | "
           << words(to_string(p.status));
        if (!p.error.empty()) {
            md << ": " << markdown_escape(p.error);
        }
        md << " |\n";
    }
    md << "\n";
    if (!r.warnings.empty()) {
        md << "## Warnings\n\n";
        for (const auto& w : r.warnings) {
            md << "- " << markdown_escape(w) << "\n";
        }
        md << "\n";
    }
}

} // namespace

std::string review_to_markdown(const Review& review) {
    std::ostringstream md;
    write_decision(md, review);
    write_cio(md, review);
    write_ciso(md, review);
    write_quant(md, review);
    write_risk_details(md, review);
    write_plugins(md, review);
    return md.str();
}

} // namespace fulcrum
