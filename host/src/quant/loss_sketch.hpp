// A proposal's simulated annual loss in a few dozen numbers, so that a
// portfolio can be summed year by year from batch records: across shards, on
// --resume, and by `fulcrum portfolio`, without the 10,000 years themselves.
//
// The sketch counts the years without loss and keeps the quantiles of the
// others' losses at fixed levels, dense in the upper tail where a portfolio's
// bad years come from, down to the largest few years. A portfolio draws each
// proposal's N years as the middles of the N equal slices of its sketched
// distribution (geometrically interpolated between levels), scaled to the
// proposal's simulated mean and shuffled by the proposal's index: a Latin
// hypercube sample of independent proposals. Each proposal's own years keep
// its distribution (to the sketch's resolution), and the sum is a draw of the
// portfolio's year. docs/batch.md explains it.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace fulcrum::quant {

// The levels of a sketch, from 0 (the smallest loss simulated) to 1 (the
// largest). Records name no levels: changing them changes the record format.
inline constexpr std::array<double, 40> k_sketch_levels = {
    0.0,    0.05,  0.1,    0.15,  0.2,    0.25,  0.3,    0.35,   0.4,    0.45,   0.5,    0.55, 0.6,   0.65,
    0.7,    0.75,  0.8,    0.85,  0.9,    0.92,  0.94,   0.95,   0.96,   0.97,   0.975,  0.98, 0.985, 0.99,
    0.9925, 0.995, 0.9965, 0.998, 0.9985, 0.999, 0.9993, 0.9995, 0.9997, 0.9998, 0.9999, 1.0};

struct LossSketch {
    std::uint64_t iterations = 0;      // the simulated years it sketches
    std::uint64_t years_with_loss = 0; // how many of them lost anything
    std::vector<double> quantiles;     // of those years' losses, at k_sketch_levels

    bool empty() const { return quantiles.empty(); }
    bool operator==(const LossSketch& other) const {
        return iterations == other.iterations && years_with_loss == other.years_with_loss &&
               quantiles == other.quantiles;
    }
};

// How many of `years` lost anything, and the quantiles (Hyndman and Fan's
// type 7) of their losses at k_sketch_levels (all 0 when none did). The
// years that lost nothing are counted rather than sketched: most years of a
// proposal lose nothing, and a quantile between none and the smallest loss
// would draw losses that never happened. Empty when there are no years.
LossSketch sketch_losses(std::vector<double> years);

// The largest loss a sketch may hold, far above any review's (a plugin's
// amounts are at most 1e18, and at most 1e6 events a year): records are
// read back from files, and sums over any portfolio must stay finite.
inline constexpr double k_max_sketch_loss = 1e30;

// Why `sketch` could not come from simulated years (the wrong count of
// quantiles, one that is not an amount from 0 to k_max_sketch_loss or is
// below the one before it, a smallest loss of 0 though some years lost
// something, or losses though none did), or empty when it could.
std::string sketch_problem(const LossSketch& sketch);

// The sketch's quantile at level u in [0, 1], interpolated as the draws are:
// geometrically between two losses, linearly up from a zero.
double sketch_quantile(const std::vector<double>& quantiles, double u);

// Adds one proposal's years, drawn from its sketch, into `years` (the
// portfolio's, one per iteration; its size is N): the middle of each N-th of
// the sketched distribution (with N the sketch's iterations, the years' own
// order statistics at the levels), scaled so that their mean is `mean` (the
// proposal's simulated mean), shuffled by `key`. `scratch` is reused from
// call to call. A sketch of the wrong size adds nothing.
void add_sketched_years(std::vector<double>& years, const LossSketch& sketch, double mean, std::uint64_t key,
                        std::vector<double>& scratch);

// The shuffle's key for the proposal at `index` in its batch: a portfolio
// summed from the same records in the same order is the same to the bit.
std::uint64_t sketch_key(std::uint64_t index);

} // namespace fulcrum::quant
