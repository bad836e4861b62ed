// The cloud plugin's rule catalog: every risk and benefit it can report, with
// the framework references auditors look up. Findings start from these rules,
// so the catalog (`fulcrum rules`, docs/rules/cloud.md) and the findings agree.
#pragma once

#include <fulcrum/plugin.hpp>

#include <vector>

namespace fulcrum::cloud {

// Risks.
extern const sdk::Rule k_shared_responsibility;
extern const sdk::Rule k_identity_mfa;
extern const sdk::Rule k_privileged_access;
extern const sdk::Rule k_unmanaged_accounts;
extern const sdk::Rule k_key_management;
extern const sdk::Rule k_data_residency;
extern const sdk::Rule k_processor_terms;
extern const sdk::Rule k_saas_data_backup;
extern const sdk::Rule k_vendor_lock_in;
extern const sdk::Rule k_supply_chain;
extern const sdk::Rule k_multi_tenancy;
extern const sdk::Rule k_regulated_attestation;
extern const sdk::Rule k_logging_monitoring;
extern const sdk::Rule k_misconfiguration;
extern const sdk::Rule k_network_exposure;
extern const sdk::Rule k_incident_response;
extern const sdk::Rule k_availability_dr;
extern const sdk::Rule k_security_ownership;

// Benefits.
extern const sdk::Rule k_elastic_scale;
extern const sdk::Rule k_cost_shift;
extern const sdk::Rule k_delivery_speed;
extern const sdk::Rule k_resilience_uplift;
extern const sdk::Rule k_compliance_inheritance;
extern const sdk::Rule k_customer_service;
extern const sdk::Rule k_managed_innovation;

const std::vector<sdk::Rule>& catalog();

} // namespace fulcrum::cloud
