// The big-data plugin's rule catalog. Findings are built from these rules so
// that the catalog and the findings never disagree on ids or references.
#pragma once

#include <fulcrum/plugin.hpp>

#include <vector>

namespace fulcrum::bigdata {

using sdk::Rule;

// Risks: privacy.
extern const Rule k_special_category;
extern const Rule k_purpose;
extern const Rule k_minimisation;
extern const Rule k_retention;
extern const Rule k_reidentification;
extern const Rule k_cross_border;
extern const Rule k_sharing;
extern const Rule k_subject_rights;
extern const Rule k_shadow_copies;
// Risks: security.
extern const Rule k_access;
extern const Rule k_access_reviews;
extern const Rule k_insider;
extern const Rule k_encryption;
extern const Rule k_secrets;
extern const Rule k_blast_radius;
extern const Rule k_monitoring;
extern const Rule k_ownership;
// Risks: integrity and continuity.
extern const Rule k_lineage;
extern const Rule k_quality;
extern const Rule k_pipeline;
extern const Rule k_backup;
extern const Rule k_lock_in;
// Benefits.
extern const Rule k_productivity;
extern const Rule k_customer;
extern const Rule k_advantage;
extern const Rule k_growth;
extern const Rule k_cost;
extern const Rule k_resilience;
extern const Rule k_compliance;

// Every rule, risks first, in the order the catalog lists them.
const std::vector<Rule>& catalog();

} // namespace fulcrum::bigdata
