// Poisson counts for the simulation, from the caller's uniforms so that every
// count is reproducible from its iteration's draws.
#pragma once

#include "quant/random.hpp"
#include "quant/special.hpp"

#include <cmath>
#include <cstdint>

namespace fulcrum::quant {

// Below this rate inversion is cheapest (about lambda + 1 steps); above it
// the transformed rejection method takes a bounded number of tries.
constexpr double k_inversion_limit = 12;

// False only when inversion would certainly give 0 events: exp(-x) >=
// 1 - x + x^2/2 - x^3/6 for x >= 0, so below that bound no exp is needed.
inline bool might_have_events(double lambda, double u) {
    return u >= 1 - lambda * (1 - lambda * (0.5 - lambda * (1.0 / 6)));
}

// Inversion: the smallest k with P(N <= k) > u. One uniform, monotone in both
// u and lambda, which keeps treatments of the same risk coupled.
inline std::uint64_t poisson_by_inversion(double lambda, double u) {
    if (!might_have_events(lambda, u)) {
        return 0; // exactly what the full inversion below would give
    }
    double p = std::exp(-lambda);
    double cdf = p;
    std::uint64_t k = 0;
    while (u >= cdf) {
        ++k;
        p *= lambda / static_cast<double>(k);
        cdf += p;
        if (p <= cdf * 1e-17) {
            break; // rounding: later terms cannot move the sum
        }
    }
    return k;
}

// Hörmann's PTRS ("The transformed rejection method for generating Poisson
// random variables", Insurance: Mathematics and Economics 12, 1993), valid
// for lambda >= 10. Uniform pairs come from draws index, index + 1, ...
inline std::uint64_t poisson_by_rejection(double lambda, const IterationDraws& draws, std::uint64_t index) {
    const double log_lambda = std::log(lambda);
    const double b = 0.931 + 2.53 * std::sqrt(lambda);
    const double a = -0.059 + 0.02483 * b;
    const double log_inv_alpha = std::log(1.1239 + 1.1328 / (b - 3.4));
    const double v_r = 0.9277 - 3.6224 / (b - 2);
    for (std::uint64_t attempt = 0;; attempt += 2) {
        const double u = draws.uniform(index + attempt) - 0.5;
        const double v = draws.uniform(index + attempt + 1);
        const double us = 0.5 - std::fabs(u);
        const double k = std::floor((2 * a / us + b) * u + lambda + 0.43);
        if (us >= 0.07 && v <= v_r) {
            return static_cast<std::uint64_t>(k);
        }
        if (k < 0 || (us < 0.013 && v > us)) {
            continue;
        }
        const double lhs = std::log(v) + log_inv_alpha - std::log(a / (us * us) + b);
        if (lhs <= -lambda + k * log_lambda - log_factorial(static_cast<std::uint64_t>(k))) {
            return static_cast<std::uint64_t>(k);
        }
    }
}

} // namespace fulcrum::quant
