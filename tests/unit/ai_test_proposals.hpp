// Proposals for the AI plugin's tests (ai_plugin_test.cpp and
// ai_data_risks_test.cpp, rule by rule, and ai_benefits_test.cpp): one AI
// technology, evaluated by the real plugin, and what the tests ask of it.
#pragma once

#include "plugin_harness.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

namespace fulcrum::test {

// A proposal with one AI technology; `tech` is the inside of a YAML flow map.
inline std::string ai_proposal(const std::string& tech, const std::string& rest = "") {
    return "id: t\ntitle: T\ntechnologies:\n  - {category: ai, " + tech + "}\n" + rest;
}

inline Contribution ai(const std::string& tech, const std::string& rest = "") {
    return evaluate_yaml("ai", ai_proposal(tech, rest));
}

// True when `rule` asked about a field ending in `field_suffix`.
inline bool asks(const Contribution& c, const std::string& rule, const std::string& field_suffix) {
    return std::any_of(c.questions.begin(), c.questions.end(), [&](const Question& q) {
        return q.rule == rule && q.field.size() >= field_suffix.size() &&
               q.field.compare(q.field.size() - field_suffix.size(), field_suffix.size(), field_suffix) == 0;
    });
}

// An LLM behind a provider's API; k_llm adds a use case, tests that name their
// own start from k_llm_base (a key may appear only once).
inline const char* const k_llm_base =
    "model_source: third_party_api, model_type: llm, decision_impact: advisory, affects_individuals: false";
inline const std::string k_llm = std::string(k_llm_base) + ", use_case: answer questions";

// By value: callers pass temporaries, and a reference into one would dangle.
inline Risk risk(const Contribution& c, const std::string& id) {
    const Risk* r = find_risk(c, id);
    INFO("expected risk " << id);
    REQUIRE(r != nullptr);
    return *r;
}

inline bool cites(const Risk& r, const std::string& pointer) {
    return std::find(r.evidence.begin(), r.evidence.end(), pointer) != r.evidence.end();
}

inline const Mitigation* mitigation_for(const Risk& r, const std::string& control) {
    for (const auto& m : r.mitigations) {
        if (m.control == control) {
            return &m;
        }
    }
    return nullptr;
}

} // namespace fulcrum::test
