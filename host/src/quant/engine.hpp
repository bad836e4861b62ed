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

// A year's first k_exact_events loss events are each drawn on their own; the
// rest, if any, are summed as one normal draw with their mean and variance
// (a few events past 1000 are a small part of the year's sum, and the sum of
// many is close to normal), so a year costs at most about a thousand draws
// whatever its rate.
inline constexpr std::uint64_t k_exact_events = 1000;

// A scenario's rate is bounded all the same: a million loss events a year is
// one every half minute, and a count past 2^53 would not even be a whole
// number in a double.
inline constexpr double k_max_loss_events = 1e6;

// The loss of k events past the first k_exact_events of a year, each of
// mean `mean` and standard deviation `sd`, drawn as one normal at deviate z
// and taken as 0 below 0: never negative and non-decreasing in k for any z.
double summed_events_loss(std::uint64_t k, double mean, double sd, double z);

// "expected at most 1000000 loss events a year", or "" when `frequency` is within it.
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
    std::uint64_t events = 0;                // loss events simulated (under the heaviest treatment)
};

// Simulates `iterations` years of `scenario` under up to k_max_treatments
// treatments at once, from the random stream `stream` (see stream_key). The
// treatments share their random numbers: a year's loss never grows when a
// treatment lowers the losses, nor when it lowers a rate below
// k_inversion_limit (counts by inversion are monotone in the rate; above it,
// counts come from rejection sampling, and a lighter treatment's year may
// now and then count an event or two more). Any `threads` gives the same result.
SimulationResult simulate(const Scenario& scenario, std::uint64_t stream, const std::vector<Treatment>& treatments,
                          std::uint64_t iterations, unsigned threads = 1);

// The same, reusing the buffers of `result` (a caller simulating many risks
// saves an allocation and a page-in per risk).
void simulate(const Scenario& scenario, std::uint64_t stream, const std::vector<Treatment>& treatments,
              std::uint64_t iterations, unsigned threads, SimulationResult& result);

} // namespace fulcrum::quant
