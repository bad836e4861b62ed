#include "plugin_harness.hpp"

#include <catch2/catch.hpp>

using namespace fulcrum;
using namespace fulcrum::test;

TEST_CASE("cloud: missing MFA on confidential personal data is a high risk", "[plugin][cloud]") {
    const Contribution c = evaluate_yaml("cloud", R"(
id: t
title: T
technologies: [{category: cloud, service_model: saas, deployment: public}]
data: {classification: confidential, personal_data: true, records: 2000000}
controls: [{id: mfa, status: none}]
)");
    const Risk* r = find_risk(c, "cloud.identity-mfa");
    REQUIRE(r != nullptr);
    CHECK(r->likelihood * r->impact >= 12);
    CHECK(std::find(r->evidence.begin(), r->evidence.end(), "/controls/0") != r->evidence.end());
}
