#include "batch/funding.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace fulcrum;

TEST_CASE("funding is exact: it matches brute force on small random portfolios", "[funding]") {
    std::mt19937 rng(12345);
    std::uniform_real_distribution<double> value(-50, 500), cost(0, 100);
    for (int round = 0; round < 300; ++round) {
        const int n = 1 + static_cast<int>(rng() % 14);
        std::vector<FundingCandidate> candidates;
        for (int i = 0; i < n; ++i) {
            candidates.push_back({"p" + std::to_string(i), value(rng), cost(rng), rng() % 4 == 0 ? 0 : cost(rng) / 3});
        }
        const double innovation = cost(rng) * n / 3;
        const double security = cost(rng) * n / 8;
        const FundingPlan fast = plan_funding(candidates, innovation, security);
        const FundingPlan brute = plan_funding_brute_force(candidates, innovation, security);
        INFO("round " << round);
        REQUIRE(fast.exact);
        CHECK(fast.value == Approx(brute.value).margin(1e-6));
        CHECK(fast.innovation_spend <= innovation + 1e-6);
        CHECK(fast.security_spend <= security + 1e-6);
    }
}

TEST_CASE("funding takes nothing that does not pay or does not fit", "[funding]") {
    const std::vector<FundingCandidate> candidates = {
        {"loses", -10, 1, 1}, {"too-big", 1000, 500, 1}, {"fits", 50, 10, 5}, {"free", 5, 0, 0}};
    const FundingPlan plan = plan_funding(candidates, 100, 10);
    CHECK(plan.chosen == std::vector<size_t>{2, 3});
    CHECK(plan.value == Approx(55));
}

TEST_CASE("above the exact limit a heuristic reports its gap to the relaxation bound", "[funding]") {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> value(1, 100), cost(1, 50);
    std::vector<FundingCandidate> candidates;
    for (size_t i = 0; i < k_exact_limit + 50; ++i) {
        candidates.push_back({"p" + std::to_string(i), value(rng), cost(rng), cost(rng)});
    }
    const FundingPlan plan = plan_funding(candidates, 2000, 1500);
    CHECK_FALSE(plan.exact);
    CHECK(plan.value > 0);
    CHECK(plan.upper_bound >= plan.value);
    CHECK(plan.innovation_spend <= 2000 + 1e-6);
    CHECK(plan.security_spend <= 1500 + 1e-6);
    // A greedy fill on independent random items stays close to the bound.
    CHECK((plan.upper_bound - plan.value) / plan.upper_bound < 0.1);
}
