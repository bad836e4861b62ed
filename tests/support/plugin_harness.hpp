// Runs one built plugin on a proposal written inline, the way the host does
// (load, evaluate, validate the contribution), for plugin tests.
#pragma once

#include "model/findings.hpp"
#include "plugin/manifest.hpp"

#include <string>

namespace fulcrum::test {

// Loads <build>/lib/fulcrum/plugins/<plugin>.so once per test binary.
const Manifest& plugin_manifest(const std::string& plugin);

// Validates `yaml` as a proposal, evaluates it with the plugin and returns
// the validated contribution. Fails the test (throws) if any step fails.
Contribution evaluate_yaml(const std::string& plugin, const std::string& yaml);

const Risk* find_risk(const Contribution& c, const std::string& rule_id);
const Benefit* find_benefit(const Contribution& c, const std::string& rule_id);
const Question* find_question(const Contribution& c, const std::string& rule_id);

} // namespace fulcrum::test
