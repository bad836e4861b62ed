#include "quant/scenario_file.hpp"
#include "util/error.hpp"

#include <catch2/catch.hpp>

using namespace fulcrum;
using namespace fulcrum::quant;

namespace {

std::string error_of(void (*parse)(const std::string&), const std::string& text) {
    try {
        parse(text);
    } catch (const Error& e) {
        CHECK(e.exit_code() == k_exit_invalid_input);
        return e.what();
    }
    return "";
}

void csv(const std::string& text) {
    parse_scenarios_csv(text, "s.csv");
}
void json(const std::string& text) {
    parse_scenarios_json(text, "s.json");
}

} // namespace

TEST_CASE("CSV scenarios: header, comments, quotes and secondary loss", "[quant]") {
    const ScenarioSet set = parse_scenarios_csv("name,fl,fm,fh,ml,mm,mh\n"
                                                "# a comment\n"
                                                "\n"
                                                "ransomware,0.1,0.3,1,20000,150000,1500000\r\n"
                                                "\"breach, customer data\",0.05,0.2,0.6,5e4,2.5e5,2e6,0.3,1e5,2e5,9e5\n"
                                                "outage,1,2,5,100,1000,8000,,,,\n",
                                                "s.csv");
    REQUIRE(set.scenarios.size() == 3);
    CHECK(set.scenarios[0].name == "ransomware");
    CHECK(set.scenarios[0].magnitude.high == 1500000);
    CHECK_FALSE(set.scenarios[0].secondary);
    CHECK(set.scenarios[1].name == "breach, customer data");
    REQUIRE(set.scenarios[1].secondary);
    CHECK(set.scenarios[1].secondary->probability == 0.3);
    CHECK(set.scenarios[1].secondary->magnitude.likely == 200000);
    CHECK_FALSE(set.scenarios[2].secondary);
}

TEST_CASE("CSV errors name the file, line and column", "[quant]") {
    CHECK(error_of(csv, "a,1,2,3,4,5,6\nb,1,x,3,4,5,6\n") ==
          "s.csv:2: frequency_likely: expected a non-negative number, got \"x\"");
    CHECK(error_of(csv, "a,3,2,1,4,5,6\n") == "s.csv:1: frequency: expected low <= likely <= high, got 3, 2, 1");
    CHECK(error_of(csv, "a,1,2,3\n").rfind("s.csv:1: line: expected 7 fields", 0) == 0);
    CHECK(error_of(csv, "a,1,2,3,4,5,6\na,1,2,3,4,5,6\n") ==
          "s.csv:2: name: \"a\" is already the name on line 1; names must differ");
    CHECK(error_of(csv, "a,1,2,3,4,5,6,2,1,2,3\n") ==
          "s.csv:1: secondary_probability: expected a number from 0 to 1, got \"2\"");
    const std::string both = error_of(csv, "a,-1,2,3,4,5,6\nb,1,2,3,4,5,z\n");
    CHECK(both.find("s.csv:1: frequency_low") != std::string::npos);
    CHECK(both.find("s.csv:2: magnitude_high") != std::string::npos);
    CHECK(error_of(csv, "# nothing\n").find("no scenario found") != std::string::npos);
}

TEST_CASE("JSON scenarios with lognormal ranges and secondary loss", "[quant]") {
    const ScenarioSet set = parse_scenarios_json(R"({
  "id": "portfolio-a", "currency": "EUR",
  "scenarios": [
    {"name": "fraud", "frequency": {"low": 1, "likely": 2, "high": 6},
     "magnitude": {"distribution": "lognormal", "low": 1000, "high": 90000},
     "secondary": {"probability": 0.1, "magnitude": {"low": 1, "likely": 2, "high": 3}}}
  ]})",
                                                 "s.json");
    CHECK(set.id == "portfolio-a");
    CHECK(set.currency == "EUR");
    REQUIRE(set.scenarios.size() == 1);
    CHECK(set.scenarios[0].magnitude.shape == Shape::lognormal);
    CHECK(set.scenarios[0].magnitude.high == 90000);
    REQUIRE(set.scenarios[0].secondary);
    CHECK(set.scenarios[0].secondary->probability == 0.1);
    // A bare list works as well.
    CHECK(parse_scenarios_json(R"([{"name": "x", "frequency": {"low": 0, "likely": 0, "high": 1},
                                    "magnitude": {"low": 1, "likely": 1, "high": 1}}])",
                               "s.json")
              .scenarios.size() == 1);
}

TEST_CASE("JSON errors name the file, line and field", "[quant]") {
    const std::string text = "{\"scenarios\": [\n"
                             "  {\"name\": \"a\",\n"
                             "   \"frequency\": {\"low\": 1, \"likely\": \"two\", \"high\": 3},\n"
                             "   \"magnitude\": {\"low\": 5, \"likely\": 4, \"high\": 6},\n"
                             "   \"secundary\": {}}\n"
                             "]}";
    const std::string err = error_of(json, text);
    CHECK(err.find("s.json:3: /scenarios/0/frequency/likely: expected a non-negative number, got \"two\"") !=
          std::string::npos);
    CHECK(err.find("s.json:4: /scenarios/0/magnitude: expected low <= likely <= high") != std::string::npos);
    CHECK(err.find("s.json:5: /scenarios/0/secundary: unknown field") != std::string::npos);
    CHECK(error_of(json, "{\"scenarios\": []}") ==
          "s.json:1: /scenarios: expected a non-empty list of scenarios, got []");
    CHECK(error_of(json, "[{\"name\": \"a\", \"frequency\": {\"low\": 1, \"likely\": 1, \"high\": 1}, "
                         "\"magnitude\": {\"distribution\": \"weibull\", \"low\": 1, \"high\": 2}}]") ==
          "s.json:1: /0/magnitude/distribution: expected pert or lognormal, got \"weibull\"");
    CHECK(error_of(json, "{\"scenarios\": [\n}").rfind("s.json:2:", 0) == 0);
}

TEST_CASE("a scenario of more than a million loss events a year is refused", "[quant]") {
    const std::string too_many = "expected at most 1000000 loss events a year (one every half minute";
    CHECK(error_of(csv, "a,1,2,1000001,4,5,6\n").find("s.csv:1: frequency_high: " + too_many) == 0);
    CHECK(error_of(csv, "a,1,2,1000000,4,5,6\n").empty());
    CHECK(error_of(json, "[{\"name\": \"a\", \"frequency\": {\"low\": 1, \"likely\": 1, \"high\": 1e9}, "
                         "\"magnitude\": {\"low\": 1, \"likely\": 2, \"high\": 3}}]")
              .find("s.json:1: /0/frequency/high: " + too_many) == 0);
}
