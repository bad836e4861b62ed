// The AI plugin's rule catalog: every rule declared once, with its framework
// references, so that `fulcrum rules` and the findings always agree.
#pragma once

#include <fulcrum/plugin.hpp>

#include <vector>

namespace fulcrum::ai::rules {

using sdk::Rule;

// Language-model application risks (OWASP Top 10 for LLM Applications 2025).
extern const Rule prompt_injection;
extern const Rule output_handling;
extern const Rule excessive_agency;
extern const Rule prompt_leakage;
extern const Rule vector_store;
extern const Rule hallucination;
extern const Rule cost_runaway;

// Data, model and supplier risks.
extern const Rule provider_data;
extern const Rule cross_border;
extern const Rule poisoning;
extern const Rule training_privacy;
extern const Rule supply_chain;
extern const Rule extraction;
extern const Rule lock_in;

// Decisions about people, regulation and operations.
extern const Rule automated_decisions;
extern const Rule explainability;
extern const Rule bias;
extern const Rule regulatory_tier;
extern const Rule prohibited;
extern const Rule drift;
extern const Rule logging;
extern const Rule ownership;

// Benefits.
extern const Rule productivity;
extern const Rule service;
extern const Rule differentiation;
extern const Rule scale;
extern const Rule cost_to_serve;
extern const Rule detection;
extern const Rule assurance;

const std::vector<Rule>& all();

} // namespace fulcrum::ai::rules
