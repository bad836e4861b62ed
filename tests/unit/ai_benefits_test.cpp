// The AI plugin's benefit evaluations: what a claim is worth with and without
// figures and a metric, which dimensions fit which use case, and what a
// missing evaluation plan costs every benefit.
#include "ai_test_proposals.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace fulcrum;
using namespace fulcrum::test;

TEST_CASE("ai benefits: quantified claims with a metric beat bare claims, which raise questions", "[ai][plugin]") {
    const std::string tech = std::string(k_llm_base) + ", audience: customers, use_case: customer support chatbot";
    const Contribution strong = ai(tech, "business_case: {benefits: [{dimension: efficiency, metric: handling time, "
                                         "annual_value: {low: 100000, likely: 200000, high: 300000}}]}\n"
                                         "costs: {opex_annual: 50000}\n");
    const Contribution bare = ai(tech, "business_case: {benefits: [{dimension: efficiency, description: faster}]}\n"
                                       "costs: {opex_annual: 50000}\n");
    const Benefit* s = find_benefit(strong, "ai.productivity");
    const Benefit* b = find_benefit(bare, "ai.productivity");
    REQUIRE(s);
    REQUIRE(b);
    CHECK(s->score > b->score + 15);
    REQUIRE(s->annual_value);
    CHECK(s->annual_value->likely == Approx(200000));
    CHECK(!b->annual_value);
    CHECK(asks(bare, "ai.productivity", "/business_case/benefits/0/annual_value"));
    CHECK(!asks(strong, "ai.productivity", "/annual_value"));
    CHECK(std::find(s->evidence.begin(), s->evidence.end(), "/business_case/benefits/0") != s->evidence.end());

    const Contribution no_metric = ai(tech, "business_case: {benefits: [{dimension: efficiency, annual_value: "
                                            "{low: 1, likely: 2, high: 3}}]}\n");
    CHECK(asks(no_metric, "ai.productivity", "/business_case/benefits/0/metric"));
}

TEST_CASE("ai benefits: at least six dimensions are judged; fit depends on the use case and the model source",
          "[ai][plugin]") {
    const std::string all_dimensions =
        "business_case: {benefits: [{dimension: efficiency}, {dimension: customer_experience}, "
        "{dimension: competitive_advantage}, {dimension: growth}, {dimension: cost_reduction}, "
        "{dimension: resilience}, {dimension: compliance}]}\n";
    const Contribution c = ai(std::string(k_llm) + ", audience: customers", all_dimensions);
    CHECK(c.benefits.size() == 7);

    const Contribution bought = ai(std::string(k_llm) + ", audience: internal", all_dimensions);
    const Contribution built = ai("model_source: in_house_trained, model_type: classifier, use_case: fraud detection, "
                                  "decision_impact: advisory, training_data: [transactions]",
                                  all_dimensions);
    REQUIRE(find_benefit(bought, "ai.differentiation"));
    REQUIRE(find_benefit(built, "ai.differentiation"));
    CHECK(find_benefit(built, "ai.differentiation")->score > find_benefit(bought, "ai.differentiation")->score);
    REQUIRE(find_benefit(built, "ai.detection-resilience"));
    CHECK(find_benefit(built, "ai.detection-resilience")->score > find_benefit(c, "ai.detection-resilience")->score);

    // A poor fit that the business case does not claim is not listed at all.
    const Contribution unclaimed = ai(std::string(k_llm_base) + ", audience: internal, use_case: drafting reports");
    CHECK(find_benefit(unclaimed, "ai.compliance-assurance") == nullptr);
    CHECK(find_benefit(unclaimed, "ai.productivity") != nullptr);
}

TEST_CASE("ai benefits: scoring the organisation's own staff does little for customers; scoring applicants does more",
          "[ai][plugin]") {
    const std::string claims = "business_case: {benefits: [{dimension: customer_experience}]}\n";
    const std::string people = "model_source: third_party_api, model_type: classifier, decision_impact: advisory, "
                               "affects_individuals: true, audience: internal, use_case: ";
    const Contribution staff = ai(people + "scoring employee performance from call recordings", claims);
    const Contribution applicants = ai(people + "scoring recruitment candidates from their CVs", claims);
    const Contribution claimants = ai(people + "triage of insurance claims", claims);
    REQUIRE(find_benefit(staff, "ai.customer-service"));
    REQUIRE(find_benefit(applicants, "ai.customer-service"));
    REQUIRE(find_benefit(claimants, "ai.customer-service"));
    CHECK(find_benefit(staff, "ai.customer-service")->rationale.find("own staff") != std::string::npos);
    CHECK(find_benefit(applicants, "ai.customer-service")->rationale.find("applicants") != std::string::npos);
    CHECK(find_benefit(staff, "ai.customer-service")->score < find_benefit(applicants, "ai.customer-service")->score);
    CHECK(find_benefit(staff, "ai.customer-service")->score < find_benefit(claimants, "ai.customer-service")->score);
}

TEST_CASE("ai benefits: without a model evaluation plan every benefit scores lower", "[ai][plugin]") {
    const std::string tech = std::string(k_llm_base) + ", audience: internal, use_case: drafting reports";
    const Contribution none = ai(tech);
    const Contribution planned = ai(tech, "controls: [{id: model_evaluation, status: planned}]\n");
    REQUIRE(find_benefit(none, "ai.productivity"));
    REQUIRE(find_benefit(planned, "ai.productivity"));
    CHECK(find_benefit(planned, "ai.productivity")->score > find_benefit(none, "ai.productivity")->score);
}
