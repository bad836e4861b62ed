// A proposal's simulated annual loss kept as a sketch (quant/loss_sketch.cpp),
// and a portfolio's years drawn from sketches against the years themselves.
#include "quant/loss_sketch.hpp"
#include "quant/random.hpp"
#include "quant/statistics.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace fulcrum::quant;

namespace {

// Years of a proposal with a few risks that each strike now and then and
// lose a lognormal amount when they do: most years lose nothing, a few a lot.
std::vector<double> simulated_years(std::uint64_t proposal, std::size_t n) {
    std::vector<double> years(n, 0.0);
    const double frequencies[] = {0.05, 0.1, 0.2, 0.02};
    const double medians[] = {50000, 20000, 5000, 400000};
    for (std::size_t r = 0; r < 4; ++r) {
        const std::uint64_t key = stream_key(7, std::to_string(proposal), std::to_string(r));
        for (std::size_t i = 0; i < n; ++i) {
            const IterationDraws d(key, i);
            if (d.first() < frequencies[r]) { // at most one event a year: enough for a test
                const double u1 = std::max(d.uniform(1), 1e-300);
                const double normal = std::sqrt(-2 * std::log(u1)) * std::cos(2 * M_PI * d.uniform(2));
                years[i] += medians[r] * std::exp(1.2 * normal);
            }
        }
    }
    return years;
}

LossSummary summary_of(std::vector<double> years) {
    return summarise_losses(years);
}

} // namespace

TEST_CASE("a sketch is the years' quantiles at its levels", "[quant][sketch]") {
    std::vector<double> years(101);
    std::iota(years.begin(), years.end(), 1.0);
    std::reverse(years.begin(), years.end());  // in any order
    years.insert(years.begin() + 30, 50, 0.0); // and years without loss, counted apart
    const auto sketch = sketch_losses(years).quantiles;
    CHECK(sketch_problem(sketch_losses(years)).empty());
    REQUIRE(sketch.size() == k_sketch_levels.size());
    for (std::size_t k = 0; k < sketch.size(); ++k) {
        CHECK(sketch[k] == Approx(1 + 100 * k_sketch_levels[k]));
    }
    CHECK(sketch_losses(years).iterations == 151);
    CHECK(sketch_losses(years).years_with_loss == 101);
    CHECK(sketch_losses({}).empty());
    const LossSketch none = sketch_losses(std::vector<double>(10, 0.0));
    CHECK(none.years_with_loss == 0);
    CHECK(none.quantiles == std::vector<double>(k_sketch_levels.size(), 0.0));
    CHECK(sketch_quantile(sketch, 0.5) == Approx(51));
    CHECK(sketch_quantile(sketch, 0.9999) == Approx(100.99));
    CHECK(sketch_quantile(sketch, 0.9982) == Approx(100.82)); // between two levels
    CHECK(sketch_quantile(sketch, 0.9982) < 100.82);          // geometrically
    CHECK(sketch_quantile(sketch, 1.5) == Approx(101));
}

TEST_CASE("a sketch that could not come from years is named", "[quant][sketch]") {
    LossSketch sketch{100, 10, std::vector<double>(k_sketch_levels.size(), 1.0)};
    CHECK(sketch_problem(sketch).empty());
    CHECK(sketch_problem({100, 10, std::vector<double>(3, 1.0)}) == "expected 40 quantiles, got 3");
    sketch.quantiles[5] = -1;
    CHECK(sketch_problem(sketch) == "quantile 5 is not an amount from 0 to 1e30");
    sketch.quantiles[5] = NAN;
    CHECK(sketch_problem(sketch) == "quantile 5 is not an amount from 0 to 1e30");
    sketch.quantiles[5] = 1;
    sketch.quantiles[7] = 0.5;
    CHECK(sketch_problem(sketch) == "quantile 7 is below the one before it");
    sketch.quantiles[7] = 1;
    sketch.quantiles.back() = 2e30; // beyond any loss: a portfolio's sums must stay finite
    CHECK(sketch_problem(sketch) == "quantile 39 is not an amount from 0 to 1e30");
    sketch.quantiles.back() = 1e30;
    CHECK(sketch_problem(sketch).empty());
    sketch.quantiles.front() = 0; // the smallest of the years that lost something
    CHECK(sketch_problem(sketch) == "quantile 0 is 0, though 10 years lost something (their smallest loss)");
    sketch.years_with_loss = 0;
    CHECK(sketch_problem(sketch) == "quantile 39 is above 0, though no year lost anything");
    CHECK(sketch_problem({100, 0, std::vector<double>(k_sketch_levels.size(), 0.0)}).empty());
}

TEST_CASE("losses a double's width apart are drawn without overflow", "[quant][sketch]") {
    // Consecutive levels whose ratio is beyond a double: the geometric steps
    // are worked out in logarithms, and the years keep their mean.
    LossSketch sketch{1000, 1000, std::vector<double>(k_sketch_levels.size(), 1e30)};
    std::fill(sketch.quantiles.begin(), sketch.quantiles.begin() + 20, 5e-324);
    REQUIRE(sketch_problem(sketch).empty());
    // Halfway between levels 19 (0.92) and 20 (0.94): the two losses' geometric mean.
    CHECK(sketch_quantile(sketch.quantiles, 0.93) == Approx(std::sqrt(5e-324) * std::sqrt(1e30)).epsilon(1e-6));
    std::vector<double> years(1000, 0.0);
    std::vector<double> scratch;
    add_sketched_years(years, sketch, 5e20, 7, scratch);
    for (double year : years) {
        REQUIRE(std::isfinite(year));
        REQUIRE(year >= 0);
    }
    CHECK(std::accumulate(years.begin(), years.end(), 0.0) / 1000 == Approx(5e20));
    // Seven years drawn from it land among the smallest losses, whose mean is
    // below what a double holds: they are scaled to the mean all the same.
    sketch.years_with_loss = 600;
    std::vector<double> few(7, 0.0);
    add_sketched_years(few, sketch, 49628.9, 7, scratch);
    for (double year : few) {
        REQUIRE(std::isfinite(year));
    }
    CHECK(std::accumulate(few.begin(), few.end(), 0.0) / 7 == Approx(49628.9));
}

TEST_CASE("a proposal's drawn years are its sketch's slices, shuffled by its key", "[quant][sketch]") {
    const auto years = simulated_years(1, 10000);
    const double mean = std::accumulate(years.begin(), years.end(), 0.0) / 10000;
    const LossSketch sketch = sketch_losses(years);
    std::vector<double> scratch;

    SECTION("as many years as were simulated: the years' own order statistics at the levels") {
        std::vector<double> drawn(10000, 0.0);
        add_sketched_years(drawn, sketch, mean, sketch_key(3), scratch);
        CHECK(std::accumulate(drawn.begin(), drawn.end(), 0.0) / 10000 == Approx(mean));
        std::vector<double> sorted = drawn;
        std::sort(sorted.begin(), sorted.end());
        const double scale = sorted.back() / *std::max_element(years.begin(), years.end());
        CHECK(scale == Approx(1).margin(0.02)); // the largest year kept, scaled by about 1%
        const std::size_t zeros = 10000 - sketch.years_with_loss;
        CHECK(zeros == static_cast<std::size_t>(std::count(years.begin(), years.end(), 0.0)));
        const double m = static_cast<double>(sketch.years_with_loss);
        for (std::size_t i = 0; i < sorted.size(); ++i) {
            const double expected =
                i < zeros ? 0.0 : scale * sketch_quantile(sketch.quantiles, static_cast<double>(i - zeros) / (m - 1));
            CHECK(sorted[i] == Approx(expected));
        }
        CHECK(drawn != sorted); // shuffled
    }
    SECTION("fewer: each the middle of its slice") {
        std::vector<double> drawn(1000, 0.0);
        add_sketched_years(drawn, sketch, mean, sketch_key(3), scratch);
        CHECK(std::accumulate(drawn.begin(), drawn.end(), 0.0) / 1000 == Approx(mean));
        std::vector<double> sorted = drawn;
        std::sort(sorted.begin(), sorted.end());
        const double zeros = static_cast<double>(10000 - sketch.years_with_loss);
        const double m = static_cast<double>(sketch.years_with_loss);
        auto slice = [&](std::size_t i) { // the middle of the i-th thousandth
            const double h = (static_cast<double>(i) + 0.5) * 10 - 0.5;
            return h < zeros - 0.5 ? 0.0 : sketch_quantile(sketch.quantiles, std::max(h - zeros, 0.0) / (m - 1));
        };
        const double scale = sorted.back() / slice(999);
        CHECK(scale == Approx(1).margin(0.02));
        CHECK(slice(999) < sketch.quantiles.back()); // the largest of 10,000 years stands for a tenth of the top slice
        for (std::size_t i = 0; i < sorted.size(); ++i) {
            CHECK(sorted[i] == Approx(scale * slice(i)));
        }
    }
    SECTION("the key alone decides the order") {
        std::vector<double> a(1000, 0.0);
        std::vector<double> again(1000, 0.0);
        std::vector<double> other(1000, 0.0);
        add_sketched_years(a, sketch, mean, sketch_key(3), scratch);
        add_sketched_years(again, sketch, mean, sketch_key(3), scratch);
        add_sketched_years(other, sketch, mean, sketch_key(4), scratch);
        CHECK(again == a);
        CHECK(other != a);
    }
}

TEST_CASE("a portfolio summed from sketches matches one summed from the years themselves", "[quant][sketch]") {
    // 200 proposals of 10,000 years each: the portfolio summed year by year
    // from the simulated years, as a batch did before sketches, and from
    // each proposal's sketch. Both are draws of independent proposals, so
    // their figures agree to within sampling error.
    const std::size_t n = 10000;
    std::vector<double> from_years(n, 0.0);
    std::vector<double> from_sketches(n, 0.0);
    std::vector<double> same_order(n, 0.0); // every proposal's bad years together: not independent
    std::vector<double> scratch;
    for (std::uint64_t p = 0; p < 200; ++p) {
        const auto years = simulated_years(p, n);
        for (std::size_t i = 0; i < n; ++i) {
            from_years[i] += years[i];
        }
        const auto sketch = sketch_losses(years);
        const double mean = std::accumulate(years.begin(), years.end(), 0.0) / static_cast<double>(n);
        add_sketched_years(from_sketches, sketch, mean, sketch_key(p), scratch);
        add_sketched_years(same_order, sketch, mean, sketch_key(0), scratch);
    }
    const LossSummary expected = summary_of(from_years);
    const LossSummary got = summary_of(from_sketches);
    CHECK(got.mean == Approx(expected.mean)); // each proposal's drawn years keep its mean
    CHECK(got.p50 == Approx(expected.p50).epsilon(0.03));
    CHECK(got.p90 == Approx(expected.p90).epsilon(0.03));
    CHECK(got.p95 == Approx(expected.p95).epsilon(0.04));
    CHECK(got.sd == Approx(expected.sd).epsilon(0.04));
    // One in a hundred years: a hundred of each; either is off by about 4%.
    CHECK(got.p99 == Approx(expected.p99).epsilon(0.08));
    // Shuffled alike, the proposals' bad years would fall together.
    CHECK(summary_of(same_order).p99 > 1.5 * expected.p99);
}
