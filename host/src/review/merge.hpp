// Merging plugin contributions under a policy into one review. Knows nothing
// of how plugins run or how the review is printed.
#pragma once

#include "proposal/proposal.hpp"
#include "review/policy.hpp"
#include "review/review.hpp"

#include <vector>

namespace fulcrum {

// `runs` holds one entry per plugin known to the host, in a stable order.
Review merge(const Proposal& proposal, std::vector<PluginRun> runs, const Policy& policy);

// Once quantification has run: an approval whose quantified net present value
// is negative on average says so in its rationale, in money and odds, so that
// the board sees the case does not pay at its own figures.
void note_net_value(Review& review);

// Scores used by the merge, exposed for tests and reports.
int benefit_score(const std::vector<Benefit>& benefits, const std::map<std::string, double>& weights);
// 0-100: the worst risk sets the floor; each further risk closes part of the gap.
int risk_score(const std::vector<std::pair<int, int>>& likelihood_impact);

} // namespace fulcrum
