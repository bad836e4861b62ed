// May the organisation hold and use this personal data in a lake, this way:
// classification and special categories, purpose, minimisation, retention,
// and whether "anonymised" outputs really are.
#include "groups.hpp"
#include "rules.hpp"

#include <algorithm>
#include <cmath>

namespace fulcrum::bigdata {
namespace {

std::string years_text(double days) {
    const double years = days / 365.0;
    return years >= 1.95 ? count_text(std::round(years)) + " years" : count_text(std::round(days)) + " days";
}

void special_category(const Facts& f, Contribution& out) {
    if (!f.personal) {
        out.ask(k_special_category, "/data/personal_data",
                "Will the lake hold personal data about customers, patients, staff or other people, and if so what "
                "kinds (for example contact, financial, health or location data)?");
        return;
    }
    if (*f.personal && !f.classification_known) {
        out.ask(k_special_category, "/data/classification",
                "How is the lake's data classified (public, internal, confidential or restricted)? Access, "
                "encryption and retention rules follow from the answer.");
    }
    if (!f.special) {
        return;
    }
    const bool under_classified = f.classification_known && f.classification < 3;
    const bool tagged = f.in_place("data_classification");
    int likelihood = 3 + (tagged ? -1 : 1) + (under_classified ? 1 : 0) - (f.in_place("dpia") ? 1 : 0);
    likelihood = level(likelihood);
    const int impact = level(4 + (f.records.value_or(0) >= 1e5 ? 1 : 0) + (f.regulated ? 1 : 0));
    std::string why = "The lake will hold " + f.data_text() + " (" + f.records_text() +
                      "). Processing special-category data needs an explicit Article 9 condition and, at this "
                      "scale, a data protection impact assessment before the first load.";
    if (under_classified) {
        why += " The data is classified only as " + *f.p.text("/data/classification") +
               ", so access, encryption and retention rules keyed to classification would under-protect it.";
    }
    why += tagged ? " Fields are tagged at ingestion, which lets access rules and deletion find them."
                  : " Nothing tags the sensitive fields as they arrive, so they cannot later be found to restrict, "
                    "mask or delete.";
    Risk risk(k_special_category);
    risk.likelihood(likelihood)
        .impact(impact)
        .rationale(why)
        .mitigation(Mitigation("tag-at-ingestion", "Classify and tag special-category fields as they are ingested, "
                                                   "and keep the tags with every derived table")
                        .control("data_classification")
                        .cost(15000 * f.scale, 5000 * f.scale)
                        .leaves(cap(2, likelihood), cap(impact, impact)))
        .mitigation(Mitigation("dpia", "Complete a data protection impact assessment and record the Article 9 "
                                       "condition for each source")
                        .control("dpia")
                        .cost(12000 * f.scale, 2000 * f.scale)
                        .leaves(cap(2, likelihood), cap(impact, impact)))
        .mitigation(Mitigation("restrict-special-columns", "Mask special-category columns by default; unmask only "
                                                           "for named roles with a recorded purpose")
                        .control("fine_grained_access")
                        .cost(20000 * f.scale, 6000 * f.scale)
                        .leaves(cap(1, likelihood), cap(impact - 1, impact)))
        .fair({0.02, 0.08, 0.3}, f.breach_magnitude().scaled(0.5));
    cite(risk, f,
         {"/data/special_categories", "/data/classification", "/data/records", f.control_ptr("data_classification")});
    out.add(std::move(risk));
}

void purpose(const Facts& f, Contribution& out) {
    if (!f.is_personal() || f.in_place("dpia") || (f.sources_known && f.sources.size() < 2)) {
        return;
    }
    const bool reused_outside = !f.shared_with.empty();
    const int likelihood = level(3 + (f.special || reused_outside ? 1 : 0));
    const int impact = level(2 + (f.gdpr ? 1 : 0) + (f.special ? 1 : 0) + (f.regulated ? 1 : 0));
    std::string why = "Data that " + (f.sources.empty() ? std::string("the source systems") : join(f.sources)) +
                      " collected for their own purposes will be pooled for analysis, which is a new purpose. Each "
                      "source needs a lawful basis that "
                      "covers the new use, and no impact assessment is recorded as done.";
    if (reused_outside) {
        why += " Sharing extracts with " + join(f.shared_with) + " widens the purpose further.";
    }
    Risk risk(k_purpose);
    risk.likelihood(likelihood)
        .impact(impact)
        .rationale(why)
        .mitigation(Mitigation("dpia-lawful-basis", "Impact assessment that records a lawful basis and a "
                                                    "compatibility test for each source before it is loaded")
                        .control("dpia")
                        .cost(15000 * f.scale, 3000 * f.scale)
                        .leaves(cap(1, likelihood), cap(impact, impact)))
        .mitigation(Mitigation("purpose-tags", "Tag each dataset with its permitted purposes and enforce them in "
                                               "access policies")
                        .control("data_classification")
                        .cost(10000 * f.scale, 4000 * f.scale)
                        .leaves(cap(2, likelihood), cap(impact, impact)))
        .fair({0.02, 0.08, 0.25}, sdk::Range{30000, 200000, 2000000}.scaled(f.scale * (f.special ? 2 : 1)));
    cite(risk, f, {f.lake.field("sources"), "/data/personal_data", f.control_ptr("dpia")});
    out.add(std::move(risk));
}

void minimisation(const Facts& f, Contribution& out) {
    if (!f.is_personal() || f.in_place("data_minimization")) {
        return;
    }
    const size_t sources = f.sources.size();
    const bool big = f.volume_tb.value_or(0) >= 100;
    const int likelihood = level(3 + (sources >= 4 ? 1 : 0) + (big ? 1 : 0));
    const int impact = std::max(2, f.data_impact() - 1);
    std::string why = "Personal data from " +
                      (sources > 0 ? count_text(static_cast<double>(sources)) + " source systems" : "the sources") +
                      (big ? " (" + count_text(*f.volume_tb) + " TB)" : std::string()) +
                      " is to be loaded with no rule that limits it to the fields the analysis needs. Every "
                      "unneeded field is exposure without benefit, and a regulator reads it as a breach of data "
                      "minimisation.";
    Risk risk(k_minimisation);
    risk.likelihood(likelihood)
        .impact(impact)
        .rationale(why)
        .mitigation(Mitigation("ingest-allow-list", "Ingest only fields on an allow-list, each with a named "
                                                    "analytical use and owner")
                        .control("data_minimization")
                        .cost(10000 * f.scale, 4000 * f.scale)
                        .leaves(cap(1, likelihood), cap(impact, impact)))
        .mitigation(Mitigation("tokenise-identifiers", "Replace names and direct identifiers with tokens at "
                                                       "ingestion; keep the token vault outside the lake")
                        .control("anonymization")
                        .cost(25000 * f.scale, 8000 * f.scale)
                        .leaves(cap(2, likelihood), cap(impact - 1, impact)))
        .fair({0.05, 0.15, 0.4}, f.breach_magnitude().scaled(0.3));
    cite(risk, f,
         {f.lake.field("sources"), f.lake.field("volume_tb"), "/data/personal_data",
          f.control_ptr("data_minimization")});
    out.add(std::move(risk));
}

void retention(const Facts& f, Contribution& out) {
    if (!f.is_personal()) {
        return;
    }
    if (!f.retention_days) {
        out.ask(k_retention, f.lake.field("retention_days"),
                "How long will the lake keep each person's records, and what deletes them when that time is up "
                "(including derived tables and backups)?");
        return;
    }
    const double days = *f.retention_days;
    const bool forever = days <= 0;
    const bool long_kept = forever || days > f.settings.max_retention_days;
    const bool policy = f.in_place("retention_policy");
    if (!long_kept && policy) {
        return;
    }
    const int likelihood = long_kept ? (policy ? 2 : 4) : 3;
    const int impact = std::max(2, f.data_impact() - (long_kept ? 0 : 1));
    std::string why = forever ? "The lake keeps personal data with no time limit"
                              : "The lake keeps personal data for " + years_text(days);
    if (long_kept && !forever) {
        why += ", beyond the " + years_text(f.settings.max_retention_days) +
               " this review treats as the norm for "
               "analytics";
    }
    why += policy ? ". A retention policy is in place; the longer period must be justified by law or purpose, and "
                    "deletion must reach derived tables and backups."
                  : ". Nothing enforces deletion, so the lake will accumulate every record it ever ingests: each "
                    "year adds to what a breach would expose, and storage limitation is breached.";
    // The loss that retention adds is the share of records kept beyond need.
    const double excess = forever     ? 0.6
                          : long_kept ? std::max(0.15, (days - f.settings.max_retention_days) / days)
                                      : 0.15;
    Risk risk(k_retention);
    risk.likelihood(likelihood)
        .impact(impact)
        .rationale(why)
        .mitigation(Mitigation("enforce-retention", "Retention schedule per dataset, enforced by automated lifecycle "
                                                    "deletion in raw, curated and derived tables and in backups")
                        .control("retention_policy")
                        .cost(12000 * f.scale, 3000 * f.scale)
                        .leaves(cap(1, likelihood), cap(impact - 1, impact)))
        .mitigation(Mitigation("age-out-to-aggregates", "Aggregate or anonymise records once they pass the "
                                                        "retention period instead of keeping them whole")
                        .control("anonymization")
                        .cost(15000 * f.scale, 4000 * f.scale)
                        .leaves(cap(2, likelihood), cap(impact - 2, impact)))
        .fair({0.05, 0.1, 0.3}, f.breach_magnitude().scaled(excess));
    cite(risk, f, {f.lake.field("retention_days"), "/data/personal_data", f.control_ptr("retention_policy")});
    out.add(std::move(risk));
}

void reidentification(const Facts& f, Contribution& out) {
    const ControlStatus anonymization = f.p.control("anonymization");
    const bool relies_on_anonymity = anonymization == ControlStatus::in_place ||
                                     anonymization == ControlStatus::planned || f.anonymized_outputs.value_or(false);
    const bool external = !f.shared_with.empty() || f.anonymized_outputs.value_or(false);
    if (!f.is_personal() || (!relies_on_anonymity && f.shared_with.empty())) {
        return;
    }
    const size_t sources = f.sources.size();
    const bool tested = f.in_place("reidentification_testing");
    const int likelihood = level(2 + (sources >= 3 ? 1 : 0) + (external ? 1 : 0) - (tested ? 1 : 0));
    const int impact = f.data_impact();
    std::string why = "The proposal relies on de-identified data being safe";
    if (external) {
        why += f.shared_with.empty() ? ", and will release de-identified datasets"
                                     : ", and shares extracts with " + join(f.shared_with);
    }
    why +=
        ". Removing names is not anonymisation: postcode (ZIP code), birth date and sex alone single out about 87% of "
        "Americans (Sweeney, 2000), and four location points single out 95% of people in mobility data (de "
        "Montjoye et al., 2013).";
    if (sources >= 3) {
        why += " Joining " + count_text(static_cast<double>(sources)) + " sources multiplies such quasi-identifiers.";
    }
    why += " Data that can be re-identified is still personal data, with all its obligations.";
    Risk risk(k_reidentification);
    risk.likelihood(likelihood)
        .impact(impact)
        .rationale(why)
        .mitigation(Mitigation("deidentification-standard", "A written de-identification standard (generalisation, "
                                                            "k-anonymity thresholds) and a motivated-intruder test "
                                                            "before every release")
                        .control("reidentification_testing")
                        .cost(20000 * f.scale, 8000 * f.scale)
                        .leaves(cap(1, likelihood), cap(impact - 1, impact)))
        .mitigation(Mitigation("aggregate-releases", "Release aggregates or differentially private statistics "
                                                     "instead of record-level extracts")
                        .cost(30000 * f.scale, 10000 * f.scale)
                        .leaves(cap(1, likelihood), cap(impact - 2, impact)))
        .mitigation(Mitigation("no-linkage-terms", "Contractual ban on re-identification and linkage for every "
                                                   "recipient, with audit rights")
                        .control("dpa_signed")
                        .cost(5000 * f.scale, 1000 * f.scale)
                        .leaves(cap(likelihood - 1, likelihood), cap(impact, impact)))
        .fair(sdk::Range{0.01, 0.05, 0.2}.scaled(external ? 2 : 1), f.breach_magnitude().scaled(0.5));
    cite(risk, f,
         {f.lake.field("anonymized_outputs"), f.lake.field("shared_with"), f.lake.field("sources"),
          f.control_ptr("anonymization")});
    out.add(std::move(risk));
}

} // namespace

void privacy_risks(const Facts& f, Contribution& out) {
    special_category(f, out);
    purpose(f, out);
    minimisation(f, out);
    retention(f, out);
    reidentification(f, out);
}

} // namespace fulcrum::bigdata
