// Choosing which mitigations to buy: the set that avoids the most expected
// loss within a budget, found exactly by branch and bound.
#pragma once

#include "quant/engine.hpp"

#include <cstdint>
#include <vector>

namespace fulcrum::quant {

// A risk's likelihood and impact on the 1-5 scales of the review.
struct Levels {
    int likelihood = 1;
    int impact = 1;
};

// How a mitigation's residual levels change the FAIR inputs (documented in
// docs/quantification.md): the event rate scales by residual / inherent
// likelihood and every loss by residual / inherent impact, never above 1.
Treatment treatment_between(Levels inherent, Levels residual);

// Mitigations combine as in the merge: the lowest likelihood and the lowest
// impact any of them leaves.
Levels combine(Levels a, Levels b);

struct PlanRisk {
    double expected_loss = 0; // expected annual loss at the inherent levels
    Levels inherent;
    Levels current; // with the controls already in place
};

// What one purchasable option leaves on one risk.
struct PlanEffect {
    std::size_t risk = 0;
    Levels leaves;
};

struct PlanOption {
    double cost = 0; // what counts against the budget
    std::vector<PlanEffect> effects;
};

struct PlanResult {
    std::vector<std::size_t> chosen; // indices into the options, ascending
    double cost = 0;
    double loss_avoided = 0; // expected annual loss avoided, against `current`
    bool exact = true;       // false only when the node limit cut the search
    std::uint64_t nodes = 0;
};

// The expected annual loss of every risk together once `chosen` (one flag per
// option) is added to the controls in place.
double expected_loss_with(const std::vector<PlanRisk>& risks, const std::vector<PlanOption>& options,
                          const std::vector<bool>& chosen);

// Maximises the expected loss avoided subject to total cost <= budget; among
// sets that avoid the same loss it takes the cheapest. Depth-first branch and
// bound: the loss avoided is submodular in the set (a mitigation helps less
// once others have lowered the same risk), so the current value plus a
// fractional knapsack of the remaining options' marginal gains bounds every
// completion. Exact unless it visits more than `node_limit` nodes.
PlanResult choose_plan(const std::vector<PlanRisk>& risks, const std::vector<PlanOption>& options, double budget,
                       std::uint64_t node_limit = 2'000'000);

} // namespace fulcrum::quant
