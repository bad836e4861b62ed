// Who can sign in, and with what rights: MFA, administrators, and accounts
// that live outside the corporate identity provider.
#include "catalog.hpp"
#include "rules.hpp"

namespace fulcrum::cloud {
namespace {

using namespace fulcrum::firstparty;

void identity_mfa(Context& ctx) {
    const ControlStatus mfa = ctx.p.control("mfa");
    if (mfa == ControlStatus::in_place) {
        return;
    }
    if (mfa == ControlStatus::unknown) {
        ctx.ask(k_identity_mfa, "/controls",
                "Which security controls are in place or planned for this service (for example MFA, single sign-on, "
                "encryption, logging, backups, a disaster-recovery plan)?");
    }
    const int likelihood = ctx.deployment == "private" ? 3 : 4;
    const int impact = ctx.data_impact;
    std::string why;
    if (mfa == ControlStatus::planned) {
        why = "Multi-factor authentication is planned but not yet enforced; until it is, a password alone opens ";
    } else if (mfa == ControlStatus::unknown) {
        why = "The proposal does not say whether signing in needs more than a password; if not, one password opens ";
    } else {
        why = "Nobody needs more than a password to sign in to ";
    }
    why += "this " + ctx.model_name() + " service, which will hold " + ctx.data_phrase() +
           ". Passwords are phished, reused and sold in bulk, and public breach studies such as Verizon's yearly Data "
           "Breach Investigations Report put stolen credentials among the commonest ways in.";
    if (ctx.in_place("sso")) {
        why += " Sign-in goes through the corporate identity provider, which helps, but without a second factor a "
               "stolen password still works.";
    }
    const std::string mfa_title =
        ctx.small() ? "Turn on MFA for every account (authenticator app or security key), admins first"
                    : "Enforce phishing-resistant MFA for every account";
    Finding f(k_identity_mfa, likelihood, impact);
    f.why(why)
        .evidence(ctx.p.control_pointer("mfa"))
        .data_facts(ctx.p)
        .mitigate(ctx.mitigation("enforce-mfa", mfa_title, 8000, 6000).control("mfa"), 1, impact)
        .mitigate(ctx.mitigation("sso", "Federate sign-in through the corporate identity provider", 15000, 4000)
                      .control("sso"),
                  likelihood - 1, impact)
        .fair(frequency_for(likelihood), ctx.breach);
    ctx.add(std::move(f));
}

void privileged_access(Context& ctx) {
    if (ctx.in_place("privileged_access_management")) {
        return;
    }
    // A small firm has few administrators, but usually shares their accounts.
    const int likelihood = (ctx.model == "iaas" ? 4 : 3) - (ctx.small() ? 1 : 0);
    const int impact = ctx.business_impact();
    std::string why = "Whoever administers this " + ctx.model_name() + " tenant can read and export all of its " +
                      ctx.data_phrase() +
                      ", switch off its security settings and delete it, including backups kept in the same tenant.";
    if (ctx.model == "iaas") {
        why += " In IaaS the owner account also controls the networks, the encryption keys and the audit logs.";
    }
    why += ctx.in_place("access_reviews")
               ? " Access is reviewed, but administrator rights are held permanently rather than granted when needed."
               : " Nothing in the proposal limits who holds these rights or checks them.";
    const auto pam = ctx.small() ? ctx.mitigation("limit-admins",
                                                  "Limit administrators to two named people with separate admin "
                                                  "accounts, MFA and a sealed emergency account",
                                                  3000, 1000)
                                 : ctx.mitigation("privileged-access",
                                                  "Privileged access management: admin rights granted just in time, "
                                                  "approved and recorded, no standing owners",
                                                  25000, 15000);
    Finding f(k_privileged_access, likelihood, impact);
    f.why(why)
        .evidence(ctx.p.control_pointer("privileged_access_management"))
        .evidence(ctx.cloud.field("service_model"))
        .data_facts(ctx.p)
        .mitigate(sdk::Mitigation(pam).control("privileged_access_management"), 1, impact)
        .mitigate(ctx.mitigation("access-reviews", "Review administrator and user rights every quarter", 3000, 5000)
                      .control("access_reviews"),
                  likelihood - 1, impact)
        .fair(frequency_for(likelihood - 1), ctx.breach);
    ctx.add(std::move(f));
}

void unmanaged_accounts(Context& ctx) {
    if (ctx.in_place("sso")) {
        return;
    }
    const int likelihood = ctx.big() ? 4 : ctx.small() ? 2 : 3;
    const int impact = ctx.data_impact;
    std::string why = "Staff will sign in to this " + ctx.model_name() +
                      " service with accounts of its own rather than through the corporate identity provider. Nothing "
                      "removes those accounts when people leave or change roles, and other teams can open further "
                      "accounts that IT never sees (shadow IT).";
    if (ctx.big()) {
        why += " At this organisation's size, with joiners and leavers every week, forgotten accounts with access to "
               "the data are a certainty rather than a risk.";
    }
    Finding f(k_unmanaged_accounts, likelihood, impact);
    f.why(why)
        .evidence(ctx.p.control_pointer("sso"))
        .facts(ctx.p, {"/organization/size"})
        .mitigate(ctx.mitigation("sso-provisioning",
                                 "Single sign-on with automatic provisioning and removal of accounts (SCIM)", 15000,
                                 4000)
                      .control("sso"),
                  1, impact)
        .mitigate((ctx.small()
                       ? ctx.mitigation("access-reviews",
                                        "Close leavers' accounts on their last day (add it to the leaving checklist) "
                                        "and check the user list every quarter",
                                        500, 500)
                       : ctx.mitigation("access-reviews", "Review who has an account every quarter and remove leavers",
                                        3000, 5000))
                      .control("access_reviews"),
                  likelihood - 1, impact);
    if (ctx.big()) {
        f.mitigate(ctx.mitigation("saas-discovery",
                                  "Discover unmanaged accounts and other instances of the service (SaaS discovery "
                                  "or a cloud access security broker)",
                                  20000, 15000)
                       .control("saas_discovery"),
                   likelihood - 1, impact);
    }
    Range magnitude = ctx.breach.scaled(0.5);
    f.fair(frequency_for(likelihood - 1), magnitude);
    ctx.add(std::move(f));
}

} // namespace

void evaluate_identity(Context& ctx) {
    identity_mfa(ctx);
    privileged_access(ctx);
    unmanaged_accounts(ctx);
}

} // namespace fulcrum::cloud
