#include "quant/economics.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace fulcrum::quant;

TEST_CASE("finance facts come from business_case and costs", "[quant]") {
    const auto doc = nlohmann::json::parse(R"({
        "business_case": {"benefits": [{"dimension": "efficiency", "annual_value": {"low": 1, "likely": 2, "high": 4}},
                                       {"dimension": "growth"}],
                          "horizon_years": 5, "discount_rate": 0.1},
        "costs": {"capex": 100, "opex_annual": 20, "security_budget": 30}})");
    const Finance f = read_finance(doc);
    REQUIRE(f.benefits.size() == 1);
    CHECK(f.benefits[0].likely == 2);
    CHECK(f.horizon_years == 5);
    CHECK(f.discount_rate == 0.1);
    CHECK(f.capex == 100);
    CHECK(f.opex_annual == 20);
    CHECK(f.security_budget == 30.0);
    CHECK(f.assumptions.empty());
}

TEST_CASE("missing finance facts are assumed aloud", "[quant]") {
    const Finance f = read_finance(nlohmann::json::parse(R"({"id": "x"})"));
    CHECK(f.horizon_years == k_default_horizon_years);
    CHECK(f.discount_rate == k_default_discount_rate);
    CHECK_FALSE(f.security_budget);
    CHECK(f.assumptions.size() == 6);
}

TEST_CASE("net present value discounts each year and gives every year its own loss", "[quant]") {
    Finance f;
    f.horizon_years = 2;
    f.discount_rate = 0.1;
    f.capex = 100;
    f.opex_annual = 10;
    const std::vector<double> benefit = {60, 60, 60};
    const std::vector<double> loss = {0, 5, 20};
    const auto npv = net_present_values(benefit, loss, f, {7, 3});
    const double d1 = 1 / 1.1;
    const double d2 = 1 / (1.1 * 1.1);
    CHECK(npv[0] == Approx(-107 + (60 - 13 - 0) * d1 + (60 - 13 - 5) * d2));
    CHECK(npv[1] == Approx(-107 + (60 - 13 - 5) * d1 + (60 - 13 - 20) * d2));
    // The last iteration wraps around to the first simulated year.
    CHECK(npv[2] == Approx(-107 + (60 - 13 - 20) * d1 + (60 - 13 - 0) * d2));
}

TEST_CASE("return on security investment is (loss avoided - cost) / cost", "[quant]") {
    CHECK(*return_on_security_investment(300, 100) == Approx(2));
    CHECK(*return_on_security_investment(50, 100) == Approx(-0.5));
    CHECK_FALSE(return_on_security_investment(50, 0));
    CHECK(annualised(30000, 5000, 3) == Approx(15000));
}
