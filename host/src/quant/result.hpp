// What quantification adds to a review: loss exposure per risk and for the
// proposal, the value of each mitigation, the budget-fitted plan and the net
// value. docs/quantification.md explains every figure.
#pragma once

#include "model/findings.hpp"
#include "quant/engine.hpp"
#include "quant/loss_sketch.hpp"
#include "quant/plan.hpp"
#include "quant/statistics.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fulcrum::quant {

struct RiskQuant {
    std::string risk_id;
    Scenario scenario; // the FAIR inputs, at the inherent levels
    Levels inherent;
    Levels residual; // with the controls in place
    Levels planned;  // and the plan's mitigations
    // Analytic expected annual loss in each state.
    double expected_inherent = 0;
    double expected_residual = 0;
    double expected_planned = 0;
    // Simulated annual loss in each state.
    LossSummary inherent_loss;
    LossSummary residual_loss;
    LossSummary planned_loss;
};

// One thing that can be bought: a mitigation, or one control that several
// risks' mitigations name (bought once, it counts for all of them).
struct MitigationValue {
    std::string id;
    std::string title;
    std::string control;
    std::vector<std::string> risks;
    MitigationStatus status = MitigationStatus::recommended;
    Cost cost;
    double budget_cost = 0;     // one-time plus first year: what counts against the budget
    double annualised_cost = 0; // one-time spread over the horizon, plus annual
    double loss_avoided = 0;    // expected annual loss avoided on its own, beyond the controls in place
    std::optional<double> rosi; // (loss avoided - annualised cost) / annualised cost; none when free
    bool in_plan = false;
};

// A risk the plan leaves with loss that its mitigations could still avoid.
struct Uncovered {
    std::string risk_id;
    double expected_loss = 0;         // after the plan
    double expected_loss_at_best = 0; // with every mitigation offered
    std::vector<std::string> mitigations_left;
};

struct QuantPlan {
    std::optional<double> budget;
    std::vector<std::size_t> chosen; // indices into ReviewQuant::mitigations
    Cost cost;
    double budget_cost = 0;
    double loss_avoided = 0; // expected annual loss avoided
    bool exact = true;
    std::uint64_t nodes = 0;
    std::vector<Uncovered> uncovered;
    std::optional<double> security_share; // plan spend over the horizon / (capex + opex over the horizon)
};

// What the reports say when the plan buys nothing.
inline constexpr const char* k_no_plan_text =
    "The plan buys nothing: no mitigation on offer avoids more expected loss a year than it costs a year. The "
    "conditions, if any, rest on the risk appetite rather than on this arithmetic.";

struct NetValue {
    int horizon_years = 0;
    double discount_rate = 0;
    bool benefits_quantified = false;
    ValueSummary with_plan;
    ValueSummary without_plan;
};

// A risk left out of the simulation, and why: a board should be able to tell
// a plugin that gave no FAIR inputs from one whose inputs were refused.
struct Unquantified {
    std::string risk_id;
    std::string reason;
    bool operator==(const Unquantified& other) const { return risk_id == other.risk_id && reason == other.reason; }
};

struct ReviewQuant {
    std::uint64_t iterations = 0;
    std::uint64_t seed = 0;
    std::vector<RiskQuant> risks;
    std::vector<Unquantified> unquantified; // risks left out of the simulation
    LossSummary inherent_loss;              // the proposal: all quantified risks together
    LossSummary residual_loss;
    LossSummary planned_loss;
    std::vector<MitigationValue> mitigations;
    QuantPlan plan;
    NetValue net_value;
    std::vector<std::string> assumptions;
    // With QuantOptions::keep_sketch: the quantiles of the simulated annual
    // loss with the controls in place (quant/loss_sketch.hpp). Not printed.
    LossSketch residual_sketch;
};

} // namespace fulcrum::quant
