// The AI plugin's data and supply-chain risks (plugins/ai/ai_data_risks.cpp),
// rule by rule: what raises each, what lowers it, and what the plugin asks
// when the proposal does not say.
#include "ai_test_proposals.hpp"

#include <catch2/catch.hpp>

using namespace fulcrum;
using namespace fulcrum::test;

TEST_CASE("ai.provider-data-exposure: provider training on inputs is likelier; non-sensitive data is no risk",
          "[ai][plugin]") {
    const std::string data = "data: {classification: confidential, personal_data: true, records: 10000}\n";
    const Risk trains = risk(ai(std::string(k_llm) + ", audience: internal, trains_on_inputs: true", data),
                             "ai.provider-data-exposure");
    const Risk no_training = risk(ai(std::string(k_llm) + ", audience: internal, trains_on_inputs: false", data),
                                  "ai.provider-data-exposure");
    CHECK(trains.likelihood == 5);
    CHECK(no_training.likelihood == 2);
    CHECK(trains.concern == "third-party-data-sharing");
    CHECK(cites(trains, "/technologies/0/trains_on_inputs"));
    CHECK(mitigation_for(trains, "dpa_signed") != nullptr);
    CHECK(mitigation_for(trains, "data_minimization") != nullptr);

    const Contribution unknown = ai(std::string(k_llm) + ", audience: internal", data);
    CHECK(asks(unknown, "ai.provider-data-exposure", "/trains_on_inputs"));

    const Risk special = risk(ai(std::string(k_llm) + ", audience: internal, trains_on_inputs: false",
                                 "data: {classification: confidential, personal_data: true, "
                                 "special_categories: [health], records: 10000}\n"),
                              "ai.provider-data-exposure");
    CHECK(special.impact > no_training.impact);
    CHECK(find_risk(ai(std::string(k_llm) + ", audience: internal", "data: {classification: public}\n"),
                    "ai.provider-data-exposure") == nullptr);
    CHECK(find_risk(ai("model_source: self_hosted_open, model_type: llm, audience: internal, use_case: x", data),
                    "ai.provider-data-exposure") == nullptr);
}

TEST_CASE("ai.cross-border-transfer: a provider region outside the residency is a shared concern", "[ai][plugin]") {
    const std::string data = "data: {personal_data: true, residency: [eu]}\ncompliance: [gdpr]\n";
    const Risk outside = risk(ai(std::string(k_llm) + ", provider_region: us-east", data), "ai.cross-border-transfer");
    CHECK(outside.concern == "cross-border-transfer");
    CHECK(cites(outside, "/technologies/0/provider_region"));
    CHECK(outside.impact == 4);
    CHECK(find_risk(ai(std::string(k_llm) + ", provider_region: eu-west", data), "ai.cross-border-transfer") ==
          nullptr);
    const Risk declared =
        risk(ai(k_llm, "data: {personal_data: true, cross_border_transfer: true}\n"), "ai.cross-border-transfer");
    CHECK(declared.impact < outside.impact); // no GDPR named
    const Contribution unknown = ai(k_llm, "data: {personal_data: true}\n");
    CHECK(find_risk(unknown, "ai.cross-border-transfer") == nullptr);
    CHECK(asks(unknown, "ai.cross-border-transfer", "/provider_region"));
}

TEST_CASE("ai.training-data-poisoning: outside training data is likelier to be poisoned; unnamed data is asked",
          "[ai][plugin]") {
    const char* base = "model_source: in_house_trained, model_type: classifier, use_case: scoring, ";
    const Risk outside = risk(ai(std::string(base) + "decision_impact: advisory, training_data: [web_scrape]"),
                              "ai.training-data-poisoning");
    const Risk internal = risk(ai(std::string(base) + "decision_impact: advisory, training_data: [erp_orders]"),
                               "ai.training-data-poisoning");
    CHECK(outside.likelihood > internal.likelihood);
    const Risk automated = risk(
        ai(std::string(base) + "decision_impact: automated, affects_individuals: true, training_data: [erp_orders]"),
        "ai.training-data-poisoning");
    CHECK(automated.impact > internal.impact);
    CHECK(asks(ai(std::string(base) + "decision_impact: advisory"), "ai.training-data-poisoning", "/training_data"));
    CHECK(find_risk(ai(k_llm), "ai.training-data-poisoning") == nullptr);
}

TEST_CASE("ai.training-data-privacy: personal data in the model's own training; volume and special categories raise it",
          "[ai][plugin]") {
    const char* tech = "model_source: in_house_trained, model_type: classifier, use_case: scoring, "
                       "decision_impact: advisory, training_data: [customer_records]";
    const Risk small = risk(ai(tech, "data: {classification: confidential, personal_data: true, records: 5000}\n"),
                            "ai.training-data-privacy");
    const Risk big = risk(ai(tech, "data: {classification: confidential, personal_data: true, "
                                   "special_categories: [health], records: 3000000}\n"),
                          "ai.training-data-privacy");
    CHECK(big.likelihood > small.likelihood);
    CHECK(big.impact > small.impact);
    CHECK(mitigation_for(big, "anonymization") != nullptr);
    CHECK(find_risk(ai(tech, "data: {personal_data: false}\n"), "ai.training-data-privacy") == nullptr);
}

TEST_CASE("ai.model-supply-chain: open weights and unassured providers are likelier; a missing vendor is asked",
          "[ai][plugin]") {
    const Risk open = risk(ai("model_source: self_hosted_open, model_type: llm, use_case: x"), "ai.model-supply-chain");
    CHECK(open.likelihood == 3);
    CHECK(mitigation_for(open, "model_provenance") != nullptr);
    const Risk assured = risk(ai(k_llm, "vendor: {certifications: [SOC 2 Type II]}\n"), "ai.model-supply-chain");
    const Risk bare = risk(ai(k_llm, "vendor: {name: X}\n"), "ai.model-supply-chain");
    CHECK(assured.likelihood < bare.likelihood);
    CHECK(asks(ai(k_llm), "ai.model-supply-chain", "/vendor/certifications"));
}

TEST_CASE("ai.model-extraction: the organisation's own model, more exposed when public", "[ai][plugin]") {
    const char* own = "model_source: in_house_trained, model_type: classifier, use_case: pricing, "
                      "decision_impact: advisory, training_data: [sales]";
    const Risk pub = risk(ai(std::string(own) + ", audience: public"), "ai.model-extraction");
    const Risk internal = risk(ai(std::string(own) + ", audience: internal"), "ai.model-extraction");
    CHECK(pub.likelihood > internal.likelihood);
    const Risk personal =
        risk(ai(std::string(own) + ", audience: public", "data: {personal_data: true}\n"), "ai.model-extraction");
    CHECK(personal.impact > pub.impact);
    CHECK(find_risk(ai(std::string(k_llm) + ", audience: public"), "ai.model-extraction") == nullptr);
    CHECK(find_risk(ai(std::string(k_llm) + ", audience: public, fine_tuned: true"), "ai.model-extraction") != nullptr);
}

TEST_CASE("ai.vendor-lock-in: no exit plan is a shared concern; an exit plan removes it", "[ai][plugin]") {
    const Risk r = risk(ai(k_llm, "vendor: {exit_plan: false}\nresilience: {criticality: mission_critical}\n"),
                        "ai.vendor-lock-in");
    CHECK(r.concern == "vendor-lock-in");
    CHECK(r.impact == 4);
    const Risk fine_tuned =
        risk(ai(std::string(k_llm) + ", fine_tuned: true", "vendor: {exit_plan: false}\n"), "ai.vendor-lock-in");
    CHECK(fine_tuned.likelihood > r.likelihood);
    CHECK(find_risk(ai(k_llm, "vendor: {exit_plan: true}\n"), "ai.vendor-lock-in") == nullptr);
    CHECK(asks(ai(k_llm), "ai.vendor-lock-in", "/vendor/exit_plan"));
}
