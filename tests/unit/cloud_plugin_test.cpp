// The cloud plugin, rule by rule: each rule fires on the facts that should
// trigger it, stays quiet (or asks) when a control answers it or its premise
// is absent, and moves its likelihood, impact, costs and FAIR inputs with the
// proposal's facts.
#include "plugin_harness.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace fulcrum;
using namespace fulcrum::test;

namespace {

// A proposal with one cloud technology; `tech` is the inside of a YAML flow map.
std::string proposal(const std::string& tech, const std::string& rest = "") {
    return "id: t\ntitle: T\ntechnologies:\n  - {category: cloud, " + tech + "}\n" + rest;
}

Contribution cloud(const std::string& tech, const std::string& rest = "") {
    return evaluate_yaml("cloud", proposal(tech, rest));
}

const std::string k_saas = "service_model: saas, deployment: public";
const std::string k_iaas = "service_model: iaas, deployment: public";
const std::string k_personal = "data: {classification: confidential, personal_data: true, records: 50000}\n";

// By value: callers often pass a temporary contribution.
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

const Mitigation* mitigation(const Risk& r, const std::string& id) {
    for (const auto& m : r.mitigations) {
        if (m.id == id) {
            return &m;
        }
    }
    return nullptr;
}

} // namespace

TEST_CASE("cloud: the catalog lists at least 15 risks and 6 benefits, each risk with CSF and SP 800-53 references",
          "[plugin][cloud]") {
    const Manifest& m = plugin_manifest("cloud");
    int risks = 0, benefits = 0;
    std::set<std::string> ids;
    for (const auto& rule : m.rules) {
        const std::string id = rule.at("id").get<std::string>();
        INFO(id);
        CHECK(id.rfind("cloud.", 0) == 0);
        CHECK(ids.insert(id).second);
        CHECK_FALSE(rule.at("summary").get<std::string>().empty());
        if (rule.at("kind") == "risk") {
            ++risks;
            CHECK(rule.at("refs").contains("csf"));
            CHECK(rule.at("refs").contains("sp800_53"));
        } else {
            ++benefits;
            CHECK(rule.contains("dimension"));
        }
    }
    CHECK(risks >= 15);
    CHECK(benefits >= 6);
    for (const char* privacy : {"cloud.data-residency", "cloud.processor-terms", "cloud.incident-response"}) {
        const auto it = std::find_if(m.rules.begin(), m.rules.end(), [&](const auto& r) { return r["id"] == privacy; });
        REQUIRE(it != m.rules.end());
        CHECK((*it)["refs"].contains("gdpr"));
    }
}

TEST_CASE("cloud: every risk rule of the catalog fires on some proposal", "[plugin][cloud]") {
    const std::string worst = "organization: {size: large, has_ciso: false, sector: retail}\n"
                              "data: {classification: restricted, personal_data: true, records: 3000000,\n"
                              "       residency: [eu], cross_border_transfer: true}\n"
                              "controls: [{id: dpa_signed, status: none}]\n"
                              "vendor: {certifications: [], exit_plan: false}\n"
                              "compliance: [gdpr, pci_dss]\n"
                              "resilience: {criticality: mission_critical, rto_hours: 2, rpo_hours: 0.5}\n";
    const Contribution saas = cloud(k_saas + ", regions: [us-east-1]", worst);
    const Contribution iaas = cloud(k_iaas + ", regions: [eu-west-1]", worst);
    std::set<std::string> fired;
    for (const auto* c : {&saas, &iaas}) {
        for (const auto& r : c->risks) {
            fired.insert(r.id);
        }
    }
    for (const auto& rule : plugin_manifest("cloud").rules) {
        if (rule["kind"] == "risk") {
            INFO(rule["id"].get<std::string>());
            CHECK(fired.count(rule["id"].get<std::string>()) == 1);
        }
    }
}

TEST_CASE("cloud: no cloud technology, no findings", "[plugin][cloud]") {
    const Contribution c = evaluate_yaml("cloud", "id: t\ntitle: T\ntechnologies: [{category: ai}]\n");
    CHECK(c.risks.empty());
    CHECK(c.benefits.empty());
    CHECK(c.questions.empty());
}

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

TEST_CASE("cloud.identity-mfa: silent with MFA in place, a question when controls are unknown", "[plugin][cloud]") {
    CHECK(find_risk(cloud(k_saas, k_personal + "controls: [{id: mfa, status: in_place}]"), "cloud.identity-mfa") ==
          nullptr);
    const Contribution planned = cloud(k_saas, k_personal + "controls: [{id: mfa, status: planned}]");
    CHECK(risk(planned, "cloud.identity-mfa").rationale.find("planned") != std::string::npos);
    const Contribution unknown = cloud(k_saas, k_personal);
    CHECK(asks(unknown, "cloud.identity-mfa", "/controls"));
    CHECK(risk(unknown, "cloud.identity-mfa").likelihood == 4);
    CHECK(risk(cloud("service_model: saas, deployment: private", k_personal), "cloud.identity-mfa").likelihood == 3);
}

TEST_CASE("cloud.privileged-access: IaaS owners are likelier targets; small firms get a light control",
          "[plugin][cloud]") {
    CHECK(risk(cloud(k_iaas, k_personal), "cloud.privileged-access").likelihood == 4);
    CHECK(risk(cloud(k_saas, k_personal), "cloud.privileged-access").likelihood == 3);
    CHECK(find_risk(cloud(k_iaas, k_personal + "controls: [{id: privileged_access_management, status: in_place}]"),
                    "cloud.privileged-access") == nullptr);
    const Risk& small = risk(cloud(k_iaas, k_personal + "organization: {size: small}"), "cloud.privileged-access");
    const Risk& large = risk(cloud(k_iaas, k_personal + "organization: {size: large}"), "cloud.privileged-access");
    REQUIRE(mitigation(small, "limit-admins") != nullptr);
    REQUIRE(mitigation(large, "privileged-access") != nullptr);
    CHECK(mitigation(small, "limit-admins")->cost.annual < mitigation(large, "privileged-access")->cost.annual);
}

TEST_CASE("cloud.unmanaged-accounts: grows with the organisation, answered by SSO", "[plugin][cloud]") {
    const Risk& enterprise =
        risk(cloud(k_saas, k_personal + "organization: {size: enterprise}"), "cloud.unmanaged-accounts");
    CHECK(enterprise.likelihood == 4);
    CHECK(mitigation(enterprise, "saas-discovery") != nullptr);
    CHECK(risk(cloud(k_saas, k_personal + "organization: {size: small}"), "cloud.unmanaged-accounts").likelihood == 2);
    CHECK(find_risk(cloud(k_saas, k_personal + "controls: [{id: sso, status: in_place}]"),
                    "cloud.unmanaged-accounts") == nullptr);
}

TEST_CASE("cloud.key-management: sensitive data only; encryption and own keys silence it", "[plugin][cloud]") {
    const Risk& r = risk(cloud(k_saas, k_personal), "cloud.key-management");
    CHECK(r.impact == 4);
    CHECK(r.rationale.find("Nothing in the proposal shows that the data, 50,000 records of confidential personal "
                           "data, is encrypted at rest") == 0);
    CHECK(find_risk(cloud(k_saas, "data: {classification: internal, personal_data: false}"), "cloud.key-management") ==
          nullptr);
    CHECK(find_risk(cloud(k_saas, k_personal + "controls: [{id: encryption_at_rest, status: in_place},"
                                               " {id: customer_managed_keys, status: in_place}]"),
                    "cloud.key-management") == nullptr);
    const Contribution unknown = cloud(k_saas);
    CHECK(asks(unknown, "cloud.key-management", "/data/classification"));
    CHECK(asks(unknown, "cloud.key-management", "/data/personal_data"));
}

TEST_CASE("cloud.data-residency: regions outside the residency, lowered by a DPA", "[plugin][cloud]") {
    const std::string data = "data: {personal_data: true, residency: [eu]}\n";
    const Risk& mixed = risk(cloud(k_saas + ", regions: [eu-west-1, us-east-1]", data), "cloud.data-residency");
    CHECK(mixed.concern == "cross-border-transfer");
    CHECK(mixed.likelihood == 3);
    CHECK(cites(mixed, "/technologies/0/regions"));
    CHECK(mixed.rationale.find("The provider region us-east-1 lies outside") != std::string::npos);
    CHECK(mitigation(mixed, "pin-regions") != nullptr);
    const Risk& abroad = risk(cloud(k_saas + ", regions: [us-east-1]", data), "cloud.data-residency");
    CHECK(mitigation(abroad, "move-regions") != nullptr);
    const Risk& with_dpa =
        risk(cloud(k_saas + ", regions: [us-east-1]", data + "vendor: {dpa: true}"), "cloud.data-residency");
    CHECK(with_dpa.likelihood == 2);
    CHECK(find_risk(cloud(k_saas + ", regions: [eu-west-1]", data), "cloud.data-residency") == nullptr);
    CHECK(find_risk(cloud(k_saas + ", regions: [us-east-1]", "data: {personal_data: false, residency: [eu]}"),
                    "cloud.data-residency") == nullptr);
    CHECK(asks(cloud(k_saas, "data: {personal_data: true}"), "cloud.data-residency", "/data/residency"));
    const Risk& special = risk(cloud(k_saas + ", regions: [us-east-1]",
                                     "data: {personal_data: true, residency: [eu], special_categories: "
                                     "[health]}"),
                               "cloud.data-residency");
    CHECK(special.impact == 5);
}

TEST_CASE("cloud.processor-terms: personal data without a DPA is shared with a third party", "[plugin][cloud]") {
    const Risk& r = risk(cloud(k_saas, k_personal + "vendor: {dpa: false}"), "cloud.processor-terms");
    CHECK(r.concern == "third-party-data-sharing");
    CHECK(cites(r, "/vendor/dpa"));
    CHECK(find_risk(cloud(k_saas, k_personal + "controls: [{id: dpa_signed, status: in_place}]"),
                    "cloud.processor-terms") == nullptr);
    const Contribution unknown = cloud(k_saas, k_personal);
    CHECK(find_risk(unknown, "cloud.processor-terms") == nullptr);
    CHECK(asks(unknown, "cloud.processor-terms", "/vendor/dpa"));
    const Risk& gdpr =
        risk(cloud(k_saas, k_personal + "vendor: {dpa: false}\ncompliance: [gdpr]"), "cloud.processor-terms");
    CHECK(gdpr.impact == r.impact + 1);
}

TEST_CASE("cloud.saas-data-backup: SaaS data without the organisation's own backup", "[plugin][cloud]") {
    const Risk& r = risk(cloud(k_saas, "resilience: {criticality: high}"), "cloud.saas-data-backup");
    CHECK(r.impact == 4);
    CHECK(find_risk(cloud(k_saas, "controls: [{id: backup, status: in_place}]"), "cloud.saas-data-backup") == nullptr);
    CHECK(find_risk(cloud(k_iaas), "cloud.saas-data-backup") == nullptr);
}

TEST_CASE("cloud.vendor-lock-in: SaaS without an exit plan; multi-cloud and an exit plan lower it", "[plugin][cloud]") {
    const Risk& saas = risk(cloud(k_saas, "vendor: {exit_plan: false}"), "cloud.vendor-lock-in");
    CHECK(saas.concern == "vendor-lock-in");
    CHECK(saas.likelihood == 4);
    CHECK(risk(cloud("service_model: saas, deployment: multi", "vendor: {exit_plan: false}"), "cloud.vendor-lock-in")
              .likelihood == 3);
    CHECK(find_risk(cloud(k_saas, "vendor: {exit_plan: true}"), "cloud.vendor-lock-in") == nullptr);
    CHECK(asks(cloud(k_saas), "cloud.vendor-lock-in", "/vendor/exit_plan"));
    const Contribution no_model = cloud("deployment: public");
    CHECK(find_risk(no_model, "cloud.vendor-lock-in") == nullptr);
    CHECK(asks(no_model, "cloud.shared-responsibility", "/technologies/0/service_model"));
}

TEST_CASE("cloud.vendor-lock-in: DORA makes a critical provider's exit a supervisory matter", "[plugin][cloud]") {
    const std::string rest = "vendor: {exit_plan: false}\nresilience: {criticality: high}\n";
    const Risk& plain = risk(cloud(k_iaas, rest), "cloud.vendor-lock-in");
    const Risk& dora = risk(cloud(k_iaas, rest + "compliance: [dora]"), "cloud.vendor-lock-in");
    CHECK(dora.impact == plain.impact + 1);
    CHECK(dora.rationale.find("DORA") != std::string::npos);
    CHECK(cites(dora, "/compliance"));
    CHECK(risk(cloud(k_iaas, "vendor: {exit_plan: false}\nresilience: {criticality: medium}\ncompliance: [dora]"),
               "cloud.vendor-lock-in")
              .impact == 3);
}

TEST_CASE("cloud.vendor-lock-in: the FAIR loss follows the proposal's run cost", "[plugin][cloud]") {
    const Risk& cheap =
        risk(cloud(k_saas, "vendor: {exit_plan: false}\ncosts: {opex_annual: 100000}"), "cloud.vendor-lock-in");
    const Risk& dear =
        risk(cloud(k_saas, "vendor: {exit_plan: false}\ncosts: {opex_annual: 1000000}"), "cloud.vendor-lock-in");
    REQUIRE(cheap.fair);
    REQUIRE(dear.fair);
    CHECK(dear.fair->magnitude.likely == Approx(cheap.fair->magnitude.likely * 10));
}

TEST_CASE("cloud.supply-chain: attestations lower it, an assessment silences it", "[plugin][cloud]") {
    const Risk& none = risk(cloud(k_saas, "vendor: {certifications: []}"), "cloud.supply-chain");
    CHECK(none.likelihood == 4);
    CHECK(mitigation(none, "require-attestation") != nullptr);
    const Risk& certified =
        risk(cloud(k_saas, "vendor: {certifications: [ISO 27001, SOC 2 Type II]}"), "cloud.supply-chain");
    CHECK(certified.likelihood == 2);
    CHECK(mitigation(certified, "require-attestation") == nullptr);
    const Contribution unknown = cloud(k_saas);
    CHECK(risk(unknown, "cloud.supply-chain").likelihood == 3);
    CHECK(asks(unknown, "cloud.supply-chain", "/vendor/certifications"));
    CHECK(find_risk(cloud(k_saas, "controls: [{id: vendor_assessment, status: in_place}]"), "cloud.supply-chain") ==
          nullptr);
}

TEST_CASE("cloud.multi-tenancy: highly sensitive data on shared infrastructure", "[plugin][cloud]") {
    const std::string restricted = "data: {classification: restricted}\n";
    CHECK(risk(cloud(k_saas, restricted), "cloud.multi-tenancy").likelihood == 2);
    CHECK(risk(cloud(k_iaas, restricted), "cloud.multi-tenancy").likelihood == 1);
    CHECK(find_risk(cloud("service_model: saas, deployment: private", restricted), "cloud.multi-tenancy") == nullptr);
    CHECK(find_risk(cloud(k_saas, "data: {classification: internal}"), "cloud.multi-tenancy") == nullptr);
    CHECK(find_risk(cloud(k_saas, restricted + "controls: [{id: dedicated_tenancy, status: in_place}]"),
                    "cloud.multi-tenancy") == nullptr);
    CHECK(asks(cloud("service_model: iaas", restricted), "cloud.multi-tenancy", "/technologies/0/deployment"));
}

TEST_CASE("cloud.regulated-attestation: a regime without the provider's matching evidence", "[plugin][cloud]") {
    const Risk& r = risk(cloud(k_saas, "compliance: [pci_dss]\nvendor: {certifications: [ISO 27001]}"),
                         "cloud.regulated-attestation");
    CHECK(r.rationale.find("PCI DSS") != std::string::npos);
    CHECK(cites(r, "/compliance"));
    CHECK(find_risk(cloud(k_saas, "compliance: [pci_dss]\nvendor: {certifications: [PCI DSS Level 1]}"),
                    "cloud.regulated-attestation") == nullptr);
    CHECK(find_risk(cloud(k_saas, "compliance: [gdpr]\nvendor: {certifications: []}"), "cloud.regulated-attestation") ==
          nullptr);
}

TEST_CASE("cloud.logging-monitoring: proportionate for small firms, tighter when regulated", "[plugin][cloud]") {
    const Risk& small = risk(cloud(k_saas, k_personal + "organization: {size: small}"), "cloud.logging-monitoring");
    CHECK(mitigation(small, "provider-audit-log") != nullptr);
    CHECK(small.likelihood == 2);
    const Risk& plain = risk(cloud(k_saas, k_personal + "organization: {sector: retail}"), "cloud.logging-monitoring");
    const Risk& bank = risk(cloud(k_saas, k_personal + "organization: {sector: banking}"), "cloud.logging-monitoring");
    CHECK(bank.impact == plain.impact + 1);
    CHECK(find_risk(cloud(k_saas, k_personal + "controls: [{id: logging_monitoring, status: in_place}]"),
                    "cloud.logging-monitoring") == nullptr);
}

TEST_CASE("cloud.misconfiguration: IaaS more than SaaS; posture management silences it", "[plugin][cloud]") {
    const Risk& iaas = risk(cloud(k_iaas, k_personal), "cloud.misconfiguration");
    CHECK(iaas.likelihood == 4);
    CHECK(mitigation(iaas, "block-public-storage") != nullptr);
    const Risk& saas = risk(cloud(k_saas, k_personal), "cloud.misconfiguration");
    CHECK(saas.likelihood == 3);
    CHECK(mitigation(saas, "harden-tenant") != nullptr);
    CHECK(risk(cloud("service_model: iaas, deployment: private", k_personal), "cloud.misconfiguration").likelihood ==
          3);
    CHECK(find_risk(cloud(k_iaas, k_personal + "controls: [{id: posture_management, status: in_place}]"),
                    "cloud.misconfiguration") == nullptr);
}

TEST_CASE("cloud.network-exposure: IaaS and PaaS only, answered by segmentation", "[plugin][cloud]") {
    CHECK(risk(cloud(k_iaas), "cloud.network-exposure").likelihood == 4);
    CHECK(risk(cloud("service_model: paas, deployment: public"), "cloud.network-exposure").likelihood == 3);
    CHECK(find_risk(cloud(k_saas), "cloud.network-exposure") == nullptr);
    CHECK(find_risk(cloud(k_iaas, "controls: [{id: network_segmentation, status: in_place}]"),
                    "cloud.network-exposure") == nullptr);
}

TEST_CASE("cloud.incident-response: the GDPR clock raises the stakes", "[plugin][cloud]") {
    const Risk& plain =
        risk(cloud(k_saas, "data: {classification: internal, personal_data: false}"), "cloud.incident-response");
    const Risk& gdpr = risk(cloud(k_saas, "data: {classification: internal, personal_data: true}\ncompliance: [gdpr]"),
                            "cloud.incident-response");
    CHECK(gdpr.impact >= 4);
    CHECK(gdpr.impact > plain.impact);
    CHECK(gdpr.rationale.find("72-hour") != std::string::npos);
    CHECK(plain.rationale.find("72-hour") == std::string::npos);
    CHECK(find_risk(cloud(k_saas, "controls: [{id: incident_response_plan, status: in_place}]"),
                    "cloud.incident-response") == nullptr);
}

TEST_CASE("cloud.availability-dr: recovery objectives against backups, plans and regions", "[plugin][cloud]") {
    const Contribution unknown = cloud(k_iaas);
    CHECK(find_risk(unknown, "cloud.availability-dr") == nullptr);
    CHECK(asks(unknown, "cloud.availability-dr", "/resilience/criticality"));
    CHECK(find_risk(cloud(k_iaas, "resilience: {criticality: low}"), "cloud.availability-dr") == nullptr);

    const Risk& high =
        risk(cloud(k_iaas + ", regions: [eu-west-1]", "resilience: {criticality: high, rto_hours: 8, rpo_hours: 4}"),
             "cloud.availability-dr");
    CHECK(high.impact == 4);
    CHECK(high.likelihood == 3);
    CHECK(high.rationale.find("A high-criticality IaaS service with a recovery time objective (RTO) of 8 hours") == 0);
    CHECK(high.rationale.find("has no backups the organisation controls and no tested disaster-recovery plan.") !=
          std::string::npos);
    CHECK(mitigation(high, "second-region") == nullptr);

    const Risk& tight = risk(cloud(k_iaas + ", regions: [eu-west-1]",
                                   "resilience: {criticality: mission_critical, rto_hours: 2, rpo_hours: 0.5}"),
                             "cloud.availability-dr");
    CHECK(tight.likelihood == 5);
    CHECK(mitigation(tight, "second-region") != nullptr);
    CHECK(tight.rationale.find("only one region, which cannot recover within 2 hours") != std::string::npos);
    CHECK(tight.rationale.find("no more than 30 minutes of data may be lost") != std::string::npos);

    const std::string covered = "controls: [{id: backup, status: in_place}, {id: dr_plan, status: in_place}]\n";
    CHECK(find_risk(cloud(k_iaas + ", regions: [eu-west-1, eu-central-1]",
                          covered + "resilience: {criticality: mission_critical, rto_hours: 2, rpo_hours: 0.5}"),
                    "cloud.availability-dr") == nullptr);
    CHECK(asks(cloud(k_iaas, "resilience: {criticality: high}"), "cloud.availability-dr", "/resilience/rto_hours"));
}

TEST_CASE("cloud.availability-dr: the FAIR loss follows revenue and criticality", "[plugin][cloud]") {
    auto magnitude = [](const std::string& rest) {
        const Risk& r = risk(cloud(k_iaas, rest), "cloud.availability-dr");
        REQUIRE(r.fair);
        return r.fair->magnitude.likely;
    };
    const double small = magnitude("organization: {annual_revenue: 10000000}\nresilience: {criticality: high}");
    const double large = magnitude("organization: {annual_revenue: 1000000000}\nresilience: {criticality: high}");
    CHECK(large == Approx(small * 100));
    CHECK(magnitude("organization: {annual_revenue: 10000000}\nresilience: {criticality: mission_critical}") > small);
}

TEST_CASE("cloud.security-ownership: a virtual CISO for a small firm without one", "[plugin][cloud]") {
    const Risk& r = risk(cloud(k_saas, "organization: {size: small, has_ciso: false}"), "cloud.security-ownership");
    CHECK(r.concern == "security-ownership");
    CHECK(mitigation(r, "virtual-ciso") != nullptr);
    CHECK(find_risk(cloud(k_saas, "organization: {size: small, has_ciso: true}"), "cloud.security-ownership") ==
          nullptr);
    CHECK(asks(cloud(k_saas), "cloud.security-ownership", "/organization/has_ciso"));
}

TEST_CASE("cloud: mitigation costs scale with the organisation's size", "[plugin][cloud]") {
    const Risk& small = risk(cloud(k_iaas, "organization: {size: small}"), "cloud.network-exposure");
    const Risk& enterprise = risk(cloud(k_iaas, "organization: {size: enterprise}"), "cloud.network-exposure");
    const Mitigation* a = mitigation(small, "segment-network");
    const Mitigation* b = mitigation(enterprise, "segment-network");
    REQUIRE(a != nullptr);
    REQUIRE(b != nullptr);
    CHECK(b->cost.one_time > 5 * a->cost.one_time);
}

TEST_CASE("cloud: benefits cover at least six dimensions and reward figures", "[plugin][cloud]") {
    const Contribution c = cloud(k_saas + ", regions: [eu-west-1, eu-central-1]", R"(
vendor: {certifications: [ISO 27001, SOC 2 Type II]}
costs: {opex_annual: 100000}
business_case:
  benefits:
    - {dimension: efficiency, description: Faster tickets, metric: handling time,
       annual_value: {low: 100000, likely: 200000, high: 300000}}
    - {dimension: customer_experience, description: Happier customers}
    - {dimension: growth, description: New markets}
    - {dimension: cost_reduction, description: Retire servers, annual_value: {low: 10000, likely: 20000, high: 30000}}
    - {dimension: resilience, description: Fewer outages}
    - {dimension: compliance, description: Easier audits}
)");
    std::set<std::string> dimensions;
    for (const auto& b : c.benefits) {
        dimensions.insert(b.dimension);
        CHECK_FALSE(b.evidence.empty());
    }
    CHECK(c.benefits.size() >= 6);
    CHECK(dimensions.size() >= 6);
    const Benefit* efficiency = find_benefit(c, "cloud.delivery-speed");
    const Benefit* experience = find_benefit(c, "cloud.customer-service");
    REQUIRE(efficiency != nullptr);
    REQUIRE(experience != nullptr);
    CHECK(efficiency->annual_value);
    CHECK(efficiency->score > experience->score);
    CHECK(asks(c, "cloud.customer-service", "/business_case/benefits/1/annual_value"));
    CHECK(asks(c, "cloud.cost-shift", "/business_case/benefits/3/metric"));
    CHECK(find_benefit(c, "cloud.compliance-inheritance")->rationale.find("ISO 27001 and SOC 2 Type II") !=
          std::string::npos);
}

TEST_CASE("cloud: unclaimed benefits with a weak fit are left out", "[plugin][cloud]") {
    const Contribution c = cloud(k_iaas);
    CHECK(find_benefit(c, "cloud.managed-innovation") == nullptr);
    const Benefit* scale = find_benefit(c, "cloud.elastic-scale");
    REQUIRE(scale != nullptr);
    CHECK(scale->rationale.find("counts only as potential") != std::string::npos);
}
