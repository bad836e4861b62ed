// The event-level FAIR simulation: each simulated year draws a loss event
// frequency, a Poisson number of events at that rate, and one loss per event.
// Independent of plugins, proposals and reports.
#pragma once

#include "quant/distribution.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fulcrum::quant {

// Loss that follows some primary events: fines, lawsuits, lost customers.
struct Secondary {
    double probability = 0; // chance that an event also causes secondary loss
    Distribution magnitude; // secondary loss per such event
};

// One loss scenario: how often loss events happen and what each one costs.
struct Scenario {
    std::string name;
    Distribution frequency; // loss events per year
    Distribution magnitude; // primary loss per event
    std::optional<Secondary> secondary;
};

// Each loss event is drawn on its own, so a scenario's rate is bounded: a
// plugin or a file saying a billion events a year would stall the
// simulation for hours. Far more frequent, smaller losses are one scenario
// of fewer, larger ones.
inline constexpr double k_max_loss_events = 1000;

// "more than 1000 loss events a year ...", or "" when `frequency` is within it.
std::string frequency_problem(const Distribution& frequency);

// "frequency: low must not be negative", or "" when the scenario is usable.
std::string problem_with(const Scenario& scenario);

// What controls change: multipliers on the event rate and on every loss.
struct Treatment {
    double frequency = 1;
    double magnitude = 1;
};

// Analytic moments of the annual loss, the reference for the tests: a mixed
// compound Poisson sum, E = E[rate] E[X] and
// Var = E[rate] E[X^2] + Var[rate] E[X]^2, X the loss of one event.
double expected_annual_loss(const Scenario& scenario, const Treatment& treatment = {});
double annual_loss_variance(const Scenario& scenario, const Treatment& treatment = {});

constexpr std::size_t k_max_treatments = 4;

struct SimulationResult {
    std::vector<std::vector<double>> losses; // [treatment][iteration]: the loss of that simulated year
    std::uint64_t events = 0;                // loss events drawn (under the heaviest treatment)
};

// Simulates `iterations` years of `scenario` under up to k_max_treatments
// treatments at once, from the random stream `stream` (see stream_key). The
// treatments share their random numbers, so a year's loss never grows when a
// treatment lowers the rate or the losses. Any `threads` gives the same result.
SimulationResult simulate(const Scenario& scenario, std::uint64_t stream, const std::vector<Treatment>& treatments,
                          std::uint64_t iterations, unsigned threads = 1);

// The same, reusing the buffers of `result` (a caller simulating many risks
// saves an allocation and a page-in per risk).
void simulate(const Scenario& scenario, std::uint64_t stream, const std::vector<Treatment>& treatments,
              std::uint64_t iterations, unsigned threads, SimulationResult& result);

} // namespace fulcrum::quant
