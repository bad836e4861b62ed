// Where the lake's data goes: other jurisdictions, third parties, back to the
// people it describes (their rights), and into copies nobody inventories.
#include "groups.hpp"
#include "rules.hpp"

#include <algorithm>
#include <cctype>

namespace fulcrum::bigdata {
namespace {

std::string residency_text(const Facts& f) {
    const json* residency = f.p.find("/data/residency");
    std::vector<std::string> places;
    if (residency != nullptr && residency->is_array()) {
        for (const auto& r : *residency) {
            if (r.is_string()) {
                std::string place = r.get<std::string>();
                if (place.size() <= 3) { // a code such as "eu" or "us" reads as "EU", "US"
                    std::transform(place.begin(), place.end(), place.begin(),
                                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
                }
                places.push_back(place);
            }
        }
    }
    return places.empty() ? std::string("the jurisdiction where it was collected") : join(places, "or");
}

void cross_border(const Facts& f, Contribution& out) {
    if (!f.is_personal()) {
        return;
    }
    if (!f.cross_border) {
        out.ask(k_cross_border, "/data/cross_border_transfer",
                "Will any copy of the lake's personal data, any analyst who queries it, or the platform's support "
                "staff be outside " +
                    residency_text(f) + "?");
        return;
    }
    if (!*f.cross_border) {
        return;
    }
    const bool safeguards = f.in_place("dpa_signed");
    const int likelihood = safeguards ? 2 : 4;
    const int impact = level(2 + (f.gdpr ? 1 : 0) + (f.special ? 1 : 0) + (f.regulated ? 1 : 0));
    Risk risk(k_cross_border);
    risk.likelihood(likelihood)
        .impact(impact)
        .concern("cross-border-transfer")
        .rationale("Personal data in the lake (" + f.records_text() + ") will be transferred outside " +
                   residency_text(f) +
                   (safeguards ? ". Transfer terms are signed; what remains is keeping the transfer assessment "
                                 "current as the lake grows and new analysts and replicas appear."
                               : " without signed transfer safeguards. A regulator can order the transfer, and with "
                                 "it the analytics that depend on it, stopped."))
        .mitigation(Mitigation("transfer-mechanism", "Standard contractual clauses or another Article 46 mechanism, "
                                                     "with a transfer impact assessment")
                        .control("dpa_signed")
                        .cost(12000 * f.scale, 3000 * f.scale)
                        .leaves(cap(1, likelihood), cap(impact - 1, impact)))
        .mitigation(Mitigation("pseudonymise-before-transfer", "Transfer only pseudonymised data and keep the "
                                                               "re-identification keys at home")
                        .control("anonymization")
                        .cost(15000 * f.scale, 5000 * f.scale)
                        .leaves(cap(2, likelihood), cap(impact - 2, impact)))
        .mitigation(Mitigation("keep-in-region", "Keep the lake and its replicas in region; remote analysts work "
                                                 "through an in-region virtual desktop")
                        .cost(20000 * f.scale, 15000 * f.scale)
                        .leaves(cap(1, likelihood), cap(2, impact)))
        .fair({0.02, 0.08, 0.3}, sdk::Range{50000, 250000, 2500000}.scaled(f.scale * (f.special ? 2 : 1)));
    cite(risk, f, {"/data/cross_border_transfer", "/data/residency", f.control_ptr("dpa_signed")});
    out.add(std::move(risk));
}

void sharing(const Facts& f, Contribution& out) {
    if (!f.sensitive()) {
        return;
    }
    if (!f.sharing_known) {
        out.ask(k_sharing, f.lake.field("shared_with"),
                "Will extracts of the lake go to anyone outside the organisation (partners, researchers, vendors, "
                "group companies)? Name them, or state that there are none.");
        return;
    }
    if (f.shared_with.empty()) {
        return;
    }
    const size_t recipients = f.shared_with.size();
    const bool agreements = f.in_place("dpa_signed");
    const int likelihood =
        level(3 + (recipients >= 3 ? 1 : 0) - (agreements ? 1 : 0) - (f.in_place("vendor_assessment") ? 1 : 0));
    const int impact = f.data_impact();
    Risk risk(k_sharing);
    risk.likelihood(likelihood)
        .impact(impact)
        .concern("third-party-data-sharing")
        .rationale("Extracts of " + f.data_text() + " go to " + join(f.shared_with) +
                   ". Once shared, the data is protected only by the recipient's controls and the contract; " +
                   (agreements ? "agreements are signed, so the gap is knowing what each recipient holds and "
                                 "getting it deleted when the purpose ends."
                               : "no data sharing agreement is in place, so there is no enforceable limit on use, "
                                 "onward sharing or deletion."))
        .mitigation(Mitigation("sharing-agreements", "Data sharing agreement per recipient: purpose, security "
                                                     "requirements, no onward sharing, deletion at the end")
                        .control("dpa_signed")
                        .cost(8000 * f.scale * static_cast<double>(std::min<size_t>(recipients, 5)), 2000 * f.scale)
                        .leaves(cap(2, likelihood), cap(impact, impact)))
        .mitigation(Mitigation("governed-sharing", "Share only minimised, pseudonymised extracts through one "
                                                   "governed channel that logs every disclosure")
                        .control("data_minimization")
                        .cost(20000 * f.scale, 8000 * f.scale)
                        .leaves(cap(2, likelihood), cap(impact - 1, impact)))
        .mitigation(Mitigation("assess-recipients", "Assess each recipient's security before the first transfer "
                                                    "and yearly after")
                        .control("vendor_assessment")
                        .cost(4000 * f.scale * static_cast<double>(std::min<size_t>(recipients, 5)),
                              3000 * f.scale * static_cast<double>(std::min<size_t>(recipients, 5)))
                        .leaves(cap(likelihood - 1, likelihood), cap(impact, impact)))
        .fair(sdk::Range{0.03, 0.08, 0.25}.scaled(static_cast<double>(std::min<size_t>(recipients, 5))),
              f.breach_magnitude().scaled(0.3));
    cite(risk, f, {f.lake.field("shared_with"), "/data/classification", f.control_ptr("dpa_signed")});
    out.add(std::move(risk));
}

void subject_rights(const Facts& f, Contribution& out) {
    if (!f.is_personal() || f.records.value_or(0) < 1e4) {
        return;
    }
    const bool lineage = f.in_place("data_lineage");
    const bool process = f.in_place("dsr_process");
    if (lineage && process) {
        return;
    }
    const int likelihood = level(3 + (f.sources.size() >= 4 ? 1 : 0) - (lineage ? 1 : 0) - (process ? 1 : 0));
    // A missed request is a complaint and an order to comply, not a breach: at most 4.
    const int impact = std::min(4, 2 + (f.gdpr ? 1 : 0) + (*f.records >= 1e6 ? 1 : 0) + (f.regulated ? 1 : 0));
    Risk risk(k_subject_rights);
    risk.likelihood(likelihood)
        .impact(impact)
        .rationale("With " + f.records_text() +
                   " about people, access and erasure requests are routine; the law "
                   "gives a month to answer. In a lake each person's data is copied into raw, curated and derived "
                   "tables" +
                   (lineage   ? ", and lineage shows where, but no process is in place to act on it."
                    : process ? "; a request process exists, but without lineage it depends on people "
                                "remembering every copy."
                              : " and nothing records where, so requests will miss copies or the deadline."))
        .mitigation(Mitigation("request-process", f.small ? "A documented request procedure with a checklist of "
                                                            "every table and backup that holds personal data"
                                                          : "A tracked request workflow that finds every copy "
                                                            "through the catalog and deletes or masks it")
                        .control("dsr_process")
                        .cost((f.small ? 4000 : 20000) * f.scale, (f.small ? 2000 : 10000) * f.scale)
                        .leaves(cap(1, likelihood), cap(impact, impact)))
        .mitigation(Mitigation("person-keyed-lineage", "Lineage of personal-data fields from source to derived "
                                                       "tables, keyed by a pseudonymous person id")
                        .control("data_lineage")
                        .cost(25000 * f.scale, 8000 * f.scale)
                        .leaves(cap(2, likelihood), cap(impact, impact)))
        .fair({0.05, 0.2, 0.6}, sdk::Range{10000, 60000, 500000}.scaled(f.scale));
    cite(risk, f, {"/data/records", "/data/personal_data", f.control_ptr("dsr_process")});
    out.add(std::move(risk));
}

void shadow_copies(const Facts& f, Contribution& out) {
    if (!f.sensitive()) {
        return;
    }
    if (!f.non_production_copies) {
        out.ask(k_shadow_copies, f.lake.field("non_production_copies"),
                "Will production data be copied into development, test or data-science sandboxes, and is it "
                "masked before it gets there?");
        return;
    }
    if (!*f.non_production_copies || f.in_place("data_masking")) {
        return;
    }
    const int likelihood = level(4 + (f.users.value_or(0) > f.settings.wide_access_users ? 1 : 0));
    const int impact = std::max(2, f.data_impact() - 1);
    Risk risk(k_shadow_copies);
    risk.likelihood(likelihood)
        .impact(impact)
        .rationale("Production " + f.data_text() +
                   " will be copied into non-production sandboxes without masking. Those copies sit outside the "
                   "lake's access rules, monitoring and retention, multiply with each project, and are where lake "
                   "data most often leaks.")
        .mitigation(Mitigation("mask-non-production", "Mask or synthesise personal and confidential fields before "
                                                      "data reaches any non-production environment")
                        .control("data_masking")
                        .cost(20000 * f.scale, 6000 * f.scale)
                        .leaves(cap(1, likelihood), cap(impact - 1, impact)))
        .mitigation(Mitigation("expire-sandboxes", "Register every sandbox with an owner and delete it after 90 "
                                                   "days unless renewed")
                        .cost(5000 * f.scale, 3000 * f.scale)
                        .leaves(cap(likelihood - 2, likelihood), cap(impact, impact)))
        .fair({0.1, 0.3, 0.8}, f.breach_magnitude().scaled(0.3));
    cite(risk, f, {f.lake.field("non_production_copies"), "/data/classification", f.control_ptr("data_masking")});
    out.add(std::move(risk));
}

} // namespace

void data_flow_risks(const Facts& f, Contribution& out) {
    cross_border(f, out);
    sharing(f, out);
    subject_rights(f, out);
    shadow_copies(f, out);
}

} // namespace fulcrum::bigdata
