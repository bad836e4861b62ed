// Risks to and from the data and the model itself: what leaves for a model
// provider, what the model was trained on, where the model came from, and
// whether the organisation can leave its provider.
#include "ai_rules.hpp"

namespace fulcrum::ai {

namespace {

using sdk::Mitigation;
using sdk::Risk;

bool vendor_dpa(const AiFacts& f) {
    return f.p->flag("/vendor/dpa").value_or(false);
}

std::string classification_words(const AiFacts& f) {
    std::string words = f.p->text("/data/classification").value_or("internal");
    if (f.special) {
        words += " data including special-category personal data";
    } else if (f.personal) {
        words += " personal data";
    } else {
        words += " data";
    }
    return words;
}

void provider_data(const AiFacts& f, Sink& out) {
    const auto& rule = rules::provider_data;
    if (!f.third_party() || (!f.personal && firstparty::classification_level(*f.p) < 3)) {
        return;
    }
    const auto trains = f.tech.flag("trains_on_inputs");
    const auto retention = f.tech.number("prompt_retention_days");
    if (!trains) {
        out.ask(rule, f.field("trains_on_inputs"),
                "Does the model provider's contract exclude your prompts and files from training its models, and "
                "how long does it keep them?");
    }
    int l = trains ? (*trains ? 5 : 2) : 3;
    l = level(l + (retention && *retention > 30 ? 1 : 0) - (vendor_dpa(f) ? 1 : 0));
    const int i = level(f.data_impact + (f.regulated ? 1 : 0));

    std::string provider = firstparty::clipped(f.tech.text("provider").value_or("the model provider"));
    if (!provider.empty() && provider.back() == '.') {
        provider.pop_back(); // "Example Ltd." ends the sentence once
    }
    std::string why = "Every prompt sends " + classification_words(f) + " to " + provider + ". ";
    if (trains && *trains) {
        why += "The provider's terms let it train on those inputs, so the data can resurface in answers to other "
               "customers and cannot be recalled.";
    } else if (trains) {
        why += "The provider does not train on the inputs, but it still holds them" +
               (retention ? " for " + std::to_string(static_cast<int>(*retention)) + " days" : std::string()) +
               " and can expose them in its own breach or to its staff.";
    } else {
        why += "The proposal does not say whether the provider trains on the inputs or how long it keeps them.";
    }
    if (f.regulated) {
        why += " In a regulated sector, sharing it with a new processor also needs the regulator's expectations met.";
    }
    Risk risk(rule);
    risk.likelihood(l).impact(i).concern("third-party-data-sharing").rationale(why);
    f.cite(risk, {"model_source", "provider", "trains_on_inputs", "prompt_retention_days"});
    cite_data(f, risk);
    if (f.p->find("/vendor/dpa")) {
        risk.evidence("/vendor/dpa");
    }
    risk.mitigation(Mitigation("enterprise-terms", "Enterprise terms with a DPA: no training on your data, zero or "
                                                   "short retention, sub-processor list and breach notice")
                        .control("dpa_signed")
                        .cost(5000 * f.scale, 10000 * f.scale)
                        .leaves(lower(l, 2), i))
        .mitigation(Mitigation("redact-before-sending", "Redact or pseudonymise personal data before it is sent, and "
                                                        "send only the fields the task needs")
                        .control("data_minimization")
                        .cost(12000 * f.scale, 4000 * f.scale)
                        .leaves(l, lower(i, 2)))
        .mitigation(Mitigation("assess-provider", "Assess the provider as a critical supplier: SOC 2 or ISO 27001 "
                                                  "reports, sub-processors, incident history")
                        .control("vendor_assessment")
                        .cost(6000 * f.scale, 3000 * f.scale)
                        .leaves(lower(l, 1), i))
        .fair(frequency(l), f.breach);
    out.add(std::move(risk));
}

// Regions of the residency list that `region` falls under ("eu" covers "eu-west-1").
bool allowed_region(const Proposal& p, const std::string& region) {
    const auto* residency = p.find("/data/residency");
    if (!residency || !residency->is_array()) {
        return true;
    }
    for (const auto& r : *residency) {
        if (r.is_string() && region.compare(0, r.get<std::string>().size(), r.get<std::string>()) == 0) {
            return true;
        }
    }
    return false;
}

void cross_border(const AiFacts& f, Sink& out) {
    const auto& rule = rules::cross_border;
    if (!f.third_party() || !f.personal) {
        return;
    }
    const auto transfer = f.p->flag("/data/cross_border_transfer");
    const auto region = f.tech.text("provider_region");
    const bool outside = region && !allowed_region(*f.p, *region);
    if (!transfer && !region) {
        out.ask(rule, f.field("provider_region"),
                "In which country or region does the model provider process your prompts, and may this personal "
                "data go there?");
        return;
    }
    if (!transfer.value_or(false) && !outside) {
        return;
    }
    const bool gdpr = f.p->lists("/compliance", "gdpr");
    const int l = vendor_dpa(f) ? 3 : 4;
    const int i = level((gdpr ? 4 : 3) + (f.special ? 1 : 0));
    Risk risk(rule);
    risk.likelihood(l)
        .impact(i)
        .concern("cross-border-transfer")
        .rationale(std::string("Prompts carrying personal data are processed ") +
                   (outside ? "in " + *region + ", outside the permitted residency"
                            : "across borders, as the proposal declares") +
                   ". Each one is an international transfer: it needs a lawful mechanism (adequacy, standard "
                   "contractual clauses with a transfer impact assessment) or a regulator can order it stopped." +
                   (gdpr ? " GDPR fines for unlawful transfers reach 4% of worldwide turnover." : ""));
    if (transfer) {
        risk.evidence("/data/cross_border_transfer");
    }
    f.cite(risk, {"provider_region"});
    if (f.p->find("/data/residency")) {
        risk.evidence("/data/residency");
    }
    risk.evidence("/data/personal_data")
        .mitigation(Mitigation("transfer-safeguards", "Sign a DPA with standard contractual clauses and a transfer "
                                                      "impact assessment")
                        .control("dpa_signed")
                        .cost(12000 * f.scale, 3000 * f.scale)
                        .leaves(1, lower(i, 1)))
        .mitigation(Mitigation("in-region-endpoint", "Use the provider's in-region endpoint so prompts stay in the "
                                                     "permitted jurisdiction")
                        .cost(5000 * f.scale, 10000 * f.scale)
                        .leaves(1, 2))
        .fair(enforcement_frequency(l), fine_magnitude(*f.p, 0.04, 20e6));
    out.add(std::move(risk));
}

void poisoning(const AiFacts& f, Sink& out) {
    const auto& rule = rules::poisoning;
    const bool trains = f.own_model() || (f.source == "self_hosted_open" && !f.training.empty());
    if (!trains) {
        return;
    }
    if (f.training.empty()) {
        out.ask(rule, f.field("training_data"),
                "Which data will train or fine-tune the model, where does each source come from, and who can "
                "change it?");
    }
    const bool outside = untrusted(f.training);
    const int l = f.training.empty() ? 3 : outside ? 4 : 2;
    int i = f.decision == "automated" ? 4 : f.decision == "advisory" ? 3 : 2;
    i = level(i + (f.about_people() ? 1 : 0));
    Risk risk(rule);
    risk.likelihood(l).impact(i).rationale(
        std::string("The model learns from ") +
        (f.training.empty() ? "training data the proposal does not name" : list_words(f.training)) +
        (outside ? ", some of which outsiders can write to: a few hundred planted examples are enough to "
                   "teach a model a hidden trigger or a bias."
                 : ". Internal data is harder to poison, but without lineage nobody can show what the "
                   "model learned from or roll back a bad batch.") +
        (f.decision == "automated" ? " Its output takes decisions by itself, so a poisoned model acts "
                                     "before anyone notices."
                                   : ""));
    f.cite(risk, {"training_data", "model_source", "fine_tuned", "decision_impact"});
    risk.evidence(f.p->control_pointer("data_lineage"))
        .mitigation(Mitigation("training-lineage", "Record provenance and lineage for every training source; train "
                                                   "only on approved, versioned datasets")
                        .control("data_lineage")
                        .cost(15000 * f.scale, 5000 * f.scale)
                        .leaves(lower(l, 2), i))
        .mitigation(Mitigation("release-tests", "Test each model release on a held-out set and for planted triggers "
                                                "before it is deployed")
                        .control("model_evaluation")
                        .cost(10000 * f.scale, 6000 * f.scale)
                        .leaves(lower(l, 1), lower(i, 1)));
    if (outside) {
        risk.mitigation(Mitigation("screen-outside-data", "Filter, deduplicate and sample-review outside content "
                                                          "before it enters training")
                            .cost(8000 * f.scale, 4000 * f.scale)
                            .leaves(lower(l, 1), i));
    }
    risk.fair(frequency(l), {10000 * f.scale, 80000 * f.scale, 600000 * f.scale});
    out.add(std::move(risk));
}

void training_privacy(const AiFacts& f, Sink& out) {
    if (!f.own_model() || !f.personal) {
        return;
    }
    const int l = level(3 + (f.records >= 1e6 ? 1 : 0));
    const int i = level(f.data_impact + (f.regulated ? 1 : 0));
    Risk risk(rules::training_privacy);
    risk.likelihood(l).impact(i).rationale(
        "The model is trained on personal data" +
        (f.records > 0 ? " (" + grouped(f.records) + " records)" : std::string()) +
        (f.special ? ", including special categories" : "") +
        ". Models memorise some of what they learn: queries can reveal whether a person was in the data "
        "or reproduce their details, and an erasure request cannot be honoured without retraining. The "
        "GDPR expects minimisation by design and an impact assessment before such processing.");
    f.cite(risk, {"training_data", "model_source", "fine_tuned"});
    cite_data(f, risk);
    risk.mitigation(Mitigation("pseudonymise-training", "Remove direct identifiers and pseudonymise records before "
                                                        "training; test the model for memorised records")
                        .control("anonymization")
                        .cost(20000 * f.scale, 5000 * f.scale)
                        .leaves(lower(l, 1), lower(i, 2)))
        .mitigation(Mitigation("minimise-training", "Train only on the fields and records the purpose needs")
                        .control("data_minimization")
                        .cost(8000 * f.scale, 2000 * f.scale)
                        .leaves(lower(l, 1), lower(i, 1)))
        .mitigation(Mitigation("erasure-by-retraining", "Record which records trained which model version and "
                                                        "retrain on a schedule that honours erasure requests")
                        .control("retention_policy")
                        .cost(10000 * f.scale, 8000 * f.scale)
                        .leaves(l, lower(i, 1)))
        .fair(frequency(l), f.breach);
    out.add(std::move(risk));
}

void supply_chain(const AiFacts& f, Sink& out) {
    const auto& rule = rules::supply_chain;
    if (f.source.empty()) {
        return; // provider_data asks where the model comes from
    }
    Risk risk(rule);
    int l = 2;
    int i = level(std::max(3, f.data_impact - 1) + (f.tools.empty() ? 0 : 1));
    if (f.source == "self_hosted_open") {
        l = 3;
        risk.rationale(subject_name(f) +
                       " runs open model weights downloaded from a public hub. Model files can execute code when "
                       "loaded, and researchers have found about a hundred malicious models on Hugging Face alone "
                       "(JFrog, 2024); fine-tuned variants can also carry backdoors no test reveals.");
        risk.mitigation(Mitigation("verify-model-files", "Use weights only from verified publishers in a safe "
                                                         "format (safetensors), scan them and pin their hashes")
                            .control("model_provenance")
                            .cost(6000 * f.scale, 3000 * f.scale)
                            .leaves(1, i));
    } else if (f.third_party()) {
        const auto* certs = f.p->find("/vendor/certifications");
        const bool assured = certs && certs->is_array() && !certs->empty();
        if (!f.p->find("/vendor")) {
            out.ask(rule, "/vendor/certifications",
                    "Which independent assurance (SOC 2, ISO 27001, ISO 42001) does the model provider hold?");
        }
        l = assured ? 2 : 3;
        risk.rationale(firstparty::clipped(f.tech.text("provider").value_or("The model provider")) +
                       " becomes a critical supplier: it sees every prompt, can change the model under the same "
                       "name, and its outage is yours. " +
                       (assured ? std::string("It holds independent certifications, which lowers but does not "
                                              "replace your own assessment.")
                                : std::string("The proposal names no independent assurance for it.")));
        if (certs) {
            risk.evidence("/vendor/certifications");
        }
        risk.mitigation(Mitigation("assess-provider", "Assess the provider as a critical supplier: SOC 2 or ISO "
                                                      "27001 reports, sub-processors, incident history")
                            .control("vendor_assessment")
                            .cost(6000 * f.scale, 3000 * f.scale)
                            .leaves(1, i));
    } else {
        risk.rationale(subject_name(f) +
                       " is built on base models, datasets and machine-learning libraries from outside; any of "
                       "them can be tampered with, and without an inventory nobody can tell what a new "
                       "vulnerability affects.");
        risk.mitigation(Mitigation("ai-bill-of-materials", "Inventory base models, datasets and ML libraries (an AI "
                                                           "bill of materials) and scan them for known issues")
                            .control("model_provenance")
                            .cost(8000 * f.scale, 3000 * f.scale)
                            .leaves(1, i));
    }
    risk.likelihood(l).impact(i);
    f.cite(risk, {"model_source", "provider", "tools"});
    risk.fair(frequency(l), {20000 * f.scale, 100000 * f.scale, 1000000 * f.scale});
    out.add(std::move(risk));
}

void extraction(const AiFacts& f, Sink& out) {
    if (!f.own_model()) {
        return;
    }
    const int l = f.audience == "public" ? 4 : f.audience == "customers" ? 3 : 2;
    const int i = f.personal ? 4 : 3;
    const double value = f.p->number("/costs/capex").value_or(run_cost(*f.p));
    Risk risk(rules::extraction);
    risk.likelihood(l).impact(i).rationale(
        subject_name(f) + " is the organisation's own model, trained on its data" +
        (f.external_audience()
             ? ", and " + audience_words(f) + " can query it: enough queries let a competitor train a copy"
             : "; its weights sit on infrastructure staff and suppliers can reach") +
        (f.personal ? ", and inversion or membership attacks can recover personal data it was trained on." : "."));
    f.cite(risk, {"model_source", "fine_tuned", "audience", "training_data"});
    risk.mitigation(Mitigation("extraction-limits", "Rate limits and detection of extraction patterns on the model's "
                                                    "API; return labels rather than raw scores")
                        .control("rate_limiting")
                        .cost(6000 * f.scale, 3000 * f.scale)
                        .leaves(lower(l, 2), i))
        .mitigation(Mitigation("protect-weights", "Encrypt stored weights, and restrict and review who can export "
                                                  "them")
                        .control("access_reviews")
                        .cost(5000 * f.scale, 3000 * f.scale)
                        .leaves(lower(l, 1), i))
        .fair(frequency(l), Range{0.2, 1, 3}.scaled(value));
    out.add(std::move(risk));
}

void lock_in(const AiFacts& f, Sink& out) {
    const auto& rule = rules::lock_in;
    if (!f.third_party()) {
        return;
    }
    const auto exit_plan = f.p->flag("/vendor/exit_plan");
    if (exit_plan.value_or(false)) {
        return;
    }
    if (!exit_plan) {
        out.ask(rule, "/vendor/exit_plan",
                "If the model provider raises prices, retires the model or fails, how would you switch to another "
                "model, and how long would it take?");
    }
    const int l = f.fine_tuned ? 4 : 3;
    const auto stated = f.p->text("/resilience/criticality");
    const std::string criticality = stated.value_or("medium");
    const int i = criticality == "mission_critical" ? 4 : criticality == "high" ? 3 : 2;
    const double annual = run_cost(*f.p);
    Risk risk(rule);
    risk.likelihood(l)
        .impact(i)
        .concern("vendor-lock-in")
        .rationale(std::string("Prompts, test sets and integrations will be tuned to one provider's model") +
                   (f.fine_tuned ? ", and a fine-tune made on its platform cannot be taken elsewhere" : "") +
                   ". Providers retire model versions on their own schedule and change prices; with no exit plan, "
                   "each change forces an unplanned migration" +
                   (stated ? " of a " + criticality + "-criticality service." : "."));
    f.cite(risk, {"model_source", "provider", "fine_tuned"});
    if (f.p->find("/vendor/exit_plan")) {
        risk.evidence("/vendor/exit_plan");
    }
    if (f.p->find("/resilience/criticality")) {
        risk.evidence("/resilience/criticality");
    }
    risk.mitigation(f.small_org()
                        ? Mitigation("model-portability", "Keep prompts, guides and outputs in your own files so "
                                                          "the team can switch tools in days; check the export "
                                                          "terms before signing")
                              .cost(1000 * f.scale, 0)
                              .leaves(lower(l, 1), lower(i, 1))
                        : Mitigation("model-portability", "Put the model behind an internal gateway, keep prompts, "
                                                          "test sets and training data portable, and test a second "
                                                          "model each quarter")
                              .cost(15000 * f.scale, 5000 * f.scale)
                              .leaves(lower(l, 1), lower(i, 1)))
        .fair(frequency(l), Range{0.1, 0.4, 1.2}.scaled(annual));
    out.add(std::move(risk));
}

} // namespace

void data_risks(const AiFacts& f, Sink& out) {
    if (f.source.empty()) {
        out.ask(rules::provider_data, f.field("model_source"),
                "Will " + system_name(f) +
                    " use a provider's model through an API, an open model you host, or a model you train "
                    "yourselves? Where your data goes depends on it.");
    }
    provider_data(f, out);
    cross_border(f, out);
    poisoning(f, out);
    training_privacy(f, out);
    supply_chain(f, out);
    extraction(f, out);
    lock_in(f, out);
}

} // namespace fulcrum::ai
