#include "quant/engine.hpp"
#include "quant/poisson.hpp"
#include "quant/random.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

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

Distribution fixed(double value) {
    return {Shape::pert, value, value, value};
}

// Mean and variance of the simulated annual loss against the analytic values,
// within five standard errors (the variance's from the sample fourth moment).
void check_against_analytic(const Scenario& s, std::uint64_t n, std::uint64_t seed = 3) {
    const SimulationResult r = simulate(s, stream_key(seed, "test", s.name), {Treatment{}}, n);
    const SampleMoments m = sample_moments(r.losses[0]);
    const double expected = expected_annual_loss(s);
    const double var = annual_loss_variance(s);
    INFO(s.name << ": mean " << m.mean << " vs " << expected << ", variance " << m.variance << " vs " << var);
    CHECK(std::fabs(m.mean - expected) < 5 * std::sqrt(var / n));
    CHECK(std::fabs(m.variance - var) < 5 * std::sqrt((m.fourth - m.variance * m.variance) / n));
}

} // namespace

TEST_CASE("compound Poisson with a fixed rate: E = lambda E[M], Var = lambda E[M^2]", "[quant]") {
    const Distribution magnitude{Shape::pert, 20000, 150000, 1500000};
    Scenario s{"fixed-rate", fixed(0.4), magnitude, std::nullopt};
    CHECK(expected_annual_loss(s) == Approx(0.4 * mean(magnitude)));
    CHECK(annual_loss_variance(s) == Approx(0.4 * second_moment(magnitude)));
    check_against_analytic(s, 200000);
}

TEST_CASE("high rates take the rejection sampler and stay exact", "[quant]") {
    // lambda = 40 is above the inversion limit, so PTRS draws the counts.
    REQUIRE(40 > k_inversion_limit);
    check_against_analytic({"frequent", fixed(40), {Shape::pert, 100, 1000, 5000}, std::nullopt}, 100000);
}

TEST_CASE("an uncertain rate adds Var[rate] E[M]^2", "[quant]") {
    const Scenario s{"mixed", {Shape::pert, 0.1, 0.4, 1.5}, {Shape::pert, 50000, 250000, 2000000}, std::nullopt};
    const double em = mean(s.magnitude);
    CHECK(annual_loss_variance(s) ==
          Approx(mean(s.frequency) * second_moment(s.magnitude) + variance(s.frequency) * em * em));
    check_against_analytic(s, 200000);
}

TEST_CASE("secondary loss and lognormal magnitudes match the analytic moments", "[quant]") {
    Scenario s{"secondary", {Shape::pert, 0.5, 1, 3}, {Shape::lognormal, 10000, 0, 200000}, std::nullopt};
    s.secondary = Secondary{0.3, {Shape::pert, 50000, 100000, 400000}};
    check_against_analytic(s, 200000);
}

TEST_CASE("Poisson counts have mean and variance lambda and P(0) = exp(-lambda)", "[quant]") {
    for (double lambda : {0.05, 3.0, 11.9, 12.0, 30.0, 400.0}) {
        const std::uint64_t n = 200000;
        const std::uint64_t key = stream_key(5, "poisson", std::to_string(lambda));
        std::vector<double> counts(n);
        double zeros = 0;
        for (std::uint64_t i = 0; i < n; ++i) {
            const IterationDraws d(key, i);
            const auto k = lambda < k_inversion_limit ? poisson_by_inversion(lambda, d.uniform(1))
                                                      : poisson_by_rejection(lambda, d, 2);
            counts[i] = static_cast<double>(k);
            zeros += k == 0 ? 1 : 0;
        }
        const SampleMoments m = sample_moments(counts);
        INFO("lambda " << lambda << ": mean " << m.mean << " variance " << m.variance);
        CHECK(std::fabs(m.mean - lambda) < 5 * std::sqrt(lambda / n));
        // Var of the sample variance of a Poisson: (mu4 - sigma^4) / n, mu4 = lambda + 3 lambda^2.
        CHECK(std::fabs(m.variance - lambda) < 5 * std::sqrt((lambda + 2 * lambda * lambda) / n));
        const double p0 = std::exp(-lambda);
        CHECK(std::fabs(zeros / n - p0) < 5 * std::sqrt(p0 * (1 - p0) / n) + 1e-12);
    }
}

TEST_CASE("the no-event shortcut agrees with full inversion", "[quant]") {
    for (double lambda : {0.0, 0.01, 0.3, 1.0, 2.5, 8.0}) {
        for (double u = 0; u < 1; u += 0.001) {
            // Plain inversion, written out: the smallest k with P(N <= k) > u.
            double p = std::exp(-lambda);
            double cdf = p;
            std::uint64_t k = 0;
            while (u >= cdf && k < 200) {
                ++k;
                p *= lambda / k;
                cdf += p;
            }
            REQUIRE(poisson_by_inversion(lambda, u) == k);
        }
    }
}

TEST_CASE("the same seed gives the same years, another seed other years", "[quant]") {
    const Scenario s{"r", {Shape::pert, 0.1, 0.3, 1}, {Shape::pert, 1000, 5000, 50000}, std::nullopt};
    const auto a = simulate(s, stream_key(1, "p", "r"), {Treatment{}}, 20000);
    const auto b = simulate(s, stream_key(1, "p", "r"), {Treatment{}}, 20000);
    const auto c = simulate(s, stream_key(2, "p", "r"), {Treatment{}}, 20000);
    const auto d = simulate(s, stream_key(1, "p", "other"), {Treatment{}}, 20000);
    CHECK(a.losses == b.losses);
    CHECK(a.events == b.events);
    CHECK(a.losses != c.losses);
    CHECK(a.losses != d.losses);
}

TEST_CASE("results are identical for any number of threads", "[quant]") {
    Scenario s{"r", {Shape::pert, 0.5, 2, 20}, {Shape::lognormal, 100, 0, 10000}, std::nullopt};
    s.secondary = Secondary{0.2, {Shape::pert, 10, 100, 1000}};
    const std::vector<Treatment> states = {Treatment{}, Treatment{0.5, 0.8}};
    const auto one = simulate(s, 99, states, 50000, 1);
    for (unsigned threads : {2u, 3u, 8u}) {
        const auto many = simulate(s, 99, states, 50000, threads);
        CHECK(many.losses == one.losses);
        CHECK(many.events == one.events);
    }
}

TEST_CASE("treatments share random numbers, so a lighter one never loses more", "[quant]") {
    const Scenario s{"r", {Shape::pert, 0.2, 1, 4}, {Shape::pert, 1000, 3000, 20000}, std::nullopt};
    const auto r = simulate(s, 7, {Treatment{}, Treatment{0.5, 1}, Treatment{0.25, 0.5}}, 50000);
    std::size_t lower = 0;
    for (std::size_t i = 0; i < r.losses[0].size(); ++i) {
        REQUIRE(r.losses[1][i] <= r.losses[0][i]);
        REQUIRE(r.losses[2][i] <= r.losses[1][i]);
        lower += r.losses[1][i] < r.losses[0][i] ? 1 : 0;
    }
    CHECK(lower > 0);
    // A treatment alone gives the same years as simulating it first.
    const auto alone = simulate(s, 7, {Treatment{0.5, 1}}, 50000);
    CHECK(alone.losses[0] == r.losses[1]);
}

TEST_CASE("past 1000 events a year the rest are one normal draw, and the moments stay exact", "[quant]") {
    // A fixed rate far past k_exact_events: every year sums 1000 drawn
    // events and draws the rest at once.
    REQUIRE(k_exact_events == 1000);
    check_against_analytic({"many", fixed(5000), {Shape::pert, 100, 1000, 5000}, std::nullopt}, 20000);
    // A rate either side of it, with secondary loss: some years exact, some not.
    check_against_analytic({"either side",
                            {Shape::pert, 400, 1000, 3000},
                            {Shape::lognormal, 50, 0, 2000},
                            Secondary{0.1, {Shape::pert, 1000, 2000, 8000}}},
                           20000);
    // The bound itself: a million events a year, in a thousand draws a year.
    check_against_analytic({"bound", fixed(k_max_loss_events), {Shape::pert, 1, 2, 10}, std::nullopt}, 2000);
}

TEST_CASE("the events past 1000 a year are summed so that more events never lose less", "[quant]") {
    // Spreads from narrow to far wider than the mean, deviates far into both
    // tails: never negative, and never smaller for more events.
    for (double spread : {0.1, 1.0, 10.0, 100.0}) {
        for (double z = -8; z <= 8; z += 0.25) {
            double before = 0;
            for (std::uint64_t k = 1; k <= 2000000; k += k < 2000 ? 1 : k / 100) {
                const double loss = summed_events_loss(k, 50, 50 * spread, z);
                INFO("spread " << spread << ", z " << z << ", k " << k);
                REQUIRE(loss >= before);
                before = loss;
            }
            CHECK(before > 0);
        }
    }
}

TEST_CASE("treatments past 1000 events a year share their random numbers", "[quant]") {
    const Scenario s{"far", {Shape::pert, 600, 2000, 6000}, {Shape::pert, 10, 30, 400}, std::nullopt};
    const std::vector<Treatment> treatments = {Treatment{}, Treatment{0.5, 1}, Treatment{0.2, 0.5}};
    const auto r = simulate(s, 11, treatments, 5000);
    for (std::size_t t = 1; t < treatments.size(); ++t) {
        // With rates this far apart the heavier treatment's counts are the
        // larger in every year of this stream (above k_inversion_limit that
        // is likely, not certain: engine.hpp).
        for (std::size_t i = 0; i < r.losses[0].size(); ++i) {
            REQUIRE(r.losses[t][i] < r.losses[t - 1][i]);
        }
        // Each treatment's years depend on its own count alone.
        CHECK(simulate(s, 11, {treatments[t]}, 5000).losses[0] == r.losses[t]);
    }
}

TEST_CASE("a scenario is checked before it is simulated", "[quant]") {
    Scenario s{"r", {Shape::pert, 1, 0.5, 2}, {Shape::pert, 1, 2, 3}, std::nullopt};
    CHECK(problem_with(s) == "frequency: expected low <= likely <= high");
    s.frequency = fixed(1);
    s.secondary = Secondary{1.5, fixed(1)};
    CHECK(problem_with(s) == "secondary probability: expected a number from 0 to 1");
    CHECK_THROWS(simulate(s, 1, {}, 10));
}
