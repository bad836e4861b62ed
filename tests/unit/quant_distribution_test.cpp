#include "quant/distribution.hpp"
#include "quant/random.hpp"
#include "quant/special.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using namespace fulcrum::quant;

namespace {

struct SampleMoments {
    double mean = 0;
    double variance = 0;
    double fourth = 0; // central
};

SampleMoments sample_moments(const std::vector<double>& x) {
    SampleMoments m;
    for (double v : x) {
        m.mean += v;
    }
    m.mean /= static_cast<double>(x.size());
    for (double v : x) {
        const double d2 = (v - m.mean) * (v - m.mean);
        m.variance += d2;
        m.fourth += d2 * d2;
    }
    m.variance /= static_cast<double>(x.size() - 1);
    m.fourth /= static_cast<double>(x.size());
    return m;
}

std::vector<double> draw(const Distribution& d, std::size_t n, std::uint64_t seed) {
    const Sampler sampler(d);
    const std::uint64_t key = stream_key(seed, "test", "distribution");
    std::vector<double> out(n);
    for (std::size_t i = 0; i < n; ++i) {
        out[i] = sampler(IterationDraws(key, i).first());
    }
    return out;
}

// The sampler's exact expected value, by quadrature over u in shells that
// get finer towards both ends (where quantile functions are steep).
double sampler_mean(const Distribution& d) {
    const Sampler sampler(d);
    double total = 0;
    for (int side = 0; side < 2; ++side) {
        for (int k = 1; k <= 40; ++k) {
            const double a = std::ldexp(1.0, -k - 1);
            const double b = std::ldexp(1.0, -k);
            const int steps = 1 << 14;
            const double h = (b - a) / steps;
            for (int i = 0; i < steps; ++i) {
                const double dist = a + (i + 0.5) * h;
                total += sampler(side ? 1 - dist : dist) * h;
            }
        }
    }
    return total;
}

} // namespace

TEST_CASE("special functions match known values", "[quant]") {
    CHECK(normal_quantile(0.95) == Approx(1.6448536269514722).epsilon(1e-14));
    CHECK(normal_quantile(0.975) == Approx(1.959963984540054).epsilon(1e-14));
    CHECK(normal_quantile(0.5) == Approx(0).margin(1e-15));
    CHECK(normal_quantile(1e-10) == Approx(-6.361340902404056).epsilon(1e-12));
    CHECK(normal_cdf(normal_quantile(1e-7)) == Approx(1e-7).epsilon(1e-12));
    // I_0.3(2, 3) = sum_{j=2}^{4} C(4, j) 0.3^j 0.7^(4-j) = 0.3483
    CHECK(incomplete_beta(0.3, 2, 3) == Approx(0.3483).epsilon(1e-13));
    CHECK(incomplete_beta(0.5, 3, 3) == Approx(0.5).epsilon(1e-12));
    for (double p : {1e-9, 0.01, 0.3, 0.5, 0.77, 0.999999}) {
        CHECK(incomplete_beta(beta_quantile(p, 1.8, 4.2), 1.8, 4.2) == Approx(p).epsilon(1e-10));
    }
    CHECK(std::exp(log_factorial(10)) == Approx(3628800).epsilon(1e-12));
    CHECK(log_factorial(0) == Approx(0).margin(1e-13));
}

TEST_CASE("PERT and lognormal moments follow their formulas", "[quant]") {
    const Distribution pert{Shape::pert, 10, 40, 130};
    CHECK(mean(pert) == Approx((10 + 4 * 40 + 130) / 6.0));
    const double mu = mean(pert);
    CHECK(variance(pert) == Approx((mu - 10) * (130 - mu) / 7));
    const Distribution log{Shape::lognormal, 1000, 0, 100000};
    // The 90% range [1000, 100000] puts the median at their geometric mean.
    CHECK(exact_quantile(log, 0.5) == Approx(10000).epsilon(1e-12));
    CHECK(exact_quantile(log, 0.05) == Approx(1000).epsilon(1e-12));
    CHECK(exact_quantile(log, 0.95) == Approx(100000).epsilon(1e-12));
    CHECK(exact_quantile(pert, 0) == Approx(10));
    CHECK(exact_quantile(pert, 1) == Approx(130));
}

TEST_CASE("problems with a distribution are named", "[quant]") {
    CHECK(problem_with({Shape::pert, 1, 2, 3}).empty());
    CHECK(problem_with({Shape::pert, 5, 5, 5}).empty());
    CHECK(problem_with({Shape::pert, 3, 2, 4}) == "expected low <= likely <= high");
    CHECK(problem_with({Shape::pert, -1, 0, 1}) == "low must not be negative");
    CHECK(problem_with({Shape::lognormal, 0, 0, 10}) == "a lognormal needs low > 0");
    CHECK(problem_with({Shape::pert, 0, 1, NAN}) == "values must be finite numbers");
}

TEST_CASE("the quantile tables add no bias the tests could see", "[quant]") {
    // Tolerances far below any sampling error the other tests allow.
    for (const Distribution& d :
         {Distribution{Shape::pert, 0.1, 0.4, 1.5}, Distribution{Shape::pert, 0, 0, 1},
          Distribution{Shape::pert, 0, 1, 1}, Distribution{Shape::pert, 2e4, 1.5e5, 1.5e6},
          Distribution{Shape::lognormal, 1e4, 0, 1e6}, Distribution{Shape::lognormal, 1, 0, 2}}) {
        INFO(to_string(d.shape) << " " << d.low << " " << d.likely << " " << d.high);
        CHECK(sampler_mean(d) == Approx(mean(d)).epsilon(1e-4));
    }
}

TEST_CASE("sampled PERT matches its analytic mean and variance", "[quant]") {
    for (const Distribution& d : {Distribution{Shape::pert, 0.05, 0.2, 0.6}, Distribution{Shape::pert, 0, 0, 10},
                                  Distribution{Shape::pert, 50000, 250000, 2000000}}) {
        const std::size_t n = 200000;
        const SampleMoments m = sample_moments(draw(d, n, 7));
        // Five standard errors: a correct sampler fails about once in 1.7 million runs.
        const double se_mean = std::sqrt(variance(d) / n);
        const double se_variance = std::sqrt((m.fourth - m.variance * m.variance) / n);
        INFO("PERT " << d.low << " " << d.likely << " " << d.high);
        CHECK(std::fabs(m.mean - (d.low + 4 * d.likely + d.high) / 6) < 5 * se_mean);
        CHECK(std::fabs(m.variance - variance(d)) < 5 * se_variance);
    }
}

TEST_CASE("sampled lognormal matches its analytic mean and 90% range", "[quant]") {
    const Distribution d{Shape::lognormal, 1000, 0, 20000};
    const std::size_t n = 400000;
    std::vector<double> x = draw(d, n, 11);
    const SampleMoments m = sample_moments(x);
    CHECK(std::fabs(m.mean - mean(d)) < 5 * std::sqrt(variance(d) / n));
    std::size_t below = 0;
    std::size_t above = 0;
    for (double v : x) {
        below += v < 1000 ? 1 : 0;
        above += v > 20000 ? 1 : 0;
    }
    const double se = std::sqrt(0.05 * 0.95 / n);
    CHECK(std::fabs(below / double(n) - 0.05) < 5 * se);
    CHECK(std::fabs(above / double(n) - 0.05) < 5 * se);
}

TEST_CASE("a sampler scales exactly and a degenerate range is a constant", "[quant]") {
    const Sampler s(Distribution{Shape::pert, 10, 20, 60});
    const Sampler half = s.scaled(0.5);
    for (double u : {0.0, 0.001, 0.3, 0.9, 0.99999}) {
        CHECK(half(u) == Approx(0.5 * s(u)).epsilon(1e-14));
    }
    const Sampler constant(Distribution{Shape::pert, 7, 7, 7});
    CHECK(constant(0.1) == 7);
    CHECK(constant(0.9) == 7);
}
