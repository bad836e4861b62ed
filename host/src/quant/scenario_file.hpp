// Standalone scenario files for `fulcrum simulate`: risk analysts' loss
// scenarios without a proposal. docs/quantification.md gives both formats.
#pragma once

#include "quant/engine.hpp"

#include <string>
#include <vector>

namespace fulcrum::quant {

struct ScenarioSet {
    std::string id;       // names the random streams with each scenario's name; may be empty
    std::string currency; // for display only; may be empty
    std::vector<Scenario> scenarios;
};

// Reads CSV when the name ends in .csv, JSON otherwise. Throws fulcrum::Error
// (exit 3) listing every problem as "<file>:<line>: <field>: expected ..., got ...".
ScenarioSet load_scenarios(const std::string& path);

// CSV, one scenario a line: name, frequency low, likely, high, magnitude low,
// likely, high, and optionally secondary probability, low, likely, high. An
// optional header line starts with "name"; lines starting with # are comments.
ScenarioSet parse_scenarios_csv(const std::string& text, const std::string& origin);

// JSON: {"id", "currency", "scenarios": [{"name", "frequency": {"low",
// "likely", "high", "distribution"}, "magnitude": {...}, "secondary":
// {"probability", "magnitude": {...}}}]}, or just the array of scenarios.
ScenarioSet parse_scenarios_json(const std::string& text, const std::string& origin);

} // namespace fulcrum::quant
