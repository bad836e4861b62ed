// The portfolio page: many proposals on one self-contained HTML page, for a
// board that weighs them against each other. The batch command builds one
// PortfolioEntry per reviewed proposal and calls portfolio_to_html.
#pragma once

#include "review/review.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fulcrum {

// What the page shows of one proposal.
struct PortfolioEntry {
    std::string id;
    std::string title;
    Decision decision = Decision::defer;
    int benefit_score = 0;                      // 0-100
    int risk_score = 0;                         // 0-100, with the controls in place
    std::optional<double> annual_loss_exposure; // expected annual loss when quantified
    bool complete = true;                       // false when a plugin failed
    std::string currency;                       // of the loss; empty: the page's currency
    uint64_t index = 0;                         // the proposal's place in the batch
};

// One proposal the funding plan funds, its amounts in the budgets' currency.
struct FundedProposal {
    uint64_t index = 0; // the proposal's place in the batch
    std::string id;
    std::string title;
    double expected_net_value = 0;
    double innovation_cost = 0;
    double security_cost = 0;
    std::string converted_from; // the proposal's own currency when it is not the budgets'
    double rate = 1;            // ...and what one unit of it is worth in the budgets'
};

// The funding recommendation of a batch given budgets (docs/batch.md).
struct FundingPlanView {
    std::optional<double> innovation_budget; // none: unlimited
    std::optional<double> security_budget;
    std::string currency; // the budgets'; empty when no plan could be made
    std::string reason;   // ...and then why
    bool exact = true;
    double upper_bound = 0; // a heuristic plan's bound on the best value
    uint64_t candidates = 0;
    uint64_t other_currencies = 0; // proposals not weighed against the budgets
    double expected_net_value = 0;
    double innovation_spend = 0;
    double security_spend = 0;
    std::map<std::string, double> exchange_rates;
    std::vector<FundedProposal> funded;

    // A heuristic plan's distance from the bound, as a share of the bound.
    double gap_to_bound() const { return upper_bound > 0 ? (upper_bound - expected_net_value) / upper_bound : 0.0; }
    // The funded proposals' places in the batch, in order, for binary_search.
    std::vector<uint64_t> funded_indices() const;
};

struct PortfolioPageOptions {
    std::string title = "Portfolio of technology proposals";
    std::string currency = "USD"; // of losses whose entry names none
    std::string generated_at;     // footer; empty keeps the page reproducible
    size_t table_limit = 1000;    // rows listed; the chart and counts cover every entry
    std::optional<FundingPlanView> funding;
    // With quantification: per currency, the portfolio's simulated annual
    // loss exceeded one year in a hundred (p99 of the years summed across
    // proposals), and how many simulated years it comes from.
    std::map<std::string, double> bad_year;
    uint64_t simulated_years = 0;
    // Proposals of the batch that could not be read or validated: not on the
    // page, but counted on it, so that the board knows they are missing.
    uint64_t not_reviewed = 0;
};

std::string portfolio_to_html(const std::vector<PortfolioEntry>& entries, const PortfolioPageOptions& options = {});

// The entry for a finished review.
PortfolioEntry portfolio_entry(const Review& review);

} // namespace fulcrum
