#include "quant/plan.hpp"
#include "quant/random.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace fulcrum::quant;

namespace {

struct Case {
    std::vector<PlanRisk> risks;
    std::vector<PlanOption> options;
    double budget = 0;
};

// Small random instances: 1-5 risks, 1-11 options, some options shared by
// two risks, budgets from nothing to everything.
Case random_case(std::uint64_t seed) {
    const std::uint64_t key = stream_key(seed, "plan", "case");
    std::uint64_t next = 0;
    auto u = [&] { return IterationDraws(key, next++).first(); };
    auto level = [&](int at_most) { return 1 + static_cast<int>(u() * at_most); };
    Case c;
    const int risks = 1 + static_cast<int>(u() * 5);
    for (int r = 0; r < risks; ++r) {
        PlanRisk risk;
        risk.expected_loss = 1000 + u() * 100000;
        risk.inherent = {level(5), level(5)};
        risk.current = {level(risk.inherent.likelihood), level(risk.inherent.impact)};
        c.risks.push_back(risk);
    }
    const int options = 1 + static_cast<int>(u() * 11);
    double total = 0;
    for (int o = 0; o < options; ++o) {
        PlanOption option;
        option.cost = u() < 0.1 ? 0 : std::round(500 + u() * 30000);
        total += option.cost;
        const int effects = u() < 0.25 ? 2 : 1;
        for (int e = 0; e < effects; ++e) {
            option.effects.push_back({static_cast<std::size_t>(u() * risks), {level(5), level(5)}});
        }
        c.options.push_back(option);
    }
    c.budget = std::round(u() * total);
    return c;
}

struct Best {
    double avoided = -1;
    double cost = 0;
};

Best brute_force(const Case& c) {
    const double before = expected_loss_with(c.risks, c.options, {});
    Best best;
    const std::size_t m = c.options.size();
    for (std::uint64_t mask = 0; mask < (std::uint64_t{1} << m); ++mask) {
        std::vector<bool> chosen(m);
        double cost = 0;
        for (std::size_t i = 0; i < m; ++i) {
            chosen[i] = (mask >> i) & 1;
            cost += chosen[i] ? c.options[i].cost : 0;
        }
        if (cost > c.budget) {
            continue;
        }
        const double avoided = before - expected_loss_with(c.risks, c.options, chosen);
        const double tol = 1e-9 * std::max(1.0, before);
        if (avoided > best.avoided + tol || (avoided > best.avoided - tol && cost < best.cost)) {
            best = {avoided, cost};
        }
    }
    return best;
}

} // namespace

TEST_CASE("residual levels scale the FAIR inputs by their ratio to the inherent levels", "[quant]") {
    const Treatment t = treatment_between({4, 5}, {1, 3});
    CHECK(t.frequency == Approx(0.25));
    CHECK(t.magnitude == Approx(0.6));
    const Treatment none = treatment_between({3, 3}, {3, 3});
    CHECK(none.frequency == 1);
    CHECK(none.magnitude == 1);
    // A mitigation never makes a risk worse.
    CHECK(treatment_between({2, 2}, {4, 5}).frequency == 1);
    CHECK(combine({2, 4}, {3, 1}).likelihood == 2);
    CHECK(combine({2, 4}, {3, 1}).impact == 1);
}

TEST_CASE("the plan equals brute force on random small cases", "[quant]") {
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
        const Case c = random_case(seed);
        const PlanResult plan = choose_plan(c.risks, c.options, c.budget);
        const Best best = brute_force(c);
        INFO("case " << seed << ": " << c.options.size() << " options, budget " << c.budget);
        REQUIRE(plan.exact);
        REQUIRE(plan.cost <= c.budget);
        REQUIRE(plan.loss_avoided == Approx(best.avoided).epsilon(1e-9).margin(1e-6));
        REQUIRE(plan.cost <= best.cost + 1e-6);
        double cost = 0;
        std::vector<bool> chosen(c.options.size());
        for (std::size_t i : plan.chosen) {
            chosen[i] = true;
            cost += c.options[i].cost;
        }
        REQUIRE(cost == Approx(plan.cost));
        const double before = expected_loss_with(c.risks, c.options, {});
        REQUIRE(before - expected_loss_with(c.risks, c.options, chosen) == Approx(plan.loss_avoided));
    }
}

TEST_CASE("the plan buys the best combination, not the best ratio first", "[quant]") {
    // Greedy by loss avoided per unit of cost takes option 0 (60 for 20),
    // then option 1 (80 for 30), and cannot afford option 2: 140 in all.
    // Options 1 and 2 together avoid 160 within the same budget.
    std::vector<PlanRisk> risks = {{100, {5, 5}, {5, 5}}, {100, {5, 5}, {5, 5}}, {100, {5, 5}, {5, 5}}};
    std::vector<PlanOption> options = {
        {20, {{0, {2, 5}}}},
        {30, {{1, {1, 5}}}},
        {30, {{2, {1, 5}}}},
    };
    const PlanResult plan = choose_plan(risks, options, 60);
    CHECK(plan.chosen == std::vector<std::size_t>{1, 2});
    CHECK(plan.loss_avoided == Approx(160));
    CHECK(plan.cost == 60);
}

TEST_CASE("a control shared by two risks is bought once and counts for both", "[quant]") {
    std::vector<PlanRisk> risks = {{100, {4, 4}, {4, 4}}, {100, {4, 4}, {4, 4}}};
    std::vector<PlanOption> options = {{50, {{0, {1, 4}}, {1, {1, 4}}}}, {40, {{0, {2, 4}}}}};
    const PlanResult plan = choose_plan(risks, options, 50);
    CHECK(plan.chosen == std::vector<std::size_t>{0});
    CHECK(plan.loss_avoided == Approx(150));
}

TEST_CASE("without a budget the plan takes everything that helps, and a free fix always", "[quant]") {
    std::vector<PlanRisk> risks = {{100, {4, 4}, {2, 4}}};
    std::vector<PlanOption> options = {{0, {{0, {1, 4}}}}, {10, {{0, {3, 4}}}}, {1e9, {{0, {1, 1}}}}};
    const PlanResult unlimited = choose_plan(risks, options, HUGE_VAL);
    // Option 1 leaves likelihood 3, above the 2 already in place: it avoids nothing.
    CHECK(unlimited.chosen == std::vector<std::size_t>{0, 2});
    const PlanResult none = choose_plan(risks, options, 0);
    CHECK(none.chosen == std::vector<std::size_t>{0});
    CHECK(none.loss_avoided == Approx(25));
}

TEST_CASE("a search cut short says it is not exact", "[quant]") {
    const Case c = random_case(17);
    REQUIRE(c.options.size() > 2);
    const PlanResult cut = choose_plan(c.risks, c.options, 1e12, 2);
    CHECK_FALSE(cut.exact);
}
