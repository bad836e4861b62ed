// Who can read the lake (analysts, administrators, pipelines holding source
// credentials), whether that access is reviewed, and whether misuse shows.
#include "groups.hpp"
#include "rules.hpp"

#include <algorithm>

namespace fulcrum::bigdata {
namespace {

std::string users_text(const Facts& f) {
    return f.users ? count_text(*f.users) + " people" : std::string("an unknown number of people");
}

void access(const Facts& f, Contribution& out) {
    if (!f.sensitive()) {
        return;
    }
    if (!f.users) {
        out.ask(k_access, f.lake.field("users"),
                "How many people will be able to query the lake, and are their rights set per table, row or "
                "column?");
        return;
    }
    const double wide = f.settings.wide_access_users;
    const bool fine_grained = f.in_place("fine_grained_access");
    const bool mfa = f.in_place("mfa");
    const int likelihood =
        level(2 + (*f.users > wide ? 1 : 0) + (*f.users > 10 * wide ? 1 : 0) + (mfa ? 0 : 1) - (fine_grained ? 1 : 0));
    const int impact = f.data_impact();
    std::string why = users_text(f) + " will be able to query " + f.data_text() +
                      " that the source systems kept "
                      "apart.";
    why += fine_grained ? " Row- and column-level rules limit what each role sees."
                        : " Without row- and column-level rules, every one of them can read all of it.";
    why += mfa ? "" : " Sign-in is not protected by multi-factor authentication, so one phished password is enough.";
    Risk risk(k_access);
    risk.likelihood(likelihood)
        .impact(impact)
        .rationale(why)
        .mitigation(Mitigation("fine-grained-access", "Row- and column-level access by role and purpose, with "
                                                      "sensitive columns masked by default")
                        .control("fine_grained_access")
                        .cost(25000 * f.scale, 8000 * f.scale)
                        .leaves(cap(1, likelihood), cap(impact - 1, impact)))
        .mitigation(Mitigation("mfa-sso", "Single sign-on with phishing-resistant MFA for every lake account, "
                                          "including service consoles")
                        .control("mfa")
                        .cost(8000 * f.scale, 5000 * f.scale)
                        .leaves(cap(likelihood - 1, likelihood), cap(impact, impact)))
        .fair(sdk::Range{0.05, 0.15, 0.5}.scaled(*f.users > wide ? 2 : 1), f.breach_magnitude());
    cite(risk, f,
         {f.lake.field("users"), "/data/classification", f.control_ptr("fine_grained_access"), f.control_ptr("mfa")});
    out.add(std::move(risk));
}

void access_reviews(const Facts& f, Contribution& out) {
    if (!f.sensitive() || f.in_place("access_reviews") || !f.users || *f.users < 10) {
        return;
    }
    const int likelihood = level(3 + (*f.users > f.settings.wide_access_users ? 1 : 0));
    const int impact = std::max(2, f.data_impact() - 1);
    // About two hours of owner time per account a year, in quarterly rounds.
    const double annual = std::max(2000.0, *f.users * 120.0) * (f.small ? 0.6 : 1.0);
    Risk risk(k_access_reviews);
    risk.likelihood(likelihood)
        .impact(impact)
        .rationale("Access for " + users_text(f) +
                   " is granted but never recertified. Analysts change projects and leave; within a year a "
                   "large share of accounts can read data they no longer need, and a leaver's account is an "
                   "open door.")
        .mitigation(Mitigation("access-recertification",
                               f.small ? "Quarterly review of lake accounts by each data owner, with leavers "
                                         "removed on their last day"
                                       : "Quarterly access recertification in the identity governance tool, with "
                                         "leavers and unused accounts removed automatically")
                        .control("access_reviews")
                        .cost((f.small ? 2000 : 15000) * f.scale, annual)
                        .leaves(cap(1, likelihood), cap(impact, impact)))
        .fair({0.05, 0.1, 0.3}, f.breach_magnitude().scaled(0.2));
    cite(risk, f, {f.lake.field("users"), f.control_ptr("access_reviews")});
    out.add(std::move(risk));
}

void insider(const Facts& f, Contribution& out) {
    const bool concentrated = f.records.value_or(0) >= 1e5 || f.special || f.classification >= 4;
    if (!f.sensitive() || !concentrated) {
        return;
    }
    const bool pam = f.in_place("privileged_access_management");
    const bool logged = f.in_place("logging_monitoring");
    if (pam && logged) {
        return;
    }
    const int likelihood = level(2 + (pam ? 0 : 1) + (logged ? 0 : 1));
    const int impact = f.data_impact();
    Risk risk(k_insider);
    risk.likelihood(likelihood)
        .impact(impact)
        .rationale("Platform administrators and data engineers can read all " + f.data_text() + " (" +
                   f.records_text() + ") in clear, bypassing table-level access" +
                   (pam      ? "; their elevation is controlled, but their use of it is not logged and reviewed."
                    : logged ? "; their use is logged, but their access is standing rather than granted per "
                               "task."
                             : ", with standing access and no record of what they read. A single compromised "
                               "or disgruntled administrator is a total breach."))
        .mitigation(Mitigation("privileged-access", f.small ? "Named administrator accounts used only through a "
                                                              "logged jump host, with a monthly review of their use"
                                                            : "Privileged access management: just-in-time elevation, "
                                                              "session recording, no standing access to data")
                        .control("privileged_access_management")
                        .cost((f.small ? 5000 : 40000) * f.scale, (f.small ? 3000 : 20000) * f.scale)
                        .leaves(cap(1, likelihood), cap(impact, impact)))
        .mitigation(Mitigation("keys-admins-lack", "Encrypt the most sensitive columns with keys that platform "
                                                   "administrators do not hold")
                        .control("customer_managed_keys")
                        .cost(25000 * f.scale, 8000 * f.scale)
                        .leaves(cap(likelihood, likelihood), cap(impact - 2, impact)))
        .fair({0.02, 0.05, 0.15}, f.breach_magnitude().scaled(0.5));
    cite(risk, f,
         {"/data/records", "/data/classification", "/data/special_categories",
          f.control_ptr("privileged_access_management")});
    out.add(std::move(risk));
}

void monitoring(const Facts& f, Contribution& out) {
    if (f.classification < 3 && !f.is_personal()) {
        return;
    }
    if (f.in_place("logging_monitoring")) {
        return;
    }
    const int likelihood = level(3 + (f.users.value_or(0) > f.settings.wide_access_users ? 1 : 0));
    const int impact = f.data_impact();
    Risk risk(k_monitoring);
    risk.likelihood(likelihood)
        .impact(impact)
        .rationale("Nobody would see a bulk export of " + f.data_text() +
                   ": the proposal has no logging and alerting on queries and downloads. Exfiltration from a data "
                   "platform looks like a large query; breaches found by "
                   "the victims rather than by monitoring last months longer and cost more.")
        .mitigation(Mitigation("query-monitoring",
                               f.small ? "Turn on the platform's audit log and review the largest queries and exports "
                                         "weekly"
                                       : "Log every query and export to the SIEM and alert on unusual volumes, "
                                         "off-hours bulk reads and new export destinations")
                        .control("logging_monitoring")
                        .cost((f.small ? 3000 : 15000) * f.scale, (f.small ? 4000 : 15000) * f.scale)
                        .leaves(cap(likelihood - 2, likelihood), cap(impact - 1, impact)))
        .fair({0.05, 0.15, 0.4}, f.breach_magnitude().scaled(0.6));
    cite(risk, f,
         {f.control_ptr("logging_monitoring"), "/data/classification", f.is_personal() ? "/data/personal_data" : "",
          f.lake.field("users")});
    out.add(std::move(risk));
}

void secrets(const Facts& f, Contribution& out) {
    if (f.sources.empty() || f.in_place("secrets_management")) {
        return;
    }
    const size_t sources = f.sources.size();
    const int likelihood = level(2 + (sources >= 3 ? 1 : 0) + (sources >= 8 ? 1 : 0));
    const int impact = std::max(3, f.data_impact());
    Risk risk(k_secrets);
    risk.likelihood(likelihood)
        .impact(impact)
        .rationale("Ingestion from " + join(f.sources) +
                   " needs a credential for each source system. Kept in job configurations, notebooks or "
                   "repositories, as is common, one leaked file opens every source, often with more than read "
                   "access.")
        .mitigation(Mitigation("secrets-manager", "Every pipeline credential in a secrets manager: short-lived, "
                                                  "read-only, rotated, and repositories scanned for secrets")
                        .control("secrets_management")
                        .cost(8000 * f.scale, 4000 * f.scale)
                        .leaves(cap(1, likelihood), cap(impact, impact)))
        .fair(sdk::Range{0.03, 0.1, 0.3}.scaled(sources >= 3 ? 1.5 : 1), f.breach_magnitude().scaled(0.5));
    cite(risk, f, {f.lake.field("sources"), f.control_ptr("secrets_management")});
    out.add(std::move(risk));
}

} // namespace

void access_risks(const Facts& f, Contribution& out) {
    access(f, out);
    access_reviews(f, out);
    insider(f, out);
    monitoring(f, out);
    secrets(f, out);
}

} // namespace fulcrum::bigdata
