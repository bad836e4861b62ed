// Runs a set of standalone scenarios (`fulcrum simulate`, the benchmark):
// each on its own random stream, plus their total year by year.
#pragma once

#include "quant/scenario_file.hpp"
#include "quant/statistics.hpp"

#include <cstdint>
#include <vector>

namespace fulcrum::quant {

struct ScenarioOutcome {
    double expected = 0; // analytic expected annual loss
    LossSummary loss;    // simulated annual loss
    std::uint64_t events = 0;
};

struct ScenarioReport {
    std::uint64_t iterations = 0;
    std::uint64_t seed = 0;
    std::vector<ScenarioOutcome> outcomes; // in the order of the set's scenarios
    double expected_total = 0;
    LossSummary total;
    std::uint64_t events = 0; // loss events drawn in all
};

// Scenario k draws from stream_key(seed, set.id, its name).
ScenarioReport run_scenarios(const ScenarioSet& set, std::uint64_t iterations, std::uint64_t seed,
                             unsigned threads = 1);

} // namespace fulcrum::quant
