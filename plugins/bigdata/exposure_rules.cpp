// How much one breach of the lake would expose, and how its storage and data
// flows are protected.
#include "groups.hpp"
#include "rules.hpp"

#include <algorithm>

namespace fulcrum::bigdata {
namespace {

void blast_radius(const Facts& f, Contribution& out) {
    if (!f.is_personal()) {
        return;
    }
    if (!f.records) {
        out.ask(k_blast_radius, "/data/records",
                "About how many records, and how many distinct people, will the lake hold at full size? The size "
                "of a breach, and who must be notified of it, depends on it.");
        return;
    }
    const bool segmented = f.in_place("network_segmentation");
    const int likelihood = level(2 + (f.users.value_or(0) > f.settings.wide_access_users ? 1 : 0) +
                                 (f.sources.size() >= 5 ? 1 : 0) - (segmented ? 1 : 0));
    const int impact = level(f.records_impact() + (f.special ? 1 : 0) + (f.regulated ? 1 : 0));
    const sdk::Range magnitude = f.breach_magnitude();
    std::string why = "The lake concentrates " + f.records_text() +
                      (f.sources.size() > 1 ? " from " + count_text(static_cast<double>(f.sources.size())) + " systems"
                                            : std::string()) +
                      " in one store, so one stolen analyst account or misconfigured bucket can expose all of them. "
                      "A breach of this size must be reported to the regulator within 72 hours and, for high-risk "
                      "data, to every person affected; the review's loss estimate for one breach is " +
                      money_text(f, magnitude.likely) + " (from " + money_text(f, magnitude.low) + " to " +
                      money_text(f, magnitude.high) + ").";
    if (segmented) {
        why += " The lake is segmented, which limits how far one foothold reaches.";
    }
    Risk risk(k_blast_radius);
    risk.likelihood(likelihood)
        .impact(impact)
        .rationale(why)
        .mitigation(Mitigation("zone-the-lake", "Separate raw, curated and restricted zones on their own storage "
                                                "accounts and networks, with no direct internet path")
                        .control("network_segmentation")
                        .cost(30000 * f.scale, 10000 * f.scale)
                        .leaves(cap(likelihood - 1, likelihood), cap(impact - 1, impact)))
        .mitigation(Mitigation("tokenise-identities", "Tokenise direct identifiers so that analytical zones hold "
                                                      "no names, contact details or national ids")
                        .control("anonymization")
                        .cost(40000 * f.scale, 12000 * f.scale)
                        .leaves(cap(likelihood, likelihood), cap(impact - 2, impact)))
        .mitigation(Mitigation("breach-readiness", "A breach-response plan rehearsed against the 72-hour clock, "
                                                   "with a forensics and notification retainer")
                        .control("incident_response_plan")
                        .cost(15000 * f.scale, 10000 * f.scale)
                        .leaves(cap(likelihood, likelihood), cap(impact - 1, impact)))
        .fair(sdk::Range{0.03, 0.1, 0.3}.scaled(likelihood / 2.0), magnitude);
    cite(risk, f,
         {"/data/records", "/data/special_categories", f.lake.field("sources"), f.control_ptr("network_segmentation")});
    out.add(std::move(risk));
}

void encryption(const Facts& f, Contribution& out) {
    if (!f.sensitive()) {
        return;
    }
    const bool at_rest = f.in_place("encryption_at_rest");
    const bool in_transit = f.in_place("encryption_in_transit");
    const bool own_keys = f.in_place("customer_managed_keys");
    const bool needs_own_keys = f.classification >= 4 || f.special;
    if (at_rest && in_transit && (own_keys || !needs_own_keys)) {
        return;
    }
    const int likelihood = !at_rest || !in_transit ? 3 : 2;
    const int impact = f.data_impact();
    std::vector<std::string> gaps;
    if (!at_rest) {
        gaps.push_back("storage and snapshots are not shown as encrypted at rest");
    }
    if (!in_transit) {
        gaps.push_back("ingestion links from the sources are not shown as encrypted in transit");
    }
    if (needs_own_keys && !own_keys) {
        gaps.push_back("the keys are held by the platform provider, not the organisation");
    }
    const double volume = f.volume_tb.value_or(0);
    Risk risk(k_encryption);
    risk.likelihood(likelihood)
        .impact(impact)
        .rationale("The lake will hold " + f.data_text() +
                   (volume > 0 ? " (" + count_text(volume) + " TB)" : std::string()) + ", but " + join(gaps) +
                   ". A lost disk, a misconfigured bucket or an intercepted feed would expose the data in clear" +
                   (needs_own_keys && !own_keys ? ", and the provider (or anyone who compels it) could read it." : "."))
        .mitigation(Mitigation("encrypt-storage", "Encrypt all lake storage, snapshots and exports at rest")
                        .control("encryption_at_rest")
                        .cost(5000 * f.scale, 2000 * f.scale)
                        .leaves(cap(2, likelihood), cap(impact - 1, impact)))
        .mitigation(Mitigation("encrypt-feeds", "TLS on every ingestion link and between platform nodes")
                        .control("encryption_in_transit")
                        .cost(6000 * f.scale, 2000 * f.scale)
                        .leaves(cap(2, likelihood), cap(impact - 1, impact)))
        .mitigation(Mitigation("own-keys", "Customer-managed keys in a KMS or HSM, with key use logged and "
                                           "separated from platform administration")
                        .control("customer_managed_keys")
                        .cost(20000 * f.scale, 10000 * f.scale)
                        .leaves(cap(1, likelihood), cap(impact - 2, impact)))
        .fair({0.02, 0.08, 0.25}, f.breach_magnitude());
    cite(risk, f,
         {f.control_ptr("encryption_at_rest"), f.control_ptr("encryption_in_transit"),
          f.control_ptr("customer_managed_keys"), "/data/classification"});
    out.add(std::move(risk));
}

} // namespace

void exposure_risks(const Facts& f, Contribution& out) {
    blast_radius(f, out);
    encryption(f, out);
}

} // namespace fulcrum::bigdata
