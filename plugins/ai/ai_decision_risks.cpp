// Risks of letting a model decide, or shape decisions, about people, and of
// running a model nobody measures or watches.
#include "ai_rules.hpp"

namespace fulcrum::ai {

namespace {

using sdk::Mitigation;
using sdk::Risk;

std::string special_words(const Proposal& p) {
    std::vector<std::string> items;
    if (const auto* list = p.find("/data/special_categories"); list && list->is_array()) {
        for (const auto& item : *list) {
            if (item.is_string()) {
                items.push_back(item.get<std::string>());
            }
        }
    }
    return list_words(items);
}

// Decisions a year: the stated figure, else one per record.
double decisions_per_year(const AiFacts& f) {
    return f.tech.number("decisions_per_year").value_or(f.records);
}

// What meaningful review of the adverse share of decisions costs a year.
double review_cost(const AiFacts& f) {
    const double reviews = decisions_per_year(f) * 0.25;
    const double cost = reviews * f.settings.review_minutes / 60 * f.settings.reviewer_hourly_cost;
    return std::max(cost, 5000 * f.scale);
}

void automated_decisions(const AiFacts& f, Sink& out) {
    const auto& rule = rules::automated_decisions;
    if (f.decision != "automated" || !f.about_people()) {
        return;
    }
    const double volume = decisions_per_year(f);
    const int l = level(4 + (volume >= 100000 ? 1 : 0));
    const int i = level(4 + ((f.special || f.regulated) ? 1 : 0));
    std::string why = subject_name(f) + " decides about individuals by itself";
    if (volume > 0) {
        why += ", about " + grouped(volume) + " times a year";
    }
    why += ". People have the right not to be subject to solely automated decisions with legal or similarly "
           "significant effects (GDPR Art. 22) unless safeguards let them obtain human intervention and contest "
           "the outcome; a model that errs does so at scale before anyone sees it.";
    if (f.special) {
        why += " The decisions draw on " + special_words(*f.p) +
               " data, the strictest case: Art. 22(4) forbids them unless the person gave explicit consent or a "
               "substantial public interest applies.";
    }
    if (high_risk_area(f)) {
        why += " As " + high_risk_area(f)->label +
               " it is also high-risk under the EU AI Act, which requires "
               "effective human oversight (Art. 14).";
    }
    Risk risk(rule);
    risk.likelihood(l).impact(i).rationale(why);
    f.cite(risk, {"decision_impact", "affects_individuals", "use_case", "decisions_per_year"});
    cite_data(f, risk);
    risk.evidence(f.p->control_pointer("human_review"))
        .mitigation(Mitigation("meaningful-human-review", "Meaningful human review: a trained person with authority "
                                                          "to overturn checks every adverse decision before it "
                                                          "takes effect")
                        .control("human_review")
                        .cost(15000 * f.scale, review_cost(f))
                        .leaves(2, lower(i, 1)))
        .mitigation(Mitigation("contest-decisions", "Tell people a decision was automated and let them contest it "
                                                    "and obtain human review (GDPR Art. 22(3))")
                        .control("appeal_process")
                        .cost(10000 * f.scale, 5000 * f.scale)
                        .leaves(lower(l, 1), lower(i, 1)))
        .mitigation(Mitigation("impact-assessment", "A data protection impact assessment (and, for high-risk uses, "
                                                    "a fundamental-rights impact assessment) before launch")
                        .control("ai_impact_assessment")
                        .cost(15000 * f.scale, 3000 * f.scale)
                        .leaves(lower(l, 1), i))
        .fair(enforcement_frequency(l), fine_magnitude(*f.p, 0.04, 20e6));
    out.add(std::move(risk));
}

void explainability(const AiFacts& f, Sink& out) {
    if (!f.about_people() || !f.decides()) {
        return;
    }
    const bool opaque = f.llm.value_or(false) || f.source != "in_house_trained";
    const int l = opaque ? 4 : 3;
    const int i = level((f.decision == "automated" ? 4 : 3) + (f.regulated ? 1 : 0));
    const auto& area = high_risk_area(f);
    std::string why = "People affected by " + firstparty::possessive(system_name(f)) + " " +
                      (f.decision == "automated" ? "decisions" : "recommendations") +
                      " are entitled to meaningful information about the logic involved (GDPR Art. 13-15)" +
                      (area && eu_scope(f).value_or(false)
                           ? std::string(", and under the EU AI Act to an explanation of decisions based on a "
                                         "high-risk system (Art. 86). ")
                           : std::string(". ")) +
                      (opaque ? "A large or bought-in model gives no reasons of its own; explanations have to be "
                                "designed in."
                              : "A model built in house can be made explainable, but only if that is designed in.");
    if (area && area->ref == "Annex III point 5(b)") {
        why += " Lenders in the US must also give specific reasons for adverse credit decisions, and the CFPB has "
               "said a complex algorithm is no excuse (Circular 2022-03).";
    }
    Risk risk(rules::explainability);
    risk.likelihood(l).impact(i).rationale(why);
    f.cite(risk, {"decision_impact", "affects_individuals", "model_source", "use_case"});
    risk.evidence(f.p->control_pointer("explainability"))
        .mitigation(Mitigation("reason-codes", "Reasons for every decision (the main factors and what would change "
                                               "the outcome) and a model card auditors can read")
                        .control("explainability")
                        .cost(20000 * f.scale, 5000 * f.scale)
                        .leaves(lower(l, 2), lower(i, 1)))
        .mitigation(Mitigation("explaining-reviewer", "A person who can explain and, where needed, reverse each "
                                                      "contested decision")
                        .control("human_review")
                        .cost(5000 * f.scale, 10000 * f.scale)
                        .leaves(lower(l, 1), lower(i, 1)))
        .fair(enforcement_frequency(l), fine_magnitude(*f.p, 0.02, 10e6));
    out.add(std::move(risk));
}

void bias(const AiFacts& f, Sink& out) {
    if (!f.about_people() || !f.decides()) {
        return;
    }
    const bool history = any_mentions(f.training, {"histor", "past", "legacy", "previous"});
    const int l = history ? 4 : 3;
    const int i = level(4 + ((f.special || f.regulated) ? 1 : 0));
    std::string why =
        subject_name(f) + (f.decision == "automated" ? " decides" : " shapes decisions") + " about people" +
        (history ? " and learns from past decisions, which carry whatever bias those decisions had" : "") +
        ". A model can disadvantage a protected group without ever seeing the protected attribute, "
        "through proxies such as postcode, name or career gaps; Amazon abandoned a hiring model in 2018 "
        "for exactly this. Unfair outcomes are unlawful discrimination and, for high-risk uses, the "
        "EU AI Act requires training data to be examined for bias (Art. 10).";
    if (f.special) {
        why += " The data includes " + special_words(*f.p) + " data, the kind where unfairness hurts most.";
    }
    Risk risk(rules::bias);
    risk.likelihood(l).impact(i).rationale(why);
    f.cite(risk, {"decision_impact", "affects_individuals", "training_data", "use_case"});
    if (f.special) {
        risk.evidence("/data/special_categories");
    }
    risk.evidence(f.p->control_pointer("bias_testing"))
        .mitigation(Mitigation("fairness-testing", "Test outcomes for each protected group before launch and every "
                                                   "quarter; fix and document disparities")
                        .control("bias_testing")
                        .cost(20000 * f.scale, 10000 * f.scale)
                        .leaves(lower(l, 2), i))
        .mitigation(Mitigation("review-adverse", "Human review of adverse decisions, with outcomes fed back into "
                                                 "the fairness tests")
                        .control("human_review")
                        .cost(5000 * f.scale, review_cost(f))
                        .leaves(lower(l, 1), lower(i, 1)))
        .fair(enforcement_frequency(l), fine_magnitude(*f.p, 0.04, 20e6).scaled(1.5));
    out.add(std::move(risk));
}

void drift(const AiFacts& f, Sink& out) {
    const auto& rule = rules::drift;
    if (f.decision.empty()) {
        out.ask(rule, f.field("decision_impact"),
                "Will people act on " + firstparty::possessive(system_name(f)) +
                    " output (advisory), will it take decisions by itself (automated), or is it informational "
                    "only (none)?");
    }
    if (!f.decides() && !f.external_audience() && !f.own_model()) {
        return;
    }
    const bool pinned = f.tech.flag("model_version_pinned").value_or(false);
    int l = f.third_party() ? (pinned ? 3 : 4) : f.source == "in_house_trained" ? 3 : 2;
    if (f.source.empty()) {
        l = 3;
    }
    int i = f.decision == "automated" ? 4 : f.decision == "advisory" ? 3 : 2;
    i = level(i + (f.about_people() ? 1 : 0) + (f.regulated ? 1 : 0));
    std::string why = std::string("Model quality is not fixed: ") +
                      (f.third_party() ? "the provider updates and retires model versions on its own schedule"
                                       : "the data the model meets in production drifts away from what it learned") +
                      ", so a model that passed its pilot can quietly get worse. Without acceptance tests before "
                      "launch and monitoring after it, the first sign is the harm itself";
    why += f.decision == "automated"  ? ": wrong decisions taken at machine speed."
           : f.decision == "advisory" ? ": wrong advice that people act on."
                                      : ".";
    Risk risk(rule);
    risk.likelihood(l).impact(i).rationale(why);
    f.cite(risk, {"model_source", "decision_impact", "model_version_pinned", "affects_individuals"});
    risk.evidence(f.p->control_pointer("model_evaluation"))
        .mitigation(Mitigation("evaluation-suite",
                               f.small_org() ? "A test set of 50-100 real cases with expected answers, rerun before "
                                               "launch and after every model or prompt change"
                                             : "Acceptance tests with agreed thresholds before launch and after "
                                               "every model, prompt or data change")
                        .control("model_evaluation")
                        .cost(12000 * f.scale, 8000 * f.scale)
                        .leaves(lower(l, 2), i))
        .mitigation(Mitigation("drift-monitoring", "Monitor output quality and input drift in production, with "
                                                   "alerts and a rollback path")
                        .control("logging_monitoring")
                        .cost(8000 * f.scale, 6000 * f.scale)
                        .leaves(lower(l, 1), lower(i, 1)));
    if (f.third_party() && !pinned) {
        risk.mitigation(Mitigation("pin-model-version", "Pin the model version and re-run the acceptance tests "
                                                        "before each provider upgrade")
                            .cost(2000 * f.scale, 3000 * f.scale)
                            .leaves(lower(l, 1), i));
    }
    const double factor = f.decides() ? 1.0 : 0.5;
    risk.fair(frequency(l), Range{10000 * f.scale, 60000 * f.scale, 400000 * f.scale}.scaled(factor));
    out.add(std::move(risk));
}

void logging(const AiFacts& f, Sink& out) {
    if (!f.decides() && !f.external_audience() && f.tools.empty()) {
        return;
    }
    const bool high_risk = (high_risk_area(f) && f.decides()) || declared_tier(f) == Tier::high;
    const bool eu = eu_scope(f).value_or(false);
    int i = 2;
    if ((f.about_people() && f.decides()) || !f.tools.empty()) {
        i = 3;
    }
    if (high_risk && eu) {
        i = 4;
    }
    Risk risk(rules::logging);
    risk.likelihood(3).impact(i).rationale(
        "Without a record of what " + system_name(f) +
        " was asked, what it answered, which model version answered and what it did, misuse goes "
        "unnoticed and no complaint or incident can be investigated." +
        (high_risk && eu ? " As a high-risk system under the EU AI Act its deployer must keep its logs "
                           "for at least six months (Art. 26(6))."
                         : ""));
    f.cite(risk, {"decision_impact", "audience", "tools"});
    risk.evidence(f.p->control_pointer("logging_monitoring"))
        .mitigation(Mitigation("ai-activity-logs", "Log prompts, outputs, model version, user and actions; keep them "
                                                   "at least six months and alert on abuse patterns")
                        .control("logging_monitoring")
                        .cost(8000 * f.scale, 6000 * f.scale)
                        .leaves(1, i))
        .fair(frequency(3), {5000 * f.scale, 30000 * f.scale, 200000 * f.scale});
    out.add(std::move(risk));
}

} // namespace

void decision_risks(const AiFacts& f, Sink& out) {
    if (!f.individuals && f.decides()) {
        out.ask(rules::automated_decisions, f.field("affects_individuals"),
                "Will " + firstparty::possessive(system_name(f)) +
                    " output decide or shape decisions about individual people (customers, applicants, employees, "
                    "patients)?");
    }
    automated_decisions(f, out);
    explainability(f, out);
    bias(f, out);
    drift(f, out);
    logging(f, out);
}

} // namespace fulcrum::ai
