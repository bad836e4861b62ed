#include "report/portfolio.hpp"

#include "report/charts.hpp"
#include "report/html_util.hpp"
#include "util/format.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <sstream>

namespace fulcrum {
namespace {

constexpr std::array<Decision, 4> k_decisions = {Decision::approve, Decision::approve_with_conditions, Decision::defer,
                                                 Decision::reject};

const char* decision_colour(Decision d) {
    switch (d) {
    case Decision::approve:
        return "#1e7b45";
    case Decision::approve_with_conditions:
        return "#9a6100";
    case Decision::defer:
        return "#3d5a80";
    case Decision::reject:
        return "#b3261e";
    }
    return "#3d5a80";
}

int rank(Decision d) {
    return static_cast<int>(std::find(k_decisions.begin(), k_decisions.end(), d) - k_decisions.begin());
}

void write_summary(std::ostringstream& out, const std::vector<PortfolioEntry>& entries,
                   const PortfolioPageOptions& options) {
    out << "<dl class=\"figures\">\n<div class=\"figure-box\"><dt>Proposals</dt><dd>"
        << group_thousands(static_cast<double>(entries.size())) << "</dd></div>\n";
    for (Decision d : k_decisions) {
        const auto n = std::count_if(entries.begin(), entries.end(), [&](const auto& e) { return e.decision == d; });
        out << "<div class=\"figure-box\"><dt>" << decision_label(d) << "</dt><dd>"
            << group_thousands(static_cast<double>(n)) << "</dd></div>\n";
    }
    // Losses in different currencies are never added together: one sum each.
    std::map<std::string, double> exposure;
    for (const auto& e : entries) {
        if (e.annual_loss_exposure) {
            exposure[e.currency.empty() ? options.currency : e.currency] += *e.annual_loss_exposure;
        }
    }
    if (!exposure.empty()) {
        std::string sums;
        for (const auto& [currency, amount] : exposure) {
            sums += (sums.empty() ? "" : " + ") + currency + " " + compact_number(amount);
        }
        out << "<div class=\"figure-box\"><dt>Expected annual loss</dt><dd>" << html_escape(sums)
            << "<small>summed over quantified proposals" << (exposure.size() > 1 ? ", per currency" : "")
            << "</small></dd></div>\n";
    }
    const auto incomplete = std::count_if(entries.begin(), entries.end(), [](const auto& e) { return !e.complete; });
    if (incomplete > 0) {
        out << "<div class=\"figure-box\"><dt>Incomplete reviews</dt><dd>" << incomplete
            << "<small>a plugin failed</small></dd></div>\n";
    }
    out << "</dl>\n";
}

void write_quadrant(std::ostringstream& out, const std::vector<PortfolioEntry>& entries) {
    std::vector<QuadrantPoint> points;
    int counts[2][2] = {{0, 0}, {0, 0}}; // [high benefit][high risk]
    for (size_t i = 0; i < entries.size(); ++i) {
        const auto& e = entries[i];
        points.push_back({e.title, static_cast<double>(e.benefit_score), static_cast<double>(e.risk_score),
                          decision_colour(e.decision), !e.complete, std::to_string(i + 1)});
        ++counts[e.benefit_score >= 50 ? 1 : 0][e.risk_score >= 50 ? 1 : 0];
    }
    const std::string description =
        "Each proposal placed by adoption benefit and security risk, coloured by decision. Pursue (high benefit, low "
        "risk): " +
        std::to_string(counts[1][0]) +
        "; pursue with conditions (high benefit, high risk): " + std::to_string(counts[1][1]) +
        "; low priority (low benefit, low risk): " + std::to_string(counts[0][0]) +
        "; rethink (low benefit, high risk): " + std::to_string(counts[0][1]) + ".";
    QuadrantOptions options;
    options.labels = false; // the numbers inside the points lead to the table
    out << "<figure>\n"
        << quadrant_svg({"portfolio-quadrant", "Portfolio: benefit against risk", description}, points, options)
        << "<figcaption>Colour shows the decision:";
    for (Decision d : k_decisions) {
        out << " <span class=\"badge\" style=\"background:" << decision_colour(d) << "\">" << decision_label(d)
            << "</span>";
    }
    out << ". Numbers are rows of the table; a ring marks an incomplete review.</figcaption>\n</figure>\n";
}

// By decision, approve first, then by benefit less risk: the order of the
// table, whose row numbers tag the points of the chart.
std::vector<PortfolioEntry> in_page_order(std::vector<PortfolioEntry> entries) {
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        if (rank(a.decision) != rank(b.decision)) {
            return rank(a.decision) < rank(b.decision);
        }
        return a.benefit_score - a.risk_score > b.benefit_score - b.risk_score;
    });
    return entries;
}

void write_table(std::ostringstream& out, const std::vector<PortfolioEntry>& entries,
                 const PortfolioPageOptions& options) {
    const size_t shown = std::min(entries.size(), options.table_limit);
    out << "<table>\n<caption>";
    if (shown < entries.size()) {
        out << "The first " << shown << " of " << entries.size() << " proposals, ";
    } else {
        out << "Every proposal, ";
    }
    out << "by decision, then by benefit less risk</caption>\n<thead><tr><th scope=\"col\">#</th>"
           "<th scope=\"col\">Proposal</th>"
           "<th scope=\"col\">Decision</th><th scope=\"col\" class=\"num\">Benefit</th>"
           "<th scope=\"col\" class=\"num\">Risk</th><th scope=\"col\" class=\"num\">Expected annual loss, "
        << html_escape(options.currency) << "</th></tr></thead>\n<tbody>\n";
    for (size_t i = 0; i < shown; ++i) {
        const auto& e = entries[i];
        out << "<tr><td>" << i + 1 << "</td><th scope=\"row\">" << html_escape(e.title) << "<br><code>"
            << html_escape(e.id) << "</code>" << (e.complete ? "" : " <span class=\"status\">(incomplete)</span>")
            << "</th><td>" << decision_label(e.decision) << "</td><td class=\"num\">" << e.benefit_score
            << "</td><td class=\"num\">" << e.risk_score << "</td><td class=\"num\">"
            << (e.annual_loss_exposure
                    ? html_escape(
                          (e.currency.empty() || e.currency == options.currency ? std::string() : e.currency + " ") +
                          group_thousands(*e.annual_loss_exposure))
                    : std::string("not quantified"))
            << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n";
}

} // namespace

PortfolioEntry portfolio_entry(const Review& review) {
    PortfolioEntry e;
    e.id = review.proposal_id;
    e.title = review.proposal_title;
    e.decision = review.decision;
    e.benefit_score = review.benefit_score;
    e.risk_score = review.risk_score;
    e.complete = review.complete;
    e.currency = review.currency;
    if (review.quant) {
        e.annual_loss_exposure = review.quant->residual_loss.mean;
    }
    return e;
}

std::string portfolio_to_html(const std::vector<PortfolioEntry>& unordered, const PortfolioPageOptions& options) {
    const std::vector<PortfolioEntry> entries = in_page_order(unordered);
    std::ostringstream out;
    out << html_page_start(options.title)
        << "<main>\n<header>\n<p class=\"kicker\">Portfolio review by the CIO and "
           "the CISO</p>\n<h1>"
        << html_escape(options.title) << "</h1>\n</header>\n";
    out << "<section class=\"card\" aria-labelledby=\"summary\">\n<h2 id=\"summary\">At a glance</h2>\n";
    write_summary(out, entries, options);
    out << "</section>\n<div class=\"views pair\">\n<section class=\"card\" aria-labelledby=\"where\">\n<h2 "
           "id=\"where\">"
           "Where the proposals sit</h2>\n";
    write_quadrant(out, entries);
    out << "</section>\n<section class=\"card\" aria-labelledby=\"list\">\n<h2 id=\"list\">Proposals</h2>\n";
    write_table(out, entries, options);
    out << "</section>\n</div>\n<footer>\n<p>Produced by Fulcrum " FULCRUM_VERSION;
    if (!options.generated_at.empty()) {
        out << " on " << html_escape(options.generated_at);
    }
    out << ". Benefit and risk scores run from 0 to 100 and split into quadrants at 50. Risk is with the controls "
           "each proposal already has in place.</p>\n</footer>\n</main>\n"
        << html_page_end();
    return out.str();
}

} // namespace fulcrum
