#include "rules.hpp"

namespace fulcrum::bigdata {

// Privacy.
const Rule k_special_category = Rule::risk(
    "bigdata.special-category-data", "Special-category or unclassified personal data pooled in the lake",
    "Health, biometric, genetic and similar data need classification at ingestion, tags that follow the data and "
    "a data protection impact assessment before large-scale processing.",
    {{"csf", {"ID.AM-07", "ID.AM-05"}},
     {"sp800_53", {"ra-2", "ac-16", "pt-7", "pt-3.1"}},
     {"gdpr", {"Art. 9", "Art. 35"}}});
const Rule k_purpose = Rule::risk(
    "bigdata.purpose-limitation", "Personal data reused for analytics beyond the purpose it was collected for",
    "Pooling operational data for new analysis is a new purpose; it needs a lawful basis and an impact "
    "assessment before the data moves.",
    {{"csf", {"GV.OC-03"}}, {"sp800_53", {"pt-2", "pt-3", "ra-8"}}, {"gdpr", {"Art. 5(1)(b)", "Art. 6", "Art. 35"}}});
const Rule k_minimisation = Rule::risk(
    "bigdata.minimisation", "More personal data ingested than the analysis needs",
    "Lakes tend to ingest whole source systems 'in case'; every unneeded field of personal data adds breach "
    "exposure and breaches the minimisation principle.",
    {{"csf", {"ID.AM-07"}}, {"sp800_53", {"si-12.1", "pm-5.1", "sa-8"}}, {"gdpr", {"Art. 5(1)(c)", "Art. 25"}}});
const Rule k_retention = Rule::risk(
    "bigdata.retention", "Personal data kept longer than its purpose needs",
    "Without enforced retention, a lake keeps every record forever: the exposure grows each year and storage "
    "limitation is breached.",
    {{"csf", {"ID.AM-08"}}, {"sp800_53", {"si-12", "si-12.3"}}, {"gdpr", {"Art. 5(1)(e)", "Art. 17"}}});
const Rule k_reidentification =
    Rule::risk("bigdata.re-identification", "Anonymised or pseudonymised data re-identified by linking sources",
               "Removing names is not anonymisation: a few quasi-identifiers (postcode, birth date, sex, locations) "
               "re-identify most people once several sources are joined.",
               {{"csf", {"PR.DS-01", "ID.RA-04"}},
                {"sp800_53", {"si-19", "si-19.4", "si-19.8", "ac-23"}},
                {"gdpr", {"Art. 4(5)", "Art. 25", "Art. 89"}}});
const Rule k_cross_border = Rule::risk(
    "bigdata.cross-border-transfer", "Personal data in the lake transferred across borders",
    "Replicas, remote analysts and platform support outside the permitted jurisdiction are transfers that need "
    "a lawful mechanism and an assessment of the destination.",
    {{"csf", {"GV.OC-03"}}, {"sp800_53", {"sa-9.5", "cm-12", "ca-3"}}, {"gdpr", {"Art. 44", "Art. 46"}}});
const Rule k_sharing =
    Rule::risk("bigdata.third-party-sharing", "Extracts of the lake shared with third parties",
               "Data shared with partners, researchers or vendors leaves the organisation's controls; contracts, "
               "minimised extracts and a record of disclosures keep it accountable.",
               {{"csf", {"GV.SC-05", "GV.SC-07"}},
                {"sp800_53", {"ac-21", "ca-3", "sa-9", "pm-21"}},
                {"gdpr", {"Art. 28", "Art. 6"}}});
const Rule k_subject_rights =
    Rule::risk("bigdata.subject-rights", "Access and erasure requests cannot be honoured across the lake",
               "Copies of a person's data spread across raw, curated and derived tables; without lineage and a "
               "process, access and erasure requests miss copies or miss the deadline.",
               {{"csf", {"GV.OC-03", "ID.AM-07"}},
                {"sp800_53", {"ac-3.14", "si-12.3"}},
                {"gdpr", {"Art. 12", "Art. 15", "Art. 17"}}});
const Rule k_shadow_copies =
    Rule::risk("bigdata.shadow-copies", "Production data copied into sandboxes, notebooks and test environments",
               "Data-science sandboxes and test copies hold production data under weaker controls and outside the "
               "inventory; they are where lake data most often leaks.",
               {{"csf", {"ID.AM-07", "PR.DS-01"}},
                {"sp800_53", {"si-12.2", "pm-25", "cm-8"}},
                {"gdpr", {"Art. 5(1)(c)", "Art. 25"}}});

// Security.
const Rule k_access = Rule::risk(
    "bigdata.access-control", "Broad query access to pooled sensitive data",
    "A lake joins data that source systems kept apart; without fine-grained (row and column) access and strong "
    "authentication, every analyst can read everything.",
    {{"csf", {"PR.AA-05", "PR.AA-03"}}, {"sp800_53", {"ac-3", "ac-3.11", "ac-6", "ia-2.1"}}, {"gdpr", {"Art. 32"}}});
const Rule k_access_reviews =
    Rule::risk("bigdata.access-reviews", "Lake entitlements never recertified",
               "Analysts change projects and leave; access that is never reviewed accumulates until most accounts can "
               "read data they no longer need.",
               {{"csf", {"PR.AA-05"}}, {"sp800_53", {"ac-2", "ac-2.3", "ac-6.7"}}, {"gdpr", {"Art. 32"}}});
const Rule k_insider = Rule::risk(
    "bigdata.privileged-insider", "Platform administrators and data engineers can read all data in clear",
    "Administrators of the platform bypass table-level access; their standing access to everything needs "
    "just-in-time elevation, separation of duties and logged, reviewed use.",
    {{"csf", {"PR.AA-05", "DE.CM-03"}}, {"sp800_53", {"ac-2.7", "ac-5", "ac-6.5", "ac-6.9"}}, {"gdpr", {"Art. 32"}}});
const Rule k_encryption = Rule::risk(
    "bigdata.encryption", "Lake storage or data flows not encrypted under keys the organisation controls",
    "Object storage, snapshots and ingestion links of a lake hold its whole content; encryption at rest and in "
    "transit, with keys the organisation manages, limits what a lost disk or a misconfigured bucket exposes.",
    {{"csf", {"PR.DS-01", "PR.DS-02"}}, {"sp800_53", {"sc-28", "sc-28.1", "sc-8", "sc-12"}}, {"gdpr", {"Art. 32"}}});
const Rule k_secrets = Rule::risk(
    "bigdata.pipeline-secrets", "Source-system credentials embedded in pipelines and notebooks",
    "Every ingestion job holds credentials to a source system; in job configs, notebooks or repositories they "
    "turn one leaked file into access to every source.",
    {{"csf", {"PR.AA-01"}}, {"sp800_53", {"ia-5", "ia-5.7", "sc-12"}}});
const Rule k_blast_radius =
    Rule::risk("bigdata.breach-blast-radius", "One breach exposes every record the lake pools",
               "Concentrating records from many systems in one store multiplies the size of a single breach; "
               "segmentation and tokenised identifiers keep one compromise from becoming a total one.",
               {{"csf", {"ID.RA-04", "PR.IR-01"}},
                {"sp800_53", {"sc-7", "sc-32", "ir-8", "ra-3"}},
                {"gdpr", {"Art. 33", "Art. 34"}}});
const Rule k_monitoring =
    Rule::risk("bigdata.query-monitoring", "Bulk extraction from the lake would go unnoticed",
               "Exfiltration from a lake looks like a large query; without query logs and alerts on unusual volumes "
               "it is found, if at all, by the people whose data leaked.",
               {{"csf", {"DE.CM-03", "DE.CM-09", "PR.PS-04"}}, {"sp800_53", {"au-2", "au-6", "au-12", "si-4"}}});
const Rule k_ownership =
    Rule::risk("bigdata.security-ownership", "No one owns the security of the data platform",
               "A data platform concentrates the organisation's data; someone must be accountable for its security, "
               "proportionately to the organisation's size.",
               {{"csf", {"GV.RR-02", "GV.RR-03"}}, {"sp800_53", {"pm-2", "pm-19"}}});

// Integrity and continuity.
const Rule k_lineage = Rule::risk(
    "bigdata.lineage", "No lineage from sources to reports",
    "Without lineage nobody can say which sources feed a report, where personal data went, or what a broken "
    "feed corrupted downstream.",
    {{"csf", {"ID.AM-07", "ID.AM-03"}}, {"sp800_53", {"cm-12", "cm-12.1", "pm-5.1", "sr-4"}}, {"gdpr", {"Art. 30"}}});
const Rule k_quality = Rule::risk(
    "bigdata.data-quality", "Decisions built on unvalidated data",
    "Merged sources disagree, duplicate and drift; without validation at ingestion and quality monitoring, "
    "reports and models inherit the errors.",
    {{"csf", {"DE.CM-09", "PR.DS-01"}}, {"sp800_53", {"si-10", "si-18", "pm-22"}}, {"gdpr", {"Art. 5(1)(d)"}}});
const Rule k_pipeline =
    Rule::risk("bigdata.pipeline-integrity", "Ingestion and transformation jobs changed or tampered with unnoticed",
               "Pipelines are code that rewrites the organisation's data; without change control, review and integrity "
               "checks, one bad or malicious change silently corrupts every table downstream.",
               {{"csf", {"PR.PS-01", "PR.PS-06", "PR.DS-01"}}, {"sp800_53", {"si-7", "si-7.1", "cm-3", "sa-10"}}});
const Rule k_backup =
    Rule::risk("bigdata.lake-backup", "The lake has no backup it can restore from",
               "Durable object storage is not a backup: a bad job, a deleted bucket or ransomware destroys data that "
               "replication faithfully copies. Backups must be separate, immutable and restore-tested.",
               {{"csf", {"PR.DS-11", "RC.RP-03"}}, {"sp800_53", {"cp-9", "cp-9.1", "cp-10"}}});
const Rule k_lock_in =
    Rule::risk("bigdata.vendor-lock-in", "Data held in a proprietary platform with no exit path",
               "Proprietary storage formats and platform-specific pipelines make leaving slow and costly; open table "
               "formats and a tested export keep the organisation's options open.",
               {{"csf", {"GV.SC-10"}}, {"sp800_53", {"sa-9", "sr-5"}}});

// Benefits.
const Rule k_productivity =
    Rule::benefit("bigdata.analyst-productivity", "efficiency", "Analysts find and join data in one place",
                  "One governed store replaces extracts and hand-joins across source systems.");
const Rule k_customer =
    Rule::benefit("bigdata.customer-insight", "customer_experience", "Better service from joined data",
                  "Joined data about customers, patients or citizens, or about the operations that serve them, "
                  "supports faster and better-informed service.");
const Rule k_advantage =
    Rule::benefit("bigdata.data-driven-advantage", "competitive_advantage", "Insight and models competitors lack",
                  "Data the organisation alone holds, made usable, feeds models and data products.");
const Rule k_growth = Rule::benefit("bigdata.scalable-platform", "growth", "Headroom to grow without re-platforming",
                                    "Scale-out storage and compute absorb growth without re-platforming.");
const Rule k_cost =
    Rule::benefit("bigdata.platform-consolidation", "cost_reduction", "Lower costs from consolidated data",
                  "Retiring warehouses and marts, and acting on joined data, cuts licence, run and operating costs.");
const Rule k_resilience =
    Rule::benefit("bigdata.operational-foresight", "resilience", "Earlier warning of operational problems",
                  "Joined operational data shows failures, fraud and capacity problems before they bite.");
const Rule k_compliance =
    Rule::benefit("bigdata.reporting-assurance", "compliance", "Traceable regulatory and management reporting",
                  "Reports drawn from one governed store, with lineage, are easier to evidence to auditors.");

const std::vector<Rule>& catalog() {
    static const std::vector<Rule> all = {
        k_special_category, k_purpose,        k_minimisation,  k_retention,  k_reidentification, k_cross_border,
        k_sharing,          k_subject_rights, k_shadow_copies, k_access,     k_access_reviews,   k_insider,
        k_encryption,       k_secrets,        k_blast_radius,  k_monitoring, k_ownership,        k_lineage,
        k_quality,          k_pipeline,       k_backup,        k_lock_in,    k_productivity,     k_customer,
        k_advantage,        k_growth,         k_cost,          k_resilience, k_compliance};
    return all;
}

} // namespace fulcrum::bigdata
