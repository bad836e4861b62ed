// The provider as a party to the risk: who does what, how to leave, whether
// it can be trusted, who else shares its machines, and what it can evidence.
#include "catalog.hpp"
#include "rules.hpp"

#include <algorithm>
#include <cctype>

namespace fulcrum::cloud {
namespace {

using namespace fulcrum::firstparty;

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// The provider's certifications as the proposal lists them.
std::vector<std::string> certifications(const Proposal& p) {
    std::vector<std::string> out;
    if (const json* list = p.find("/vendor/certifications"); list && list->is_array()) {
        for (const auto& c : *list) {
            if (c.is_string()) {
                out.push_back(c.get<std::string>());
            }
        }
    }
    return out;
}

// True when a certification's name contains one of `marks` (any case).
bool certified(const std::vector<std::string>& certs, std::initializer_list<const char*> marks) {
    for (const auto& c : certs) {
        const std::string name = lower(c);
        for (const char* mark : marks) {
            if (name.find(mark) != std::string::npos) {
                return true;
            }
        }
    }
    return false;
}

// Independent security attestations a due-diligence review can rely on.
bool security_attested(const std::vector<std::string>& certs) {
    return certified(certs, {"27001", "soc 2", "soc2", "star", "fedramp", "c5", "27017", "27018", "hitrust"});
}

void ask_certifications(Context& ctx, const Rule& rule) {
    ctx.ask(rule, "/vendor/certifications",
            "Which independent security attestations does the provider hold (for example SOC 2 Type II, ISO/IEC "
            "27001, CSA STAR), and will it let you read the reports?");
}

void shared_responsibility(Context& ctx) {
    if (!ctx.need_model(k_shared_responsibility) || ctx.in_place("responsibility_matrix")) {
        return;
    }
    const bool no_ciso = ctx.p.flag("/organization/has_ciso") == std::optional<bool>(false);
    const int likelihood = (ctx.model == "iaas" ? 4 : 3) + (no_ciso ? 1 : 0);
    const int impact = ctx.business_impact();
    std::string why;
    if (ctx.model == "iaas") {
        why = "In IaaS the provider secures the buildings, hardware and hypervisors; the organisation keeps the "
              "operating systems, patching, network rules, identities, keys and data.";
    } else if (ctx.model == "paas") {
        why = "In PaaS the provider runs the platform; the organisation keeps its code, the platform's configuration, "
              "identities, keys and data.";
    } else {
        why = "In SaaS the provider runs the application; the organisation still owns who has access, how the tenant "
              "is configured, and the data itself.";
    }
    why += " The proposal assigns none of these duties to anyone, so some will be left to the other side; the "
           "customer's side is where most cloud incidents start.";
    if (no_ciso) {
        why += " With no CISO, nobody is placed to notice the gaps.";
    }
    Finding f(k_shared_responsibility, likelihood, impact);
    f.why(why)
        .evidence(ctx.cloud.field("service_model"))
        .evidence(ctx.p.control_pointer("responsibility_matrix"))
        .facts(ctx.p, {"/organization/has_ciso"})
        .mitigate((ctx.small() ? ctx.mitigation("responsibility-matrix",
                                                "From the provider's shared-responsibility guide, list the duties "
                                                "left to the firm (access, settings, data) and name who does each",
                                                1500, 500)
                               : ctx.mitigation("responsibility-matrix",
                                                "Agree a responsibility matrix with the provider: every control, who "
                                                "runs it and who checks it",
                                                6000, 2000))
                      .control("responsibility_matrix"),
                  1, impact)
        .mitigate(ctx.mitigation("check-provider-side",
                                 "Check the provider's side against its SOC 2 Type II or ISO/IEC 27001 reports", 6000,
                                 3000)
                      .control("vendor_assessment"),
                  likelihood - 1, impact)
        .fair(frequency_for(likelihood - 1), ctx.breach);
    ctx.add(std::move(f));
}

void vendor_lock_in(Context& ctx) {
    if (!ctx.need_model(k_vendor_lock_in)) {
        return;
    }
    const auto exit_plan = ctx.p.flag("/vendor/exit_plan");
    if (exit_plan.value_or(false) || ctx.in_place("exit_plan")) {
        return;
    }
    if (!exit_plan) {
        ctx.ask(k_vendor_lock_in, "/vendor/exit_plan",
                "If the provider fails, is bought or raises its prices, how would you move the service and its data "
                "out, and how long would it take?");
    }
    int likelihood = ctx.model == "saas" ? 4 : ctx.model == "paas" ? 3 : 2;
    if (ctx.deployment == "multi" || ctx.deployment == "hybrid") {
        likelihood -= 1;
    }
    // DORA (EU financial entities) requires exit strategies for ICT providers
    // that support critical functions: a missing one is a finding in itself.
    const bool dora = ctx.p.lists("/compliance", "dora") && ctx.criticality_impact() >= 4;
    const int impact = std::min(5, ctx.criticality_impact() + (dora ? 1 : 0));
    // Named, because the host may merge this text with other plugins' views
    // of lock-in to other providers.
    const std::string provider = firstparty::clipped(ctx.cloud.text("provider").value_or(""));
    const std::string whose = provider.empty() ? "the cloud provider's" : firstparty::possessive(provider);
    std::string why;
    if (ctx.saas()) {
        why = "The data, workflows and integrations will live in " + whose + " application and its formats.";
    } else if (ctx.model == "paas") {
        why = "The platform's code will be written against " + whose + " own managed services.";
    } else {
        why = "Virtual machines move fairly easily off " + (provider.empty() ? "the provider" : provider) +
              ", but networks, identities and managed add-ons do not.";
    }
    const Range cost = ctx.migration_loss();
    why += exit_plan ? " There is no exit plan: "
                     : " The proposal does not say whether there is an exit plan; without "
                       "one, ";
    why += "after a price rise, an acquisition, a long outage or a breach, leaving would be an unplanned migration "
           "costing around " +
           ctx.money(cost.likely) + " (" + ctx.money(cost.low) + " to " + ctx.money(cost.high) + ").";
    if (dora) {
        why += " DORA expects a documented, tested exit strategy for an ICT provider that supports a critical "
               "function, so supervisors will ask for one.";
    }
    Finding f(k_vendor_lock_in, likelihood, impact);
    f.concern("vendor-lock-in")
        .why(why)
        .evidence(ctx.cloud.field("service_model"))
        .facts(ctx.p, {"/vendor/exit_plan", "/resilience/criticality", "/costs/opex_annual"});
    if (dora) {
        f.evidence("/compliance");
    }
    f.mitigate(ctx.mitigation("exit-plan",
                              "Write an exit plan (how data, integrations and users move, and how long it takes) "
                              "and test the data export once",
                              10000, 2000)
                   .control("exit_plan"),
               likelihood, impact - 2)
        .mitigate(ctx.mitigation("export-terms",
                                 "Contract for complete data export in open formats and for transition assistance",
                                 3000, 0)
                      .control("data_export"),
                  likelihood - 1, impact - 1)
        .fair(frequency_for(likelihood - 2), cost);
    ctx.add(std::move(f));
}

void supply_chain(Context& ctx) {
    if (ctx.in_place("vendor_assessment")) {
        return;
    }
    const auto certs = certifications(ctx.p);
    const bool known = ctx.p.find("/vendor/certifications") != nullptr;
    if (!known) {
        ask_certifications(ctx, k_supply_chain);
    }
    const bool attested = security_attested(certs);
    // For a small firm, an attested provider is as much assurance as is
    // proportionate; larger ones should read the reports.
    const int likelihood = attested ? (ctx.small() ? 1 : 2) : known ? 4 : 3;
    const int impact = ctx.business_impact();
    std::string why;
    if (attested) {
        why = "The provider holds " + join_words(certs) +
              ", a good start; but nobody has yet read the reports, checked that their scope covers this service, or "
              "reviewed the exceptions and sub-processors they list.";
    } else if (known) {
        why = "The provider holds no independent security attestation, so its controls, its staff vetting and its own "
              "suppliers are unverified, yet it will hold " +
              ctx.data_phrase() + ".";
    } else {
        why = "The proposal names no independent security attestation of the provider, so its controls and its own "
              "suppliers are unverified, yet it will hold " +
              ctx.data_phrase() + ".";
    }
    Finding f(k_supply_chain, likelihood, impact);
    f.why(why)
        .evidence(ctx.p.control_pointer("vendor_assessment"))
        .facts(ctx.p, {"/vendor/certifications", "/vendor/name", "/data/classification"})
        .mitigate(ctx.mitigation("vendor-assessment",
                                 "Supplier due diligence: attestation reports and their scope, exceptions, "
                                 "sub-processors, breach history; repeated yearly",
                                 6000, 3000)
                      .control("vendor_assessment"),
                  attested ? 1 : 2, impact);
    if (!attested) {
        f.mitigate(ctx.mitigation("require-attestation",
                                  "Require an independent attestation (SOC 2 Type II or ISO/IEC 27001) before go-live, "
                                  "renewed yearly",
                                  2000, 0),
                   2, impact);
    }
    f.fair(frequency_for(likelihood - 1), ctx.breach);
    ctx.add(std::move(f));
}

void multi_tenancy(Context& ctx) {
    if (ctx.deployment.empty() && !ctx.saas()) {
        ctx.ask(k_multi_tenancy, ctx.cloud.field("deployment"),
                "Is this a public, private, hybrid or multi-cloud deployment: will the workload share infrastructure "
                "with the provider's other customers?");
        return;
    }
    if (ctx.deployment == "private" || ctx.in_place("dedicated_tenancy")) {
        return;
    }
    const bool highly_sensitive = classification_level(ctx.p) >= 4 || special_categories(ctx.p);
    if (classification_level(ctx.p) < 3 && !highly_sensitive) {
        return;
    }
    const int likelihood = highly_sensitive && ctx.model != "iaas" ? 2 : 1;
    const int impact = ctx.data_impact;
    const std::string why =
        "This " + ctx.model_name() + " service keeps " + ctx.data_phrase() +
        " on infrastructure shared with the provider's other customers, separated only by software. Flaws in that "
        "separation are rare but real: researchers have shown cross-tenant access at major providers, for example "
        "the 2021 'ChaosDB' flaw in a managed cloud database. The organisation's own encryption keys limit what such a "
        "flaw could expose.";
    Finding f(k_multi_tenancy, likelihood, impact);
    f.why(why)
        .facts(ctx.p, {ctx.cloud.field("deployment"), "/data/classification", "/data/special_categories"})
        .evidence(ctx.cloud.field("service_model"))
        .mitigate(ctx.mitigation("tenant-keys", "Encrypt the data with the organisation's own keys (customer-managed)",
                                 20000, 12000)
                      .control("customer_managed_keys"),
                  1, impact - 1)
        .mitigate(ctx.mitigation("dedicated-tenancy", "Run this workload on dedicated (single-tenant) instances", 30000,
                                 40000)
                      .control("dedicated_tenancy"),
                  1, impact)
        .fair(frequency_for(likelihood - 1), ctx.breach);
    ctx.add(std::move(f));
}

struct Regime {
    const char* id;       // as in the proposal's compliance list
    const char* name;     // what a board member calls it
    const char* evidence; // what the provider must show
    std::initializer_list<const char*> marks;
};

void regulated_attestation(Context& ctx) {
    static const Regime regimes[] = {
        {"pci_dss", "PCI DSS", "PCI DSS attestation of compliance as a service provider", {"pci"}},
        {"hipaa", "HIPAA", "signed business associate agreement (BAA)", {"hipaa", "baa", "hitrust"}},
        {"sox", "SOX", "SOC 1 Type II report covering the service", {"soc 1", "soc1", "isae 3402", "ssae 18"}},
        {"fedramp", "FedRAMP", "FedRAMP authorisation", {"fedramp"}},
    };
    const auto certs = certifications(ctx.p);
    std::vector<std::string> names, missing;
    for (const auto& r : regimes) {
        if (ctx.p.lists("/compliance", r.id) && !certified(certs, r.marks)) {
            names.push_back(r.name);
            missing.push_back(r.evidence);
        }
    }
    if (names.empty()) {
        return;
    }
    if (!ctx.p.find("/vendor/certifications")) {
        ask_certifications(ctx, k_regulated_attestation);
        return;
    }
    const int likelihood = 4;
    const int impact = std::min(5, 4 + (ctx.p.number("/data/records").value_or(0) >= 1e6 ? 1 : 0));
    const std::string why = "The proposal puts the workload under " + join_words(names) +
                            ", but the provider lists no " + join_words(missing) +
                            ". Auditors will ask for that evidence first, and without it the organisation is out of "
                            "compliance from the day the regulated data arrives.";
    Finding f(k_regulated_attestation, likelihood, impact);
    f.why(why)
        .evidence("/compliance")
        .evidence("/vendor/certifications")
        .mitigate(
            ctx.mitigation("obtain-attestation",
                           "Obtain the " + join_words(missing) + " before go-live, or choose a provider that has it",
                           5000, 2000),
            1, impact - 1)
        .mitigate(ctx.mitigation("keep-regulated-data-out",
                                 "Keep the regulated data out of the service (tokenise or segregate it)", 25000, 5000),
                  1, 2)
        .fair(frequency_for(likelihood - 2), ctx.regulatory_loss(1.5));
    ctx.add(std::move(f));
}

} // namespace

void evaluate_provider(Context& ctx) {
    shared_responsibility(ctx);
    vendor_lock_in(ctx);
    supply_chain(ctx);
    multi_tenancy(ctx);
    regulated_attestation(ctx);
}

} // namespace fulcrum::cloud
