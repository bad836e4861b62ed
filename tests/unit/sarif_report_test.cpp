// SARIF output (host/src/report/sarif_report.cpp): rules from the catalog,
// one result per risk, levels from severity, locations from the source map,
// fingerprints that survive edits. Schema validity is checked in
// tests/integration/report_formats_test.cpp.
#include "report/sarif_report.hpp"
#include "report_fixture.hpp"

#include <catch2/catch.hpp>

using namespace fulcrum;

namespace {

ReportContext context_with_source() {
    ReportContext context;
    context.rules = nlohmann::json::array(
        {{{"id", "cloud.elastic-scale"}, {"kind", "benefit"}, {"title", "Scale"}, {"plugin", "cloud"}},
         {{"id", "cloud.identity-mfa"},
          {"kind", "risk"},
          {"title", "Cloud accounts without MFA"},
          {"summary", "Stolen credentials are the commonest way in."},
          {"refs", {{"csf", {"PR.AA-01"}}, {"sp800_53", {"ia-2"}}}},
          {"plugin", "cloud"}},
         {{"id", "cloud.unused-rule"}, {"kind", "risk"}, {"title", "Never fires"}, {"plugin", "cloud"}}});
    context.base_dir = "/work/repo";
    context.sources["proposals/crm.yaml"] =
        SourceMap::from_text("id: crm-1\ncontrols:\n  - id: sso\n    status: in_place\n"
                             "  - id: mfa\n    status: planned\n",
                             Syntax::yaml);
    return context;
}

} // namespace

TEST_CASE("severity maps to SARIF levels", "[reports]") {
    CHECK(std::string(sarif_level(Severity::critical)) == "error");
    CHECK(std::string(sarif_level(Severity::high)) == "error");
    CHECK(std::string(sarif_level(Severity::medium)) == "warning");
    CHECK(std::string(sarif_level(Severity::low)) == "note");
    CHECK(std::string(sarif_level(Severity::info)) == "note");
}

TEST_CASE("SARIF: one run, the catalog's risk rules, one result per risk", "[reports]") {
    const auto sarif = reviews_to_sarif({test::sample_review()}, context_with_source());
    CHECK(sarif["version"] == "2.1.0");
    REQUIRE(sarif["runs"].size() == 1);
    const auto& run = sarif["runs"][0];
    const auto& rules = run["tool"]["driver"]["rules"];
    // Risk rules of the catalog in order, then the one the catalog lacks; no benefit rules.
    REQUIRE(rules.size() == 3);
    CHECK(rules[0]["id"] == "cloud.identity-mfa");
    CHECK(rules[0]["name"] == "CloudIdentityMfa");
    CHECK(rules[0]["shortDescription"]["text"] == "Cloud accounts without MFA");
    CHECK(rules[0]["fullDescription"]["text"] == "Stolen credentials are the commonest way in.");
    CHECK(rules[0]["help"]["text"].get<std::string>().find("References: csf: PR.AA-01; sp800_53: ia-2.") !=
          std::string::npos);
    CHECK(rules[0]["properties"]["references"]["sp800_53"][0] == "ia-2");
    CHECK(rules[0]["properties"]["tags"].dump() == R"(["security","fulcrum","cloud","csf","sp800_53"])");
    CHECK(rules[1]["id"] == "cloud.unused-rule");
    CHECK(rules[2]["id"] == "cloud.availability-dr");

    const auto& results = run["results"];
    REQUIRE(results.size() == 2);
    CHECK(results[0]["ruleId"] == "cloud.identity-mfa");
    CHECK(results[0]["ruleIndex"] == 0);
    CHECK(results[0]["level"] == "error"); // residual 3x5 = 15, high
    CHECK(results[1]["ruleIndex"] == 2);
    CHECK(results[1]["level"] == "note"); // residual 1x2 = 2, info
    CHECK(results[0]["message"]["text"] == "Accounts without MFA: One phished password opens the data.");
    CHECK(results[0]["properties"]["inherentSeverity"] == "critical");
    CHECK(run["columnKind"] == "unicodeCodePoints");
    CHECK(run["invocations"][0]["executionSuccessful"] == true);
}

TEST_CASE("SARIF: a result sits at the line of its first evidence, relative to the working folder", "[reports]") {
    const auto sarif = reviews_to_sarif({test::sample_review()}, context_with_source());
    const auto& result = sarif["runs"][0]["results"][0];
    const auto& location = result["locations"][0]["physicalLocation"];
    CHECK(location["artifactLocation"]["uri"] == "proposals/crm.yaml");
    CHECK(location["artifactLocation"]["index"] == 0);
    CHECK(location["region"]["startLine"] == 6); // /controls/1/status
    CHECK(location["region"]["startColumn"] == 5);
    CHECK(result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "/controls/1/status");
    // /data/classification is absent from the text: the root is the nearest ancestor.
    CHECK(result["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 1);
    // The second risk's evidence field is missing, and so is its parent.
    CHECK(sarif["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] == 1);
    CHECK(sarif["runs"][0]["artifacts"][0]["location"]["uri"] == "proposals/crm.yaml");
}

TEST_CASE("SARIF fingerprints depend on proposal and rule, not on lines or wording", "[reports]") {
    ReportContext context = context_with_source();
    Review r = test::sample_review();
    const auto first = reviews_to_sarif({r}, context)["runs"][0]["results"];
    r.risks[0].rationale = "Reworded.";
    context.sources["proposals/crm.yaml"] = SourceMap::from_text("\n\n\n"
                                                                 "id: crm-1\n",
                                                                 Syntax::yaml);
    const auto second = reviews_to_sarif({r}, context)["runs"][0]["results"];
    CHECK(first[0]["partialFingerprints"] == second[0]["partialFingerprints"]);
    CHECK(first[0]["partialFingerprints"] != first[1]["partialFingerprints"]);
    r.proposal_id = "crm-2";
    CHECK(reviews_to_sarif({r}, context)["runs"][0]["results"][0]["partialFingerprints"] !=
          first[0]["partialFingerprints"]);
}

TEST_CASE("SARIF: a failed plugin marks the run unsuccessful with a notification", "[reports]") {
    Review r = test::sample_review();
    r.complete = false;
    PluginRun failed;
    failed.id = "ai";
    failed.status = PluginStatus::failed;
    failed.error = "timed out";
    r.plugins.push_back(failed);
    const auto run = reviews_to_sarif({r}, {})["runs"][0];
    CHECK(run["invocations"][0]["executionSuccessful"] == false);
    CHECK(run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"] ==
          "Plugin ai failed on crm-1: timed out");
}

TEST_CASE("artifact URIs are relative below the working folder and encoded", "[reports]") {
    CHECK(artifact_uri("/work/repo/a b/p.yaml", "/work/repo") == "a%20b/p.yaml");
    CHECK(artifact_uri("sub/../p.yaml", "/work/repo") == "p.yaml");
    CHECK(artifact_uri("/elsewhere/p.yaml", "/work/repo") == "file:///elsewhere/p.yaml");
    CHECK(artifact_uri("c:d.yaml", "/work/repo") == "./c:d.yaml");
    CHECK(artifact_uri("caf\xC3\xA9.json", "") == "caf%C3%A9.json");
}
