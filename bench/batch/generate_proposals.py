#!/usr/bin/env python3
"""Writes N synthetic but realistic proposals as JSON Lines (about 2 KB each).

Seeded, so the same N and seed always give the same file. Categories are
mixed (cloud, AI, big data and combinations), as are organisation sizes,
sectors, data sensitivity, business cases and control maturity.

    bench/batch/generate_proposals.py 100000 --seed 7 > proposals.jsonl
"""
import argparse
import json
import random
import sys

SECTORS = ["retail", "finance", "healthcare", "manufacturing", "logistics", "education", "government",
           "insurance", "media", "energy"]
SIZES = ["small", "medium", "large", "enterprise"]
UNITS = ["Operations", "Customer Service", "Finance", "Marketing", "Supply Chain", "HR", "Risk", "Sales"]
CONTROLS = ["mfa", "sso", "encryption_at_rest", "encryption_in_transit", "customer_managed_keys",
            "logging_monitoring", "backup", "dr_plan", "incident_response_plan", "dpa_signed",
            "vendor_assessment", "data_minimization", "access_reviews", "network_segmentation",
            "model_evaluation", "prompt_injection_guardrails", "human_review", "data_lineage",
            "anonymization", "retention_policy"]
PROVIDERS = ["AWS", "Azure", "Google Cloud", "OVHcloud", "Salesforce", "ServiceNow", "Workday"]
REGIONS = ["eu-west-1", "eu-central-1", "us-east-1", "us-west-2", "ap-southeast-1", "uk-south"]
AI_USES = ["claims triage", "customer support assistant", "fraud scoring", "document summarisation",
           "demand forecasting", "CV screening", "code assistant", "credit decisioning"]
PLATFORMS = ["Databricks", "Snowflake", "Hadoop", "BigQuery", "Spark on Kubernetes"]
SOURCES = ["CRM", "ERP", "web analytics", "call recordings", "IoT telemetry", "payments", "EHR", "HR system"]
DIMENSIONS = ["efficiency", "customer_experience", "competitive_advantage", "growth", "cost_reduction",
              "resilience", "compliance"]


def technology(rng, category):
    if category == "cloud":
        return {"category": "cloud", "name": f"{rng.choice(PROVIDERS)} platform",
                "service_model": rng.choice(["iaas", "paas", "saas"]),
                "deployment": rng.choice(["public", "private", "hybrid", "multi"]),
                "provider": rng.choice(PROVIDERS), "regions": rng.sample(REGIONS, rng.randint(1, 3))}
    if category == "ai":
        return {"category": "ai", "name": f"{rng.choice(AI_USES).title()} model",
                "model_source": rng.choice(["third_party_api", "self_hosted_open", "in_house_trained"]),
                "use_case": rng.choice(AI_USES),
                "decision_impact": rng.choice(["none", "advisory", "automated"]),
                "affects_individuals": rng.random() < 0.5,
                "training_data": rng.sample(SOURCES, rng.randint(0, 3))}
    return {"category": "bigdata", "name": f"{rng.choice(PLATFORMS)} lakehouse", "platform": rng.choice(PLATFORMS),
            "sources": rng.sample(SOURCES, rng.randint(1, 4)), "volume_tb": round(rng.uniform(0.5, 900), 1),
            "retention_days": rng.choice([30, 90, 365, 730, 2555, None])}


def proposal(rng, n):
    categories = rng.choice([["cloud"], ["ai"], ["bigdata"], ["cloud", "ai"], ["cloud", "bigdata"],
                             ["ai", "bigdata"], ["cloud", "ai", "bigdata"]])
    size = rng.choice(SIZES)
    scale = {"small": 0.2, "medium": 1, "large": 4, "enterprise": 12}[size]
    capex = round(rng.uniform(20_000, 600_000) * scale, -3)
    opex = round(rng.uniform(10_000, 300_000) * scale, -3)
    benefits = []
    for dimension in rng.sample(DIMENSIONS, rng.randint(1, 4)):
        benefit = {"dimension": dimension, "description": f"Improves {dimension.replace('_', ' ')} in "
                                                          f"{rng.choice(UNITS).lower()}"}
        if rng.random() < 0.7:
            likely = round(rng.uniform(0.2, 1.5) * (capex / 3 + opex), -3)
            benefit["annual_value"] = {"low": round(likely * 0.6, -3), "likely": likely,
                                       "high": round(likely * 1.5, -3)}
        if rng.random() < 0.5:
            benefit["metric"] = rng.choice(["hours saved per week", "CSAT", "NPS", "cost per case",
                                            "time to market"])
        benefits.append(benefit)
    classification = rng.choice(["public", "internal", "confidential", "restricted"])
    personal = classification in ("confidential", "restricted") or rng.random() < 0.3
    return {
        "id": f"syn-{n:07d}",
        "title": f"{rng.choice(['Adopt', 'Migrate to', 'Pilot', 'Roll out'])} "
                 f"{' and '.join(categories)} for {rng.choice(UNITS).lower()}",
        "summary": "Synthetic proposal generated for benchmarking; fields vary like a real portfolio's.",
        "sponsor": {"name": f"Sponsor {n % 997}", "role": "Director", "unit": rng.choice(UNITS)},
        "organization": {"size": size, "sector": rng.choice(SECTORS), "has_ciso": rng.random() < 0.7,
                         "annual_revenue": round(rng.uniform(5e6, 5e8) * scale, -5)},
        "currency": "USD",
        "technologies": [technology(rng, c) for c in categories],
        "data": {"classification": classification, "personal_data": personal,
                 "special_categories": rng.sample(["health", "biometric", "ethnicity"], rng.randint(0, 1))
                 if personal else [],
                 "records": rng.choice([5_000, 50_000, 400_000, 2_000_000, 30_000_000]),
                 "residency": rng.sample(["eu", "us", "uk"], rng.randint(1, 2)),
                 "cross_border_transfer": rng.random() < 0.3},
        "business_case": {"objectives": [f"Objective {k + 1} for proposal {n}" for k in range(rng.randint(1, 3))],
                          "benefits": benefits, "horizon_years": rng.choice([3, 4, 5]),
                          "discount_rate": rng.choice([0.06, 0.08, 0.1])},
        "costs": {"capex": capex, "opex_annual": opex,
                  "security_budget": round((capex + opex) * rng.uniform(0.03, 0.15), -3)},
        "controls": [{"id": c, "status": rng.choice(["in_place", "in_place", "planned", "none"])}
                     for c in rng.sample(CONTROLS, rng.randint(3, 10))],
        "vendor": {"name": rng.choice(PROVIDERS), "certifications": rng.sample(["ISO 27001", "SOC 2 Type II",
                                                                                 "C5", "HDS"], rng.randint(0, 2)),
                   "exit_plan": rng.random() < 0.4, "dpa": rng.random() < 0.6},
        "compliance": rng.sample(["gdpr", "hipaa", "pci_dss", "sox", "eu_ai_act"], rng.randint(0, 2)),
        "resilience": {"criticality": rng.choice(["low", "medium", "high", "mission_critical"]),
                       "rto_hours": rng.choice([1, 4, 8, 24, 72]), "rpo_hours": rng.choice([0.25, 1, 4, 24])},
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    out = sys.stdout
    for n in range(args.count):
        out.write(json.dumps(proposal(rng, n), separators=(",", ":")))
        out.write("\n")


if __name__ == "__main__":
    main()
