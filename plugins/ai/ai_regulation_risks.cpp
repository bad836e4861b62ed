// The EU AI Act's risk tiers: prohibited practices (Art. 5), high-risk uses
// (Art. 6 and Annex III) and transparency duties (Art. 50).
#include "ai_rules.hpp"

namespace fulcrum::ai {

namespace {

using sdk::Mitigation;
using sdk::Risk;

const char* const k_scope_question =
    "Will this system be used in the EU or affect people in the EU? The EU AI Act's obligations depend on it.";

void cite_scope(const AiFacts& f, Risk& risk) {
    for (const auto& pointer : eu_evidence(*f.p)) {
        risk.evidence(pointer);
    }
}

void prohibited(const AiFacts& f, Sink& out) {
    const auto& rule = rules::prohibited;
    auto practice = prohibited_practice(f);
    if (!practice && declared_tier(f) == Tier::prohibited) {
        practice = Practice{"a practice the sponsor classifies as prohibited", "Art. 5"};
    }
    if (!practice) {
        return;
    }
    const auto scope = eu_scope(f);
    if (scope && !*scope) {
        return;
    }
    if (!scope) {
        out.ask(rule, "/compliance", k_scope_question);
    }
    const int l = scope ? 5 : 4;
    Risk risk(rule);
    risk.likelihood(l).impact(5).rationale(
        "The use case describes " + practice->label + ", which the EU AI Act prohibits outright (" + practice->ref +
        ", in force since 2 February 2025). No control, contract or consent makes a prohibited practice "
        "lawful, and fines reach EUR 35 million or 7% of worldwide turnover (Art. 99(3)). The remedy is "
        "to remove the function and bring back a different proposal, not to add conditions to this one." +
        (scope ? ""
               : " The proposal does not say whether it will be used in the EU; if it will not, "
                 "say so and this finding falls away."));
    f.cite(risk, {"use_case", "eu_ai_act_tier", "affects_individuals"});
    cite_scope(f, risk);
    risk.mitigation(Mitigation("art5-legal-opinion", "Obtain a legal opinion on whether a narrow Art. 5 exception "
                                                     "applies (for emotion recognition: medical or safety reasons "
                                                     "only)")
                        .cost(15000 * f.scale, 0)
                        .leaves(4, 5))
        .fair(enforcement_frequency(l), fine_magnitude(*f.p, 0.07, 35e6));
    out.add(std::move(risk));
}

Tier inferred_tier(const AiFacts& f) {
    if (high_risk_area(f) && f.decision != "none") {
        return Tier::high;
    }
    if (f.llm.value_or(false) && f.external_audience()) {
        return Tier::limited;
    }
    return Tier::minimal;
}

void regulatory_tier(const AiFacts& f, Sink& out) {
    const auto& rule = rules::regulatory_tier;
    const Tier tier = std::max(inferred_tier(f), declared_tier(f));
    if (tier == Tier::minimal || tier == Tier::prohibited || prohibited_practice(f)) {
        return; // minimal: voluntary codes only; prohibited: ai.prohibited-practice
    }
    const auto scope = eu_scope(f);
    if (!scope) {
        out.ask(rule, "/compliance", k_scope_question);
        return;
    }
    if (!*scope) {
        return;
    }
    Risk risk(rule);
    f.cite(risk, {"use_case", "eu_ai_act_tier", "decision_impact", "audience"});
    cite_scope(f, risk);
    if (tier == Tier::limited) {
        risk.likelihood(3)
            .impact(2)
            .rationale(subject_name(f) + " talks to " + audience_words(f) +
                       ", so the EU AI Act's transparency duty applies (Art. 50): people must be told they are "
                       "dealing with an AI unless it is obvious, and generated text published to inform the public "
                       "must be marked. It is a light duty, but a visible one if missed.")
            .mitigation(Mitigation("ai-disclosure", "Tell people they are dealing with an AI and mark generated "
                                                    "content (Art. 50)")
                            .control("ai_disclosure")
                            .cost(2000 * f.scale, 500 * f.scale)
                            .leaves(1, 2))
            .fair(enforcement_frequency(3), fine_magnitude(*f.p, 0.03, 15e6).scaled(0.1));
        out.add(std::move(risk));
        return;
    }
    const auto& area = high_risk_area(f);
    const int l = 4;
    const int i = level(4 + (f.regulated ? 1 : 0));
    risk.likelihood(l)
        .impact(i)
        .rationale(subject_name(f) + " is a high-risk AI system under the EU AI Act" +
                   (area ? " (" + area->label + ", " + area->ref + ")" : std::string(" as the sponsor classifies it")) +
                   ". As its deployer the organisation must use it as instructed, assign competent human oversight, "
                   "keep its logs, monitor it, inform the people affected and, for credit, insurance and public "
                   "services, assess the impact on fundamental rights first (Art. 26-27); the Act sets 2 August 2026 "
                   "for these duties. Fines reach EUR 15 million or 3% of worldwide turnover (Art. 99(4)).")
        .mitigation(Mitigation("ai-act-compliance", "Confirm the classification (Art. 6), run the fundamental-rights "
                                                    "and data-protection impact assessments, and assign the "
                                                    "deployer duties of Art. 26 to named owners")
                        .control("ai_impact_assessment")
                        .cost(25000 * f.scale, 10000 * f.scale)
                        .leaves(2, lower(i, 1)))
        .mitigation(Mitigation("art14-oversight", "Human oversight by trained staff with authority to stop or "
                                                  "override the system (Art. 14)")
                        .control("human_review")
                        .cost(10000 * f.scale, 15000 * f.scale)
                        .leaves(lower(l, 1), lower(i, 1)))
        .mitigation(Mitigation("art12-logs", "Keep the system's logs for at least six months and monitor its "
                                             "operation (Art. 12, 26(5)-(6))")
                        .control("logging_monitoring")
                        .cost(6000 * f.scale, 4000 * f.scale)
                        .leaves(lower(l, 1), i))
        .fair(enforcement_frequency(l), fine_magnitude(*f.p, 0.03, 15e6));
    out.add(std::move(risk));
}

} // namespace

void regulation_risks(const AiFacts& f, Sink& out) {
    prohibited(f, out);
    regulatory_tier(f, out);
}

} // namespace fulcrum::ai
