// The portfolio page: many proposals on one self-contained HTML page, for a
// board that weighs them against each other. The batch command builds one
// PortfolioEntry per reviewed proposal and calls portfolio_to_html.
#pragma once

#include "review/review.hpp"

#include <cstddef>
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
};

struct PortfolioPageOptions {
    std::string title = "Portfolio of technology proposals";
    std::string currency = "USD";
    std::string generated_at;  // footer; empty keeps the page reproducible
    size_t table_limit = 1000; // rows listed; the chart and counts cover every entry
};

std::string portfolio_to_html(const std::vector<PortfolioEntry>& entries, const PortfolioPageOptions& options = {});

// The entry for a finished review.
PortfolioEntry portfolio_entry(const Review& review);

} // namespace fulcrum
