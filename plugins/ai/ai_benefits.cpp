// What an AI system can do for the business, judged from the use case and
// weighed against what the business case actually claims and quantifies.
#include "ai_rules.hpp"

namespace fulcrum::ai {

namespace {

using sdk::Benefit;

// Broad kinds of AI use, each with a typical fit per benefit dimension.
enum class Use { support, knowledge, coding, decisions, detection, forecasting, personalisation, other };

Use classify(const AiFacts& f) {
    const std::string& u = f.use_case;
    if (mentions(u, {"fraud", "anomal", "intrusion", "threat", "aml", "money laundering", "security monitor"})) {
        return Use::detection;
    }
    if (mentions(u, {"forecast", "demand", "predictive maintenance", "maintenance", "routing", "optimi"})) {
        return Use::forecasting;
    }
    if (mentions(u, {"credit", "underwrit", "claim", "screening", "eligibility", "triage", "scoring", "assessment",
                     "recruit", "hiring", "approval", "emotion"})) {
        return Use::decisions;
    }
    if (mentions(u, {"support", "customer service", "chatbot", "contact cent", "helpdesk", "service desk"})) {
        return Use::support;
    }
    if (mentions(u, {"code", "developer", "software", "programming"})) {
        return Use::coding;
    }
    if (mentions(u, {"recommend", "personali", "next best offer", "next best action"})) {
        return Use::personalisation;
    }
    if (mentions(u, {"draft", "summar", "writing", "document", "knowledge", "search", "assistant", "copilot", "email",
                     "translat", "report"})) {
        return Use::knowledge;
    }
    return Use::other;
}

struct Fit {
    int score;       // 0-100: how well this kind of use serves the dimension
    std::string why; // the judgement, specific to the proposal
};

Fit efficiency(const AiFacts& f, Use use) {
    switch (use) {
    case Use::support:
        return {65, "Assisting support staff is among the best-evidenced AI gains: in a study of 5,179 agents an AI "
                    "assistant raised issues resolved per hour by 14% (Brynjolfsson, Li and Raymond, NBER 2023)."};
    case Use::coding:
        return {65, "In a controlled experiment developers with an AI pair programmer finished a task 56% faster "
                    "(Peng et al., 2023); gains in production codebases are smaller and uneven."};
    case Use::knowledge:
        return {60, "Drafting, summarising and searching documents saves staff time on every task it touches, "
                    "provided people still check the output."};
    case Use::decisions:
        return {f.decision == "automated" ? 60 : 55,
                "Scoring and triage take the routine share of cases off case handlers' desks."};
    case Use::forecasting:
        return {50, "Planners work from a ranked forecast instead of manual rounds and spreadsheets."};
    case Use::detection:
        return {50, "Analysts review the cases the model flags instead of sampling everything."};
    default:
        return {45, "The use case suggests modest time savings."};
    }
}

// Decisions about the organisation's own people (performance, monitoring), not
// about applicants: recruitment decides about candidates, who do wait on it.
bool about_staff(const AiFacts& f) {
    return mentions(f.use_case, {"employee", "staff", "worker", "workforce", "agent performance", "agent voice",
                                 "performance management"}) &&
           !mentions(f.use_case, {"recruit", "hiring", "candidate", "applica"});
}

Fit customer_experience(const AiFacts& f, Use use) {
    if (use == Use::support && f.external_audience()) {
        return {65, "Customers get answers at any hour without waiting for an agent."};
    }
    if (use == Use::personalisation) {
        return {60, "Recommendations tailored to each customer make offers more relevant."};
    }
    if (use == Use::decisions && f.about_people()) {
        if (about_staff(f)) {
            return {30, "The decisions are about the organisation's own staff; customers feel them only through the "
                        "service those staff give."};
        }
        return {50, "Faster decisions shorten the wait for applicants and claimants, if the decisions are fair and "
                    "explained."};
    }
    return {f.external_audience() ? 45 : 30, "Customers feel the change only indirectly."};
}

Fit competitive_advantage(const AiFacts& f) {
    if (f.own_model()) {
        return {60, "A model trained on the organisation's own data is hard for competitors to copy."};
    }
    if (f.third_party()) {
        return {35, "Competitors can buy the same model; any edge comes from how it is used and from the data it is "
                    "given, not from the model."};
    }
    return {45, "An open model run in house gives control but not, by itself, an edge."};
}

Fit growth(const AiFacts& f, Use use) {
    if (use == Use::support || use == Use::decisions) {
        return {60, "Case volume can grow without hiring in proportion."};
    }
    if (use == Use::personalisation) {
        return {55, "Better targeting can grow revenue per customer."};
    }
    return {f.external_audience() ? 45 : 35, "Growth effects are indirect."};
}

Fit cost_reduction(const AiFacts& f, Use use) {
    if (f.decision == "automated" || use == Use::support) {
        return {60, "Automating or assisting each case lowers the cost to serve it."};
    }
    if (use == Use::forecasting) {
        return {55, "Acting before failures and demand swings avoids emergency repairs, expedited parts and overtime."};
    }
    if (use == Use::detection) {
        return {55, "Catching fraud and errors early avoids the losses and the clean-up after them."};
    }
    return {45, "Savings come from staff time rather than from retiring systems."};
}

Fit resilience(Use use) {
    if (use == Use::detection) {
        return {65, "Anomaly and fraud detection catches problems that sampling and rules miss."};
    }
    if (use == Use::forecasting) {
        return {55, "Forecasts give warning of demand spikes and failures before they become outages."};
    }
    return {30, "The use case does not make operations more resilient; a new model adds a dependency."};
}

Fit compliance(const AiFacts& f, Use use) {
    if (use == Use::detection || mentions(f.use_case, {"compliance", "kyc", "sanction", "audit"})) {
        return {60, "Screening every case instead of a sample raises the consistency of compliance checks."};
    }
    return {25, "The use case does not itself improve compliance."};
}

void evaluate(const AiFacts& f, const sdk::Rule& rule, Fit fit, Sink& out) {
    const firstparty::Claim claim = firstparty::claim_for(*f.p, rule.dimension);
    if (!claim.stated && fit.score < 55) {
        return; // neither claimed nor a natural fit: listing it would only dilute the score
    }
    const ControlStatus evaluation = f.p->control("model_evaluation");
    const bool measured = evaluation == ControlStatus::in_place || evaluation == ControlStatus::planned;
    if (!measured) {
        fit.score -= 5;
        fit.why += " No model evaluation is planned, so nobody will know whether the gain materialises.";
    }
    Benefit benefit(rule);
    std::string rationale = fit.why;
    if (claim.quantified) {
        benefit.annual_value(claim.annual_value);
        rationale += " The business case values it at " + money(*f.p, claim.annual_value.likely) + " a year.";
    } else if (claim.stated) {
        rationale += " The business case claims it without a figure, so it scores lower.";
    } else {
        rationale += " The business case does not claim it, so it counts only as potential.";
    }
    if (claim.stated && !claim.has_metric) {
        rationale += " No metric is named to track it.";
    }
    firstparty::claim_questions(rule, claim, out.contribution());
    benefit.score(firstparty::claim_score(*f.p, claim, fit.score)).rationale(rationale);
    benefit.evidence(f.has("use_case") ? f.field("use_case") : f.tech.pointer);
    for (const auto& e : claim.evidence) {
        benefit.evidence(e);
    }
    out.add(std::move(benefit));
}

} // namespace

void benefits(const AiFacts& f, Sink& out) {
    const Use use = classify(f);
    evaluate(f, rules::productivity, efficiency(f, use), out);
    evaluate(f, rules::service, customer_experience(f, use), out);
    evaluate(f, rules::differentiation, competitive_advantage(f), out);
    evaluate(f, rules::scale, growth(f, use), out);
    evaluate(f, rules::cost_to_serve, cost_reduction(f, use), out);
    evaluate(f, rules::detection, resilience(use), out);
    evaluate(f, rules::assurance, compliance(f, use), out);
}

} // namespace fulcrum::ai
