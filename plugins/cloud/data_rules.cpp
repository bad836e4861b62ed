// What happens to the data: encryption and keys, where it lives, the terms
// the provider processes it on, and whether it can be restored.
#include "catalog.hpp"
#include "rules.hpp"

#include <algorithm>

namespace fulcrum::cloud {
namespace {

using namespace fulcrum::firstparty;

// Impact of a data-protection failure: regulators weigh special categories,
// the number of people affected and whether GDPR applies.
int privacy_impact(const Context& ctx) {
    if (special_categories(ctx.p)) {
        return 5;
    }
    int impact = 3;
    if (ctx.p.lists("/compliance", "gdpr") || ctx.p.lists("/compliance", "uk_gdpr") || ctx.regulated) {
        impact += 1;
    }
    if (ctx.p.number("/data/records").value_or(0) >= 1e6) {
        impact += 1;
    }
    return clamp_level(impact);
}

bool listed(const Proposal& p, const std::string& control) {
    return p.control_pointer(control) != "/controls";
}

void key_management(Context& ctx) {
    if (!ctx.p.find("/data/classification") && !ctx.p.flag("/data/personal_data")) {
        ctx.ask_about_data(k_key_management);
        return;
    }
    if (classification_level(ctx.p) < 3 && !ctx.personal) {
        return;
    }
    const bool at_rest = ctx.in_place("encryption_at_rest");
    if (at_rest && ctx.in_place("customer_managed_keys")) {
        return;
    }
    const int likelihood = 3;
    const int impact = ctx.data_impact;
    std::string why;
    if (at_rest) {
        why = "The data, " + ctx.data_phrase() +
              ", is encrypted at rest, but with keys the provider holds: its staff, an intruder in its key service, or "
              "an authority that compels it can read the data, and the organisation cannot cut off access by "
              "withdrawing a key.";
    } else {
        why =
            "Nothing in the proposal shows that the data, " + ctx.data_phrase() +
            ", is encrypted at rest: a copied disk snapshot, a stray backup or a misconfigured storage bucket exposes "
            "it in clear.";
    }
    if (ctx.saas()) {
        why += " In SaaS, customer-managed keys are often a premium tier; ask for them in the contract.";
    }
    Finding f(k_key_management, likelihood, impact);
    f.why(why)
        .evidence(ctx.p.control_pointer("encryption_at_rest"))
        .facts(ctx.p, {"/data/classification", "/data/personal_data", "/data/special_categories"})
        .mitigate(ctx.mitigation("encrypt-at-rest", "Encrypt all storage and backups at rest", 5000, 2000)
                      .control("encryption_at_rest"),
                  2, impact - 1)
        .mitigate(
            ctx.mitigation("customer-managed-keys", "Use customer-managed keys in a managed KMS or HSM", 20000, 12000)
                .control("customer_managed_keys"),
            1, impact - 2)
        .fair(frequency_for(likelihood - 1), ctx.breach);
    ctx.add(std::move(f));
}

// Regions that start with one of the permitted residency prefixes ("eu"
// admits "eu-west-1").
bool permitted(const std::string& region, const json& residency) {
    for (const auto& allowed : residency) {
        if (allowed.is_string()) {
            const std::string prefix = allowed.get<std::string>();
            if (region.compare(0, prefix.size(), prefix) == 0) {
                return true;
            }
        }
    }
    return false;
}

void data_residency(Context& ctx) {
    if (!ctx.p.flag("/data/personal_data")) {
        ctx.ask_about_data(k_data_residency);
        return;
    }
    if (!ctx.personal) {
        return;
    }
    const bool transfer = ctx.p.flag("/data/cross_border_transfer").value_or(false);
    const auto& regions = ctx.regions();
    const json* residency = ctx.p.find("/data/residency");
    if (!residency || !residency->is_array() || residency->empty()) {
        ctx.ask(k_data_residency, "/data/residency",
                "Where must this personal data be stored and processed (for example eu, uk, us), by law or by your "
                "own policy?");
        if (!transfer) {
            return;
        }
    } else if (regions.empty()) {
        ctx.ask(k_data_residency, ctx.cloud.field("regions"),
                "Which provider regions will store and process the data, including backups and support access?");
        if (!transfer) {
            return;
        }
    }
    std::vector<std::string> inside, outside;
    for (const auto& r : regions) {
        (residency && residency->is_array() && permitted(r, *residency) ? inside : outside).push_back(r);
    }
    if (!transfer && outside.empty()) {
        return;
    }
    std::vector<std::string> allowed;
    if (residency && residency->is_array()) {
        for (const auto& a : *residency) {
            if (a.is_string()) {
                allowed.push_back(a.get<std::string>());
            }
        }
    }
    const std::string where = allowed.empty() ? "its home jurisdiction" : join_words(allowed);
    const bool dpa = ctx.in_place("dpa_signed") || ctx.p.flag("/vendor/dpa").value_or(false);
    const int likelihood = dpa ? 2 : 3;
    const int impact = std::min(5, privacy_impact(ctx) + (ctx.regulated ? 1 : 0));
    std::string why = outside.empty()
                          ? "The proposal declares that " + ctx.data_phrase() + " will cross borders"
                          : std::string(outside.size() == 1 ? "The provider region " : "The provider regions ") +
                                join_words(outside) + (outside.size() == 1 ? " lies" : " lie") +
                                " outside where the personal data may be (" + where + ")";
    why += ". Moving personal data out of its jurisdiction needs a lawful mechanism, usually an adequacy decision or "
           "standard contractual clauses with a transfer impact assessment (GDPR Art. 44-46); without one, a "
           "regulator can order the processing stopped and fine up to 4% of annual turnover.";
    why += dpa ? " A data processing agreement exists; what remains is to check that it carries the transfer clauses "
                 "and that the assessment is done."
               : " Neither a data processing agreement nor transfer clauses are in place.";
    Finding f(k_data_residency, likelihood, impact);
    f.concern("cross-border-transfer").why(why);
    if (transfer) {
        f.evidence("/data/cross_border_transfer");
    }
    if (!outside.empty()) {
        f.evidence(ctx.cloud.field("regions"));
    }
    f.facts(ctx.p, {"/data/residency", "/data/personal_data", "/data/special_categories"})
        .mitigate(ctx.mitigation("transfer-safeguards",
                                 "Standard contractual clauses and a transfer impact assessment for every transfer",
                                 12000, 3000)
                      .control("transfer_safeguards"),
                  2, impact - 1);
    if (!outside.empty() && !inside.empty()) {
        f.mitigate(ctx.mitigation("pin-regions",
                                  "Pin storage, processing and backups to " + join_words(inside) + ", and stop using " +
                                      join_words(outside),
                                  6000, 4000),
                   1, 2);
    } else if (!outside.empty()) {
        f.mitigate(
            ctx.mitigation("move-regions",
                           "Move the service to a provider region inside " + where + ", or to a provider that has one",
                           30000, 10000),
            1, 2);
    } else {
        f.mitigate(ctx.mitigation("limit-transfer",
                                  "Limit the transfer to what the service needs (support access, not bulk copies) and "
                                  "log every access from abroad",
                                  5000, 3000),
                   likelihood - 1, impact - 1);
    }
    f.mitigate(ctx.mitigation("keys-in-jurisdiction",
                              "Encrypt with keys held inside " + where + ", so that copies abroad are unreadable there",
                              20000, 12000)
                   .control("customer_managed_keys"),
               2, impact - 1)
        .fair(frequency_for(likelihood - 2), ctx.regulatory_loss(special_categories(ctx.p) ? 2 : 1));
    ctx.add(std::move(f));
}

void processor_terms(Context& ctx) {
    if (!ctx.personal) {
        return;
    }
    const ControlStatus control = ctx.p.control("dpa_signed");
    const auto vendor_dpa = ctx.p.flag("/vendor/dpa");
    if (control == ControlStatus::in_place || vendor_dpa.value_or(false)) {
        return;
    }
    if (!vendor_dpa && !listed(ctx.p, "dpa_signed")) {
        ctx.ask(k_processor_terms, "/vendor/dpa",
                "Has the provider signed a data processing agreement that limits how it uses the personal data, names "
                "its sub-processors and gives you audit rights (GDPR Art. 28)?");
        return;
    }
    const int likelihood = 3;
    const int impact = privacy_impact(ctx);
    std::string why = "The provider will store and process " + ctx.data_phrase() +
                      " on the organisation's behalf, which makes it a processor under data protection law (GDPR Art. "
                      "28). ";
    why += control == ControlStatus::planned ? "A data processing agreement is planned but not signed; until it is, "
                                             : "No data processing agreement is in place, so ";
    why += "nothing binds the provider to use the data only on instructions, to vet and list its sub-processors, to "
           "help answer people's requests about their data, or to delete it when the contract ends.";
    Finding f(k_processor_terms, likelihood, impact);
    f.concern("third-party-data-sharing").why(why);
    if (listed(ctx.p, "dpa_signed")) {
        f.evidence(ctx.p.control_pointer("dpa_signed"));
    }
    f.facts(ctx.p, {"/vendor/dpa", "/data/personal_data", "/data/special_categories", "/data/records"})
        .mitigate(ctx.mitigation("sign-dpa",
                                 "Sign a data processing agreement (GDPR Art. 28) with sub-processor approval and "
                                 "audit rights",
                                 5000, 1000)
                      .control("dpa_signed"),
                  1, impact - 1)
        .mitigate(ctx.mitigation("review-subprocessors",
                                 "Review the provider's sub-processors and object to any in unacceptable "
                                 "jurisdictions",
                                 2000, 1000),
                  likelihood - 1, impact)
        .fair(frequency_for(likelihood - 2), ctx.regulatory_loss(special_categories(ctx.p) ? 2 : 1));
    ctx.add(std::move(f));
}

void saas_data_backup(Context& ctx) {
    if (!ctx.saas() || ctx.in_place("backup")) {
        return;
    }
    const int likelihood = 3;
    const int impact = ctx.criticality.empty() ? std::max(3, ctx.data_impact - 1) : ctx.criticality_impact();
    std::string why = "The provider keeps the SaaS service running, but under the usual shared-responsibility terms "
                      "the data is the organisation's to protect: records deleted by a user, overwritten by a faulty "
                      "integration or encrypted through a compromised account can be restored only within the "
                      "provider's short retention window, if at all.";
    if (!ctx.criticality.empty()) {
        why += " For " + ctx.service_phrase() + ", losing that data stops the work that depends on it.";
    }
    Finding f(k_saas_data_backup, likelihood, impact);
    f.why(why)
        .evidence(ctx.cloud.field("service_model"))
        .evidence(ctx.p.control_pointer("backup"))
        .facts(ctx.p, {"/resilience/criticality"})
        .mitigate(sdk::Mitigation(ctx.small() ? ctx.mitigation("saas-backup",
                                                               "Export the data every week to storage the firm "
                                                               "controls (or a backup add-on) and test opening it "
                                                               "every quarter",
                                                               1000, 1500)
                                              : ctx.mitigation("saas-backup",
                                                               "Back up the SaaS data daily to storage the "
                                                               "organisation controls and test a restore every "
                                                               "quarter",
                                                               4000, 6000))
                      .control("backup"),
                  1, impact - 1)
        .mitigate(ctx.mitigation("retention-terms",
                                 "Confirm the provider's retention, restore and export options in the contract", 1000,
                                 0),
                  likelihood - 1, impact)
        .fair(frequency_for(likelihood - 1), ctx.outage_per_event({4, 24, 120}));
    ctx.add(std::move(f));
}

} // namespace

void evaluate_data(Context& ctx) {
    key_management(ctx);
    data_residency(ctx);
    processor_terms(ctx);
    saas_data_backup(ctx);
}

} // namespace fulcrum::cloud
