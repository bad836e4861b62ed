// The money side of the model: the proposal's financial facts, net present
// value per simulated iteration, and return on security investment.
#pragma once

#include "quant/distribution.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace fulcrum::quant {

constexpr int k_default_horizon_years = 3;
constexpr double k_default_discount_rate = 0.08;

struct Finance {
    std::vector<Distribution> benefits; // annual value of each quantified benefit, as PERT
    int horizon_years = k_default_horizon_years;
    double discount_rate = k_default_discount_rate;
    double capex = 0;
    double opex_annual = 0;
    std::optional<double> security_budget;
    std::vector<std::string> assumptions; // what the proposal left out and what stands in for it
};

// Reads business_case and costs from a validated proposal document.
Finance read_finance(const nlohmann::json& doc);

// Security spending: once at the start and every year of the horizon.
struct Spend {
    double one_time = 0;
    double annual = 0;
};

// The net present value of each iteration i: -capex - spend.one_time, then
// for each year t = 1..horizon, (benefit[i] - opex - spend.annual - loss of
// year t) / (1 + rate)^t. The benefit is drawn once per iteration (it is
// uncertain, not yearly noise); year t's loss is simulated year (i + t - 1)
// mod n, so every year of the horizon has its own independent loss.
std::vector<double> net_present_values(const std::vector<double>& annual_benefit,
                                       const std::vector<double>& annual_loss, const Finance& finance,
                                       const Spend& spend);

// (loss avoided - cost) / cost, both per year; nothing when the cost is 0.
std::optional<double> return_on_security_investment(double loss_avoided, double annual_cost);

// One-time cost spread over the horizon, plus the annual cost.
double annualised(double one_time, double annual, int horizon_years);

} // namespace fulcrum::quant
