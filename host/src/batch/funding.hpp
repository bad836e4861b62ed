// Which proposals to fund: the subset with the largest expected net value
// whose innovation spend and security spend each fit their budget (a 0/1
// knapsack with two constraints). Exact by branch and bound up to
// k_exact_limit candidates; above that, a greedy heuristic whose distance
// from the relaxation bound is reported.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace fulcrum {

struct FundingCandidate {
    std::string id;
    double value = 0;           // expected net value; only positive ones are worth funding
    double innovation_cost = 0; // against the innovation budget
    double security_cost = 0;   // its mitigation plan, against the security budget
};

struct FundingPlan {
    std::vector<size_t> chosen; // indices into the candidates, ascending
    double value = 0;
    double innovation_spend = 0;
    double security_spend = 0;
    bool exact = true;
    double upper_bound = 0; // relaxation bound; equals value when exact
    size_t nodes = 0;       // branch-and-bound nodes explored
};

constexpr size_t k_exact_limit = 200;

FundingPlan plan_funding(const std::vector<FundingCandidate>& candidates, double innovation_budget,
                         double security_budget);

// Exhaustive search, for tests on small inputs only.
FundingPlan plan_funding_brute_force(const std::vector<FundingCandidate>& candidates, double innovation_budget,
                                     double security_budget);

} // namespace fulcrum
