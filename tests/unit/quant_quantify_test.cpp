#include "proposal/document.hpp"
#include "proposal/proposal.hpp"
#include "quant/quant_json.hpp"
#include "quant/quantify.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace fulcrum;
using namespace fulcrum::quant;

namespace {

Proposal proposal(const std::string& costs = "{capex: 50000, opex_annual: 30000, security_budget: 20000}") {
    const std::string text =
        "id: q1\ntitle: Quant test\ntechnologies: [{category: cloud}]\n"
        "business_case:\n"
        "  benefits:\n"
        "    - {dimension: efficiency, annual_value: {low: 100000, likely: 200000, high: 400000}}\n"
        "  horizon_years: 3\n"
        "  discount_rate: 0.1\n"
        "costs: " +
        costs + "\n";
    return validate_proposal(parse_document(text, Syntax::yaml, "q1.yaml"), "q1.yaml");
}

Mitigation mitigation(const std::string& id, const std::string& control, Cost cost, int l, int i,
                      MitigationStatus status) {
    Mitigation m;
    m.id = id;
    m.title = id;
    m.control = control;
    m.cost = cost;
    m.residual_likelihood = l;
    m.residual_impact = i;
    m.status = status;
    return m;
}

// Two quantified risks sharing the mfa control, and one without FAIR inputs,
// as the merge leaves them (statuses and residual levels set).
std::vector<Risk> risks() {
    Risk a;
    a.id = "cloud.identity";
    a.likelihood = 4;
    a.impact = 4;
    a.fair = FairInputs{{0.1, 0.4, 1.5}, {50000, 200000, 1000000}};
    a.mitigations = {mitigation("enforce-mfa", "mfa", {8000, 6000}, 1, 4, MitigationStatus::recommended),
                     mitigation("sso", "sso", {15000, 4000}, 2, 4, MitigationStatus::in_place)};
    a.residual_likelihood = 2;
    a.residual_impact = 4;
    Risk b;
    b.id = "cloud.keys";
    b.likelihood = 3;
    b.impact = 4;
    b.fair = FairInputs{{0.05, 0.2, 0.6}, {50000, 200000, 1000000}};
    b.mitigations = {mitigation("customer-managed-keys", "customer_managed_keys", {20000, 12000}, 1, 2,
                                MitigationStatus::recommended),
                     mitigation("mfa-for-admins", "mfa", {8000, 6000}, 2, 4, MitigationStatus::recommended)};
    b.residual_likelihood = 3;
    b.residual_impact = 4;
    Risk c;
    c.id = "cloud.lock-in";
    c.likelihood = 3;
    c.impact = 3;
    return {a, b, c};
}

QuantOptions options(std::uint64_t seed = 1, unsigned threads = 1) {
    QuantOptions o;
    o.iterations = 40000;
    o.seed = seed;
    o.threads = threads;
    return o;
}

} // namespace

TEST_CASE("quantify leaves out a risk whose plugin says it strikes more than a million times a year", "[quant]") {
    // A billion loss events a year is no loss scenario: the risk is left
    // unquantified, saying why, and the others are simulated.
    std::vector<Risk> r = risks();
    r[1].fair->frequency = {1, 10, 1e9};
    QuantOptions o = options();
    o.iterations = 1000;
    const ReviewQuant q = quantify(proposal(), r, o);
    REQUIRE(q.unquantified.size() == 2);
    CHECK(q.unquantified[0].risk_id == "cloud.keys");
    CHECK(q.unquantified[0].reason == "FAIR inputs refused: frequency: expected at most 1000000 loss events a year "
                                      "(one every half minute; model smaller, more frequent losses as fewer, larger "
                                      "ones)");
    CHECK(q.unquantified[1].risk_id == "cloud.lock-in");
    CHECK(q.unquantified[1].reason == "no FAIR inputs: the plugin gave no loss frequency and magnitude");
    REQUIRE(q.risks.size() == 1);
    CHECK(q.risks[0].risk_id == "cloud.identity");
}

TEST_CASE("quantify: exposure per risk in three states, within sampling error of the analytic", "[quant]") {
    const ReviewQuant q = quantify(proposal(), risks(), options());
    REQUIRE(q.risks.size() == 2);
    REQUIRE(q.unquantified.size() == 1);
    CHECK(q.unquantified[0].risk_id == "cloud.lock-in");
    const RiskQuant& a = q.risks[0];
    CHECK(a.expected_inherent == Approx(expected_annual_loss(a.scenario)));
    CHECK(a.expected_residual == Approx(a.expected_inherent * 2 / 4)); // sso leaves likelihood 2 of 4
    CHECK(a.expected_planned == Approx(a.expected_inherent * 1 / 4));  // the plan adds mfa: likelihood 1
    for (const RiskQuant& r : q.risks) {
        CHECK(r.expected_planned <= r.expected_residual);
        CHECK(r.expected_residual <= r.expected_inherent);
        const double n = static_cast<double>(q.iterations);
        const struct {
            const LossSummary& loss;
            Levels levels;
            double expected;
        } states[] = {{r.inherent_loss, r.inherent, r.expected_inherent},
                      {r.residual_loss, r.residual, r.expected_residual},
                      {r.planned_loss, r.planned, r.expected_planned}};
        for (const auto& s : states) {
            const double sd = std::sqrt(annual_loss_variance(r.scenario, treatment_between(r.inherent, s.levels)));
            CHECK(std::fabs(s.loss.mean - s.expected) < 5 * sd / std::sqrt(n));
        }
    }
    CHECK(q.planned_loss.mean <= q.residual_loss.mean);
    CHECK(q.residual_loss.mean <= q.inherent_loss.mean);
}

TEST_CASE("quantify: a shared control is one purchase; the budget leaves the rest uncovered", "[quant]") {
    const ReviewQuant q = quantify(proposal(), risks(), options());
    REQUIRE(q.mitigations.size() == 2);
    const MitigationValue& mfa = q.mitigations[0];
    CHECK(mfa.control == "mfa");
    CHECK(mfa.risks == std::vector<std::string>{"cloud.identity", "cloud.keys"});
    CHECK(mfa.in_plan);
    CHECK_FALSE(q.mitigations[1].in_plan); // 32,000 does not fit in 20,000
    CHECK(q.plan.budget_cost == 14000);
    CHECK(q.plan.cost.one_time == 8000);
    CHECK(q.plan.cost.annual == 6000);
    CHECK(q.plan.exact);
    REQUIRE(q.plan.uncovered.size() == 1);
    CHECK(q.plan.uncovered[0].risk_id == "cloud.keys");
    CHECK(q.plan.uncovered[0].mitigations_left == std::vector<std::string>{"customer-managed-keys"});
    // ROSI on annualised cost: one-time over the 3-year horizon plus annual.
    CHECK(mfa.annualised_cost == Approx(8000.0 / 3 + 6000));
    CHECK(*mfa.rosi == Approx((mfa.loss_avoided - mfa.annualised_cost) / mfa.annualised_cost));
    CHECK(mfa.loss_avoided == Approx(q.plan.loss_avoided));
    // Security spend over the horizon against capex plus opex over the horizon.
    CHECK(*q.plan.security_share == Approx((8000 + 3 * 6000) / (50000 + 3 * 30000.0)));
}

TEST_CASE("quantify: with a bigger budget the plan covers everything", "[quant]") {
    const ReviewQuant q =
        quantify(proposal("{capex: 50000, opex_annual: 30000, security_budget: 100000}"), risks(), options());
    CHECK(q.mitigations[0].in_plan);
    CHECK(q.mitigations[1].in_plan);
    CHECK(q.plan.uncovered.empty());
    CHECK(q.plan.budget_cost == 14000 + 32000);
}

TEST_CASE("quantify: net value is drawn in the same iterations as the losses", "[quant]") {
    const ReviewQuant q = quantify(proposal(), risks(), options());
    const double annuity = 1 / 1.1 + 1 / 1.21 + 1 / 1.331;
    const Distribution benefit{Shape::pert, 100000, 200000, 400000};
    double planned_loss = 0;
    double loss_variance = 0;
    for (const RiskQuant& r : q.risks) {
        planned_loss += r.expected_planned;
        loss_variance += annual_loss_variance(r.scenario, treatment_between(r.inherent, r.planned));
    }
    const double expected =
        -50000 - q.plan.cost.one_time + (mean(benefit) - 30000 - q.plan.cost.annual - planned_loss) * annuity;
    const double se = annuity * std::sqrt((variance(benefit) + loss_variance) / q.iterations);
    CHECK(std::fabs(q.net_value.with_plan.mean - expected) < 5 * se);
    CHECK(q.net_value.horizon_years == 3);
    CHECK(q.net_value.benefits_quantified);
    CHECK(q.net_value.with_plan.p5 <= q.net_value.with_plan.p50);
    CHECK(q.net_value.with_plan.p50 <= q.net_value.with_plan.p95);
    CHECK(q.net_value.with_plan.probability_negative >= 0);
}

TEST_CASE("quantify: reproducible for a seed and a thread count, different for another seed", "[quant]") {
    const auto a = review_quant_json(quantify(proposal(), risks(), options(1)));
    const auto b = review_quant_json(quantify(proposal(), risks(), options(1)));
    const auto threaded = review_quant_json(quantify(proposal(), risks(), options(1, 3)));
    const auto other = review_quant_json(quantify(proposal(), risks(), options(2)));
    CHECK(a == b);
    CHECK(a == threaded);
    CHECK(a["annual_loss"]["residual"]["mean"] != other["annual_loss"]["residual"]["mean"]);
    // The plan works on exact expected losses, so the seed cannot change it.
    CHECK(a["plan"] == other["plan"]);
}

TEST_CASE("quantify: iteration and seed options are checked", "[quant]") {
    CHECK(iterations_from_text("100000") == 100000);
    CHECK(seed_from_text("18446744073709551615") == 18446744073709551615ULL);
    CHECK_THROWS_WITH(iterations_from_text("0"), Catch::Contains("--iterations 0: expected a whole number"));
    CHECK_THROWS_WITH(iterations_from_text("1e5"), Catch::Contains("--iterations 1e5"));
    CHECK_THROWS_WITH(seed_from_text("-1"), Catch::Contains("--seed -1"));
    CHECK_THROWS_WITH(seed_from_text("18446744073709551616"), Catch::Contains("--seed"));
}
