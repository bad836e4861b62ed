#include "catalog.hpp"

namespace fulcrum::cloud {

using sdk::Rule;

// References: NIST CSF 2.0 subcategories ("csf"), NIST SP 800-53 rev5 controls
// in OSCAL id form ("sp800_53"), GDPR articles ("gdpr") for privacy rules.

const Rule k_shared_responsibility = Rule::risk(
    "cloud.shared-responsibility", "Security duties split with the provider but not assigned",
    "In every cloud model some security duties stay with the customer (identity, configuration, data; in IaaS also "
    "the operating system and network). Unless each is written down with an owner, some fall between the two. "
    "Controls: responsibility_matrix, vendor_assessment.",
    {{"csf", {"GV.SC-02", "GV.RR-02"}}, {"sp800_53", {"sa-9", "sa-9.1"}}});

const Rule k_identity_mfa =
    Rule::risk("cloud.identity-mfa", "Cloud accounts without multi-factor authentication",
               "Stolen or phished passwords are among the commonest ways into cloud services; without MFA one password "
               "opens the data. Controls: mfa, sso.",
               {{"csf", {"PR.AA-01", "PR.AA-03"}}, {"sp800_53", {"ia-2", "ia-2.1", "ia-2.2"}}});

const Rule k_privileged_access =
    Rule::risk("cloud.privileged-access", "Standing administrator access to the cloud tenant",
               "Administrators of a cloud tenant can read, change and delete everything, backups included. Standing, "
               "unreviewed admin rights turn one compromised account into a full breach. Controls: "
               "privileged_access_management, access_reviews.",
               {{"csf", {"PR.AA-05"}}, {"sp800_53", {"ac-6", "ac-6.5", "ac-2.7"}}});

const Rule k_unmanaged_accounts = Rule::risk(
    "cloud.unmanaged-accounts", "Accounts outside the identity lifecycle (shadow IT)",
    "Accounts created directly in the service, outside the corporate identity provider, are not removed when "
    "people leave and are invisible to IT. Controls: sso, access_reviews.",
    {{"csf", {"PR.AA-01", "ID.AM-02"}}, {"sp800_53", {"ac-2", "ac-2.3", "cm-8"}}});

const Rule k_key_management = Rule::risk(
    "cloud.key-management", "Sensitive data at rest without encryption under keys the organisation controls",
    "Confidential, restricted or personal data should be encrypted at rest, with keys the organisation manages so "
    "that the provider alone cannot read it. Controls: encryption_at_rest, customer_managed_keys.",
    {{"csf", {"PR.DS-01"}}, {"sp800_53", {"sc-28", "sc-28.1", "sc-12", "sa-9.6"}}});

const Rule k_data_residency = Rule::risk(
    "cloud.data-residency", "Personal data stored or processed outside its permitted jurisdiction",
    "Provider regions outside the stated residency, or a declared cross-border transfer of personal data, need a "
    "lawful transfer mechanism and supplementary measures. Controls: transfer_safeguards, dpa_signed, "
    "customer_managed_keys.",
    {{"csf", {"GV.OC-03"}}, {"sp800_53", {"sa-9.5"}}, {"gdpr", {"Art. 44", "Art. 46"}}});

const Rule k_processor_terms = Rule::risk(
    "cloud.processor-terms", "Personal data handed to the provider without processor terms",
    "A provider that stores or processes personal data is a processor; without a data processing agreement it may "
    "use the data, or pass it to sub-processors, on terms nobody agreed. Controls: dpa_signed.",
    {{"csf", {"GV.SC-05", "GV.OC-03"}}, {"sp800_53", {"sa-4", "sa-9"}}, {"gdpr", {"Art. 28"}}});

const Rule k_saas_data_backup = Rule::risk(
    "cloud.saas-data-backup", "SaaS data with no backup the organisation controls",
    "SaaS providers keep the service running but rarely guarantee to restore data a user, a faulty integration or "
    "ransomware deleted; their recycle bins and retention windows are short. Controls: backup.",
    {{"csf", {"PR.DS-11", "RC.RP-03"}}, {"sp800_53", {"cp-9", "cp-9.1"}}});

const Rule k_vendor_lock_in = Rule::risk(
    "cloud.vendor-lock-in", "Dependence on one provider with no exit plan",
    "Without an exit plan and data export terms, leaving the provider after a price rise, an outage or a breach is "
    "slow and costly. Controls: exit_plan, data_export.",
    {{"csf", {"GV.SC-10"}}, {"sp800_53", {"sa-9", "sr-2"}}});

const Rule k_supply_chain = Rule::risk(
    "cloud.supply-chain", "Provider and its sub-processors not assessed",
    "The provider's own suppliers and staff become part of the organisation's attack surface. Independent "
    "attestations (SOC 2 Type II, ISO/IEC 27001) and a due-diligence review show whether they are trustworthy. "
    "Controls: vendor_assessment.",
    {{"csf", {"GV.SC-06", "GV.SC-07"}}, {"sp800_53", {"sr-6", "sa-9", "sr-3"}}});

const Rule k_multi_tenancy = Rule::risk(
    "cloud.multi-tenancy", "Sensitive data on infrastructure shared with other customers",
    "Public cloud services isolate customers in software; isolation flaws between tenants are rare but have been "
    "found at major providers. Sensitive data needs its own keys or dedicated tenancy. Controls: "
    "customer_managed_keys, dedicated_tenancy.",
    {{"csf", {"PR.IR-01", "PR.DS-01"}}, {"sp800_53", {"sc-4", "sc-39", "sc-7"}}});

const Rule k_regulated_attestation = Rule::risk(
    "cloud.regulated-attestation", "Regulated workload on a provider without the matching attestation",
    "Card data (PCI DSS), US health data (HIPAA) and financial reporting (SOX) may only go to providers that evidence "
    "the matching compliance: an attestation of compliance, a business associate agreement or a SOC 1 report. "
    "Controls: vendor_assessment.",
    {{"csf", {"GV.OC-03", "GV.SC-07"}}, {"sp800_53", {"sa-9", "sr-6", "ca-2"}}});

const Rule k_logging_monitoring = Rule::risk(
    "cloud.logging-monitoring", "No monitored audit trail of the cloud service",
    "Without the provider's audit logs collected and watched, a break-in goes unnoticed and, once found, cannot be "
    "scoped, so every record must be treated as exposed. Controls: logging_monitoring, managed_detection.",
    {{"csf", {"DE.CM-06", "DE.CM-09", "PR.PS-04"}}, {"sp800_53", {"au-2", "au-6", "au-12", "si-4"}}});

const Rule k_misconfiguration = Rule::risk(
    "cloud.misconfiguration", "Misconfiguration exposing data or services",
    "Public storage, open sharing links and permissive settings are a leading cause of cloud data exposure, and the "
    "customer owns them in every service model. Controls: posture_management, infrastructure_as_code, "
    "configuration_baseline.",
    {{"csf", {"PR.PS-01", "ID.RA-01"}}, {"sp800_53", {"cm-2", "cm-6", "ca-7"}}});

const Rule k_network_exposure = Rule::risk(
    "cloud.network-exposure", "Cloud workloads and management interfaces reachable from the internet",
    "In IaaS and PaaS the customer draws the network boundary; open management ports and public endpoints invite "
    "scanning and exploitation within hours. Controls: network_segmentation, waf.",
    {{"csf", {"PR.IR-01", "DE.CM-01"}}, {"sp800_53", {"sc-7", "sc-7.5", "ac-17"}}});

const Rule k_incident_response = Rule::risk(
    "cloud.incident-response", "No incident response agreed with the provider",
    "When something goes wrong in a provider's service, the organisation depends on the provider to notify it, "
    "share logs and help contain; breach notification deadlines (72 hours under GDPR) run regardless. Controls: "
    "incident_response_plan.",
    {{"csf", {"RS.MA-01", "GV.SC-08"}}, {"sp800_53", {"ir-4", "ir-6.3", "ir-8", "sr-8"}}, {"gdpr", {"Art. 33"}}});

const Rule k_availability_dr = Rule::risk(
    "cloud.availability-dr", "Recovery objectives not backed by tested backup and disaster recovery",
    "Critical services need backups and a disaster-recovery plan that meet the stated recovery time (RTO) and "
    "recovery point (RPO) objectives; a single region cannot meet a tight RTO when that region fails. Controls: "
    "backup, dr_plan, multi_region.",
    {{"csf", {"RC.RP-01", "PR.DS-11", "PR.IR-03"}}, {"sp800_53", {"cp-2", "cp-9", "cp-10", "cp-7"}}});

const Rule k_security_ownership = Rule::risk(
    "cloud.security-ownership", "Nobody owns the security of the cloud service",
    "An organisation without a CISO needs someone accountable for the risks a cloud service adds; for small and "
    "medium organisations a virtual CISO or a hybrid IT-and-security role is proportionate.",
    {{"csf", {"GV.RR-01", "GV.RR-02"}}, {"sp800_53", {"pm-2"}}});

const Rule k_elastic_scale = Rule::benefit("cloud.elastic-scale", "growth", "Capacity that follows demand",
                                           "Elastic capacity lets the service grow without up-front hardware.");

const Rule k_cost_shift =
    Rule::benefit("cloud.cost-shift", "cost_reduction", "Lower run cost from managed infrastructure",
                  "Managed services move capital spend to operating spend and cut operations work.");

const Rule k_delivery_speed =
    Rule::benefit("cloud.delivery-speed", "efficiency", "Work done faster on a managed service",
                  "A service the provider runs is ready to use and quick to change: staff "
                  "and teams use and configure it rather than build and operate it.");

const Rule k_resilience_uplift =
    Rule::benefit("cloud.resilience-uplift", "resilience", "Availability beyond what the organisation runs itself",
                  "Providers run several data centres per region and several regions; a service spread across them "
                  "survives failures an on-premises server room does not.");

const Rule k_compliance_inheritance =
    Rule::benefit("cloud.compliance-inheritance", "compliance", "Controls inherited from a certified provider",
                  "A provider with independent attestations (ISO/IEC 27001, SOC 2) covers part of the control set, "
                  "which shortens the organisation's own audits.");

const Rule k_customer_service =
    Rule::benefit("cloud.customer-service", "customer_experience", "Always-on service close to customers",
                  "Regions near customers and provider-run availability give faster, more reliable service.");

const Rule k_managed_innovation = Rule::benefit(
    "cloud.managed-innovation", "competitive_advantage", "Access to the provider's managed services and features",
    "Managed analytics, AI and integration services, and the provider's continuous feature releases, are available "
    "without building them.");

const std::vector<Rule>& catalog() {
    static const std::vector<Rule> all = {
        k_shared_responsibility, k_identity_mfa,       k_privileged_access,      k_unmanaged_accounts,
        k_key_management,        k_data_residency,     k_processor_terms,        k_saas_data_backup,
        k_vendor_lock_in,        k_supply_chain,       k_multi_tenancy,          k_regulated_attestation,
        k_logging_monitoring,    k_misconfiguration,   k_network_exposure,       k_incident_response,
        k_availability_dr,       k_security_ownership, k_elastic_scale,          k_cost_shift,
        k_delivery_speed,        k_resilience_uplift,  k_compliance_inheritance, k_customer_service,
        k_managed_innovation,
    };
    return all;
}

} // namespace fulcrum::cloud
