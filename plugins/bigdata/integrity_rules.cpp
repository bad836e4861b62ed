// Can the lake's data be trusted (lineage, quality, pipeline integrity),
// recovered (backup) and moved (lock-in)?
#include "groups.hpp"
#include "rules.hpp"

#include <algorithm>

namespace fulcrum::bigdata {
namespace {

std::string uses_text(const Facts& f) {
    return f.consumers.empty() ? std::string("its reports") : join(f.consumers);
}

void lineage(const Facts& f, Contribution& out) {
    if (!f.sources_known) {
        out.ask(k_lineage, f.lake.field("sources"),
                "Which source systems will feed the lake? Lineage, pipeline credentials and data-quality checks "
                "all scale with them.");
        return;
    }
    if (f.sources.size() < 2 || f.in_place("data_lineage")) {
        return;
    }
    const size_t sources = f.sources.size();
    const int likelihood = level(2 + (sources >= 4 ? 1 : 0) + (sources >= 8 ? 1 : 0));
    // Missing lineage slows every answer but exposes nothing itself: at most 4.
    const int impact = std::min(4, 2 + (f.is_personal() ? 1 : 0) + (f.feeds_decisions() ? 1 : 0) +
                                       (f.regulated && f.feeds_decisions() ? 1 : 0));
    Risk risk(k_lineage);
    risk.likelihood(likelihood)
        .impact(impact)
        .rationale("Data from " + count_text(static_cast<double>(sources)) + " sources (" + join(f.sources) +
                   ") will feed " + uses_text(f) +
                   " with no record of which source feeds which table. When a figure is wrong, a source changes" +
                   (f.is_personal() ? ", or a regulator asks where personal data went,"
                                    : " or an auditor asks where a number came from,") +
                   " nobody can answer without weeks of archaeology.")
        .mitigation(Mitigation("lineage", f.small ? "A data-flow register: each table's sources, owner and "
                                                    "personal-data fields, updated with every new pipeline"
                                                  : "Automated lineage in the data catalog from source to report, "
                                                    "including personal-data fields")
                        .control("data_lineage")
                        .cost((f.small ? 3000 : 30000) * f.scale, (f.small ? 1500 : 12000) * f.scale)
                        .leaves(cap(1, likelihood), cap(impact, impact)))
        .fair({0.1, 0.3, 0.8}, sdk::Range{10000, 50000, 300000}.scaled(f.scale));
    cite(risk, f, {f.lake.field("sources"), f.lake.field("consumers"), f.control_ptr("data_lineage")});
    out.add(std::move(risk));
}

void quality(const Facts& f, Contribution& out) {
    if (!f.sources_known) {
        return; // lineage has asked for the sources
    }
    if (!f.consumers_known) {
        out.ask(k_quality, f.lake.field("consumers"),
                "What will the lake's data feed: dashboards, models, financial or regulatory reports, decisions "
                "about customers or patients? The cost of a data error depends on it.");
        return;
    }
    if (f.in_place("data_quality_checks") || (f.sources.size() < 2 && !f.feeds_decisions())) {
        return;
    }
    const bool decisions = f.feeds_decisions();
    const int likelihood = level(3 + (f.sources.size() >= 5 ? 1 : 0));
    const bool operational = f.feeds({"ml_training", "customer_facing", "predictive_maintenance", "operations"});
    const int impact = level((decisions ? 4 : operational ? 3 : 2) + (decisions && f.regulated ? 1 : 0));
    Risk risk(k_quality);
    risk.likelihood(likelihood)
        .impact(impact)
        .rationale("Data merged from " + count_text(static_cast<double>(f.sources.size())) + " sources will feed " +
                   uses_text(f) + " with no validation at ingestion. Sources disagree, duplicate and drift; " +
                   (decisions     ? "here the errors reach decisions and reports that people, auditors or regulators "
                                    "rely on."
                    : operational ? "the errors become wrong predictions and operational calls."
                                  : "the errors surface as reports nobody trusts."))
        .mitigation(Mitigation("validate-at-ingestion", "Validate schemas and business rules at ingestion, "
                                                        "quarantine failing records, publish a quality score per "
                                                        "table")
                        .control("data_quality_checks")
                        .cost(20000 * f.scale, 10000 * f.scale)
                        .leaves(cap(1, likelihood), cap(impact - 1, impact)))
        .mitigation(Mitigation("data-owners", "A named owner for each source who is accountable for its quality")
                        .cost(2000 * f.scale, 5000 * f.scale)
                        .leaves(cap(2, likelihood), cap(impact, impact)))
        .fair({0.2, 0.5, 1.5}, sdk::Range{5000, 40000, 400000}.scaled(f.scale * (decisions ? 3 : 1)));
    cite(risk, f, {f.lake.field("consumers"), f.lake.field("sources"), f.control_ptr("data_quality_checks")});
    out.add(std::move(risk));
}

void pipeline(const Facts& f, Contribution& out) {
    if (f.sources.empty() || f.in_place("change_management")) {
        return;
    }
    const bool decisions = f.feeds_decisions();
    const int likelihood = level(2 + (f.sources.size() >= 5 ? 1 : 0) + (f.in_place("logging_monitoring") ? 0 : 1));
    const int impact = level((decisions ? 4 : 3) + (decisions && f.regulated ? 1 : 0));
    Risk risk(k_pipeline);
    risk.likelihood(likelihood)
        .impact(impact)
        .rationale("The pipelines that load and transform " + count_text(static_cast<double>(f.sources.size())) +
                   " sources are code that rewrites the organisation's data, yet nothing puts changes to them "
                   "under change control. A careless or malicious edit would silently corrupt every table downstream" +
                   (decisions ? ", including " + uses_text(f) + "." : "."))
        .mitigation(Mitigation("pipelines-as-code", "Pipelines as code: peer review, automated tests and "
                                                    "controlled deployment; no edits in production notebooks")
                        .control("change_management")
                        .cost(15000 * f.scale, 6000 * f.scale)
                        .leaves(cap(1, likelihood), cap(impact, impact)))
        .mitigation(Mitigation("load-reconciliation", "Reconcile record counts and checksums between each source "
                                                      "and the lake on every load")
                        .control("data_quality_checks")
                        .cost(10000 * f.scale, 4000 * f.scale)
                        .leaves(cap(2, likelihood), cap(impact - 1, impact)))
        .fair({0.05, 0.2, 0.5}, sdk::Range{10000, 80000, 800000}.scaled(f.scale * (decisions ? 2 : 1)));
    cite(risk, f, {f.lake.field("sources"), f.control_ptr("change_management")});
    out.add(std::move(risk));
}

void backup(const Facts& f, Contribution& out) {
    if (f.in_place("backup")) {
        return;
    }
    if (f.criticality.empty() && !f.rebuildable) {
        out.ask(k_backup, f.lake.field("rebuildable_from_sources"),
                "If the lake were deleted or encrypted by ransomware tomorrow, could it be rebuilt from the source "
                "systems, and how long would that take?");
        return;
    }
    if (f.criticality == "low" && f.rebuildable.value_or(false)) {
        return;
    }
    const int base = f.criticality == "mission_critical" ? 5
                     : f.criticality == "high"           ? 4
                     : f.criticality == "low"            ? 2
                                                         : 3;
    const int impact = level(base + (f.rebuildable ? (*f.rebuildable ? -1 : 1) : 0));
    const int likelihood = level(2 + (f.in_place("change_management") ? 0 : 1));
    const double volume = f.volume_tb.value_or(0);
    std::string why = "The lake" + (volume > 0 ? " (" + count_text(volume) + " TB)" : std::string()) +
                      " has no backup of its own. Replicated object storage copies a bad job's overwrite or a "
                      "ransomware encryption as faithfully as good data.";
    if (f.rebuildable) {
        why += *f.rebuildable ? " It could be rebuilt from the sources, at the cost of days of reprocessing."
                              : " It cannot be rebuilt from the sources, so history lost here is lost for good.";
    }
    // Backup storage at roughly 300 a terabyte a year for a second, immutable copy.
    Risk risk(k_backup);
    risk.likelihood(likelihood)
        .impact(impact)
        .rationale(why)
        .mitigation(Mitigation("immutable-backups", "Immutable, versioned backups of curated data in a separate "
                                                    "account, with a restore test every quarter")
                        .control("backup")
                        .cost(10000 * f.scale, 5000 * f.scale + 300 * volume)
                        .leaves(cap(1, likelihood), cap(impact - 2, impact)))
        .mitigation(Mitigation("table-versioning", "Table versioning with enough history to undo a bad job")
                        .cost(3000 * f.scale, 1000 * f.scale + 60 * volume)
                        .leaves(cap(likelihood - 1, likelihood), cap(impact - 1, impact)))
        .fair({0.02, 0.1, 0.3}, sdk::Range{20000, 150000, 1500000}.scaled(f.scale * (base >= 4 ? 2 : 1)));
    cite(risk, f,
         {f.control_ptr("backup"), "/resilience/criticality", f.lake.field("rebuildable_from_sources"),
          f.lake.field("volume_tb")});
    out.add(std::move(risk));
}

void lock_in(const Facts& f, Contribution& out) {
    if (!f.platform) {
        out.ask(k_lock_in, f.lake.field("platform"),
                "Which platform will hold the lake (product and provider), and is it managed or self-hosted?");
        return;
    }
    if (f.p.flag("/vendor/exit_plan").value_or(false) || f.open_formats.value_or(false)) {
        return;
    }
    if (!f.open_formats) {
        out.ask(k_lock_in, f.lake.field("open_formats"),
                "Will the data be stored in open formats (for example Parquet with Iceberg or Delta tables) that "
                "another engine could read if you changed platform?");
        return;
    }
    const double volume = f.volume_tb.value_or(0);
    const int likelihood = level(3 + (volume >= 500 ? 1 : 0));
    const int impact = level(3 + (f.criticality == "high" || f.criticality == "mission_critical" ? 1 : 0));
    // Public egress prices run at roughly 50-90 per terabyte.
    const double egress = volume * 90;
    sdk::Range magnitude = sdk::Range{50000, 250000, 1500000}.scaled(f.scale);
    magnitude.low += egress;
    magnitude.likely += egress;
    magnitude.high += egress;
    Risk risk(k_lock_in);
    risk.likelihood(likelihood)
        .impact(impact)
        .concern("vendor-lock-in")
        .rationale("The lake's data will sit in " + firstparty::possessive(*f.platform) +
                   " proprietary formats with no exit plan. Leaving after a price rise, an acquisition or a "
                   "breach would mean rewriting pipelines and reloading " +
                   (volume > 0 ? count_text(volume) + " TB (egress alone about " + money_text(f, egress) + ")"
                               : std::string("the whole lake")) +
                   ".")
        .mitigation(Mitigation("open-formats", "Keep curated data in open table formats and pipeline logic in "
                                               "portable code")
                        .cost(20000 * f.scale, 5000 * f.scale)
                        .leaves(cap(2, likelihood), cap(2, impact)))
        .mitigation(Mitigation("tested-exit", "An exit plan with a tested bulk export and a costed migration path")
                        .cost(10000 * f.scale + egress * 0.1, 2000 * f.scale)
                        .leaves(cap(likelihood, likelihood), cap(2, impact)))
        .fair({0.03, 0.08, 0.2}, magnitude);
    cite(risk, f, {f.lake.field("platform"), f.lake.field("open_formats"), "/vendor/exit_plan"});
    out.add(std::move(risk));
}

} // namespace

void integrity_risks(const Facts& f, Contribution& out) {
    lineage(f, out);
    quality(f, out);
    pipeline(f, out);
    backup(f, out);
    lock_in(f, out);
}

} // namespace fulcrum::bigdata
