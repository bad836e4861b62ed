// OSCAL assessment results (host/src/report/oscal_report.cpp): risks,
// control findings, observations and props, with UUIDs and times that a
// second run reproduces. Schema validity: tests/integration/report_formats_test.cpp.
#include "report/ids.hpp"
#include "report/oscal_report.hpp"
#include "report_fixture.hpp"

#include <catch2/catch.hpp>

#include <regex>
#include <set>

using namespace fulcrum;

namespace {

ReportContext context() {
    ReportContext c;
    c.base_dir = "/work/repo";
    c.timestamp = "2026-01-31T09:00:00Z";
    return c;
}

const nlohmann::ordered_json* find_by(const nlohmann::ordered_json& list, const std::string& key,
                                      const std::string& value) {
    for (const auto& item : list) {
        if (item.contains(key) && item[key] == value) {
            return &item;
        }
    }
    return nullptr;
}

} // namespace

TEST_CASE("stable_uuid is a version 5 UUID that depends only on its name", "[reports]") {
    const std::regex v5("[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    CHECK(std::regex_match(stable_uuid("a"), v5));
    CHECK(stable_uuid("a") == stable_uuid("a"));
    CHECK(stable_uuid("a") != stable_uuid("b"));
}

TEST_CASE("OSCAL: metadata, the import-ap reference and times come from the context", "[reports]") {
    const auto doc = reviews_to_oscal({test::sample_review()}, context())["assessment-results"];
    CHECK(doc["metadata"]["oscal-version"] == "1.2.1");
    CHECK(doc["metadata"]["last-modified"] == "2026-01-31T09:00:00Z");
    CHECK(doc["results"][0]["start"] == "2026-01-31T09:00:00Z");
    const std::string href = doc["import-ap"]["href"];
    REQUIRE(href.size() > 1);
    CHECK(href[0] == '#');
    const auto& resource = doc["back-matter"]["resources"][0];
    CHECK(resource["uuid"] == href.substr(1));
    CHECK(resource["rlinks"][0]["href"] == "proposals/crm.yaml");
    CHECK(resource["rlinks"][0]["media-type"] == "application/yaml");
}

TEST_CASE("OSCAL: the same review gives the same document; another proposal other UUIDs", "[reports]") {
    const Review r = test::sample_review();
    const auto first = reviews_to_oscal({r}, context());
    CHECK(first == reviews_to_oscal({r}, context()));
    Review other = r;
    other.proposal_id = "crm-2";
    const auto second = reviews_to_oscal({other}, context());
    CHECK(first["assessment-results"]["uuid"] != second["assessment-results"]["uuid"]);
    CHECK(first["assessment-results"]["results"][0]["risks"][0]["uuid"] !=
          second["assessment-results"]["results"][0]["risks"][0]["uuid"]);
    // Every UUID in one document is distinct.
    std::set<std::string> seen;
    size_t total = 0;
    const std::string text = first.dump();
    const std::regex uuid_field("\"uuid\":\"([0-9a-f-]{36})\"");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), uuid_field); it != std::sregex_iterator(); ++it) {
        seen.insert((*it)[1]);
        ++total;
    }
    CHECK(total > 10);
    CHECK(seen.size() == total);
}

TEST_CASE("OSCAL: risks carry status and likelihood and impact facets", "[reports]") {
    const auto result = reviews_to_oscal({test::sample_review()}, context())["assessment-results"]["results"][0];
    REQUIRE(result["risks"].size() == 2);
    const auto& identity = result["risks"][0];
    CHECK(identity["title"] == "Accounts without MFA");
    CHECK(identity["status"] == "remediating");      // its MFA mitigation is planned
    CHECK(result["risks"][1]["status"] == "closed"); // residual 1x2 is info
    const auto& inherent = identity["characterizations"][0];
    CHECK(inherent["props"][0]["value"] == "inherent");
    CHECK(inherent["facets"][0]["name"] == "likelihood");
    CHECK(inherent["facets"][0]["value"] == "4");
    CHECK(inherent["facets"][1]["value"] == "5");
    CHECK(inherent["facets"][2]["value"] == "critical");
    CHECK(identity["characterizations"][1]["facets"][0]["value"] == "3");
    CHECK(identity["remediations"][0]["lifecycle"] == "planned");
    CHECK(result["risks"][1]["mitigating-factors"][0]["description"] == "Daily backups");
    CHECK(find_by(identity["props"], "class", "sp800_53") != nullptr);
}

TEST_CASE("OSCAL: each cited SP 800-53 control is a finding on its statement", "[reports]") {
    const auto result = reviews_to_oscal({test::sample_review()}, context())["assessment-results"]["results"][0];
    const auto& findings = result["findings"];
    REQUIRE(findings.size() == 3); // cp-9, ia-2, ia-2.1
    std::set<std::string> targets;
    for (const auto& f : findings) {
        targets.insert(f["target"]["target-id"].get<std::string>());
        CHECK(f["target"]["type"] == "statement-id");
    }
    CHECK(targets == std::set<std::string>{"cp-9_smt", "ia-2_smt", "ia-2.1_smt"});
    const auto* ia = find_by(findings, "title", "SP 800-53 ia-2.1: not satisfied");
    REQUIRE(ia != nullptr);
    CHECK((*ia)["target"]["status"]["state"] == "not-satisfied");
    CHECK((*ia)["related-risks"][0]["risk-uuid"] == result["risks"][0]["uuid"]);
    const auto* cp = find_by(findings, "title", "SP 800-53 cp-9: satisfied");
    REQUIRE(cp != nullptr);
    CHECK((*cp)["target"]["status"]["state"] == "satisfied");
    const auto& reviewed = result["reviewed-controls"]["control-selections"][0]["include-controls"];
    CHECK(reviewed.size() == 3);
}

TEST_CASE("OSCAL: evidence becomes observations examined in the proposal file", "[reports]") {
    const auto result = reviews_to_oscal({test::sample_review()}, context())["assessment-results"]["results"][0];
    const auto& observation = result["observations"][0];
    CHECK(observation["methods"][0] == "EXAMINE");
    CHECK(observation["collected"] == "2026-01-31T09:00:00Z");
    CHECK(observation["relevant-evidence"][0]["href"] == "proposals/crm.yaml#/controls/1/status");
    CHECK(result["risks"][0]["related-observations"][0]["observation-uuid"] == observation["uuid"]);
}

TEST_CASE("OSCAL: CIO scores are namespaced props", "[reports]") {
    const auto props =
        reviews_to_oscal({test::sample_review()}, context())["assessment-results"]["results"][0]["props"];
    const auto* overall = find_by(props, "class", "overall");
    REQUIRE(overall != nullptr);
    CHECK((*overall)["name"] == "benefit-score");
    CHECK((*overall)["value"] == "64");
    CHECK((*overall)["ns"] == k_oscal_namespace);
    const auto* efficiency = find_by(props, "class", "efficiency");
    REQUIRE(efficiency != nullptr);
    CHECK((*efficiency)["value"] == "86");
    CHECK(find_by(props, "name", "decision") != nullptr);
}

TEST_CASE("OSCAL: proposal text stays one line and inert in markup fields", "[reports]") {
    Review r = test::sample_review("Line one\nline <two>  ");
    const auto result = reviews_to_oscal({r}, context())["assessment-results"]["results"][0];
    CHECK(result["title"] == "Fulcrum review of Line one line &lt;two&gt;");
}
