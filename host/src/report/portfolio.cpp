#include "report/portfolio.hpp"

#include "report/charts.hpp"
#include "report/html_util.hpp"
#include "util/format.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
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
    // A bad year for the portfolio: far below the sum of every proposal's
    // own bad year, since they seldom strike together.
    if (!options.bad_year.empty()) {
        std::string amounts;
        for (const auto& [currency, amount] : options.bad_year) {
            amounts += (amounts.empty() ? "" : " + ") + currency + " " + compact_number(amount);
        }
        out << "<div class=\"figure-box\"><dt>A 1-in-100 year</dt><dd>" << html_escape(amounts)
            << "<small>annual loss exceeded in 1% of " << group_thousands(static_cast<double>(options.simulated_years))
            << " simulated portfolio years" << (options.bad_year.size() > 1 ? ", per currency" : "")
            << "</small></dd></div>\n";
    }
    const auto incomplete = std::count_if(entries.begin(), entries.end(), [](const auto& e) { return !e.complete; });
    if (incomplete > 0) {
        out << "<div class=\"figure-box\"><dt>Incomplete reviews</dt><dd>" << incomplete
            << "<small>a plugin failed</small></dd></div>\n";
    }
    if (options.not_reviewed > 0) {
        out << "<div class=\"figure-box\"><dt>Not reviewed</dt><dd>"
            << group_thousands(static_cast<double>(options.not_reviewed))
            << "<small>could not be read or validated: the batch's error records say why</small></dd></div>\n";
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
    // The loss column only when some review was quantified, its currency in
    // the heading only when every loss is in it.
    bool quantified = false;
    bool one_currency = true;
    for (const auto& e : entries) {
        if (e.annual_loss_exposure) {
            quantified = true;
            one_currency = one_currency && (e.currency.empty() || e.currency == options.currency);
        }
    }
    const bool planned = options.funding && !options.funding->currency.empty();
    const std::vector<uint64_t> funded = options.funding ? options.funding->funded_indices() : std::vector<uint64_t>();
    out << "<table>\n<caption>";
    if (shown < entries.size()) {
        out << "The first " << shown << " of " << entries.size() << " proposals, ";
    } else {
        out << "Every proposal, ";
    }
    out << "by decision, then by benefit less risk</caption>\n<thead><tr><th scope=\"col\">#</th>"
           "<th scope=\"col\">Proposal</th>"
           "<th scope=\"col\">Decision</th><th scope=\"col\" class=\"num\">Benefit</th>"
           "<th scope=\"col\" class=\"num\">Risk</th>";
    if (planned) {
        out << "<th scope=\"col\">Funded</th>";
    }
    if (quantified) {
        out << "<th scope=\"col\" class=\"num\">Expected annual loss"
            << (one_currency ? ", " + html_escape(options.currency) : std::string()) << "</th>";
    }
    out << "</tr></thead>\n<tbody>\n";
    for (size_t i = 0; i < shown; ++i) {
        const auto& e = entries[i];
        out << "<tr><td>" << i + 1 << "</td><th scope=\"row\">" << html_escape(e.title) << "<br><code>"
            << html_escape(e.id) << "</code>" << (e.complete ? "" : " <span class=\"status\">(incomplete)</span>")
            << "</th><td>" << decision_label(e.decision) << "</td><td class=\"num\">" << e.benefit_score
            << "</td><td class=\"num\">" << e.risk_score << "</td>";
        if (planned) {
            out << "<td>" << (std::binary_search(funded.begin(), funded.end(), e.index) ? "funded" : "") << "</td>";
        }
        if (quantified) {
            const std::string currency = e.currency.empty() ? options.currency : e.currency;
            out << "<td class=\"num\">"
                << (e.annual_loss_exposure ? html_escape((one_currency ? std::string() : currency + " ") +
                                                         group_thousands(*e.annual_loss_exposure))
                                           : std::string("not quantified"))
                << "</td>";
        }
        out << "</tr>\n";
    }
    out << "</tbody>\n</table>\n";
}

// 0.0123 -> "1.2" (a share as a percentage); 1.17 -> "1.17" (a rate).
std::string percent_text(double share) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", 100 * share);
    return buffer;
}

std::string rate_text(double rate) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", rate);
    return buffer;
}

std::string budget_text(const std::optional<double>& budget, const std::string& currency) {
    return budget ? money(currency, *budget) : std::string("no limit");
}

// The funding recommendation: what the budgets buy, how sure the plan is,
// and the proposals it funds.
void write_funding(std::ostringstream& out, const FundingPlanView& plan, size_t table_limit) {
    out << "<section class=\"card\" aria-labelledby=\"funding\">\n<h2 id=\"funding\">Funding "
           "recommendation</h2>\n";
    if (plan.currency.empty()) {
        out << "<p>" << html_escape(plan.reason) << ".</p>\n</section>\n";
        return;
    }
    const std::string& c = plan.currency;
    out << "<p>Within an innovation budget of " << html_escape(budget_text(plan.innovation_budget, c))
        << " and a security budget of " << html_escape(budget_text(plan.security_budget, c)) << ", ";
    if (plan.funded.empty()) {
        out << "no proposal fits with a positive expected net value: fund none of the " << plan.candidates
            << " candidates.</p>\n";
    } else {
        out << "fund " << plan.funded.size() << " of the " << plan.candidates
            << " candidates with their mitigation plans: an expected net value of "
            << html_escape(money(c, plan.expected_net_value)) << ", spending "
            << html_escape(money(c, plan.innovation_spend)) << " of the innovation budget and "
            << html_escape(money(c, plan.security_spend)) << " of the security budget. ";
        if (plan.exact) {
            out << "No other choice of these candidates is worth more within both budgets.</p>\n";
        } else {
            out << "The plan comes from a heuristic; the best possible is at most "
                << html_escape(money(c, plan.upper_bound)) << ", " << percent_text(plan.gap_to_bound())
                << "% more.</p>\n";
        }
    }
    if (!plan.exchange_rates.empty()) {
        std::vector<std::string> rates;
        for (const auto& [code, rate] : plan.exchange_rates) {
            rates.push_back(code + " 1 = " + c + " " + rate_text(rate));
        }
        out << "<p>Proposals in other currencies compete converted at " << html_escape(join_words(rates)) << ".</p>\n";
    }
    if (plan.other_currencies > 0) {
        out << "<p>" << plan.other_currencies << " proposal" << (plan.other_currencies == 1 ? " is" : "s are")
            << " in currencies with no rate and " << (plan.other_currencies == 1 ? "was" : "were")
            << " not weighed against these budgets.</p>\n";
    }
    if (!plan.funded.empty()) {
        const size_t shown = std::min(plan.funded.size(), table_limit);
        out << "<table>\n<caption>"
            << (shown < plan.funded.size() ? "The " + std::to_string(shown) + " most valuable of the " +
                                                 std::to_string(plan.funded.size()) + " funded proposals"
                                           : std::string("The funded proposals, the most valuable first"))
            << ", in " << html_escape(c)
            << "</caption>\n<thead><tr><th scope=\"col\">Proposal</th><th scope=\"col\" class=\"num\">Expected "
               "net value</th><th scope=\"col\" class=\"num\">Innovation cost</th><th scope=\"col\" "
               "class=\"num\">Security cost</th></tr></thead>\n<tbody>\n";
        std::vector<FundedProposal> by_value = plan.funded;
        std::stable_sort(by_value.begin(), by_value.end(),
                         [](const auto& a, const auto& b) { return a.expected_net_value > b.expected_net_value; });
        by_value.resize(shown);
        for (const auto& f : by_value) {
            out << "<tr><th scope=\"row\">" << html_escape(f.title) << "<br><code>" << html_escape(f.id) << "</code>";
            if (!f.converted_from.empty()) {
                out << " <span class=\"status\">(from " << html_escape(f.converted_from) << ")</span>";
            }
            out << "</th><td class=\"num\">" << group_thousands(f.expected_net_value) << "</td><td class=\"num\">"
                << group_thousands(f.innovation_cost) << "</td><td class=\"num\">" << group_thousands(f.security_cost)
                << "</td></tr>\n";
        }
        out << "</tbody>\n</table>\n";
    }
    out << "</section>\n";
}

} // namespace

std::vector<uint64_t> FundingPlanView::funded_indices() const {
    std::vector<uint64_t> indices;
    for (const auto& f : funded) {
        indices.push_back(f.index);
    }
    std::sort(indices.begin(), indices.end());
    return indices;
}

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
    out << "</section>\n</div>\n";
    if (options.funding) {
        write_funding(out, *options.funding, options.table_limit);
    }
    out << "<footer>\n<p>Produced by Fulcrum " FULCRUM_VERSION;
    if (!options.generated_at.empty()) {
        out << " on " << html_escape(options.generated_at);
    }
    out << ". Benefit and risk scores run from 0 to 100 and split into quadrants at 50. Risk is with the controls "
           "each proposal already has in place.</p>\n</footer>\n</main>\n"
        << html_page_end();
    return out.str();
}

} // namespace fulcrum
