// Summaries of simulated values: the figures a board reads (mean, spread,
// percentiles) and the loss exceedance curve.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace fulcrum::quant {

// P(annual loss > loss): one point of a loss exceedance curve.
struct ExceedancePoint {
    double loss = 0;
    double probability = 0;
};

struct LossSummary {
    std::uint64_t iterations = 0;
    double mean = 0;
    double sd = 0; // with the n - 1 divisor
    double p10 = 0;
    double p50 = 0;
    double p90 = 0;
    double p95 = 0;
    double p99 = 0;
    double max = 0;
    double probability_of_loss = 0; // share of simulated years with any loss
    // Losses spaced evenly on a log scale from the smallest positive loss to
    // the largest; empty when no year had a loss.
    std::vector<ExceedancePoint> exceedance;
};

constexpr std::size_t k_curve_points = 100;

// `losses` are non-negative, one per simulated year.
LossSummary summarise_losses(const std::vector<double>& losses, std::size_t curve_points = k_curve_points);

// A signed quantity such as net present value.
struct ValueSummary {
    double mean = 0;
    double sd = 0;
    double p5 = 0;
    double p50 = 0;
    double p95 = 0;
    double probability_negative = 0;
};

ValueSummary summarise_values(std::vector<double> values);

// The q-quantile of sorted values, interpolating linearly between order
// statistics (Hyndman and Fan's type 7, NumPy's and R's default).
double quantile_of_sorted(const std::vector<double>& sorted, double q);

} // namespace fulcrum::quant
