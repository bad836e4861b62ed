#include "batch/portfolio.hpp"

#include "proposal/proposal.hpp"
#include "quant/loss_sketch.hpp"
#include "quant/quantify.hpp"
#include "quant/statistics.hpp"
#include "util/error.hpp"
#include "util/format.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace fulcrum {

using ojson = nlohmann::ordered_json;

std::string quadrant_of(int benefit_score, int risk_score) {
    return std::string(benefit_score >= 50 ? "high-benefit" : "low-benefit") + "/" +
           (risk_score >= 50 ? "high-risk" : "low-risk");
}

namespace {

// The number at /section/field of the proposal, or `fallback` when there is
// none there; read by name, without building a json_pointer for each row.
double number_at(const nlohmann::json& doc, const char* section, const char* field, double fallback) {
    const auto in = doc.find(section);
    if (in == doc.end() || !in->is_object()) {
        return fallback;
    }
    const auto value = in->find(field);
    return value != in->end() && value->is_number() ? value->get<double>() : fallback;
}

double net_value(double annual_benefit, double capex, double opex, const Cost& conditions, double years, double rate) {
    double value = -capex - conditions.one_time;
    for (int t = 1; t <= static_cast<int>(years); ++t) {
        value += (annual_benefit - opex - conditions.annual) / std::pow(1 + rate, t);
    }
    return value;
}

bool fundable(Decision d) {
    return d == Decision::approve || d == Decision::approve_with_conditions;
}

} // namespace

PortfolioRow row_from_review(uint64_t index, const Review& review, const nlohmann::json& doc) {
    PortfolioRow row;
    row.index = index;
    row.id = review.proposal_id;
    row.title = review.proposal_title;
    row.decision = review.decision;
    row.benefit_score = review.benefit_score;
    row.risk_score = review.risk_score;
    row.complete = review.complete;
    row.currency = review.currency;
    const double capex = number_at(doc, "costs", "capex", 0);
    const double opex = number_at(doc, "costs", "opex_annual", 0);
    row.innovation_cost = capex + opex;
    row.security_cost = review.conditions_cost.one_time + review.conditions_cost.annual;
    row.expected_net_value = net_value(review.has_annual_value ? review.annual_value.likely : 0, capex, opex,
                                       review.conditions_cost, number_at(doc, "business_case", "horizon_years", 3),
                                       number_at(doc, "business_case", "discount_rate", 0.08));
    for (const auto& r : review.risks) {
        row.risk_ids.push_back(r.id);
    }
    if (review.quant) { // with --quant: the expected annual loss with the controls in place
        row.annual_loss_exposure = review.quant->residual_loss.mean;
        row.loss_sketch = review.quant->residual_sketch;
    }
    return row;
}

Portfolio::Portfolio(PortfolioOptions options) : m_options(std::move(options)) {}

void Portfolio::add(PortfolioRow row) {
    m_plan.reset();
    ++m_reviewed;
    if (m_currency.empty()) {
        m_currency = row.currency;
    } else if (m_currency != row.currency) {
        m_currency = "mixed";
    }
    m_incomplete += row.complete ? 0 : 1;
    ++m_by_decision[to_string(row.decision)];
    ++m_by_quadrant[quadrant_of(row.benefit_score, row.risk_score)];
    for (const auto& id : row.risk_ids) {
        ++m_risk_counts[id];
    }
    if (m_options.keep_entries) {
        PortfolioEntry e;
        e.id = row.id;
        e.title = row.title;
        e.decision = row.decision;
        e.benefit_score = row.benefit_score;
        e.risk_score = row.risk_score;
        e.annual_loss_exposure = row.annual_loss_exposure;
        e.complete = row.complete;
        e.currency = row.currency;
        e.index = row.index;
        m_entries.push_back(std::move(e));
    }
    // The ranking and the funding pool keep up to thousands of rows; the risk
    // ids (counted above) are most of a row's memory and are not needed there.
    row.risk_ids.clear();
    row.risk_ids.shrink_to_fit();
    InCurrency& in = m_currencies[row.currency];
    ++in.proposals;
    in.net_value += row.expected_net_value;
    if (row.annual_loss_exposure) {
        LossExposure& loss = m_loss[row.currency];
        loss.expected += *row.annual_loss_exposure;
        ++loss.proposals;
        if (!row.loss_sketch.empty()) {
            if (loss.by_year.empty()) {
                loss.by_year.resize(row.loss_sketch.iterations, 0.0);
            }
            quant::add_sketched_years(loss.by_year, row.loss_sketch, *row.annual_loss_exposure,
                                      quant::sketch_key(row.index), m_scratch);
            ++loss.simulated;
        }
    }
    row.loss_sketch = {};
    auto better = [](const PortfolioRow& a, const PortfolioRow& b) {
        return a.expected_net_value != b.expected_net_value ? a.expected_net_value > b.expected_net_value
                                                            : a.index < b.index;
    };
    // Ranking: a small sorted vector; inserting costs O(ranking_size).
    auto pos = std::lower_bound(in.ranking.begin(), in.ranking.end(), row, better);
    if (static_cast<size_t>(pos - in.ranking.begin()) < m_options.ranking_size) {
        in.ranking.insert(pos, row);
        if (in.ranking.size() > m_options.ranking_size) {
            in.ranking.pop_back();
        }
    }
    // Funding candidates: a min-heap of the most valuable fundable proposals,
    // kept only when there is funding to plan (--innovation-budget or
    // --security-budget), and only in the budgets' currency when it is given
    // or in one with an exchange rate into it (--fx).
    const bool plans_funding = m_options.innovation_budget || m_options.security_budget;
    const bool weighed_against_budgets = m_options.budget_currency.empty() ||
                                         row.currency == m_options.budget_currency ||
                                         m_options.exchange_rates.count(row.currency) != 0;
    if (!plans_funding || !fundable(row.decision) || row.expected_net_value <= 0 || !weighed_against_budgets) {
        return;
    }
    auto worse = [&](const PortfolioRow& a, const PortfolioRow& b) { return better(a, b); };
    if (in.candidates.size() < m_options.candidate_pool) {
        in.candidates.push_back(row);
        std::push_heap(in.candidates.begin(), in.candidates.end(), worse);
    } else if (better(row, in.candidates.front())) {
        std::pop_heap(in.candidates.begin(), in.candidates.end(), worse);
        in.candidates.back() = row;
        std::push_heap(in.candidates.begin(), in.candidates.end(), worse);
        ++in.candidates_dropped;
    } else {
        ++in.candidates_dropped;
    }
}

std::vector<std::string> Portfolio::currencies_by_use() const {
    std::vector<std::string> out;
    for (const auto& [currency, in] : m_currencies) {
        out.push_back(currency);
    }
    std::stable_sort(out.begin(), out.end(), [this](const std::string& a, const std::string& b) {
        return m_currencies.at(a).proposals > m_currencies.at(b).proposals;
    });
    return out;
}

ojson Portfolio::to_json() const {
    ojson out;
    out["schema"] = "fulcrum/portfolio@1";
    // The proposals' currency, "mixed", or none when no proposal was reviewed
    // (a portfolio of nothing has no currency; it said "USD").
    out["currency"] = m_currency.empty() ? ojson(nullptr) : ojson(m_currency);
    out["proposals"] = m_reviewed + m_invalid;
    out["reviewed"] = m_reviewed;
    out["invalid"] = m_invalid;
    out["incomplete"] = m_incomplete;
    ojson decisions = ojson::object();
    for (const char* d : {"approve", "approve_with_conditions", "defer", "reject"}) {
        auto it = m_by_decision.find(d);
        decisions[d] = it == m_by_decision.end() ? 0 : it->second;
    }
    out["by_decision"] = std::move(decisions);
    ojson quadrants = ojson::object();
    for (const char* q :
         {"high-benefit/low-risk", "high-benefit/high-risk", "low-benefit/low-risk", "low-benefit/high-risk"}) {
        auto it = m_by_quadrant.find(q);
        quadrants[q] = it == m_by_quadrant.end() ? 0 : it->second;
    }
    out["by_quadrant"] = std::move(quadrants);
    if (m_currencies.size() == 1) {
        out["expected_net_value_total"] = m_currencies.begin()->second.net_value;
    }
    ojson net_value = ojson::object();
    for (const auto& [currency, in] : m_currencies) {
        net_value[currency] = {{"total", in.net_value}, {"proposals", in.proposals}};
    }
    out["expected_net_value"] = std::move(net_value);
    if (!m_loss.empty()) {
        ojson exposure = ojson::object();
        for (const auto& [currency, loss] : m_loss) {
            ojson entry = {{"expected", loss.expected}, {"proposals", loss.proposals}};
            if (loss.simulated > 0) {
                const quant::LossSummary s = quant::summarise_losses(loss.by_year);
                entry["simulated"] = {{"proposals", loss.simulated},
                                      {"iterations", s.iterations},
                                      {"mean", s.mean},
                                      {"p50", s.p50},
                                      {"p90", s.p90},
                                      {"p95", s.p95},
                                      {"p99", s.p99}};
            }
            exposure[currency] = std::move(entry);
        }
        if (m_loss.size() == 1) {
            out["annual_loss_exposure_total"] = m_loss.begin()->second.expected;
        }
        out["annual_loss_exposure"] = std::move(exposure);
    }
    ojson ranking = ojson::array();
    for (const std::string& currency : currencies_by_use()) {
        for (const auto& r : m_currencies.at(currency).ranking) {
            ranking.push_back({{"id", r.id},
                               {"title", r.title},
                               {"decision", to_string(r.decision)},
                               {"benefit_score", r.benefit_score},
                               {"risk_score", r.risk_score},
                               {"expected_net_value", r.expected_net_value},
                               {"currency", r.currency}});
        }
    }
    out["ranking"] = std::move(ranking);
    std::vector<std::pair<std::string, uint64_t>> risks(m_risk_counts.begin(), m_risk_counts.end());
    std::stable_sort(risks.begin(), risks.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    ojson frequent = ojson::array();
    for (size_t i = 0; i < risks.size() && i < 10; ++i) {
        frequent.push_back({{"rule", risks[i].first}, {"proposals", risks[i].second}});
    }
    out["frequent_risks"] = std::move(frequent);

    if (m_options.innovation_budget || m_options.security_budget) {
        out["funding"] = funding_json();
    }
    return out;
}

std::string Portfolio::funding_currency() const {
    if (!m_options.budget_currency.empty()) {
        return m_options.budget_currency;
    }
    return m_currencies.size() == 1 ? m_currencies.begin()->first : std::string();
}

const FundingPlanView& Portfolio::funding_plan() const {
    if (!m_plan) {
        m_plan = make_funding_plan();
    }
    return *m_plan;
}

FundingPlanView Portfolio::make_funding_plan() const {
    FundingPlanView view;
    view.innovation_budget = m_options.innovation_budget;
    view.security_budget = m_options.security_budget;
    view.currency = funding_currency();
    if (view.currency.empty()) {
        // Budgets are single amounts: without their currency, nothing here
        // can be weighed against them.
        view.reason = funding_skipped();
        return view;
    }
    // The candidates of the budgets' currency and of each with a rate, their
    // amounts in the budgets' currency.
    struct Pooled {
        const PortfolioRow* row;
        double rate; // 1 in the budgets' currency
    };
    std::vector<Pooled> pool;
    uint64_t weighed = 0;
    uint64_t dropped = 0;
    const auto take = [&](const std::string& code, double rate) {
        const auto found = m_currencies.find(code);
        if (found == m_currencies.end()) {
            return;
        }
        weighed += found->second.proposals;
        dropped += found->second.candidates_dropped;
        for (const auto& r : found->second.candidates) {
            pool.push_back({&r, rate});
        }
    };
    take(view.currency, 1.0);
    for (const auto& [code, rate] : m_options.exchange_rates) {
        if (code != view.currency) {
            take(code, rate);
        }
    }
    if (pool.size() > m_options.candidate_pool) {
        // Each currency kept its most valuable; of those, the most valuable once converted.
        const auto more_valuable = [](const Pooled& a, const Pooled& b) {
            const double va = a.row->expected_net_value * a.rate;
            const double vb = b.row->expected_net_value * b.rate;
            return va != vb ? va > vb : a.row->index < b.row->index;
        };
        std::nth_element(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(m_options.candidate_pool), pool.end(),
                         more_valuable);
        dropped += pool.size() - m_options.candidate_pool;
        pool.resize(m_options.candidate_pool);
    }
    std::vector<FundingCandidate> candidates;
    for (const auto& [r, rate] : pool) {
        candidates.push_back({r->id, r->expected_net_value * rate, r->innovation_cost * rate, r->security_cost * rate});
    }
    const FundingPlan plan = plan_funding(candidates, m_options.innovation_budget.value_or(HUGE_VAL),
                                          m_options.security_budget.value_or(HUGE_VAL));
    for (size_t i : plan.chosen) {
        const FundingCandidate& c = candidates[i];
        const PortfolioRow& row = *pool[i].row;
        FundedProposal funded{row.index, c.id, row.title, c.value, c.innovation_cost, c.security_cost, {}, 1};
        if (row.currency != view.currency) {
            funded.converted_from = row.currency;
            funded.rate = pool[i].rate;
        }
        view.funded.push_back(std::move(funded));
    }
    view.exact = plan.exact && dropped == 0;
    view.upper_bound = plan.upper_bound;
    view.candidates = candidates.size() + dropped;
    view.other_currencies = m_reviewed - weighed;
    view.expected_net_value = plan.value;
    view.innovation_spend = plan.innovation_spend;
    view.security_spend = plan.security_spend;
    view.exchange_rates = m_options.exchange_rates;
    return view;
}

ojson Portfolio::funding_json() const {
    const FundingPlanView& plan = funding_plan();
    ojson funding = {{"innovation_budget", plan.innovation_budget ? ojson(*plan.innovation_budget) : ojson(nullptr)},
                     {"security_budget", plan.security_budget ? ojson(*plan.security_budget) : ojson(nullptr)}};
    if (plan.currency.empty()) {
        funding["currency"] = nullptr;
        funding["method"] = "none";
        funding["reason"] = plan.reason;
        return funding;
    }
    ojson funded = ojson::array();
    for (const auto& f : plan.funded) {
        ojson entry = {{"id", f.id},
                       {"expected_net_value", f.expected_net_value},
                       {"innovation_cost", f.innovation_cost},
                       {"security_cost", f.security_cost}};
        if (!f.converted_from.empty()) {
            entry["converted_from"] = {{"currency", f.converted_from}, {"rate", f.rate}};
        }
        funded.push_back(std::move(entry));
    }
    funding["currency"] = plan.currency;
    funding["method"] = plan.exact ? "exact" : "heuristic";
    if (!plan.exchange_rates.empty()) {
        ojson rates = ojson::object();
        for (const auto& [code, rate] : plan.exchange_rates) {
            rates[code] = rate;
        }
        funding["exchange_rates"] = std::move(rates);
    }
    funding["candidates"] = plan.candidates;
    funding["expected_net_value"] = plan.expected_net_value;
    funding["innovation_spend"] = plan.innovation_spend;
    funding["security_spend"] = plan.security_spend;
    funding["funded"] = std::move(funded);
    if (!plan.exact) {
        funding["upper_bound"] = plan.upper_bound;
        funding["gap_to_bound"] = plan.gap_to_bound();
    }
    if (plan.other_currencies > 0) {
        funding["other_currencies"] = plan.other_currencies; // proposals not weighed against these budgets
    }
    return funding;
}

std::string Portfolio::funding_skipped() const {
    if (!m_options.innovation_budget && !m_options.security_budget) {
        return {};
    }
    if (!funding_currency().empty()) {
        return {};
    }
    std::string names;
    for (const auto& [currency, in] : m_currencies) {
        names += (names.empty() ? "" : ", ") + currency;
    }
    return "no funding planned: the proposals are in several currencies (" + names +
           ") and the budgets are single amounts; say which with --budget-currency (and convert the others "
           "with --fx CODE=RATE)";
}

std::string Portfolio::to_csv() const {
    // With a funding plan, a last column says which of the ranked proposals
    // it funds (none when budgets were given but no plan could be made).
    const bool budgets = (m_options.innovation_budget || m_options.security_budget) && !funding_plan().currency.empty();
    const std::vector<uint64_t> funded = budgets ? funding_plan().funded_indices() : std::vector<uint64_t>();
    std::ostringstream csv;
    csv << "rank,id,title,decision,benefit_score,risk_score,expected_net_value,currency" << (budgets ? ",funded" : "")
        << "\n";
    for (const std::string& currency : currencies_by_use()) {
        int rank = 1; // within the currency: amounts in two are not compared
        for (const auto& r : m_currencies.at(currency).ranking) {
            csv << rank++ << "," << csv_field(r.id) << "," << csv_field(r.title) << "," << to_string(r.decision) << ","
                << r.benefit_score << "," << r.risk_score << ","
                << static_cast<long long>(std::llround(r.expected_net_value)) << "," << csv_field(r.currency);
            if (budgets) {
                csv << "," << (std::binary_search(funded.begin(), funded.end(), r.index) ? "true" : "false");
            }
            csv << "\n";
        }
    }
    return csv.str();
}

std::string Portfolio::to_html() const {
    PortfolioPageOptions options;
    options.title =
        "Portfolio of " + std::to_string(m_reviewed) + " technology proposal" + (m_reviewed == 1 ? "" : "s");
    if (!m_currency.empty() && m_currency != "mixed") {
        options.currency = m_currency;
    }
    if (m_options.innovation_budget || m_options.security_budget) {
        options.funding = funding_plan();
    }
    options.not_reviewed = m_invalid;
    for (const auto& [currency, loss] : m_loss) {
        if (loss.simulated > 0) {
            options.bad_year[currency] = quant::summarise_losses(loss.by_year).p99;
            options.simulated_years = loss.by_year.size();
        }
    }
    return portfolio_to_html(m_entries, options);
}

} // namespace fulcrum
