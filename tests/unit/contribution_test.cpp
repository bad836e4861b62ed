// Reading a plugin's output (host/src/plugin/contribution.cpp): nothing a
// plugin returns is trusted; every refusal names where the problem is.
#include "plugin/contribution.hpp"

#include <catch2/catch.hpp>

using namespace fulcrum;
using nlohmann::json;

namespace {

json valid() {
    return json::parse(R"({
      "benefits": [{"id": "cloud.scale", "title": "Scale", "dimension": "growth", "score": 60,
                    "rationale": "Elastic.", "evidence": ["/technologies/0"],
                    "annual_value": {"low": 1, "likely": 2, "high": 3}}],
      "risks": [{"id": "cloud.mfa", "title": "No MFA", "likelihood": 4, "impact": 3, "rationale": "Phishing.",
                 "evidence": ["/controls/0", "/data/classification"], "refs": {"csf": ["PR.AA-01"]},
                 "concern": "identity",
                 "mitigations": [{"id": "enforce-mfa", "title": "Enforce MFA", "control": "mfa",
                                  "cost": {"one_time": 100, "annual": 50}, "residual": {"likelihood": 1, "impact": 3}},
                                 {"id": "training", "title": "Train staff",
                                  "cost": {"one_time": 10, "annual": 0}, "residual": {"likelihood": 3, "impact": 3}}],
                 "fair": {"frequency": {"low": 0.1, "likely": 0.3, "high": 1},
                          "magnitude": {"low": 1000, "likely": 5000, "high": 90000}}}],
      "questions": [{"rule": "cloud.residency", "field": "/data/residency", "text": "Where may the data live?"}]
    })");
}

std::string refusal(const json& doc, const std::string& plugin = "cloud") {
    auto result = read_contribution(doc.dump(), plugin);
    const auto* reason = std::get_if<std::string>(&result);
    return reason ? *reason : std::string();
}

} // namespace

TEST_CASE("a valid contribution is read field by field", "[contribution]") {
    auto result = read_contribution(valid().dump(), "cloud");
    REQUIRE(std::holds_alternative<Contribution>(result));
    const Contribution& c = std::get<Contribution>(result);
    REQUIRE(c.benefits.size() == 1);
    CHECK(c.benefits[0].plugin == "cloud");
    CHECK(c.benefits[0].score == 60);
    REQUIRE(c.benefits[0].annual_value);
    CHECK(c.benefits[0].annual_value->likely == 2);
    REQUIRE(c.risks.size() == 1);
    const Risk& r = c.risks[0];
    CHECK(r.plugin == "cloud");
    CHECK(r.raised_by == std::vector<std::string>{"cloud"});
    CHECK(r.concern == "identity");
    CHECK(r.likelihood == 4);
    CHECK(r.impact == 3);
    CHECK(r.evidence == std::vector<std::string>{"/controls/0", "/data/classification"});
    CHECK(r.refs == json{{"csf", {"PR.AA-01"}}});
    REQUIRE(r.mitigations.size() == 2);
    CHECK(r.mitigations[0].control == "mfa");
    CHECK(r.mitigations[0].cost.one_time == 100);
    CHECK(r.mitigations[0].cost.annual == 50);
    CHECK(r.mitigations[0].residual_likelihood == 1);
    CHECK(r.mitigations[1].control.empty());
    REQUIRE(r.fair);
    CHECK(r.fair->magnitude.high == 90000);
    REQUIRE(c.questions.size() == 1);
    CHECK(c.questions[0].plugin == "cloud");
    CHECK(c.questions[0].field == "/data/residency");
}

TEST_CASE("an empty contribution is valid", "[contribution]") {
    CHECK(refusal(json{{"benefits", json::array()}, {"risks", json::array()}, {"questions", json::array()}}) == "");
}

TEST_CASE("text that is not JSON is refused", "[contribution]") {
    auto result = read_contribution("risks: none", "cloud");
    REQUIRE(std::holds_alternative<std::string>(result));
    CHECK(std::get<std::string>(result).rfind("returned text that is not JSON: ", 0) == 0);
    CHECK(std::holds_alternative<std::string>(read_contribution("", "cloud")));
    CHECK(std::holds_alternative<std::string>(read_contribution("{\"benefits\": [", "cloud")));
}

TEST_CASE("schema violations are refused with the pointer of the deepest problem", "[contribution]") {
    const std::string prefix = "returned a contribution that fails the contribution schema at ";
    json doc = valid();
    doc["risks"][0]["likelihood"] = 9;
    CHECK(refusal(doc).rfind(prefix + "/risks/0/likelihood: ", 0) == 0);

    doc = valid();
    doc["risks"][0]["mitigations"] = json::array(); // every risk needs a priced mitigation
    CHECK(refusal(doc).rfind(prefix + "/risks/0/mitigations: ", 0) == 0);

    doc = valid();
    doc["risks"][0]["mitigations"][1].erase("cost");
    CHECK(refusal(doc).rfind(prefix + "/risks/0/mitigations/1", 0) == 0);

    doc = valid();
    doc["benefits"][0]["dimension"] = "happiness";
    CHECK(refusal(doc).rfind(prefix + "/benefits/0/dimension: ", 0) == 0);

    doc = valid();
    doc["risks"][0]["evidence"] = {"data.records"}; // not a JSON pointer
    CHECK(refusal(doc).rfind(prefix + "/risks/0/evidence/0: ", 0) == 0);

    doc = valid();
    doc.erase("questions");
    CHECK(refusal(doc).rfind(prefix + "/: ", 0) == 0);

    doc = valid();
    doc["verdict"] = "approve"; // plugins contribute findings, never decisions
    CHECK(refusal(doc).rfind(prefix + "/", 0) == 0);

    CHECK(refusal(json::array()).rfind(prefix + "/: ", 0) == 0);
}

TEST_CASE("rule ids must be under the plugin's own id", "[contribution]") {
    CHECK(refusal(valid(), "cloud") == "");
    CHECK(refusal(valid(), "ai") ==
          "returned an invalid contribution at /benefits/0: rule id 'cloud.scale' is not under the plugin's id 'ai'");
    // A plugin id that is a prefix of another's is not enough: "clou" does not own "cloud.*".
    CHECK(refusal(valid(), "clou").find("is not under the plugin's id 'clou'") != std::string::npos);
    json doc = valid();
    doc["benefits"] = json::array();
    doc["risks"] = json::array();
    CHECK(refusal(doc, "ai") == "returned an invalid contribution at /questions/0: rule id 'cloud.residency' is not "
                                "under the plugin's id 'ai'");
}

TEST_CASE("a mitigation may not leave more risk than the risk has", "[contribution]") {
    json doc = valid();
    doc["risks"][0]["mitigations"][1]["residual"] = {{"likelihood", 5}, {"impact", 1}};
    CHECK(refusal(doc) ==
          "returned an invalid contribution at /risks/0/mitigations/1/residual: a mitigation leaves more risk than the "
          "risk has");
    doc["risks"][0]["mitigations"][1]["residual"] = {{"likelihood", 4}, {"impact", 3}}; // equal is allowed
    CHECK(refusal(doc) == "");
}

TEST_CASE("FAIR ranges must be ordered low <= likely <= high", "[contribution]") {
    json doc = valid();
    doc["risks"][0]["fair"]["magnitude"]["low"] = 6000;
    CHECK(refusal(doc) ==
          "returned an invalid contribution at /risks/0/fair/magnitude: expected low <= likely <= high");
    doc = valid();
    doc["risks"][0]["fair"]["frequency"]["high"] = 0.2;
    CHECK(refusal(doc) ==
          "returned an invalid contribution at /risks/0/fair/frequency: expected low <= likely <= high");
}
