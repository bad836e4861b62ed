#include "quant/random.hpp"
#include "quant/statistics.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using namespace fulcrum::quant;

namespace {

// Losses with many zero years and a heavy tail, as a single risk gives.
std::vector<double> sample_losses(std::size_t n, double zero_share, std::uint64_t seed) {
    std::vector<double> out(n);
    const std::uint64_t key = stream_key(seed, "stats", "losses");
    for (std::size_t i = 0; i < n; ++i) {
        const IterationDraws d(key, i);
        out[i] = d.first() < zero_share ? 0.0 : 1000 * std::exp(4 * d.uniform(1));
    }
    return out;
}

} // namespace

TEST_CASE("percentiles equal NumPy's default definition on the sorted sample", "[quant]") {
    for (double zero_share : {0.0, 0.3, 0.74, 0.95, 0.995}) {
        const std::vector<double> losses = sample_losses(10007, zero_share, 1);
        std::vector<double> sorted = losses;
        std::sort(sorted.begin(), sorted.end());
        const LossSummary s = summarise_losses(losses);
        INFO("zero share " << zero_share);
        CHECK(s.p10 == quantile_of_sorted(sorted, 0.10));
        CHECK(s.p50 == quantile_of_sorted(sorted, 0.50));
        CHECK(s.p90 == quantile_of_sorted(sorted, 0.90));
        CHECK(s.p95 == quantile_of_sorted(sorted, 0.95));
        CHECK(s.p99 == quantile_of_sorted(sorted, 0.99));
        CHECK(s.max == sorted.back());
    }
}

TEST_CASE("type-7 quantiles interpolate between order statistics", "[quant]") {
    const std::vector<double> v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    CHECK(quantile_of_sorted(v, 0.0) == 1);
    CHECK(quantile_of_sorted(v, 1.0) == 10);
    CHECK(quantile_of_sorted(v, 0.5) == Approx(5.5));
    CHECK(quantile_of_sorted(v, 0.9) == Approx(9.1));
}

TEST_CASE("a loss summary is ordered and its curve counts exceedances exactly", "[quant]") {
    const std::vector<double> losses = sample_losses(50000, 0.6, 2);
    const LossSummary s = summarise_losses(losses);
    CHECK(s.p10 <= s.p50);
    CHECK(s.p50 <= s.p90);
    CHECK(s.p90 <= s.p95);
    CHECK(s.p95 <= s.p99);
    CHECK(s.p99 <= s.max);
    const double positive =
        static_cast<double>(std::count_if(losses.begin(), losses.end(), [](double x) { return x > 0; }));
    CHECK(s.probability_of_loss == Approx(positive / losses.size()));
    REQUIRE(s.exceedance.size() == k_curve_points);
    for (std::size_t k = 0; k < s.exceedance.size(); ++k) {
        const double x = s.exceedance[k].loss;
        const auto above = std::count_if(losses.begin(), losses.end(), [&](double v) { return v > x; });
        REQUIRE(s.exceedance[k].probability == Approx(static_cast<double>(above) / losses.size()));
        if (k > 0) {
            REQUIRE(s.exceedance[k].loss > s.exceedance[k - 1].loss);
            REQUIRE(s.exceedance[k].probability <= s.exceedance[k - 1].probability);
        }
    }
    CHECK(s.exceedance.front().probability <= s.probability_of_loss);
    CHECK(s.exceedance.back().probability == 0);
}

TEST_CASE("mean and standard deviation are the sample's", "[quant]") {
    const std::vector<double> v = {0, 0, 0, 4, 8};
    const LossSummary s = summarise_losses(v);
    CHECK(s.mean == Approx(2.4));
    CHECK(s.sd == Approx(std::sqrt((3 * 2.4 * 2.4 + 1.6 * 1.6 + 5.6 * 5.6) / 4)));
    CHECK(s.p50 == 0);
    CHECK(s.probability_of_loss == Approx(0.4));
}

TEST_CASE("no loss at all gives zeros and an empty curve", "[quant]") {
    const LossSummary s = summarise_losses(std::vector<double>(100, 0.0));
    CHECK(s.mean == 0);
    CHECK(s.p99 == 0);
    CHECK(s.probability_of_loss == 0);
    CHECK(s.exceedance.empty());
}

TEST_CASE("value summaries count the chance of a negative value", "[quant]") {
    std::vector<double> v;
    for (int i = -25; i < 75; ++i) {
        v.push_back(i);
    }
    const ValueSummary s = summarise_values(v);
    CHECK(s.probability_negative == Approx(0.25));
    CHECK(s.mean == Approx(24.5));
    CHECK(s.p5 == Approx(-25 + 0.05 * 99));
    CHECK(s.p95 == Approx(-25 + 0.95 * 99));
}
