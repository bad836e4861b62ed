// The big-data plugin, rule by rule: each rule fires on the facts that should
// trigger it, stays quiet (or asks) when a control is in place or a fact is
// missing, and moves its likelihood and impact with the facts.
#include "plugin_harness.hpp"
#include "proposal/document.hpp"
#include "proposal/proposal.hpp"
#include "review/merge.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace fulcrum;
using namespace fulcrum::test;

namespace {

// A proposal with one bigdata technology; `tech` is the inside of a YAML flow
// map, `rest` more top-level YAML.
std::string proposal(const std::string& tech, const std::string& rest = "") {
    return "id: t\ntitle: T\ntechnologies:\n  - {category: bigdata, " + tech + "}\n" + rest;
}

Contribution lake(const std::string& tech, const std::string& rest = "") {
    return evaluate_yaml("bigdata", proposal(tech, rest));
}

// By value: callers pass temporaries, and a reference into one would dangle.
Risk risk(const Contribution& c, const std::string& id) {
    const Risk* r = find_risk(c, id);
    INFO("expected risk " << id);
    REQUIRE(r != nullptr);
    return *r;
}

bool asks(const Contribution& c, const std::string& rule, const std::string& field) {
    return std::any_of(c.questions.begin(), c.questions.end(),
                       [&](const Question& q) { return q.rule == rule && q.field == field; });
}

bool cites(const Risk& r, const std::string& pointer) {
    return std::find(r.evidence.begin(), r.evidence.end(), pointer) != r.evidence.end();
}

const Mitigation* mitigation_for(const Risk& r, const std::string& control) {
    for (const auto& m : r.mitigations) {
        if (m.control == control) {
            return &m;
        }
    }
    return nullptr;
}

Review review_of(const std::string& yaml) {
    const Proposal p = validate_proposal(parse_document(yaml, Syntax::yaml, "t.yaml"), "t.yaml");
    PluginRun run;
    run.id = "bigdata";
    run.status = PluginStatus::ok;
    run.contribution = evaluate_yaml("bigdata", yaml);
    return merge(p, {run}, Policy{});
}

const Risk& reviewed(const Review& r, const std::string& id) {
    const auto it = std::find_if(r.risks.begin(), r.risks.end(), [&](const Risk& x) { return x.id == id; });
    INFO("expected reviewed risk " << id);
    REQUIRE(it != r.risks.end());
    return *it;
}

int score(const Risk& r) {
    return r.likelihood * r.impact;
}

// Facts most rules need, so each test varies one thing.
const char* const k_sources = "platform: Example Lake, sources: [crm, billing, web]";
const char* const k_personal = "data: {classification: confidential, personal_data: true, records: 200000}\n";

} // namespace

TEST_CASE("bigdata: the catalog has at least 15 risks and 6 benefits, each risk with CSF and SP 800-53 references",
          "[bigdata][plugin]") {
    const Manifest& m = plugin_manifest("bigdata");
    CHECK(m.id == "bigdata");
    CHECK(m.categories == std::vector<std::string>{"bigdata"});
    CHECK(m.thread_safe);
    CHECK(m.config_schema.contains("properties"));
    int risks = 0;
    std::set<std::string> dimensions;
    for (const auto& rule : m.rules) {
        const std::string id = rule.at("id");
        INFO(id);
        CHECK(id.rfind("bigdata.", 0) == 0);
        if (rule.at("kind") == "risk") {
            ++risks;
            CHECK(!rule.at("refs").value("csf", nlohmann::json::array()).empty());
            CHECK(!rule.at("refs").value("sp800_53", nlohmann::json::array()).empty());
        } else {
            dimensions.insert(rule.at("dimension").get<std::string>());
        }
    }
    CHECK(risks >= 15);
    CHECK(dimensions.size() == 7);
}

TEST_CASE("bigdata: privacy rules cite GDPR articles", "[bigdata][plugin]") {
    std::map<std::string, nlohmann::json> refs;
    for (const auto& rule : plugin_manifest("bigdata").rules) {
        refs[rule.at("id")] = rule.at("refs");
    }
    for (const char* id : {"bigdata.special-category-data", "bigdata.purpose-limitation", "bigdata.minimisation",
                           "bigdata.retention", "bigdata.re-identification", "bigdata.cross-border-transfer",
                           "bigdata.third-party-sharing", "bigdata.subject-rights", "bigdata.shadow-copies"}) {
        INFO(id);
        REQUIRE(refs[id].contains("gdpr"));
        CHECK(refs[id]["gdpr"][0].get<std::string>().rfind("Art. ", 0) == 0);
    }
    CHECK(refs["bigdata.special-category-data"]["gdpr"].dump().find("Art. 9") != std::string::npos);
    CHECK(refs["bigdata.minimisation"]["gdpr"].dump().find("Art. 5(1)(c)") != std::string::npos);
    CHECK(refs["bigdata.cross-border-transfer"]["gdpr"].dump().find("Art. 44") != std::string::npos);
}

TEST_CASE("bigdata: a proposal without a bigdata technology gets nothing", "[bigdata][plugin]") {
    const Contribution c = evaluate_yaml("bigdata", "id: t\ntitle: T\ntechnologies: [{category: cloud}]\n");
    CHECK(c.risks.empty());
    CHECK(c.benefits.empty());
    CHECK(c.questions.empty());
}

TEST_CASE("bigdata.special-category-data: health data raises it; scale and regulation raise impact; tagging lowers "
          "likelihood",
          "[bigdata][plugin]") {
    const std::string health = "data: {classification: restricted, personal_data: true, special_categories: "
                               "[health], records: ";
    const Risk small = risk(lake(k_sources, health + "5000}\n"), "bigdata.special-category-data");
    const Risk big = risk(lake(k_sources, health + "2000000}\norganization: {sector: healthcare}\n"),
                          "bigdata.special-category-data");
    CHECK(big.impact > small.impact);
    CHECK(cites(small, "/data/special_categories"));
    const Risk tagged =
        risk(lake(k_sources, health + "5000}\ncontrols: [{id: data_classification, status: in_place}]\n"),
             "bigdata.special-category-data");
    CHECK(tagged.likelihood < small.likelihood);
    const Risk mislabelled =
        risk(lake(k_sources, "data: {classification: internal, personal_data: true, special_categories: [health]}\n"),
             "bigdata.special-category-data");
    CHECK(mislabelled.likelihood > small.likelihood);

    const Contribution plain = lake(k_sources, k_personal);
    CHECK(find_risk(plain, "bigdata.special-category-data") == nullptr);
    const Contribution unknown = lake(k_sources);
    CHECK(asks(unknown, "bigdata.special-category-data", "/data/personal_data"));
    CHECK(asks(lake(k_sources, "data: {personal_data: true}\n"), "bigdata.special-category-data",
               "/data/classification"));
}

TEST_CASE("bigdata.purpose-limitation: pooled personal data needs an impact assessment", "[bigdata][plugin]") {
    const Risk r = risk(lake(k_sources, k_personal), "bigdata.purpose-limitation");
    CHECK(mitigation_for(r, "dpia") != nullptr);
    const Risk shared =
        risk(lake(std::string(k_sources) + ", shared_with: [partner]", k_personal), "bigdata.purpose-limitation");
    CHECK(shared.likelihood > r.likelihood);
    CHECK(find_risk(lake(k_sources, std::string(k_personal) + "controls: [{id: dpia, status: in_place}]\n"),
                    "bigdata.purpose-limitation") == nullptr);
    CHECK(find_risk(lake("sources: [crm]", k_personal), "bigdata.purpose-limitation") == nullptr);
}

TEST_CASE("bigdata.minimisation: more sources and volume raise likelihood; an allow-list in place removes it",
          "[bigdata][plugin]") {
    const Risk few = risk(lake("sources: [crm]", k_personal), "bigdata.minimisation");
    const Risk many = risk(lake("sources: [a, b, c, d, e], volume_tb: 300", k_personal), "bigdata.minimisation");
    CHECK(many.likelihood > few.likelihood);
    CHECK(
        find_risk(lake(k_sources, std::string(k_personal) + "controls: [{id: data_minimization, status: in_place}]\n"),
                  "bigdata.minimisation") == nullptr);
    CHECK(find_risk(lake(k_sources, "data: {personal_data: false}\n"), "bigdata.minimisation") == nullptr);
}

TEST_CASE("bigdata.retention: long retention without a policy is likely; a policy lowers it; unknown is asked",
          "[bigdata][plugin]") {
    const Risk forever = risk(lake("retention_days: 3650", k_personal), "bigdata.retention");
    CHECK(forever.likelihood == 4);
    CHECK(cites(forever, "/technologies/0/retention_days"));
    const Risk with_policy =
        risk(lake("retention_days: 3650",
                  std::string(k_personal) + "controls: [{id: retention_policy, status: in_place}]\n"),
             "bigdata.retention");
    CHECK(with_policy.likelihood < forever.likelihood);
    CHECK(find_risk(lake("retention_days: 365",
                         std::string(k_personal) + "controls: [{id: retention_policy, status: in_place}]\n"),
                    "bigdata.retention") == nullptr);
    CHECK(risk(lake("retention_days: 0", k_personal), "bigdata.retention").likelihood == 4);
    CHECK(asks(lake(k_sources, k_personal), "bigdata.retention", "/technologies/0/retention_days"));
}

TEST_CASE("bigdata.re-identification: released or shared de-identified data; linkage and release raise likelihood",
          "[bigdata][plugin]") {
    const std::string pseudonymised = std::string(k_personal) + "controls: [{id: anonymization, status: in_place}]\n";
    const Risk internal = risk(lake("sources: [crm]", pseudonymised), "bigdata.re-identification");
    const Risk released =
        risk(lake("sources: [a, b, c], anonymized_outputs: true", pseudonymised), "bigdata.re-identification");
    CHECK(released.likelihood > internal.likelihood);
    CHECK(cites(released, "/technologies/0/anonymized_outputs"));
    const Risk tested = risk(lake("sources: [a, b, c], anonymized_outputs: true",
                                  std::string(k_personal) + "controls: [{id: anonymization, status: in_place}, "
                                                            "{id: reidentification_testing, status: in_place}]\n"),
                             "bigdata.re-identification");
    CHECK(tested.likelihood < released.likelihood);
    CHECK(find_risk(lake(k_sources, k_personal), "bigdata.re-identification") == nullptr);
}

TEST_CASE("bigdata.cross-border-transfer: a declared transfer is the shared concern; safeguards lower it",
          "[bigdata][plugin]") {
    const std::string transfer = "data: {personal_data: true, residency: [eu], cross_border_transfer: true";
    const Risk r = risk(lake(k_sources, transfer + "}\ncompliance: [gdpr]\n"), "bigdata.cross-border-transfer");
    CHECK(r.concern == "cross-border-transfer");
    CHECK(cites(r, "/data/cross_border_transfer"));
    CHECK(r.rationale.find("EU") != std::string::npos);
    const Risk special = risk(lake(k_sources, transfer + ", special_categories: [health]}\ncompliance: [gdpr]\n"),
                              "bigdata.cross-border-transfer");
    CHECK(special.impact > r.impact);
    const Risk safeguarded = risk(lake(k_sources, transfer + "}\ncontrols: [{id: dpa_signed, status: in_place}]\n"),
                                  "bigdata.cross-border-transfer");
    CHECK(safeguarded.likelihood < r.likelihood);
    CHECK(find_risk(lake(k_sources, "data: {personal_data: true, cross_border_transfer: false}\n"),
                    "bigdata.cross-border-transfer") == nullptr);
    CHECK(asks(lake(k_sources, k_personal), "bigdata.cross-border-transfer", "/data/cross_border_transfer"));
}

TEST_CASE("bigdata.third-party-sharing: named recipients raise it under the shared concern; none stated is quiet",
          "[bigdata][plugin]") {
    const Risk one = risk(lake("shared_with: [research institute]", k_personal), "bigdata.third-party-sharing");
    CHECK(one.concern == "third-party-data-sharing");
    const Risk three = risk(lake("shared_with: [a, b, c]", k_personal), "bigdata.third-party-sharing");
    CHECK(three.likelihood > one.likelihood);
    CHECK(three.fair->frequency.likely > one.fair->frequency.likely);
    const Risk agreed = risk(
        lake("shared_with: [a, b, c]", std::string(k_personal) + "controls: [{id: dpa_signed, status: in_place}]\n"),
        "bigdata.third-party-sharing");
    CHECK(agreed.likelihood < three.likelihood);
    CHECK(find_risk(lake("shared_with: []", k_personal), "bigdata.third-party-sharing") == nullptr);
    CHECK(asks(lake(k_sources, k_personal), "bigdata.third-party-sharing", "/technologies/0/shared_with"));
}

TEST_CASE("bigdata.subject-rights: many people's records need a request process; lineage and a process remove it",
          "[bigdata][plugin]") {
    const std::string people = "data: {personal_data: true, records: ";
    const Risk r = risk(lake(k_sources, people + "3000000}\ncompliance: [gdpr]\n"), "bigdata.subject-rights");
    CHECK(r.impact <= 4);
    CHECK(find_risk(lake(k_sources, people + "5000}\n"), "bigdata.subject-rights") == nullptr);
    const Risk process = risk(lake(k_sources, people + "3000000}\ncompliance: [gdpr]\ncontrols: [{id: dsr_process, "
                                                       "status: in_place}]\n"),
                              "bigdata.subject-rights");
    CHECK(process.likelihood < r.likelihood);
    CHECK(find_risk(lake(k_sources, people + "3000000}\ncontrols: [{id: dsr_process, status: in_place}, {id: "
                                             "data_lineage, status: in_place}]\n"),
                    "bigdata.subject-rights") == nullptr);
}

TEST_CASE("bigdata.shadow-copies: unmasked production copies are likely; masking removes them; unknown is asked",
          "[bigdata][plugin]") {
    const Risk r = risk(lake("non_production_copies: true", k_personal), "bigdata.shadow-copies");
    CHECK(r.likelihood >= 4);
    CHECK(mitigation_for(r, "data_masking") != nullptr);
    CHECK(find_risk(lake("non_production_copies: true",
                         std::string(k_personal) + "controls: [{id: data_masking, status: in_place}]\n"),
                    "bigdata.shadow-copies") == nullptr);
    CHECK(find_risk(lake("non_production_copies: false", k_personal), "bigdata.shadow-copies") == nullptr);
    CHECK(asks(lake(k_sources, k_personal), "bigdata.shadow-copies", "/technologies/0/non_production_copies"));
}

TEST_CASE("bigdata.access-control: more users raise likelihood; fine-grained access lowers the residual",
          "[bigdata][plugin]") {
    const Risk few = risk(lake("users: 10", k_personal), "bigdata.access-control");
    const Risk many = risk(lake("users: 900", k_personal), "bigdata.access-control");
    CHECK(many.likelihood > few.likelihood);
    const std::string controlled =
        proposal("users: 900", std::string(k_personal) + "controls: [{id: fine_grained_access, status: in_place}, "
                                                         "{id: mfa, status: in_place}]\n");
    const Risk residual = reviewed(review_of(controlled), "bigdata.access-control");
    CHECK(residual.residual_likelihood * residual.residual_impact < score(many));
    CHECK(asks(lake(k_sources, k_personal), "bigdata.access-control", "/technologies/0/users"));
    CHECK(find_risk(lake("users: 900", "data: {classification: internal, personal_data: false}\n"),
                    "bigdata.access-control") == nullptr);
}

TEST_CASE("bigdata.access-reviews: unreviewed access grows with users; reviews in place remove it; small "
          "organisations pay less",
          "[bigdata][plugin]") {
    const Risk r = risk(lake("users: 300", k_personal), "bigdata.access-reviews");
    CHECK(r.likelihood == 4);
    const Risk small =
        risk(lake("users: 300", std::string(k_personal) + "organization: {size: small}\n"), "bigdata.access-reviews");
    const Risk large = risk(lake("users: 300", std::string(k_personal) + "organization: {size: enterprise}\n"),
                            "bigdata.access-reviews");
    CHECK(small.mitigations[0].cost.one_time < large.mitigations[0].cost.one_time);
    CHECK(small.mitigations[0].cost.annual < large.mitigations[0].cost.annual);
    CHECK(
        find_risk(lake("users: 300", std::string(k_personal) + "controls: [{id: access_reviews, status: in_place}]\n"),
                  "bigdata.access-reviews") == nullptr);
}

TEST_CASE("bigdata.privileged-insider: concentrated data with standing admin access; PAM and logging remove it",
          "[bigdata][plugin]") {
    const Risk r = risk(lake(k_sources, k_personal), "bigdata.privileged-insider");
    const Risk pam = risk(
        lake(k_sources, std::string(k_personal) + "controls: [{id: privileged_access_management, status: in_place}]\n"),
        "bigdata.privileged-insider");
    CHECK(pam.likelihood < r.likelihood);
    CHECK(find_risk(lake(k_sources, std::string(k_personal) +
                                        "controls: [{id: privileged_access_management, status: in_place}, "
                                        "{id: logging_monitoring, status: in_place}]\n"),
                    "bigdata.privileged-insider") == nullptr);
    CHECK(find_risk(lake(k_sources, "data: {classification: confidential, personal_data: true, records: 900}\n"),
                    "bigdata.privileged-insider") == nullptr);
}

TEST_CASE("bigdata.encryption: gaps at rest or in transit; restricted data also needs its own keys",
          "[bigdata][plugin]") {
    const Risk none = risk(lake(k_sources, k_personal), "bigdata.encryption");
    CHECK(none.likelihood == 3);
    const std::string both = "controls: [{id: encryption_at_rest, status: in_place}, {id: encryption_in_transit, "
                             "status: in_place}]\n";
    CHECK(find_risk(lake(k_sources, std::string(k_personal) + both), "bigdata.encryption") == nullptr);
    const Risk restricted =
        risk(lake(k_sources, "data: {classification: restricted, personal_data: true}\n" + both), "bigdata.encryption");
    CHECK(restricted.likelihood == 2);
    CHECK(restricted.rationale.find("keys") != std::string::npos);
}

TEST_CASE("bigdata.pipeline-secrets: every source is a credential; a secrets manager removes it", "[bigdata][plugin]") {
    const Risk one = risk(lake("sources: [crm]", k_personal), "bigdata.pipeline-secrets");
    const Risk many = risk(lake("sources: [a, b, c, d, e, f, g, h]", k_personal), "bigdata.pipeline-secrets");
    CHECK(many.likelihood > one.likelihood);
    CHECK(
        find_risk(lake(k_sources, std::string(k_personal) + "controls: [{id: secrets_management, status: in_place}]\n"),
                  "bigdata.pipeline-secrets") == nullptr);
}

TEST_CASE("bigdata.breach-blast-radius: impact and loss grow with the record count; unknown count is asked",
          "[bigdata][plugin]") {
    const auto with_records = [](const char* n) {
        return lake(k_sources,
                    std::string("data: {classification: confidential, personal_data: true, records: ") + n + "}\n");
    };
    const Risk ten_thousand = risk(with_records("10000"), "bigdata.breach-blast-radius");
    const Risk ten_million = risk(with_records("10000000"), "bigdata.breach-blast-radius");
    CHECK(ten_thousand.impact == 2);
    CHECK(ten_million.impact == 5);
    REQUIRE(ten_million.fair);
    REQUIRE(ten_thousand.fair);
    CHECK(ten_million.fair->magnitude.likely > 10 * ten_thousand.fair->magnitude.likely);
    CHECK(cites(ten_million, "/data/records"));
    CHECK(asks(lake(k_sources, "data: {personal_data: true}\n"), "bigdata.breach-blast-radius", "/data/records"));
    const Risk segmented =
        risk(lake(k_sources, "data: {personal_data: true, records: 10000000}\ncontrols: [{id: network_segmentation, "
                             "status: in_place}]\n"),
             "bigdata.breach-blast-radius");
    CHECK(segmented.likelihood < ten_million.likelihood);
}

TEST_CASE("bigdata.query-monitoring: sensitive data without query logging; logging removes it", "[bigdata][plugin]") {
    const Risk r = risk(lake(k_sources, k_personal), "bigdata.query-monitoring");
    CHECK(mitigation_for(r, "logging_monitoring") != nullptr);
    CHECK(
        find_risk(lake(k_sources, std::string(k_personal) + "controls: [{id: logging_monitoring, status: in_place}]\n"),
                  "bigdata.query-monitoring") == nullptr);
    CHECK(find_risk(lake(k_sources, "data: {classification: internal, personal_data: false}\n"),
                    "bigdata.query-monitoring") == nullptr);
}

TEST_CASE("bigdata.security-ownership: a small organisation without a CISO gets a virtual CISO, not a checklist",
          "[bigdata][plugin]") {
    const Risk r =
        risk(lake(k_sources, "organization: {size: small, has_ciso: false}\n"), "bigdata.security-ownership");
    CHECK(r.concern == "security-ownership");
    CHECK(r.mitigations.at(0).id == "virtual-ciso");
    const Risk regulated = risk(lake(k_sources, "organization: {size: small, sector: healthcare, has_ciso: false}\n"),
                                "bigdata.security-ownership");
    CHECK(regulated.impact > r.impact);
    CHECK(find_risk(lake(k_sources, "organization: {size: small, has_ciso: true}\n"), "bigdata.security-ownership") ==
          nullptr);
    CHECK(asks(lake(k_sources), "bigdata.security-ownership", "/organization/has_ciso"));
}

TEST_CASE("bigdata.lineage: several sources without lineage; lineage in place removes it; sources unknown are asked",
          "[bigdata][plugin]") {
    const Risk three = risk(lake("sources: [a, b, c]", k_personal), "bigdata.lineage");
    const Risk eight = risk(lake("sources: [a, b, c, d, e, f, g, h]", k_personal), "bigdata.lineage");
    CHECK(eight.likelihood > three.likelihood);
    const Risk decisions =
        risk(lake("sources: [a, b, c], consumers: [regulatory_reporting]", k_personal), "bigdata.lineage");
    CHECK(decisions.impact > three.impact);
    CHECK(find_risk(lake("sources: [a, b, c]", std::string(k_personal) + "controls: [{id: data_lineage, status: "
                                                                         "in_place}]\n"),
                    "bigdata.lineage") == nullptr);
    CHECK(find_risk(lake("sources: [crm]", k_personal), "bigdata.lineage") == nullptr);
    CHECK(asks(lake("platform: X", k_personal), "bigdata.lineage", "/technologies/0/sources"));
}

TEST_CASE("bigdata.data-quality: decisions on the data raise impact; validation in place removes it",
          "[bigdata][plugin]") {
    const Risk dashboards = risk(lake(std::string(k_sources) + ", consumers: [dashboards]"), "bigdata.data-quality");
    const Risk reporting =
        risk(lake(std::string(k_sources) + ", consumers: [regulatory_reporting]"), "bigdata.data-quality");
    CHECK(reporting.impact > dashboards.impact);
    CHECK(reporting.rationale.find("regulatory reporting") != std::string::npos);
    CHECK(find_risk(lake(std::string(k_sources) + ", consumers: [dashboards]",
                         "controls: [{id: data_quality_checks, status: in_place}]\n"),
                    "bigdata.data-quality") == nullptr);
    CHECK(asks(lake(k_sources), "bigdata.data-quality", "/technologies/0/consumers"));
}

TEST_CASE("bigdata.pipeline-integrity: uncontrolled pipeline changes; change control removes it", "[bigdata][plugin]") {
    const Risk r = risk(lake(std::string(k_sources) + ", consumers: [dashboards]"), "bigdata.pipeline-integrity");
    const Risk billing = risk(lake(std::string(k_sources) + ", consumers: [billing]"), "bigdata.pipeline-integrity");
    CHECK(billing.impact > r.impact);
    CHECK(find_risk(lake(k_sources, "controls: [{id: change_management, status: in_place}]\n"),
                    "bigdata.pipeline-integrity") == nullptr);
}

TEST_CASE("bigdata.lake-backup: a lake that cannot be rebuilt is worse; backups in place remove it; costs follow "
          "volume",
          "[bigdata][plugin]") {
    const std::string high = "resilience: {criticality: high}\n";
    const Risk rebuildable = risk(lake("rebuildable_from_sources: true, volume_tb: 10", high), "bigdata.lake-backup");
    const Risk lost = risk(lake("rebuildable_from_sources: false, volume_tb: 10", high), "bigdata.lake-backup");
    CHECK(lost.impact > rebuildable.impact);
    const Risk huge = risk(lake("rebuildable_from_sources: false, volume_tb: 1000", high), "bigdata.lake-backup");
    CHECK(mitigation_for(huge, "backup")->cost.annual > mitigation_for(lost, "backup")->cost.annual);
    CHECK(find_risk(lake("volume_tb: 10", high + "controls: [{id: backup, status: in_place}]\n"),
                    "bigdata.lake-backup") == nullptr);
    CHECK(asks(lake(k_sources), "bigdata.lake-backup", "/technologies/0/rebuildable_from_sources"));
}

TEST_CASE("bigdata.vendor-lock-in: proprietary formats without an exit plan; open formats or an exit plan remove it",
          "[bigdata][plugin]") {
    const Risk r = risk(lake("platform: Acme Lake, open_formats: false, volume_tb: 800"), "bigdata.vendor-lock-in");
    CHECK(r.concern == "vendor-lock-in");
    CHECK(r.rationale.find("Acme Lake") != std::string::npos);
    const Risk small = risk(lake("platform: Acme Lake, open_formats: false, volume_tb: 5"), "bigdata.vendor-lock-in");
    CHECK(r.likelihood > small.likelihood);
    CHECK(find_risk(lake("platform: Acme Lake, open_formats: true"), "bigdata.vendor-lock-in") == nullptr);
    CHECK(find_risk(lake("platform: Acme Lake, open_formats: false", "vendor: {exit_plan: true}\n"),
                    "bigdata.vendor-lock-in") == nullptr);
    CHECK(asks(lake("sources: [a]"), "bigdata.vendor-lock-in", "/technologies/0/platform"));
    CHECK(asks(lake("platform: Acme Lake"), "bigdata.vendor-lock-in", "/technologies/0/open_formats"));
}

TEST_CASE("bigdata: regulated sectors tighten impact and larger organisations pay more for the same control",
          "[bigdata][plugin]") {
    const Risk retail = risk(lake(k_sources, std::string(k_personal) + "organization: {sector: retail, size: small}\n"),
                             "bigdata.query-monitoring");
    const Risk bank =
        risk(lake(k_sources, std::string(k_personal) + "organization: {sector: banking, size: enterprise}\n"),
             "bigdata.query-monitoring");
    CHECK(bank.impact > retail.impact);
    CHECK(bank.mitigations[0].cost.one_time > retail.mitigations[0].cost.one_time);
}

TEST_CASE("bigdata: benefits score quantified claims higher than words, and words raise a question",
          "[bigdata][plugin]") {
    const std::string quantified = "business_case:\n  benefits:\n    - {dimension: efficiency, description: Faster "
                                   "reports, metric: analyst hours, annual_value: {low: 100000, likely: 200000, high: "
                                   "300000}}\ncosts: {opex_annual: 100000}\n";
    const std::string words = "business_case:\n  benefits:\n    - {dimension: efficiency, description: Faster "
                              "reports}\ncosts: {opex_annual: 100000}\n";
    const Contribution strong = lake(k_sources, quantified);
    const Contribution weak = lake(k_sources, words);
    CHECK(strong.benefits.size() >= 6);
    const Benefit* s = find_benefit(strong, "bigdata.analyst-productivity");
    const Benefit* w = find_benefit(weak, "bigdata.analyst-productivity");
    REQUIRE(s != nullptr);
    REQUIRE(w != nullptr);
    CHECK(s->score > w->score);
    REQUIRE(s->annual_value);
    CHECK(s->annual_value->likely == 200000);
    CHECK(!w->annual_value);
    CHECK(w->rationale.find("Faster reports") != std::string::npos);
    CHECK(asks(weak, "bigdata.analyst-productivity", "/business_case/benefits/0/annual_value"));
    CHECK(!asks(strong, "bigdata.analyst-productivity", "/business_case/benefits/0/annual_value"));
    CHECK(asks(lake(k_sources), "bigdata.analyst-productivity", "/business_case/benefits"));
    const Contribution small_lake = lake("volume_tb: 0.2");
    const Contribution big_lake = lake("volume_tb: 500");
    const Benefit* tiny = find_benefit(small_lake, "bigdata.scalable-platform");
    const Benefit* huge = find_benefit(big_lake, "bigdata.scalable-platform");
    REQUIRE(tiny != nullptr);
    REQUIRE(huge != nullptr);
    CHECK(huge->score > tiny->score);
}

TEST_CASE("bigdata: the example proposals get their key findings, each with evidence that resolves",
          "[bigdata][plugin][examples]") {
    struct Example {
        const char* file;
        std::vector<const char*> risks;
    };
    const Example examples[] = {
        {"bigdata-hospital-patient-lake",
         {"bigdata.special-category-data", "bigdata.re-identification", "bigdata.shadow-copies",
          "bigdata.breach-blast-radius", "bigdata.lineage"}},
        {"bigdata-bank-fraud-analytics",
         {"bigdata.cross-border-transfer", "bigdata.third-party-sharing", "bigdata.breach-blast-radius"}},
        {"bigdata-factory-sensor-lake",
         {"bigdata.security-ownership", "bigdata.lake-backup", "bigdata.query-monitoring"}},
        {"bigdata-startup-customer-lake", {"bigdata.security-ownership", "bigdata.minimisation"}},
        {"bigdata-retail-demand-forecasting", {}},
    };
    for (const auto& example : examples) {
        INFO(example.file);
        const std::string text = read_text(source_path(std::string("examples/proposals/") + example.file + ".yaml"));
        const nlohmann::json doc = parse_document(text, Syntax::yaml, example.file);
        const Contribution c = evaluate_yaml("bigdata", text);
        for (const char* id : example.risks) {
            CHECK(find_risk(c, id) != nullptr);
        }
        for (const auto& r : c.risks) {
            INFO(r.id);
            CHECK(!r.rationale.empty());
            CHECK(r.fair);
            for (const auto& pointer : r.evidence) {
                INFO(pointer);
                CHECK(doc.contains(nlohmann::json::json_pointer(pointer)));
            }
        }
    }
    CHECK(review_of(read_text(source_path("examples/proposals/bigdata-retail-demand-forecasting.yaml"))).decision ==
          Decision::approve);
    CHECK(review_of(read_text(source_path("examples/proposals/bigdata-startup-customer-lake.yaml"))).decision ==
          Decision::defer);
}
