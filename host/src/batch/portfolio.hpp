// The portfolio view of a batch, built as records stream past and never
// holding the batch: counts by decision and quadrant, the best proposals by
// expected net value, the most frequent risks, and a funding recommendation.
// Amounts in different currencies are never added or compared: totals,
// rankings and funding candidates are kept per currency.
#pragma once

#include "batch/funding.hpp"
#include "quant/loss_sketch.hpp"
#include "report/portfolio.hpp"
#include "review/review.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fulcrum {

// What the portfolio keeps of one review.
struct PortfolioRow {
    uint64_t index = 0;
    std::string id;
    std::string title;
    Decision decision = Decision::defer;
    int benefit_score = 0;
    int risk_score = 0;
    bool complete = true;
    double expected_net_value = 0; // over the proposal's horizon, in its currency
    double innovation_cost = 0;    // capex + first-year opex
    double security_cost = 0;      // one-time + first-year cost of its conditions
    std::optional<double> annual_loss_exposure;
    // With --quant: a sketch of the simulated annual loss with the controls
    // in place (quant/loss_sketch.hpp).
    quant::LossSketch loss_sketch;
    std::vector<std::string> risk_ids;
    std::string currency = "USD";
};

// Expected net value of a review: discounted benefits minus costs over the
// horizon; docs/batch.md gives the formula.
PortfolioRow row_from_review(uint64_t index, const Review& review, const nlohmann::json& proposal_doc);
// The same from a batch record (on --resume, and by `fulcrum portfolio`):
// its `portfolio` member, each field checked. Throws fulcrum::Error (exit 3)
// naming the field at fault, e.g. "/portfolio/decision: expected ...". The
// row's index is left to the caller, which has checked the record's.
PortfolioRow row_from_record(const nlohmann::json& record);

struct PortfolioOptions {
    std::optional<double> innovation_budget;
    std::optional<double> security_budget;
    // The currency of the budgets: only proposals in it are funded. Empty:
    // the portfolio's, when it has one.
    std::string budget_currency;
    // What one unit of another currency is worth in the budgets' currency
    // (--fx): proposals in those currencies compete too, their amounts
    // converted. Used only with budget_currency.
    std::map<std::string, double> exchange_rates;
    size_t ranking_size = 25;
    size_t candidate_pool = 5000; // most valuable proposals kept for funding
    bool keep_entries = false;    // for the HTML page: one small entry per proposal (memory grows with the batch)
};

class Portfolio {
public:
    explicit Portfolio(PortfolioOptions options);

    // Takes the row: its risk ids are counted, then dropped from what is kept.
    void add(PortfolioRow row);
    void add_invalid() { ++m_invalid; }

    uint64_t reviewed() const { return m_reviewed; }
    nlohmann::ordered_json to_json() const;
    std::string to_csv() const;
    // Why no funding was planned though a budget was given (the proposals are
    // in several currencies and none was named for the budgets); else empty.
    std::string funding_skipped() const;
    // The portfolio page (report/portfolio.hpp); needs keep_entries.
    std::string to_html() const;

private:
    PortfolioOptions m_options;
    uint64_t m_reviewed = 0;
    uint64_t m_invalid = 0;
    uint64_t m_incomplete = 0;
    std::map<std::string, uint64_t> m_by_decision;
    std::map<std::string, uint64_t> m_by_quadrant;
    std::map<std::string, uint64_t> m_risk_counts;
    // What is kept per currency of the proposals.
    struct InCurrency {
        uint64_t proposals = 0;
        double net_value = 0;                 // expected net values added up
        std::vector<PortfolioRow> ranking;    // best first, at most ranking_size
        std::vector<PortfolioRow> candidates; // funding candidates, bounded
        uint64_t candidates_dropped = 0;
    };
    std::map<std::string, InCurrency> m_currencies;
    // The currencies, those with the most proposals first.
    std::vector<std::string> currencies_by_use() const;
    // The budgets' currency: given, or the portfolio's only one; else empty.
    std::string funding_currency() const;
    // The funding recommendation, with the budgets' currency empty when no
    // plan could be made; worked out once for the JSON, CSV and page alike
    // (and again only after another add).
    const FundingPlanView& funding_plan() const;
    FundingPlanView make_funding_plan() const;
    mutable std::optional<FundingPlanView> m_plan;
    nlohmann::ordered_json funding_json() const;
    // The annual loss exposure, per currency: the expected losses added up,
    // and the losses summed year by year, each proposal's years drawn from
    // its sketch (as many as the first sketch's iterations), from which the
    // portfolio's percentiles come: proposals are drawn independently, so the
    // sum of their years is a draw of the portfolio's year.
    struct LossExposure {
        double expected = 0;
        uint64_t proposals = 0;
        uint64_t simulated = 0;
        std::vector<double> by_year;
    };
    std::map<std::string, LossExposure> m_loss;
    std::vector<double> m_scratch; // a proposal's drawn years, reused
    std::string m_currency;
    std::vector<PortfolioEntry> m_entries; // only with keep_entries
};

// "high-benefit/low-risk" and so on: benefit and risk split at 50.
std::string quadrant_of(int benefit_score, int risk_score);

} // namespace fulcrum
