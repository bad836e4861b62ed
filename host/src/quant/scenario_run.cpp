#include "quant/scenario_run.hpp"

#include "quant/random.hpp"

namespace fulcrum::quant {

ScenarioReport run_scenarios(const ScenarioSet& set, std::uint64_t iterations, std::uint64_t seed, unsigned threads) {
    ScenarioReport report;
    report.iterations = iterations;
    report.seed = seed;
    std::vector<double> total(iterations, 0.0);
    SimulationResult run;
    for (const auto& scenario : set.scenarios) {
        simulate(scenario, stream_key(seed, set.id, scenario.name), {Treatment{}}, iterations, threads, run);
        ScenarioOutcome outcome;
        outcome.expected = expected_annual_loss(scenario);
        outcome.loss = summarise_losses(run.losses[0]);
        outcome.events = run.events;
        for (std::uint64_t i = 0; i < iterations; ++i) {
            total[i] += run.losses[0][i];
        }
        report.expected_total += outcome.expected;
        report.events += run.events;
        report.outcomes.push_back(std::move(outcome));
    }
    report.total = summarise_losses(total);
    return report;
}

} // namespace fulcrum::quant
