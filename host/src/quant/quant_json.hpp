// Quantification results as JSON, shared by the review's JSON report and by
// `fulcrum simulate`. docs/quantification.md documents every field.
#pragma once

#include "quant/result.hpp"

#include <nlohmann/json.hpp>

namespace fulcrum::quant {

// Money to the cent: the simulation is not more precise than that.
double round_money(double value);

nlohmann::ordered_json to_json(const LossSummary& s);
nlohmann::ordered_json to_json(const ValueSummary& s);
nlohmann::ordered_json to_json(const Distribution& d);
nlohmann::ordered_json to_json(const Scenario& s);

// The proposal-level `quant` section of a review (without the per-risk parts).
nlohmann::ordered_json review_quant_json(const ReviewQuant& q);
// The `quant` object of one risk in `ciso.risks[]`.
nlohmann::ordered_json risk_quant_json(const RiskQuant& r);
// The budget-fitted plan, also shown as `joint.plan`.
nlohmann::ordered_json plan_json(const ReviewQuant& q);

} // namespace fulcrum::quant
