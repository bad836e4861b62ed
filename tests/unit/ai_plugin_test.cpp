// The AI plugin, rule by rule: each rule fires on the facts that should
// trigger it, stays quiet (or asks) when they are absent, and moves its
// likelihood and impact with the facts. The data and supply-chain risks are
// in ai_data_risks_test.cpp, the benefits in ai_benefits_test.cpp.
#include "ai_test_proposals.hpp"
#include "plugin/in_process.hpp"
#include "plugin_harness.hpp"
#include "proposal/document.hpp"
#include "proposal/proposal.hpp"
#include "review/merge.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace fulcrum;
using namespace fulcrum::test;

namespace {

// The merged review of a single-plugin run, as the host would produce it.
Review review_of(const std::string& yaml) {
    const Proposal p = validate_proposal(parse_document(yaml, Syntax::yaml, "t.yaml"), "t.yaml");
    PluginRun run;
    run.id = "ai";
    run.status = PluginStatus::ok;
    run.contribution = evaluate_yaml("ai", yaml);
    return merge(p, {run}, Policy{});
}

const Risk& reviewed(const Review& r, const std::string& id) {
    const auto it = std::find_if(r.risks.begin(), r.risks.end(), [&](const Risk& x) { return x.id == id; });
    INFO("expected reviewed risk " << id);
    REQUIRE(it != r.risks.end());
    return *it;
}

} // namespace

TEST_CASE("ai: the catalog has at least 15 risks and 6 benefits, each risk with CSF and SP 800-53 references",
          "[ai][plugin]") {
    const Manifest& m = plugin_manifest("ai");
    CHECK(m.id == "ai");
    CHECK(m.categories == std::vector<std::string>{"ai"});
    CHECK(m.thread_safe);
    CHECK(m.config_schema.contains("properties"));
    int risks = 0;
    int benefits = 0;
    std::set<std::string> dimensions;
    for (const auto& rule : m.rules) {
        const std::string id = rule.at("id");
        CHECK(id.rfind("ai.", 0) == 0);
        if (rule.at("kind") == "risk") {
            ++risks;
            INFO(id);
            CHECK(!rule.at("refs").value("csf", nlohmann::json::array()).empty());
            CHECK(!rule.at("refs").value("sp800_53", nlohmann::json::array()).empty());
        } else {
            ++benefits;
            dimensions.insert(rule.at("dimension").get<std::string>());
        }
    }
    CHECK(risks >= 15);
    CHECK(benefits >= 6);
    CHECK(dimensions.size() == 7);
}

TEST_CASE("ai: language-model risks cite ATLAS and OWASP LLM ids; decisions about people cite GDPR and the AI Act",
          "[ai][plugin]") {
    std::map<std::string, nlohmann::json> refs;
    for (const auto& rule : plugin_manifest("ai").rules) {
        refs[rule.at("id")] = rule.at("refs");
    }
    for (const char* id :
         {"ai.prompt-injection", "ai.output-handling", "ai.excessive-agency", "ai.system-prompt-leakage",
          "ai.vector-store", "ai.hallucination", "ai.cost-runaway", "ai.model-supply-chain",
          "ai.training-data-poisoning", "ai.model-extraction", "ai.provider-data-exposure"}) {
        INFO(id);
        CHECK(refs[id].contains("atlas"));
        CHECK(refs[id].contains("owasp_llm"));
    }
    for (const char* id : {"ai.automated-decisions", "ai.explainability", "ai.bias-discrimination",
                           "ai.regulatory-tier", "ai.prohibited-practice"}) {
        INFO(id);
        CHECK(refs[id].contains("eu_ai_act"));
        CHECK(refs[id].contains("gdpr"));
    }
    CHECK(refs["ai.automated-decisions"]["gdpr"].dump().find("Art. 22") != std::string::npos);
}

TEST_CASE("ai: a proposal without an AI technology gets nothing from the plugin", "[ai][plugin]") {
    const Contribution c = evaluate_yaml("ai", "id: t\ntitle: T\ntechnologies: [{category: cloud}]\n");
    CHECK(c.risks.empty());
    CHECK(c.benefits.empty());
    CHECK(c.questions.empty());
}

TEST_CASE("ai.prompt-injection: exposure raises likelihood, tools raise impact, guardrails lower the residual",
          "[ai][plugin]") {
    const Risk internal = risk(ai(std::string(k_llm) + ", audience: internal"), "ai.prompt-injection");
    const Risk pub = risk(ai(std::string(k_llm) + ", audience: public"), "ai.prompt-injection");
    CHECK(pub.likelihood > internal.likelihood);
    CHECK(cites(pub, "/technologies/0/audience"));

    const Risk indirect = risk(ai(std::string(k_llm) + ", audience: internal, retrieval_sources: [customer_emails]"),
                               "ai.prompt-injection");
    CHECK(indirect.likelihood > internal.likelihood);

    const Risk refunds =
        risk(ai(std::string(k_llm) + ", audience: public, tools: [issue_refund]"), "ai.prompt-injection");
    CHECK(refunds.impact == 5);
    CHECK(refunds.impact > pub.impact);
    CHECK(mitigation_for(refunds, "human_review") != nullptr);

    const std::string guarded = ai_proposal(std::string(k_llm) + ", audience: public",
                                            "controls: [{id: prompt_injection_guardrails, status: in_place}]\n");
    const Risk after = reviewed(review_of(guarded), "ai.prompt-injection");
    CHECK(after.residual_likelihood < after.likelihood);
}

TEST_CASE("ai.prompt-injection: a predictive model has none, an unknown model type is asked about", "[ai][plugin]") {
    const Contribution predictive = ai(
        "model_source: in_house_trained, model_type: classifier, use_case: churn scoring, decision_impact: advisory");
    CHECK(find_risk(predictive, "ai.prompt-injection") == nullptr);
    const Contribution unknown = ai("model_source: third_party_api, use_case: something new");
    CHECK(find_risk(unknown, "ai.prompt-injection") == nullptr);
    CHECK(asks(unknown, "ai.prompt-injection", "/model_type"));
    const Contribution no_audience = ai(k_llm);
    CHECK(asks(no_audience, "ai.prompt-injection", "/audience"));
}

TEST_CASE("ai.output-handling: executed output is worst, plain display is no risk, unknown targets are asked",
          "[ai][plugin]") {
    const Risk sql =
        risk(ai(std::string(k_llm) + ", audience: internal, output_targets: [sql_query]"), "ai.output-handling");
    const Risk web =
        risk(ai(std::string(k_llm) + ", audience: internal, output_targets: [web_page]"), "ai.output-handling");
    CHECK(sql.impact == 5);
    CHECK(web.impact < sql.impact);
    CHECK(sql.likelihood > web.likelihood);
    CHECK(mitigation_for(sql, "output_validation") != nullptr);
    CHECK(find_risk(ai(std::string(k_llm) + ", audience: internal, output_targets: [analyst_screen]"),
                    "ai.output-handling") == nullptr);
    const Contribution unknown = ai(std::string(k_llm) + ", audience: internal");
    CHECK(find_risk(unknown, "ai.output-handling") == nullptr);
    CHECK(asks(unknown, "ai.output-handling", "/output_targets"));
}

TEST_CASE("ai.excessive-agency: payments are impact 5, read-only tools much less, approval lowers the residual",
          "[ai][plugin]") {
    const Risk pay = risk(ai(std::string(k_llm) + ", audience: customers, tools: [issue_refund, lookup_order]"),
                          "ai.excessive-agency");
    const Risk read =
        risk(ai(std::string(k_llm) + ", audience: customers, tools: [lookup_order]"), "ai.excessive-agency");
    CHECK(pay.impact == 5);
    CHECK(read.impact <= 3);
    CHECK(cites(pay, "/technologies/0/tools"));
    CHECK(find_risk(ai(std::string(k_llm) + ", audience: customers"), "ai.excessive-agency") == nullptr);
    CHECK(asks(ai(std::string(k_llm_base) + ", audience: internal, use_case: autonomous procurement agent"),
               "ai.excessive-agency", "/tools"));

    const Risk approved =
        reviewed(review_of(ai_proposal(std::string(k_llm) + ", audience: customers, tools: [issue_refund]",
                                       "controls: [{id: human_review, status: in_place}]\n")),
                 "ai.excessive-agency");
    CHECK(approved.residual_likelihood < approved.likelihood);
}

TEST_CASE("ai.system-prompt-leakage: raised for outside users only, more likely for the public", "[ai][plugin]") {
    const Risk pub = risk(ai(std::string(k_llm) + ", audience: public"), "ai.system-prompt-leakage");
    const Risk customers = risk(ai(std::string(k_llm) + ", audience: customers"), "ai.system-prompt-leakage");
    CHECK(pub.likelihood > customers.likelihood);
    CHECK(find_risk(ai(std::string(k_llm) + ", audience: internal"), "ai.system-prompt-leakage") == nullptr);
    const Risk tools =
        risk(ai(std::string(k_llm) + ", audience: public, tools: [lookup_order]"), "ai.system-prompt-leakage");
    CHECK(tools.impact > pub.impact);
}

TEST_CASE("ai.vector-store: untrusted or personal sources raise it; permission checks lower the residual",
          "[ai][plugin]") {
    const std::string rest = "data: {classification: confidential, personal_data: true, records: 50000}\n";
    const std::string tech = std::string(k_llm) + ", audience: internal, retrieval_sources: ";
    const Risk manual = risk(ai(tech + "[policy_manual]", rest), "ai.vector-store");
    const Risk open = risk(ai(tech + "[inbound_email]", rest), "ai.vector-store");
    const Risk records = risk(ai(tech + "[customer_records]", rest), "ai.vector-store");
    CHECK(open.likelihood > manual.likelihood);
    CHECK(manual.impact == 2);  // reference documents expose little
    CHECK(records.impact >= 4); // an index of confidential personal records
    CHECK(records.likelihood > manual.likelihood);
    CHECK(cites(records, "/data/personal_data"));
    CHECK(!cites(manual, "/data/personal_data"));
    const Risk customers =
        risk(ai(std::string(k_llm) + ", audience: customers, retrieval_sources: [customer_records]", rest),
             "ai.vector-store");
    CHECK(customers.likelihood > records.likelihood);
    CHECK(find_risk(ai(std::string(k_llm) + ", audience: internal"), "ai.vector-store") == nullptr);
    const Risk checked =
        reviewed(review_of(ai_proposal(tech + "[customer_records]",
                                       rest + "controls: [{id: permission_aware_retrieval, status: in_place}]\n")),
                 "ai.vector-store");
    CHECK(checked.residual_likelihood < checked.likelihood);
}

TEST_CASE("ai.hallucination: customer-facing answers weigh more, regulated sectors more still", "[ai][plugin]") {
    const Risk staff = risk(ai(std::string(k_llm) + ", audience: internal"), "ai.hallucination");
    const Risk customers = risk(ai(std::string(k_llm) + ", audience: customers"), "ai.hallucination");
    const Risk bank =
        risk(ai(std::string(k_llm) + ", audience: customers", "organization: {sector: banking}\n"), "ai.hallucination");
    CHECK(customers.impact > staff.impact);
    CHECK(bank.impact > customers.impact);
    const Risk grounded =
        risk(ai(std::string(k_llm) + ", audience: customers, retrieval_sources: [faq]"), "ai.hallucination");
    CHECK(grounded.likelihood < customers.likelihood);
    CHECK(find_risk(ai("model_source: third_party_api, model_type: llm, decision_impact: none, audience: internal, "
                       "use_case: drafting"),
                    "ai.hallucination") == nullptr);
}

TEST_CASE("ai.cost-runaway: public exposure raises likelihood; a missing run cost is asked", "[ai][plugin]") {
    const std::string costs = "costs: {opex_annual: 120000}\n";
    const Risk internal = risk(ai(std::string(k_llm) + ", audience: internal", costs), "ai.cost-runaway");
    const Risk pub = risk(ai(std::string(k_llm) + ", audience: public", costs), "ai.cost-runaway");
    CHECK(pub.likelihood > internal.likelihood);
    REQUIRE(pub.fair);
    CHECK(pub.fair->magnitude.likely == Approx(20000)); // two months of a 120,000 annual run cost
    CHECK(asks(ai(std::string(k_llm) + ", audience: public"), "ai.cost-runaway", "/costs/opex_annual"));
    CHECK(find_risk(ai("model_source: self_hosted_open, model_type: llm, audience: internal, use_case: drafting, "
                       "decision_impact: none"),
                    "ai.cost-runaway") == nullptr);
}

TEST_CASE("ai.automated-decisions: special categories and regulation raise impact, human review lowers the residual",
          "[ai][plugin]") {
    const char* tech = "model_source: in_house_trained, model_type: classifier, use_case: claims approval, "
                       "decision_impact: automated, affects_individuals: true, training_data: [claims]";
    const Risk plain = risk(ai(tech, "data: {personal_data: true, records: 20000}\n"), "ai.automated-decisions");
    const Risk health = risk(ai(tech, "data: {personal_data: true, special_categories: [health], records: 20000}\n"),
                             "ai.automated-decisions");
    CHECK(plain.impact == 4);
    CHECK(health.impact == 5);
    CHECK(health.rationale.find("Art. 22(4)") != std::string::npos);
    const Risk volume = risk(ai(std::string(tech) + ", decisions_per_year: 500000"), "ai.automated-decisions");
    CHECK(volume.likelihood > plain.likelihood);
    const Mitigation* review_small = mitigation_for(plain, "human_review");
    const Mitigation* review_big = mitigation_for(volume, "human_review");
    REQUIRE(review_small);
    REQUIRE(review_big);
    CHECK(review_big->cost.annual > review_small->cost.annual); // priced by decision volume

    CHECK(find_risk(ai("model_source: in_house_trained, model_type: classifier, use_case: claims approval, "
                       "decision_impact: advisory, affects_individuals: true, training_data: [claims]"),
                    "ai.automated-decisions") == nullptr);
    const Risk reviewed_risk = reviewed(
        review_of(ai_proposal(tech, "controls: [{id: human_review, status: in_place}]\n")), "ai.automated-decisions");
    CHECK(reviewed_risk.residual_likelihood < reviewed_risk.likelihood);
    CHECK(asks(ai("model_source: in_house_trained, model_type: classifier, use_case: scoring, decision_impact: "
                  "automated, training_data: [x]"),
               "ai.automated-decisions", "/affects_individuals"));
}

TEST_CASE("ai.explainability: a bought-in model is harder to explain than one built in house", "[ai][plugin]") {
    const Risk bought = risk(ai("model_source: third_party_api, model_type: llm, use_case: loan pre-screening, "
                                "decision_impact: advisory, affects_individuals: true"),
                             "ai.explainability");
    const Risk built = risk(ai("model_source: in_house_trained, model_type: classifier, use_case: loan pre-screening, "
                               "decision_impact: advisory, affects_individuals: true, training_data: [loans]"),
                            "ai.explainability");
    CHECK(bought.likelihood > built.likelihood);
    CHECK(bought.rationale.find("Circular 2022-03") != std::string::npos); // credit: adverse-action reasons
    CHECK(mitigation_for(built, "explainability") != nullptr);
    CHECK(find_risk(ai(std::string(k_llm) + ", audience: internal"), "ai.explainability") == nullptr);
}

TEST_CASE("ai.bias-discrimination: learning from past decisions is likelier to discriminate", "[ai][plugin]") {
    const char* tech = "model_source: in_house_trained, model_type: classifier, use_case: candidate shortlisting, "
                       "decision_impact: advisory, affects_individuals: true";
    const Risk history =
        risk(ai(std::string(tech) + ", training_data: [historical_hiring_decisions]"), "ai.bias-discrimination");
    const Risk fresh = risk(ai(std::string(tech) + ", training_data: [skills_taxonomy]"), "ai.bias-discrimination");
    CHECK(history.likelihood > fresh.likelihood);
    const Risk regulated =
        risk(ai(std::string(tech) + ", training_data: [skills_taxonomy]", "organization: {sector: healthcare}\n"),
             "ai.bias-discrimination");
    CHECK(regulated.impact > fresh.impact);
    CHECK(mitigation_for(fresh, "bias_testing") != nullptr);
}

TEST_CASE("ai.regulatory-tier: Annex III uses are high-risk in the EU; chat assistants carry transparency duties",
          "[ai][plugin]") {
    const std::string eu = "compliance: [gdpr]\n";
    const Risk credit = risk(ai("model_source: in_house_trained, model_type: classifier, use_case: credit scoring of "
                                "loan applicants, decision_impact: advisory, affects_individuals: true, "
                                "training_data: [loans]",
                                eu),
                             "ai.regulatory-tier");
    CHECK(credit.likelihood == 4);
    CHECK(credit.rationale.find("Annex III point 5(b)") != std::string::npos);
    CHECK(cites(credit, "/compliance"));
    const Risk bank = risk(ai("model_source: in_house_trained, model_type: classifier, use_case: credit scoring, "
                              "decision_impact: advisory, affects_individuals: true, training_data: [loans]",
                              eu + "organization: {sector: banking}\n"),
                           "ai.regulatory-tier");
    CHECK(bank.impact > credit.impact);

    const Risk chat = risk(ai(std::string(k_llm) + ", audience: customers", eu), "ai.regulatory-tier");
    CHECK(chat.impact == 2);
    CHECK(mitigation_for(chat, "ai_disclosure") != nullptr);

    const char* credit_tech = "model_source: in_house_trained, model_type: classifier, use_case: credit scoring, "
                              "decision_impact: advisory, affects_individuals: true, training_data: [loans]";
    CHECK(asks(ai(credit_tech), "ai.regulatory-tier", "/compliance"));
    CHECK(find_risk(ai(credit_tech, "compliance: [hipaa]\ndata: {residency: [us]}\n"), "ai.regulatory-tier") ==
          nullptr);
    CHECK(find_risk(ai("model_source: in_house_trained, model_type: classifier, use_case: credit scoring, "
                       "decision_impact: none, training_data: [loans]",
                       eu),
                    "ai.regulatory-tier") == nullptr);
}

TEST_CASE("ai.prohibited-practice: emotion recognition of employees in the EU cannot be mitigated: reject",
          "[ai][plugin]") {
    const char* tech = "model_source: third_party_api, model_type: classifier, use_case: emotion recognition on "
                       "employee calls, decision_impact: automated, affects_individuals: true";
    const std::string yaml =
        ai_proposal(tech, "compliance: [gdpr]\ncontrols: [{id: human_review, status: in_place}]\n");
    const Risk r = risk(evaluate_yaml("ai", yaml), "ai.prohibited-practice");
    CHECK(r.likelihood == 5);
    CHECK(r.impact == 5);
    CHECK(r.rationale.find("Art. 5(1)(f)") != std::string::npos);
    CHECK(review_of(yaml).decision == Decision::reject);

    const Contribution unknown = ai(tech);
    CHECK(risk(unknown, "ai.prohibited-practice").likelihood == 4);
    CHECK(asks(unknown, "ai.prohibited-practice", "/compliance"));
    CHECK(find_risk(ai(tech, "compliance: [sox]\n"), "ai.prohibited-practice") == nullptr);
    CHECK(find_risk(ai("model_source: third_party_api, model_type: classifier, use_case: customer sentiment "
                       "analysis, decision_impact: advisory",
                       "compliance: [gdpr]\n"),
                    "ai.prohibited-practice") == nullptr);
}

TEST_CASE("ai.model-evaluation-drift: unpinned provider models drift more; a missing decision impact is asked",
          "[ai][plugin]") {
    const Risk unpinned = risk(ai(std::string(k_llm) + ", audience: internal"), "ai.model-evaluation-drift");
    const Risk pinned =
        risk(ai(std::string(k_llm) + ", audience: internal, model_version_pinned: true"), "ai.model-evaluation-drift");
    CHECK(unpinned.likelihood > pinned.likelihood);
    CHECK(mitigation_for(unpinned, "model_evaluation") != nullptr);
    const Risk regulated = risk(ai(std::string(k_llm) + ", audience: internal", "organization: {sector: finance}\n"),
                                "ai.model-evaluation-drift");
    CHECK(regulated.impact > unpinned.impact);
    CHECK(asks(ai("model_source: third_party_api, model_type: llm, use_case: x, audience: internal"),
               "ai.model-evaluation-drift", "/decision_impact"));
    const Risk evaluated = reviewed(review_of(ai_proposal(std::string(k_llm) + ", audience: internal",
                                                          "controls: [{id: model_evaluation, status: in_place}]\n")),
                                    "ai.model-evaluation-drift");
    CHECK(evaluated.residual_likelihood < evaluated.likelihood);
}

TEST_CASE("ai.logging-monitoring: a high-risk system in the EU has the most to lose without logs", "[ai][plugin]") {
    const Risk chat = risk(ai(std::string(k_llm) + ", audience: customers"), "ai.logging-monitoring");
    const Risk high = risk(ai("model_source: in_house_trained, model_type: classifier, use_case: credit scoring, "
                              "decision_impact: automated, affects_individuals: true, training_data: [loans]",
                              "compliance: [eu_ai_act]\n"),
                           "ai.logging-monitoring");
    CHECK(high.impact > chat.impact);
    CHECK(high.rationale.find("Art. 26(6)") != std::string::npos);
    CHECK(find_risk(ai("model_source: third_party_api, model_type: llm, use_case: drafting, decision_impact: none, "
                       "audience: internal"),
                    "ai.logging-monitoring") == nullptr);
}

TEST_CASE("ai.security-ownership: a small firm without a CISO is offered a virtual CISO", "[ai][plugin]") {
    const Risk r = risk(ai(k_llm, "organization: {size: small, has_ciso: false}\n"), "ai.security-ownership");
    CHECK(r.concern == "security-ownership");
    REQUIRE(!r.mitigations.empty());
    CHECK(r.mitigations.front().id == "virtual-ciso");
    const Risk bank =
        risk(ai(k_llm, "organization: {size: small, has_ciso: false, sector: banking}\n"), "ai.security-ownership");
    CHECK(bank.impact > r.impact);
    CHECK(find_risk(ai(k_llm, "organization: {size: small, has_ciso: true}\n"), "ai.security-ownership") == nullptr);
    CHECK(asks(ai(k_llm), "ai.security-ownership", "/organization/has_ciso"));
}

TEST_CASE("ai: mitigation costs scale with the organisation, and small firms get the lighter variant", "[ai][plugin]") {
    const std::string tech = std::string(k_llm) + ", audience: public";
    const Risk small = risk(ai(tech, "organization: {size: small}\n"), "ai.prompt-injection");
    const Risk big = risk(ai(tech, "organization: {size: enterprise}\n"), "ai.prompt-injection");
    const Mitigation* s = mitigation_for(small, "prompt_injection_guardrails");
    const Mitigation* b = mitigation_for(big, "prompt_injection_guardrails");
    REQUIRE(s);
    REQUIRE(b);
    CHECK(b->cost.one_time > s->cost.one_time * 5);
    CHECK(s->title != b->title);
    CHECK(s->title.find("provider") != std::string::npos);
}

TEST_CASE("ai: FAIR inputs follow the facts: frequency with likelihood, breach loss with records", "[ai][plugin]") {
    const std::string tech = std::string(k_llm) + ", audience: internal, trains_on_inputs: false";
    const Risk few = risk(ai(tech, "data: {classification: confidential, personal_data: true, records: 10000}\n"),
                          "ai.provider-data-exposure");
    const Risk many = risk(ai(tech, "data: {classification: confidential, personal_data: true, records: 5000000}\n"),
                           "ai.provider-data-exposure");
    REQUIRE(few.fair);
    REQUIRE(many.fair);
    CHECK(many.fair->magnitude.likely > few.fair->magnitude.likely * 10);
    const Risk trains = risk(ai(std::string(k_llm) + ", audience: internal, trains_on_inputs: true",
                                "data: {classification: confidential, personal_data: true, records: 10000}\n"),
                             "ai.provider-data-exposure");
    REQUIRE(trains.fair);
    CHECK(trains.fair->frequency.likely > few.fair->frequency.likely);
    for (const auto& r : many.mitigations) {
        CHECK(r.residual_likelihood <= many.likelihood);
        CHECK(r.residual_impact <= many.impact);
    }
}

TEST_CASE("ai: settings can switch the EU AI Act off", "[ai][plugin]") {
    LoadOutcome loaded = load_in_process(binary_path("lib/fulcrum/plugins/ai.so"), {{"ai", {{"eu_ai_act", "never"}}}});
    REQUIRE(loaded.plugin);
    const std::string yaml = ai_proposal("model_source: third_party_api, model_type: llm, use_case: answer questions, "
                                         "decision_impact: advisory, audience: customers",
                                         "compliance: [gdpr]\n");
    const Proposal p = validate_proposal(parse_document(yaml, Syntax::yaml, "t.yaml"), "t.yaml");
    const CallResult result = loaded.plugin->evaluate(p.doc.dump());
    REQUIRE(result.ok);
    CHECK(result.output.find("ai.regulatory-tier") == std::string::npos);
    CHECK(find_risk(evaluate_yaml("ai", yaml), "ai.regulatory-tier") != nullptr);

    LoadOutcome bad = load_in_process(binary_path("lib/fulcrum/plugins/ai.so"), {{"ai", {{"eu_ai_act", "maybe"}}}});
    CHECK(!bad.plugin);
}

TEST_CASE("ai examples: each example proposal gets the decision it deserves", "[ai][plugin][examples]") {
    struct Expect {
        const char* file;
        const char* decision;
        std::vector<const char*> rules;
    };
    const Expect examples[] = {
        {"ai-predictive-maintenance.yaml", "approve", {"ai.model-evaluation-drift", "ai.training-data-poisoning"}},
        {"ai-support-assistant.yaml",
         "approve_with_conditions",
         {"ai.prompt-injection", "ai.vector-store", "ai.hallucination", "ai.regulatory-tier"}},
        {"ai-claims-triage.yaml",
         "approve_with_conditions",
         {"ai.training-data-privacy", "ai.bias-discrimination", "ai.explainability"}},
        {"ai-marketing-copy.yaml", "defer", {"ai.security-ownership", "ai.provider-data-exposure"}},
        {"ai-agent-emotion-scoring.yaml",
         "reject",
         {"ai.prohibited-practice", "ai.automated-decisions", "ai.cross-border-transfer"}},
    };
    for (const auto& e : examples) {
        INFO(e.file);
        const RunResult run = run_fulcrum({"review", source_path(std::string("examples/proposals/") + e.file),
                                           "--format", "json", "--fail-on", "never"});
        REQUIRE(run.exit_code == 0);
        const auto review = nlohmann::json::parse(run.out);
        CHECK(review["joint"]["decision"] == e.decision);
        std::set<std::string> ids;
        for (const auto& r : review["ciso"]["risks"]) {
            ids.insert(r["id"].get<std::string>());
        }
        for (const char* id : e.rules) {
            INFO(id);
            CHECK(ids.count(id) == 1);
        }
    }
}
