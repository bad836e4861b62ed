// Running the service safely: seeing what happens in it, keeping it
// configured and fenced, responding with the provider, and recovering in time.
#include "catalog.hpp"
#include "rules.hpp"

#include <algorithm>

namespace fulcrum::cloud {
namespace {

using namespace fulcrum::firstparty;

void logging_monitoring(Context& ctx) {
    if (ctx.in_place("logging_monitoring")) {
        return;
    }
    const int likelihood = ctx.small() ? 2 : 3;
    const int impact = std::min(5, ctx.data_impact + (ctx.regulated ? 1 : 0));
    std::string why =
        "Nobody will collect and watch the audit logs of this " + ctx.model_name() +
        " service. Intruders in cloud accounts often go unnoticed for months, and once a breach is "
        "found, without logs the organisation cannot show what was touched, so it has to treat all of the " +
        ctx.data_phrase() + " as exposed.";
    if (ctx.regulated) {
        why += " As a regulated organisation it must also show its supervisor what happened.";
    }
    const auto collect = ctx.small() ? ctx.mitigation("provider-audit-log",
                                                      "Turn on the provider's audit log, keep it 12 months, and have "
                                                      "your IT partner review its alerts every week",
                                                      2000, 3000)
                                     : ctx.mitigation("central-logging",
                                                      "Send the provider's audit and access logs to security "
                                                      "monitoring (SIEM), keep them 12 months, alert on admin "
                                                      "changes and bulk exports",
                                                      15000, 20000);
    Finding f(k_logging_monitoring, likelihood, impact);
    f.why(why)
        .evidence(ctx.p.control_pointer("logging_monitoring"))
        .data_facts(ctx.p)
        .mitigate(sdk::Mitigation(collect).control("logging_monitoring"), 2, impact - 1)
        .mitigate(ctx.mitigation("managed-detection",
                                 "A managed detection and response (MDR) service that watches the logs around the "
                                 "clock",
                                 5000, 25000)
                      .control("managed_detection"),
                  1, impact - 1)
        .fair(frequency_for(likelihood - 1), ctx.breach);
    ctx.add(std::move(f));
}

void misconfiguration(Context& ctx) {
    if (!ctx.need_model(k_misconfiguration) || ctx.in_place("posture_management")) {
        return;
    }
    const int likelihood = (ctx.saas() ? 3 : 4) - (ctx.deployment == "private" ? 1 : 0);
    const int impact = ctx.data_impact;
    std::string why;
    if (ctx.saas()) {
        why = "In SaaS the organisation still sets sharing, guest access, public links and integrations; one link "
              "shared with 'anyone' or one over-permissive integration exposes " +
              ctx.data_phrase() + " as surely as a break-in.";
    } else {
        why = "In " + ctx.model_name() +
              " the organisation configures storage, networks, keys and permissions itself; one public storage "
              "bucket or over-broad permission exposes " +
              ctx.data_phrase() + " to anyone who looks, and automated scanners look all the time.";
    }
    why += ctx.in_place("configuration_baseline") || ctx.in_place("infrastructure_as_code")
               ? " The settings start from a hardened baseline, but nothing checks continuously that they stay there."
               : " Nothing in the proposal checks these settings continuously.";
    Finding f(k_misconfiguration, likelihood, impact);
    f.why(why).evidence(ctx.cloud.field("service_model")).evidence(ctx.p.control_pointer("posture_management"));
    f.facts(ctx.p, {"/data/classification"});
    if (ctx.saas()) {
        f.mitigate(ctx.mitigation("posture-management",
                                  ctx.small() ? "Have your IT partner check the tenant's settings against the "
                                                "provider's security baseline every quarter"
                                              : "SaaS security posture management: continuous checks of tenant "
                                                "settings against the provider's security baseline",
                                  ctx.small() ? 2000 : 6000, ctx.small() ? 3000 : 8000)
                       .control("posture_management"),
                   1, impact)
            .mitigate(ctx.mitigation("harden-tenant",
                                     "Harden the tenant: no anonymous links, guest access by approval, integrations "
                                     "reviewed before use",
                                     3000, 1000)
                          .control("configuration_baseline"),
                      2, impact);
    } else {
        f.mitigate(ctx.mitigation("posture-management",
                                  "Cloud security posture management (CSPM) against a baseline such as the CIS "
                                  "Benchmarks, with alerts on drift",
                                  10000, 15000)
                       .control("posture_management"),
                   1, impact)
            .mitigate(ctx.mitigation("infrastructure-as-code",
                                     "Define the environment as code, reviewed and policy-checked before each change",
                                     20000, 8000)
                          .control("infrastructure_as_code"),
                      2, impact)
            .mitigate(
                ctx.mitigation("block-public-storage", "Block public access to storage for the whole account", 1000, 0),
                likelihood - 1, impact);
    }
    f.fair(frequency_for(likelihood - 1), ctx.breach);
    ctx.add(std::move(f));
}

void network_exposure(Context& ctx) {
    if (ctx.model.empty() || ctx.saas() || ctx.in_place("network_segmentation")) {
        return;
    }
    const int likelihood = (ctx.model == "iaas" ? 4 : 3) - (ctx.deployment == "private" ? 1 : 0);
    const int impact = ctx.business_impact();
    std::string why = ctx.model == "iaas"
                          ? "In IaaS the organisation draws the network boundary itself."
                          : "PaaS services such as managed databases and storage come with public endpoints unless "
                            "they are closed.";
    why += " The proposal has no network segmentation: management ports, databases or internal services that end up "
           "with public addresses are found by internet-wide scanners within hours and attacked with known exploits.";
    Finding f(k_network_exposure, likelihood, impact);
    f.why(why)
        .evidence(ctx.cloud.field("service_model"))
        .evidence(ctx.p.control_pointer("network_segmentation"))
        .facts(ctx.p, {ctx.cloud.field("deployment")})
        .mitigate(ctx.mitigation("segment-network",
                                 "Private networks with deny-by-default rules, administration only through a bastion "
                                 "or zero-trust access, private endpoints for platform services",
                                 15000, 6000)
                      .control("network_segmentation"),
                  1, impact)
        .mitigate(ctx.mitigation("waf", "A web application firewall and DDoS protection in front of public services",
                                 5000, 10000)
                      .control("waf"),
                  likelihood - 1, impact)
        .fair(frequency_for(likelihood - 1), ctx.breach);
    ctx.add(std::move(f));
}

void incident_response(Context& ctx) {
    if (ctx.in_place("incident_response_plan")) {
        return;
    }
    const bool gdpr = ctx.gdpr_applies();
    const int likelihood = 3;
    int impact = ctx.business_impact();
    if (gdpr) {
        impact = std::max(impact, 4);
    }
    impact = std::min(5, impact + (ctx.regulated ? 1 : 0));
    std::string why = "No incident response plan covers this " + ctx.model_name() +
                      " service. In an incident the organisation would depend on the provider to notice, to tell it "
                      "and to share logs, with no agreed contacts, notice period or right to investigate";
    why += gdpr ? ", while the 72-hour deadline to notify the data protection authority (GDPR Art. 33) runs from the "
                  "moment the organisation becomes aware."
                : ".";
    const auto plan = ctx.small() ? ctx.mitigation("incident-plan",
                                                   "A one-page incident plan with the provider's security contacts and "
                                                   "notice time in the contract, rehearsed once a year",
                                                   3000, 1500)
                                  : ctx.mitigation("incident-plan",
                                                   "Extend the incident response plan to this provider: notice within "
                                                   "24 hours in the contract, access to logs, a joint exercise every "
                                                   "year",
                                                   10000, 5000);
    Finding f(k_incident_response, likelihood, impact);
    f.why(why)
        .evidence(ctx.p.control_pointer("incident_response_plan"))
        .facts(ctx.p, {"/data/personal_data", "/compliance", "/resilience/criticality"})
        .mitigate(sdk::Mitigation(plan).control("incident_response_plan"), 1, impact - 1)
        .mitigate(ctx.mitigation("ir-retainer", "An incident response retainer with a specialist firm", 0, 15000)
                      .control("ir_retainer"),
                  likelihood - 1, impact - 1)
        .fair(frequency_for(likelihood - 1), ctx.breach.scaled(0.5));
    ctx.add(std::move(f));
}

void availability_dr(Context& ctx) {
    if (ctx.criticality.empty()) {
        ctx.ask(k_availability_dr, "/resilience/criticality",
                "How critical is this service (low, medium, high or mission-critical), and how long may it be down, "
                "and how much recent data may be lost, before the business is seriously harmed?");
        return;
    }
    if (ctx.criticality == "low") {
        return;
    }
    const auto rto = ctx.p.number("/resilience/rto_hours");
    const auto rpo = ctx.p.number("/resilience/rpo_hours");
    if (!rto) {
        ctx.ask(k_availability_dr, "/resilience/rto_hours",
                "How many hours may this service be down before the business is seriously harmed (the recovery time "
                "objective)?");
    }
    if (!rpo) {
        ctx.ask(k_availability_dr, "/resilience/rpo_hours",
                "How many hours of recent data may the business lose in a failure (the recovery point objective)?");
    }
    const bool backup = ctx.in_place("backup");
    const bool dr = ctx.in_place("dr_plan");
    const bool multi = ctx.multi_site() || ctx.in_place("multi_region");
    const bool tight_rto = rto && *rto <= 4;
    const bool tight_rpo = rpo && *rpo <= 1;
    std::vector<std::string> gaps;
    if (!ctx.saas() && !backup) {
        gaps.push_back("no backups the organisation controls");
    }
    if (!dr) {
        gaps.push_back(ctx.saas() ? "no plan for carrying on when the provider is down"
                                  : "no tested disaster-recovery plan");
    }
    if (!ctx.saas() && tight_rto && !multi) {
        gaps.push_back("only one region, which cannot recover within " + hours_text(*rto) + " when that region fails");
    }
    if (!ctx.saas() && tight_rpo && !multi) {
        gaps.push_back("no replication to a second site, yet no more than " + hours_text(*rpo) +
                       " of data may be lost");
    }
    if (gaps.empty()) {
        return;
    }
    const int likelihood = std::min(5, 1 + static_cast<int>(gaps.size()) + (ctx.saas() ? 1 : 0));
    const int impact = ctx.criticality_impact();
    std::string objectives;
    if (rto) {
        objectives = " with a recovery time objective (RTO) of " + hours_text(*rto);
    }
    if (rpo) {
        objectives +=
            (rto ? " and" : " with") + std::string(" a recovery point objective (RPO) of ") + hours_text(*rpo);
    }
    std::string listed = gaps.front();
    for (size_t i = 1; i < gaps.size(); ++i) {
        const bool last = i + 1 == gaps.size();
        listed += (gaps.size() == 2 ? " and " : last ? "; and " : "; ") + gaps[i];
    }
    std::string why = capital(ctx.service_phrase()) + objectives + " has " + listed +
                      ". A regional outage, a provider failure or ransomware would keep it down longer, or lose more "
                      "data, than the business says it can accept.";
    Finding f(k_availability_dr, likelihood, impact);
    f.why(why)
        .evidence("/resilience/criticality")
        .facts(ctx.p, {"/resilience/rto_hours", "/resilience/rpo_hours", ctx.cloud.field("regions")});
    if (!ctx.saas()) {
        f.evidence(ctx.p.control_pointer("backup"))
            .mitigate(ctx.mitigation("backups",
                                     "Immutable backups in a second region or account, with a restore test every "
                                     "quarter",
                                     8000, 10000)
                          .control("backup"),
                      likelihood - 1, impact - 2);
    }
    f.evidence(ctx.p.control_pointer("dr_plan"));
    if (ctx.saas()) {
        f.mitigate(ctx.mitigation("continuity-plan",
                                  "A continuity plan for a provider outage: manual workarounds, a recent data export, "
                                  "and the provider's recovery commitments in the contract",
                                  6000, 3000)
                       .control("dr_plan"),
                   1, impact - 2);
    } else {
        const bool needs_second_site = (tight_rto || tight_rpo) && !multi;
        f.mitigate(ctx.mitigation("dr-plan", "A disaster-recovery plan exercised every year against the RTO and RPO",
                                  15000, 8000)
                       .control("dr_plan"),
                   needs_second_site ? 2 : 1, impact - (needs_second_site ? 1 : 2));
        if (needs_second_site) {
            f.mitigate(ctx.mitigation("second-region",
                                      "A standby in a second region with continuous replication, sized to meet the "
                                      "RTO and RPO",
                                      40000, 30000)
                           .control("multi_region"),
                       1, impact - 2);
        }
    }
    const Range hours = dr ? Range{6, 24, 72} : Range{12, 48, 168};
    f.fair(frequency_for(likelihood - 1), ctx.outage_per_event(hours));
    ctx.add(std::move(f));
}

} // namespace

void evaluate_operations(Context& ctx) {
    logging_monitoring(ctx);
    misconfiguration(ctx);
    network_exposure(ctx);
    incident_response(ctx);
    availability_dr(ctx);
}

} // namespace fulcrum::cloud
