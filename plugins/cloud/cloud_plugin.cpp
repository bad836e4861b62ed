// The cloud plugin: what moving a workload to IaaS, PaaS or SaaS does for the
// business and what it exposes.
#include "firstparty.hpp"

#include <fulcrum/plugin.hpp>

namespace {

using namespace fulcrum::sdk;
using namespace fulcrum::firstparty;

const Rule k_identity =
    Rule::risk("cloud.identity-mfa", "Cloud accounts without multi-factor authentication",
               "Stolen or phished credentials are the commonest way into cloud tenants; without MFA and "
               "single sign-on one password opens the data.",
               {{"csf", {"PR.AA-01", "PR.AA-03"}}, {"sp800_53", {"ia-2", "ia-2.1", "ia-2.2"}}});
const Rule k_keys =
    Rule::risk("cloud.key-management", "Sensitive data at rest without encryption under keys the organisation controls",
               "Confidential or restricted data should be encrypted at rest, with keys the organisation manages "
               "so that the provider alone cannot read it.",
               {{"csf", {"PR.DS-01"}}, {"sp800_53", {"sc-28", "sc-12"}}});
const Rule k_residency =
    Rule::risk("cloud.data-residency", "Personal data stored or processed outside its permitted jurisdiction",
               "Regions outside the stated residency, or a declared cross-border transfer of personal data, "
               "need a lawful transfer mechanism.",
               {{"csf", {"GV.OC-03"}}, {"sp800_53", {"sa-9.5"}}, {"gdpr", {"Art. 44", "Art. 46"}}});
const Rule k_lock_in =
    Rule::risk("cloud.vendor-lock-in", "Dependence on one provider with no exit plan",
               "Without an exit plan and data export terms, leaving the provider after a price rise, an outage "
               "or a breach is slow and costly.",
               {{"csf", {"GV.SC-10"}}, {"sp800_53", {"sa-9", "sr-2"}}});
const Rule k_dr =
    Rule::risk("cloud.availability-dr", "Recovery objectives not backed by tested backup and disaster recovery",
               "Critical services need backups and a disaster-recovery plan that meets the stated RTO and RPO.",
               {{"csf", {"RC.RP-01", "PR.DS-11"}}, {"sp800_53", {"cp-2", "cp-9", "cp-10"}}});
const Rule k_scale = Rule::benefit("cloud.elastic-scale", "growth", "Capacity that follows demand",
                                   "Elastic capacity lets the service grow without up-front hardware.");
const Rule k_cost = Rule::benefit("cloud.cost-shift", "cost_reduction", "Lower run cost from managed infrastructure",
                                  "Managed services move capital spend to operating spend and cut operations work.");
const Rule k_speed = Rule::benefit("cloud.delivery-speed", "efficiency", "Faster delivery of business change",
                                   "Managed platforms shorten the path from idea to production.");

class CloudPlugin final : public Plugin {
public:
    static json manifest() {
        return {{"id", "cloud"},
                {"name", "Cloud adoption"},
                {"vendor", "Fulcrum"},
                {"version", "0.1.0"},
                {"description", "Benefit and risk of IaaS, PaaS and SaaS adoption"},
                {"categories", {"cloud"}},
                {"thread_safe", true},
                {"config_schema", {{"type", "object"}, {"additionalProperties", false}}}};
    }
    static const std::vector<Rule>& rules() {
        static const std::vector<Rule> all = {k_identity, k_keys,  k_residency, k_lock_in,
                                              k_dr,       k_scale, k_cost,      k_speed};
        return all;
    }

    Contribution evaluate(const Proposal& p) const override {
        Contribution out;
        const auto clouds = p.technologies("cloud");
        if (clouds.empty()) {
            return out;
        }
        const Technology& cloud = clouds.front();
        const double scale = cost_scale(p);
        identity(p, scale, out);
        keys(p, scale, out);
        residency(p, cloud, scale, out);
        lock_in(p, cloud, scale, out);
        recovery(p, scale, out);
        benefits(p, cloud, out);
        return out;
    }

private:
    static void identity(const Proposal& p, double scale, Contribution& out) {
        const int impact = data_impact(p);
        Risk risk(k_identity);
        risk.likelihood(p.control("sso") == ControlStatus::in_place ? 3 : 4)
            .impact(impact)
            .rationale("Anyone holding one valid password can reach this service from the internet. With data "
                       "classified at impact " +
                       std::to_string(impact) + " of 5, a phished account is a reportable breach.")
            .evidence(p.control_pointer("mfa"))
            .mitigation(Mitigation("enforce-mfa", "Enforce phishing-resistant MFA for every account")
                            .control("mfa")
                            .cost(8000 * scale, 6000 * scale)
                            .leaves(1, impact))
            .mitigation(Mitigation("sso", "Federate sign-in through the corporate identity provider")
                            .control("sso")
                            .cost(15000 * scale, 4000 * scale)
                            .leaves(2, impact))
            .fair({0.1, 0.4, 1.5}, breach_magnitude(p));
        for (const auto& e : data_evidence(p)) {
            risk.evidence(e);
        }
        out.add(risk);
    }

    static void keys(const Proposal& p, double scale, Contribution& out) {
        if (classification_level(p) < 3 && !personal_data(p)) {
            return;
        }
        const int impact = data_impact(p);
        const bool at_rest = p.control("encryption_at_rest") == ControlStatus::in_place;
        Risk risk(k_keys);
        risk.likelihood(at_rest ? 2 : 3)
            .impact(impact)
            .rationale(std::string("The data is ") + p.text("/data/classification").value_or("personal") +
                       (at_rest ? "; it is encrypted at rest, but with provider-held keys the provider's staff and "
                                  "anyone who compels the provider can still read it."
                                : " and is not known to be encrypted at rest; a lost snapshot or a misconfigured "
                                  "bucket exposes it in clear."))
            .evidence(p.control_pointer("encryption_at_rest"))
            .evidence("/data/classification")
            .mitigation(Mitigation("encrypt-at-rest", "Encrypt all storage at rest")
                            .control("encryption_at_rest")
                            .cost(5000 * scale, 2000 * scale)
                            .leaves(2, std::max(1, impact - 1)))
            .mitigation(Mitigation("customer-managed-keys", "Use customer-managed keys in a managed KMS or HSM")
                            .control("customer_managed_keys")
                            .cost(20000 * scale, 12000 * scale)
                            .leaves(1, std::max(1, impact - 2)))
            .fair({0.05, 0.2, 0.6}, breach_magnitude(p));
        out.add(risk);
    }

    static void residency(const Proposal& p, const Technology& cloud, double scale, Contribution& out) {
        const bool transfer = p.flag("/data/cross_border_transfer").value_or(false);
        const auto* regions = cloud.list("regions");
        const auto* residency = p.find("/data/residency");
        std::vector<std::string> outside;
        if (regions && residency && residency->is_array()) {
            for (const auto& r : *regions) {
                const std::string region = r.get<std::string>();
                bool allowed = false;
                for (const auto& allowed_prefix : *residency) {
                    const std::string prefix = allowed_prefix.get<std::string>();
                    allowed = allowed || region.compare(0, prefix.size(), prefix) == 0;
                }
                if (!allowed) {
                    outside.push_back(region);
                }
            }
        }
        if (!personal_data(p)) {
            return;
        }
        if (!residency && !regions) {
            out.ask(k_residency, "/data/residency",
                    "Where may this personal data be stored and processed, and which provider regions will "
                    "hold it?");
            return;
        }
        if (!transfer && outside.empty()) {
            return;
        }
        const bool dpa = p.control("dpa_signed") == ControlStatus::in_place || p.flag("/vendor/dpa").value_or(false);
        Risk risk(k_residency);
        std::string why = transfer ? "The proposal declares a cross-border transfer of personal data"
                                   : "Provider regions lie outside the permitted residency";
        risk.likelihood(dpa ? 2 : 4)
            .impact(p.lists("/compliance", "gdpr") ? 4 : 3)
            .concern("cross-border-transfer")
            .rationale(why + (dpa ? "; a data processing agreement is in place, so what remains is keeping "
                                    "the transfer mechanism current."
                                  : " without a signed data processing agreement or transfer clauses; a "
                                    "regulator can order the processing stopped."))
            .evidence(transfer ? "/data/cross_border_transfer" : cloud.field("regions"))
            .mitigation(Mitigation("transfer-safeguards", "Sign a DPA with standard contractual clauses and a "
                                                          "transfer impact assessment")
                            .control("dpa_signed")
                            .cost(12000 * scale, 3000 * scale)
                            .leaves(1, 3))
            .mitigation(Mitigation("pin-regions", "Pin storage and processing to permitted regions")
                            .cost(6000 * scale, 4000 * scale)
                            .leaves(1, 2))
            .fair({0.02, 0.1, 0.3}, {50000, 250000, 2000000});
        out.add(risk);
    }

    static void lock_in(const Proposal& p, const Technology& cloud, double scale, Contribution& out) {
        const std::string model = cloud.text("service_model").value_or("");
        if (model.empty()) {
            out.ask(k_lock_in, cloud.field("service_model"),
                    "Is this IaaS, PaaS or SaaS? The exit cost and the security split with the provider depend on "
                    "it.");
            return;
        }
        const auto exit_plan = p.flag("/vendor/exit_plan");
        if (exit_plan.value_or(false)) {
            return;
        }
        if (!exit_plan) {
            out.ask(k_lock_in, "/vendor/exit_plan",
                    "If the provider fails or raises prices, how would you move the service and its data out, and "
                    "how long would it take?");
        }
        const int likelihood = model == "saas" ? 4 : model == "paas" ? 3 : 2;
        const int impact = p.text("/resilience/criticality").value_or("medium") == "mission_critical" ? 4 : 3;
        Risk risk(k_lock_in);
        risk.likelihood(likelihood)
            .impact(impact)
            .concern("vendor-lock-in")
            .rationale("A " + model +
                       " service with no exit plan: the organisation depends on one provider's "
                       "prices, roadmap and survival, and leaving would mean an unplanned migration.")
            .evidence(cloud.field("service_model"))
            .evidence("/vendor")
            .mitigation(Mitigation("exit-plan", "Write and test an exit plan with data export in open formats")
                            .cost(10000 * scale, 2000 * scale)
                            .leaves(likelihood, 2))
            .fair({0.05, 0.1, 0.25}, {50000 * scale, 200000 * scale, 1000000 * scale});
        out.add(risk);
    }

    static void recovery(const Proposal& p, double scale, Contribution& out) {
        const std::string criticality = p.text("/resilience/criticality").value_or("");
        if (criticality.empty()) {
            out.ask(k_dr, "/resilience/criticality",
                    "How critical is this service (low, medium, high, mission-critical), and what recovery time "
                    "and data loss can the business accept?");
            return;
        }
        if (criticality == "low") {
            return;
        }
        const bool backup = p.control("backup") == ControlStatus::in_place;
        const bool dr = p.control("dr_plan") == ControlStatus::in_place;
        if (backup && dr) {
            return;
        }
        const auto rto = p.number("/resilience/rto_hours");
        if (!rto) {
            out.ask(k_dr, "/resilience/rto_hours",
                    "How many hours may this service be down before the business is "
                    "seriously harmed (the recovery time objective)?");
        }
        const int impact = criticality == "mission_critical" ? 5 : criticality == "high" ? 4 : 3;
        const int likelihood = (backup || dr) ? 2 : 3;
        Risk risk(k_dr);
        risk.likelihood(likelihood)
            .impact(impact)
            .rationale("A " + criticality + " service" +
                       (rto ? " with a " + std::to_string(static_cast<int>(*rto)) + "-hour recovery objective" : "") +
                       " lacks " + (backup ? "a tested disaster-recovery plan" : "backups it controls") +
                       ": a regional outage or ransomware would take it down for longer than the business accepts.")
            .evidence("/resilience/criticality")
            .evidence(p.control_pointer(backup ? "dr_plan" : "backup"))
            .mitigation(Mitigation("backups", "Immutable, cross-region backups with restore tests")
                            .control("backup")
                            .cost(8000 * scale, 10000 * scale)
                            .leaves(std::max(1, likelihood - 1), std::max(1, impact - 2)))
            .mitigation(Mitigation("dr-plan", "A disaster-recovery plan exercised against the RTO and RPO")
                            .control("dr_plan")
                            .cost(15000 * scale, 8000 * scale)
                            .leaves(1, std::max(1, impact - 2)))
            .fair({0.1, 0.3, 1.0}, {20000 * scale, 150000 * scale, 1500000 * scale});
        out.add(risk);
    }

    static void benefits(const Proposal& p, const Technology& cloud, Contribution& out) {
        const std::string model = cloud.text("service_model").value_or("");
        const std::string deployment = cloud.text("deployment").value_or("");
        struct Item {
            const Rule& rule;
            int fit;
            std::string why;
        };
        const Item items[] = {
            {k_scale, deployment == "public" || deployment == "multi" ? 65 : 45,
             "A " + (deployment.empty() ? std::string("cloud") : deployment + " cloud") +
                 " deployment scales with demand instead of with hardware purchases."},
            {k_cost, model == "saas" ? 60 : 50,
             "Running on " + (model.empty() ? std::string("a managed service") : model) +
                 " removes hardware refreshes and part of the operations work."},
            {k_speed, model == "iaas" ? 45 : 60,
             "Managed platform services shorten delivery: teams configure rather than build and operate."},
        };
        for (const auto& item : items) {
            const Claim claim = claim_for(p, item.rule.dimension);
            Benefit benefit(item.rule);
            std::string rationale = item.why;
            if (claim.quantified) {
                benefit.annual_value(claim.annual_value);
                rationale += " The business case puts a value on it.";
            } else if (claim.stated) {
                rationale += " The business case claims it without a figure, so it scores lower.";
                out.ask(item.rule, claim.evidence.front() + "/annual_value",
                        "What is this benefit worth a year (low, likely, high), and how will you measure it?");
            } else {
                rationale += " The business case does not claim it, so it counts only as potential.";
            }
            benefit.score(claim_score(p, claim, item.fit)).rationale(rationale).evidence(cloud.field("service_model"));
            for (const auto& e : claim.evidence) {
                benefit.evidence(e);
            }
            out.add(benefit);
        }
    }
};

} // namespace

FULCRUM_PLUGIN(CloudPlugin)
