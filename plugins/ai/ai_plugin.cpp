// The AI plugin: what adopting a model (a provider's API, an open model run in
// house, or one trained in house) does for the business and what it exposes.
// The rules live in ai_*_risks.cpp and ai_benefits.cpp; README.md lists the
// proposal fields and control ids they read.
#include "ai_catalog.hpp"
#include "ai_rules.hpp"

#include <fulcrum/plugin.hpp>

namespace {

using namespace fulcrum::sdk;
using fulcrum::ai::Settings;

class AiPlugin final : public Plugin {
public:
    static json manifest() {
        return {{"id", "ai"},
                {"name", "AI adoption"},
                {"vendor", "Fulcrum"},
                {"version", "0.2.0"},
                {"description", "Benefit and risk of adopting AI: language-model applications, predictive models and "
                                "automated decisions, judged against NIST CSF 2.0, SP 800-53, MITRE ATLAS, the OWASP "
                                "Top 10 for LLM Applications, the GDPR and the EU AI Act"},
                {"categories", {"ai"}},
                {"thread_safe", true},
                {"config_schema",
                 {{"type", "object"},
                  {"additionalProperties", false},
                  {"properties",
                   {{"eu_ai_act",
                     {{"enum", {"auto", "always", "never"}},
                      {"description", "Apply the EU AI Act: auto (when the proposal names the GDPR, the AI Act, EU "
                                      "residency or EUR), always, or never"}}},
                    {"review_minutes",
                     {{"type", "number"},
                      {"exclusiveMinimum", 0},
                      {"maximum", 480},
                      {"description", "Minutes a person needs to review one adverse automated decision; prices human "
                                      "oversight"}}},
                    {"reviewer_hourly_cost",
                     {{"type", "number"},
                      {"minimum", 0},
                      {"description", "Loaded hourly cost of a reviewer, in the proposal's currency"}}}}}}}};
    }
    static const std::vector<Rule>& rules() { return fulcrum::ai::rules::all(); }

    void configure(const json& config) override {
        m_settings.eu_ai_act = config.value("eu_ai_act", m_settings.eu_ai_act);
        m_settings.review_minutes = config.value("review_minutes", m_settings.review_minutes);
        m_settings.reviewer_hourly_cost = config.value("reviewer_hourly_cost", m_settings.reviewer_hourly_cost);
    }

    Contribution evaluate(const Proposal& p) const override {
        Contribution out;
        const auto techs = p.technologies("ai");
        if (techs.empty()) {
            return out;
        }
        fulcrum::ai::Sink sink(out);
        const auto review = [&sink](const fulcrum::ai::AiFacts& facts) {
            if (!facts.has("use_case")) {
                sink.ask(fulcrum::ai::rules::regulatory_tier, facts.field("use_case"),
                         "What will " + fulcrum::ai::system_name(facts) +
                             " do, for whom, and what happens with its output?");
            }
            fulcrum::ai::regulation_risks(facts, sink);
            fulcrum::ai::decision_risks(facts, sink);
            fulcrum::ai::data_risks(facts, sink);
            fulcrum::ai::llm_risks(facts, sink);
        };
        const auto main = fulcrum::ai::gather(p, techs.front(), m_settings);
        review(main);
        for (size_t i = 1; i < techs.size(); ++i) {
            review(fulcrum::ai::gather(p, techs[i], m_settings));
        }
        // Benefits are judged once, on the main AI system, so that a proposal
        // with two models does not count each benefit twice.
        fulcrum::ai::benefits(main, sink);
        fulcrum::firstparty::security_ownership(p, fulcrum::ai::rules::ownership, out);
        return out;
    }

private:
    Settings m_settings; // written by configure() only, before any evaluate()
};

} // namespace

FULCRUM_PLUGIN(AiPlugin)
