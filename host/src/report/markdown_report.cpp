#include "report/markdown_report.hpp"

#include "util/format.hpp"

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
        int n = 1;
        for (const auto& c : r.conditions) {
            md << "| " << n++ << " | " << markdown_escape(c.mitigation.title) << " | " << code(c.risk_id) << " | "
               << to_string(c.mitigation.status) << " | " << group_thousands(c.mitigation.cost.one_time) << " | "
               << group_thousands(c.mitigation.cost.annual) << " |\n";
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
        md << "| " << markdown_escape(b.title) << " | " << b.dimension << " | " << b.score << " | "
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
    md << "Inherent risk " << r.inherent_risk_score << "/100; with the controls in place " << r.risk_score
       << "/100; once the conditions are met " << r.planned_risk_score << "/100.\n\n";
    if (r.risks.empty()) {
        md << "No plugin raised a risk.\n\n";
        return;
    }
    md << "| Risk | Inherent | Residual | Raised by | References |\n|---|---|---|---|---|\n";
    for (const auto& risk : r.risks) {
        std::string refs;
        for (const auto& [framework, ids] : risk.refs.items()) {
            for (const auto& id : ids) {
                refs += (refs.empty() ? "" : ", ") + markdown_escape(id.get<std::string>());
            }
        }
        md << "| " << code(risk.id) << " " << markdown_escape(risk.title) << " | "
           << level(risk.likelihood, risk.impact) << " | " << level(risk.residual_likelihood, risk.residual_impact)
           << " | " << join_words(risk.raised_by) << " | " << refs << " |\n";
    }
    md << "\n";
    for (const auto& risk : r.risks) {
        md << "### " << code(risk.id) << " " << markdown_escape(risk.title) << "\n\n"
           << markdown_escape(risk.rationale) << "\n\nEvidence: ";
        for (size_t i = 0; i < risk.evidence.size(); ++i) {
            md << (i ? ", " : "") << code(risk.evidence[i]);
        }
        md << "\n\n| Mitigation | Status | Leaves | One-time | Annual |\n|---|---|---|---:|---:|\n";
        for (const auto& m : risk.mitigations) {
            md << "| " << markdown_escape(m.title) << " | " << to_string(m.status) << " | "
               << level(m.residual_likelihood, m.residual_impact) << " | " << group_thousands(m.cost.one_time) << " | "
               << group_thousands(m.cost.annual) << " |\n";
        }
        md << "\n";
    }
}

void write_plugins(std::ostringstream& md, const Review& r) {
    md << "## Plugins\n\n| Plugin | Version | Categories | Status |\n|---|---|---|---|\n";
    for (const auto& p : r.plugins) {
        md << "| " << code(p.id) << " | " << p.version << " | " << join_words(p.categories) << " | "
           << to_string(p.status);
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
    write_plugins(md, review);
    return md.str();
}

} // namespace fulcrum
