#include "report/html_sections.hpp"

#include "report/charts.hpp"
#include "report/html_util.hpp"
#include "util/format.hpp"

#include <algorithm>
#include <map>

namespace fulcrum::html {
namespace {

std::string esc(const std::string& text) {
    return html_escape(text);
}

// "customer_experience" -> "Customer experience"
std::string dimension_label(const std::string& dimension) {
    std::string out = words(dimension);
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') {
        out[0] = static_cast<char>(out[0] - 'a' + 'A');
    }
    return out;
}

std::string capitalised(const char* word) {
    std::string out = word;
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') {
        out[0] = static_cast<char>(out[0] - 'a' + 'A');
    }
    return out;
}

std::string refs_text(const Refs& refs) {
    static const std::map<std::string, std::string> k_names = {
        {"csf", "NIST CSF 2.0"},    {"sp800_53", "SP 800-53"}, {"atlas", "MITRE ATLAS"},
        {"owasp_llm", "OWASP LLM"}, {"gdpr", "GDPR"},          {"eu_ai_act", "EU AI Act"},
        {"iso27001", "ISO 27001"},  {"hipaa", "HIPAA"},        {"pci_dss", "PCI DSS"}};
    std::string out;
    for (const auto& [framework, ids] : refs) {
        const auto name = k_names.find(framework);
        std::string list;
        for (const auto& id : ids) {
            list += (list.empty() ? "" : ", ") + id;
        }
        out += (out.empty() ? "" : "; ") + (name == k_names.end() ? framework : name->second) + " " + list;
    }
    return out;
}

} // namespace

std::string severity_badge(int likelihood, int impact) {
    const char* severity = to_string(severity_of(likelihood, impact));
    return std::string("<span class=\"badge sev-") + severity + "\">" + capitalised(severity) +
           "</span> <span class=\"status\">" + std::to_string(likelihood) + "&#215;" + std::to_string(impact) +
           "</span>";
}

std::string range_text(const std::string& currency, const Range& range) {
    return money(currency, range.likely) + " (" + group_thousands(range.low) + " to " + group_thousands(range.high) +
           ")";
}

void write_cio_view(std::ostringstream& out, const Review& r, const Ids& ids) {
    out << "<section class=\"card view-cio\" aria-labelledby=\"" << ids("cio")
        << "\">\n<p class=\"kicker\">CIO view</p>\n"
        << "<h2 id=\"" << ids("cio") << "\">Adoption benefit</h2>\n<p class=\"score\">" << r.benefit_score
        << "<small> / 100</small></p>\n";
    if (r.has_annual_value) {
        out << "<p>The business case states " << esc(range_text(r.currency, r.annual_value)) << " a year.</p>\n";
    }
    if (r.benefits.empty()) {
        out << "<p>No plugin found a benefit it could evidence.</p>\n</section>\n";
        return;
    }
    std::map<std::string, int> best;
    for (const auto& b : r.benefits) {
        best[b.dimension] = std::max(best[b.dimension], b.score);
    }
    std::vector<Bar> bars;
    std::string description = "Best benefit score in each dimension:";
    for (const auto& [dimension, score] : best) {
        bars.push_back({dimension_label(dimension), static_cast<double>(score)});
        description += " " + dimension_label(dimension) + " " + std::to_string(score) + ";";
    }
    std::sort(bars.begin(), bars.end(), [](const Bar& a, const Bar& b) { return a.value > b.value; });
    out << "<figure>\n"
        << bar_chart_svg({ids("benefits-chart"), "Benefit scores by dimension", description}, bars)
        << "<figcaption>Best score in each dimension, 0 to 100; the overall score weighs them by the "
           "policy.</figcaption>\n"
           "</figure>\n<table>\n<caption>Benefits found</caption>\n<thead><tr><th scope=\"col\">Benefit</th>"
           "<th scope=\"col\" class=\"num\">Score</th></tr></thead>\n<tbody>\n";
    for (const auto& b : r.benefits) {
        out << "<tr><th scope=\"row\">" << esc(b.title) << " <span class=\"field\">("
            << esc(dimension_label(b.dimension)) << ")</span><br><span class=\"field\">" << esc(b.rationale);
        if (b.annual_value) {
            out << " Stated value " << esc(range_text(r.currency, *b.annual_value)) << " a year.";
        }
        out << "</span></th><td class=\"num\">" << b.score << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n</section>\n";
}

void write_ciso_view(std::ostringstream& out, const Review& r, const Ids& ids) {
    out << "<section class=\"card view-ciso\" aria-labelledby=\"" << ids("ciso")
        << "\">\n<p class=\"kicker\">CISO view</p>\n<h2 id=\"" << ids("ciso")
        << "\">Security risk</h2>\n<p class=\"score\">" << r.risk_score
        << "<small> / 100 with the controls in place</small></p>\n<p>Inherent risk, before any control, "
        << r.inherent_risk_score;
    if (!r.conditions.empty()) {
        out << "; once the conditions are met, " << r.planned_risk_score;
    }
    out << ".</p>\n";
    if (r.risks.empty()) {
        out << "<p>No plugin raised a risk.</p>\n</section>\n";
        return;
    }
    std::vector<HeatMapItem> items;
    std::string description = "Each numbered risk of the register placed by likelihood and impact with the controls "
                              "in place:";
    for (size_t i = 0; i < r.risks.size(); ++i) {
        const Risk& risk = r.risks[i];
        items.push_back({risk.residual_likelihood, risk.residual_impact, std::to_string(i + 1)});
        description += " " + std::to_string(i + 1) + ". " + risk.title + ", likelihood " +
                       std::to_string(risk.residual_likelihood) + ", impact " + std::to_string(risk.residual_impact) +
                       ";";
    }
    out << "<figure>\n"
        << heat_map_svg({ids("heat-map"), "Risk register: likelihood by impact", description}, items)
        << "<figcaption>Numbers are rows of the register below, placed where each risk stands with the controls "
           "already in place.</figcaption>\n</figure>\n<table>\n<caption>Risk register, worst first</caption>\n"
           "<thead><tr><th scope=\"col\">#</th><th scope=\"col\">Risk</th><th scope=\"col\">Now</th>"
           "<th scope=\"col\">Inherent</th></tr></thead>\n<tbody>\n";
    for (size_t i = 0; i < r.risks.size(); ++i) {
        const Risk& risk = r.risks[i];
        out << "<tr><td>" << i + 1 << "</td><th scope=\"row\"><a href=\"#" << ids("risk-" + std::to_string(i + 1))
            << "\">" << esc(risk.title) << "</a></th><td>"
            << severity_badge(risk.residual_likelihood, risk.residual_impact) << "</td><td>"
            << severity_badge(risk.likelihood, risk.impact) << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n</section>\n";
}

void write_risk_details(std::ostringstream& out, const Review& r, const Ids& ids) {
    if (r.risks.empty()) {
        return;
    }
    out << "<section class=\"card details\" aria-labelledby=\"" << ids("details") << "\">\n<h2 id=\"" << ids("details")
        << "\">Risk details</h2>\n";
    for (size_t i = 0; i < r.risks.size(); ++i) {
        const Risk& risk = r.risks[i];
        out << "<article class=\"risk-detail\" id=\"" << ids("risk-" + std::to_string(i + 1)) << "\" aria-labelledby=\""
            << ids("risk-" + std::to_string(i + 1) + "-h") << "\">\n<h3 id=\""
            << ids("risk-" + std::to_string(i + 1) + "-h") << "\">" << i + 1 << ". " << esc(risk.title)
            << "</h3>\n<p>Now " << severity_badge(risk.residual_likelihood, risk.residual_impact) << " · inherent "
            << severity_badge(risk.likelihood, risk.impact) << " · rule <code>" << esc(risk.id) << "</code>, raised by "
            << esc(join_words(risk.raised_by)) << "</p>\n<p>" << esc(risk.rationale) << "</p>\n";
        const std::string loss = risk_loss_text(r, risk.id);
        if (!loss.empty()) {
            out << "<p>" << esc(loss) << "</p>\n";
        }
        out << "<p class=\"refs\">Rests on ";
        for (size_t k = 0; k < risk.evidence.size(); ++k) {
            out << (k ? ", " : "") << "<code>" << esc(risk.evidence[k]) << "</code>";
        }
        const std::string refs = refs_text(risk.refs.list());
        if (!refs.empty()) {
            out << ". References: " << esc(refs);
        }
        out << ".</p>\n";
        if (risk.mitigations.empty()) {
            out << "</article>\n";
            continue;
        }
        out << "<table>\n<caption>Mitigations</caption>\n<thead><tr><th scope=\"col\">Mitigation</th>"
               "<th scope=\"col\">Status</th><th scope=\"col\">Leaves</th><th scope=\"col\" class=\"num\">One-time</th>"
               "<th scope=\"col\" class=\"num\">Annual</th></tr></thead>\n<tbody>\n";
        for (const auto& m : risk.mitigations) {
            out << "<tr><th scope=\"row\">" << esc(m.title) << "</th><td class=\"status\">" << to_string(m.status)
                << "</td><td>" << severity_badge(m.residual_likelihood, m.residual_impact) << "</td><td class=\"num\">"
                << group_thousands(m.cost.one_time) << "</td><td class=\"num\">" << group_thousands(m.cost.annual)
                << "</td></tr>\n";
        }
        out << "</tbody>\n</table>\n</article>\n";
    }
    out << "</section>\n";
}

} // namespace fulcrum::html
