// A small review built by hand for the report tests: two risks, two
// benefits, a condition and a question, with optional quantification.
#pragma once

#include "review/review.hpp"

#include <string>

namespace fulcrum::test {

inline Review sample_review(const std::string& title = "Move support to a cloud CRM") {
    Review r;
    r.proposal_id = "crm-1";
    r.proposal_title = title;
    r.source = "proposals/crm.yaml";
    r.policy = "default";
    r.appetite = "balanced";
    r.benefit_score = 64;
    r.risk_score = 55;
    r.inherent_risk_score = 80;
    r.planned_risk_score = 30;
    r.decision = Decision::approve_with_conditions;
    r.rationale = "Approve once MFA is enforced.";

    Benefit speed;
    speed.id = "cloud.delivery-speed";
    speed.plugin = "cloud";
    speed.title = "Faster delivery";
    speed.dimension = "efficiency";
    speed.score = 86;
    speed.rationale = "Managed services shorten delivery.";
    speed.annual_value = Range{300000, 450000, 600000};
    Benefit reach = speed;
    reach.id = "cloud.reach";
    reach.title = "Closer to customers";
    reach.dimension = "customer_experience";
    reach.score = 40;
    reach.annual_value.reset();
    r.benefits = {speed, reach};
    r.has_annual_value = true;
    r.annual_value = Range{300000, 450000, 600000};

    Mitigation mfa;
    mfa.id = "enforce-mfa";
    mfa.title = "Enforce MFA";
    mfa.control = "mfa";
    mfa.cost = {8000, 6000};
    mfa.residual_likelihood = 1;
    mfa.residual_impact = 5;
    mfa.status = MitigationStatus::planned;

    Risk identity;
    identity.id = "cloud.identity-mfa";
    identity.plugin = "cloud";
    identity.raised_by = {"cloud"};
    identity.title = "Accounts without MFA";
    identity.likelihood = 4;
    identity.impact = 5;
    identity.residual_likelihood = 3;
    identity.residual_impact = 5;
    identity.rationale = "One phished password opens the data.";
    identity.evidence = {"/controls/1/status", "/data/classification"};
    identity.refs = SharedRefs(Refs{{"csf", {"PR.AA-01"}}, {"sp800_53", {"ia-2", "ia-2.1"}}});
    identity.mitigations = {mfa};

    Mitigation backup;
    backup.id = "backup";
    backup.title = "Daily backups";
    backup.control = "backup";
    backup.cost = {4000, 6000};
    backup.residual_likelihood = 1;
    backup.residual_impact = 2;
    backup.status = MitigationStatus::in_place;
    Risk recovery;
    recovery.id = "cloud.availability-dr";
    recovery.plugin = "cloud";
    recovery.raised_by = {"cloud"};
    recovery.title = "Recovery not tested";
    recovery.likelihood = 2;
    recovery.impact = 4;
    recovery.residual_likelihood = 1;
    recovery.residual_impact = 2;
    recovery.rationale = "Backups exist and cover the service.";
    recovery.evidence = {"/resilience/missing_field"};
    recovery.refs = SharedRefs(Refs{{"sp800_53", {"cp-9"}}});
    recovery.mitigations = {backup};
    r.risks = {identity, recovery};

    r.conditions = {Condition{identity.id, mfa, {}}};
    r.conditions_cost = mfa.cost;
    r.questions = {Question{"cloud.vendor-lock-in", "cloud", "/vendor/exit_plan", "How would you leave the provider?"}};

    PluginRun run;
    run.id = "cloud";
    run.version = "1.0.0";
    run.categories = {"cloud"};
    run.status = PluginStatus::ok;
    r.plugins = {run};
    return r;
}

inline quant::LossSummary sample_losses(double scale) {
    quant::LossSummary s;
    s.iterations = 1000;
    s.mean = 100000 * scale;
    s.p90 = 250000 * scale;
    s.p99 = 900000 * scale;
    s.probability_of_loss = 0.8;
    for (int i = 0; i <= 20; ++i) {
        const double loss = 1000 * scale * std::pow(10.0, i * 0.2);
        s.exceedance.push_back({loss, 0.8 * (1.0 - i / 20.0)});
    }
    return s;
}

inline Review quantified(Review r) {
    quant::ReviewQuant q;
    q.iterations = 1000;
    q.seed = 7;
    q.inherent_loss = sample_losses(3);
    q.residual_loss = sample_losses(2);
    q.planned_loss = sample_losses(1);
    quant::MitigationValue mv;
    mv.id = "enforce-mfa";
    mv.title = "Enforce MFA";
    mv.cost = {8000, 6000};
    mv.loss_avoided = 120000;
    q.mitigations = {mv};
    q.plan.budget = 60000;
    q.plan.chosen = {0};
    q.plan.cost = mv.cost;
    q.plan.loss_avoided = 120000;
    quant::RiskQuant rq;
    rq.risk_id = "cloud.identity-mfa";
    rq.inherent_loss = sample_losses(3);
    rq.residual_loss = sample_losses(2);
    rq.planned_loss = sample_losses(1);
    q.risks = {rq};
    q.unquantified = {{"cloud.availability-dr", "no FAIR inputs: the plugin gave no loss frequency and magnitude"}};
    r.quant = q;
    return r;
}

} // namespace fulcrum::test
