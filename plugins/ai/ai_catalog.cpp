#include "ai_catalog.hpp"

namespace fulcrum::ai::rules {

// References: NIST CSF 2.0 subcategories ("csf"), NIST SP 800-53 rev5
// controls in OSCAL form ("sp800_53"), MITRE ATLAS techniques ("atlas"),
// OWASP Top 10 for LLM Applications 2025 ("owasp_llm"), GDPR and EU AI Act
// articles. tests/unit/ai_plugin_test.cpp checks them against the public
// catalogs when FULCRUM_REFERENCE_DATA is set.

const Rule prompt_injection = Rule::risk(
    "ai.prompt-injection", "Prompt injection takes over the model's instructions",
    "Text the model reads (a user's message, an email, a web page, a retrieved document) can carry instructions "
    "that override the organisation's; the model then leaks data or misuses the actions it can take.",
    {{"csf", {"PR.PS-06", "DE.CM-09"}},
     {"sp800_53", {"si-10", "si-4"}},
     {"atlas", {"AML.T0051", "AML.T0051.000", "AML.T0051.001", "AML.T0054"}},
     {"owasp_llm", {"LLM01:2025"}}});

const Rule output_handling =
    Rule::risk("ai.output-handling", "Model output used downstream without validation",
               "Output passed unchecked into web pages, queries, code or other systems turns a manipulated answer into "
               "cross-site scripting, injection or code execution.",
               {{"csf", {"PR.PS-06"}},
                {"sp800_53", {"si-10", "si-15"}},
                {"atlas", {"AML.T0077", "AML.T0050"}},
                {"owasp_llm", {"LLM05:2025"}}});

const Rule excessive_agency = Rule::risk(
    "ai.excessive-agency", "The AI can take consequential actions on its own",
    "An assistant that can call tools (send messages, change records, move money) acts on whatever a manipulated "
    "or mistaken model decides unless its permissions are narrow and consequential actions need approval.",
    {{"csf", {"PR.AA-05"}},
     {"sp800_53", {"ac-6", "ac-3", "cm-7"}},
     {"atlas", {"AML.T0053", "AML.T0086", "AML.T0101"}},
     {"owasp_llm", {"LLM06:2025"}}});

const Rule prompt_leakage = Rule::risk(
    "ai.system-prompt-leakage", "System prompt disclosed to outside users",
    "Outside users can coax a model into revealing its system prompt; anything placed there (business rules, "
    "access logic, credentials) must be assumed public.",
    {{"csf", {"PR.AA-05", "PR.DS-10"}},
     {"sp800_53", {"ia-5.7", "ac-3"}},
     {"atlas", {"AML.T0056", "AML.T0069.002"}},
     {"owasp_llm", {"LLM07:2025"}}});

const Rule vector_store = Rule::risk(
    "ai.vector-store", "Retrieval index leaks or is poisoned",
    "A retrieval (RAG) index copies documents into embeddings; without permission checks at retrieval time users "
    "see documents they may not open, and poisoned documents steer the answers.",
    {{"csf", {"PR.AA-05", "PR.DS-01"}},
     {"sp800_53", {"ac-3", "ac-4", "sc-28"}},
     {"atlas", {"AML.T0070", "AML.T0071", "AML.T0066", "AML.T0085.000"}},
     {"owasp_llm", {"LLM08:2025"}}});

const Rule hallucination = Rule::risk(
    "ai.hallucination", "Confident but wrong answers are relied on",
    "Language models state falsehoods fluently; customers and staff who rely on them make wrong decisions, and the "
    "organisation answers for what its assistant said.",
    {{"csf", {"PR.AT-01", "ID.RA-05"}},
     {"sp800_53", {"at-2", "sa-11"}},
     {"atlas", {"AML.T0048"}},
     {"owasp_llm", {"LLM09:2025"}}});

const Rule cost_runaway = Rule::risk(
    "ai.cost-runaway", "Unbounded usage runs up cost or exhausts capacity",
    "Per-token billing and expensive inference let abuse, loops or a viral launch multiply the bill or take the "
    "service down (denial of wallet).",
    {{"csf", {"PR.IR-04", "DE.CM-09"}},
     {"sp800_53", {"sc-5", "sc-6"}},
     {"atlas", {"AML.T0034", "AML.T0034.000", "AML.T0029"}},
     {"owasp_llm", {"LLM10:2025"}}});

const Rule provider_data = Rule::risk(
    "ai.provider-data-exposure", "Sensitive data sent to a third-party model provider",
    "Prompts and files sent to a model provider's API leave the organisation: the provider may retain them, use "
    "them for training or expose them in its own incidents.",
    {{"csf", {"GV.SC-05", "PR.DS-02"}},
     {"sp800_53", {"sa-9", "ac-21", "pt-3"}},
     {"atlas", {"AML.T0057"}},
     {"owasp_llm", {"LLM02:2025"}},
     {"gdpr", {"Art. 5", "Art. 28", "Art. 32"}}});

const Rule cross_border = Rule::risk(
    "ai.cross-border-transfer", "Personal data processed by the model outside its permitted jurisdiction",
    "A model endpoint in another jurisdiction makes every prompt with personal data an international transfer that "
    "needs a lawful mechanism.",
    {{"csf", {"GV.OC-03"}}, {"sp800_53", {"sa-9.5"}}, {"gdpr", {"Art. 44", "Art. 46"}}});

const Rule poisoning = Rule::risk(
    "ai.training-data-poisoning", "Training data of unknown provenance can be poisoned",
    "Whoever can write to the training or fine-tuning data can plant backdoors or skew the model; without lineage "
    "nobody can tell what the model learned from.",
    {{"csf", {"PR.DS-01", "ID.AM-07"}},
     {"sp800_53", {"si-7", "sr-4"}},
     {"atlas", {"AML.T0020", "AML.T0019", "AML.T0059"}},
     {"owasp_llm", {"LLM04:2025"}}});

const Rule training_privacy = Rule::risk(
    "ai.training-data-privacy", "Personal data built into a model",
    "A model trained on personal data can reproduce it, reveal who was in the data, and cannot honour erasure "
    "requests without retraining.",
    {{"csf", {"PR.DS-01", "ID.AM-07"}},
     {"sp800_53", {"pm-25", "si-12.2", "sa-8.33"}},
     {"atlas", {"AML.T0024.000", "AML.T0024.001", "AML.T0057"}},
     {"owasp_llm", {"LLM02:2025"}},
     {"gdpr", {"Art. 5", "Art. 17", "Art. 25", "Art. 35"}}});

const Rule supply_chain = Rule::risk(
    "ai.model-supply-chain", "Model or model provider not assured",
    "Open model files can carry malicious code or backdoors, and model providers are critical suppliers; both need "
    "the same assurance as any other software supply chain.",
    {{"csf", {"GV.SC-07", "ID.RA-09"}},
     {"sp800_53", {"sr-3", "sr-4", "sr-11", "sr-6"}},
     {"atlas", {"AML.T0010", "AML.T0010.003", "AML.T0058", "AML.T0011.000"}},
     {"owasp_llm", {"LLM03:2025"}}});

const Rule extraction = Rule::risk(
    "ai.model-extraction", "The organisation's own model can be stolen or extracted",
    "A model trained on the organisation's data is an asset: its weights can be stolen, and an exposed API can be "
    "queried to copy it or to recover its training data.",
    {{"csf", {"PR.AA-05", "PR.DS-01"}},
     {"sp800_53", {"ac-3", "ac-6", "sc-28", "si-4"}},
     {"atlas", {"AML.T0024.002", "AML.T0024.000", "AML.T0044", "AML.T0048.004"}},
     {"owasp_llm", {"LLM02:2025", "LLM10:2025"}}});

const Rule lock_in = Rule::risk(
    "ai.vendor-lock-in", "Dependence on one model provider with no way out",
    "Prompts, evaluations and fine-tunes are tuned to one provider's model; price rises, retirement of the model "
    "version or the provider's failure force an unplanned migration.",
    {{"csf", {"GV.SC-10"}}, {"sp800_53", {"sa-9", "sr-6"}}});

const Rule automated_decisions = Rule::risk(
    "ai.automated-decisions", "Automated decisions about people without human oversight",
    "Decisions with legal or similarly significant effects on people, taken by a model without meaningful human "
    "review, breach the right not to be subject to solely automated decisions and scale every error.",
    {{"csf", {"GV.OC-03"}},
     {"sp800_53", {"pt-2", "ra-8"}},
     {"gdpr", {"Art. 22", "Art. 35"}},
     {"eu_ai_act", {"Art. 14", "Art. 26", "Annex III"}}});

const Rule explainability = Rule::risk(
    "ai.explainability", "Decisions about people cannot be explained",
    "People affected by a decision are entitled to meaningful information about its logic; a model whose output "
    "cannot be explained cannot be defended to them, to auditors or to a court.",
    {{"csf", {"GV.OC-03"}},
     {"sp800_53", {"pt-5", "sa-8"}},
     {"gdpr", {"Art. 13", "Art. 15", "Art. 22"}},
     {"eu_ai_act", {"Art. 13", "Art. 86"}}});

const Rule bias =
    Rule::risk("ai.bias-discrimination", "Decisions about people may discriminate",
               "Models learn the patterns of their training data, including past discrimination; unfair outcomes for a "
               "protected group are unlawful and damage trust.",
               {{"csf", {"GV.OC-03", "ID.RA-04"}},
                {"sp800_53", {"ra-3", "si-18"}},
                {"gdpr", {"Art. 5", "Art. 9"}},
                {"eu_ai_act", {"Art. 10", "Annex III"}}});

const Rule regulatory_tier = Rule::risk(
    "ai.regulatory-tier", "EU AI Act obligations for the system's risk tier",
    "The EU AI Act sorts AI systems into tiers; high-risk uses (Annex III) carry risk-management, data, logging, "
    "oversight and impact-assessment duties for deployers, and systems that talk to people must say they are AI.",
    {{"csf", {"GV.OC-03"}},
     {"sp800_53", {"ra-3", "ra-8"}},
     {"gdpr", {"Art. 35"}},
     {"eu_ai_act", {"Art. 6", "Art. 26", "Art. 27", "Art. 50", "Annex III"}}});

const Rule prohibited = Rule::risk(
    "ai.prohibited-practice", "A practice the EU AI Act prohibits",
    "Some uses of AI (social scoring, emotion recognition at work or in education, biometric categorisation by "
    "sensitive traits, among others) are banned outright in the EU; no control makes them lawful.",
    {{"csf", {"GV.OC-03"}},
     {"sp800_53", {"pt-2", "ra-3"}},
     {"gdpr", {"Art. 9"}},
     {"eu_ai_act", {"Art. 5", "Art. 99"}}});

const Rule drift = Rule::risk(
    "ai.model-evaluation-drift", "Model quality not measured before launch or watched after",
    "Models degrade as data and providers change; without acceptance tests and drift monitoring the first sign of "
    "a worse model is the harm it causes.",
    {{"csf", {"DE.CM-09", "ID.IM-02"}}, {"sp800_53", {"ca-7", "sa-11", "si-4"}}});

const Rule logging =
    Rule::risk("ai.logging-monitoring", "AI activity not logged or monitored",
               "Without records of inputs, outputs, model versions and actions, misuse goes unseen and no decision or "
               "incident can be reconstructed for a complaint, an auditor or a regulator.",
               {{"csf", {"DE.CM-09", "PR.PS-04"}},
                {"sp800_53", {"au-2", "au-12", "si-4"}},
                {"eu_ai_act", {"Art. 12", "Art. 26"}}});

const Rule ownership =
    Rule::risk("ai.security-ownership", "No one owns the security of this AI system",
               "AI adds new attack paths and obligations; someone with authority must own them, proportionate to the "
               "organisation's size.",
               {{"csf", {"GV.RR-02", "GV.RR-03"}}, {"sp800_53", {"pm-2", "pm-13"}}});

const Rule productivity = Rule::benefit("ai.productivity", "efficiency", "Staff time freed by AI assistance",
                                        "AI drafting, summarising, triage and coding help cut the time per task.");
const Rule service = Rule::benefit("ai.customer-service", "customer_experience", "Faster, more relevant service",
                                   "AI answers customers at any hour, shortens waits and tailors what they see.");
const Rule differentiation = Rule::benefit(
    "ai.differentiation", "competitive_advantage", "Differentiation from the organisation's own data",
    "Models built on proprietary data are hard to copy; bought-in models are available to competitors too.");
const Rule scale =
    Rule::benefit("ai.scale-without-headcount", "growth", "Volume growth without matching headcount",
                  "AI absorbs growth in requests or cases that would otherwise need proportional hiring.");
const Rule cost_to_serve = Rule::benefit("ai.cost-to-serve", "cost_reduction", "Lower cost per case",
                                         "Automation and assistance lower the cost of handling each case.");
const Rule detection = Rule::benefit(
    "ai.detection-resilience", "resilience", "Earlier detection of fraud, faults and anomalies",
    "Models that detect anomalies or forecast failures catch problems before they become outages or losses.");
const Rule assurance = Rule::benefit("ai.compliance-assurance", "compliance", "More consistent compliance checks",
                                     "AI can screen every case against the rules instead of a sample.");

const std::vector<Rule>& all() {
    static const std::vector<Rule> rules = {prompt_injection,
                                            output_handling,
                                            excessive_agency,
                                            prompt_leakage,
                                            vector_store,
                                            hallucination,
                                            cost_runaway,
                                            provider_data,
                                            cross_border,
                                            poisoning,
                                            training_privacy,
                                            supply_chain,
                                            extraction,
                                            lock_in,
                                            automated_decisions,
                                            explainability,
                                            bias,
                                            regulatory_tier,
                                            prohibited,
                                            drift,
                                            logging,
                                            ownership,
                                            productivity,
                                            service,
                                            differentiation,
                                            scale,
                                            cost_to_serve,
                                            detection,
                                            assurance};
    return rules;
}

} // namespace fulcrum::ai::rules
