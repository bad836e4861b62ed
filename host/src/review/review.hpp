// The unified review of one proposal: the CIO view, the CISO view and the
// joint recommendation, plus which plugins took part. docs/review-format.md
// documents every field and the rules that fill them.
#pragma once

#include "model/findings.hpp"
#include "quant/result.hpp"

#include <optional>
#include <string>
#include <vector>

namespace fulcrum {

enum class Decision { approve, approve_with_conditions, defer, reject };
const char* to_string(Decision decision);

enum class PluginStatus { ok, failed, not_applicable };
const char* to_string(PluginStatus status);

// One plugin's part in a review.
struct PluginRun {
    std::string id;
    std::string version;
    std::vector<std::string> categories; // the proposal's categories it covered
    PluginStatus status = PluginStatus::not_applicable;
    std::string error;
    Contribution contribution; // empty unless ok; the merge moves it into the review
    bool unverified = false;   // loaded with --allow-untrusted: neither pinned, signed nor first-party
};

// A mitigation the decision depends on, and the risk it answers.
struct Condition {
    std::string risk_id;
    Mitigation mitigation;
    // When an earlier condition already asks for the same control (by control
    // id), that condition's risk: the control is paid for once, there.
    std::string same_control_as;
};

struct Review {
    std::string proposal_id;
    std::string proposal_title;
    std::string source;
    std::string currency = "USD";
    std::string policy;   // policy name
    std::string appetite; // appetite name
    std::vector<PluginRun> plugins;
    bool complete = true;

    // CIO view
    int benefit_score = 0;
    std::vector<Benefit> benefits;
    Range annual_value; // summed over benefits that give a value
    bool has_annual_value = false;

    // CISO view
    int risk_score = 0;          // with the controls already in place
    int inherent_risk_score = 0; // before any control
    int planned_risk_score = 0;  // once the conditions are met
    std::vector<Risk> risks;     // deduplicated, worst residual first

    // Joint view
    Decision decision = Decision::defer;
    std::vector<Condition> conditions;
    std::vector<Question> questions;
    std::string rationale;
    Cost conditions_cost;

    std::vector<std::string> warnings;

    // Quantified exposure, net value and the budget-fitted plan (docs/quantification.md);
    // absent when quantification is turned off.
    std::optional<quant::ReviewQuant> quant;
};

// The 1-based number of the condition that pays for condition `index` (itself,
// unless it shares an earlier condition's control), as reports number them.
inline size_t paying_condition_number(const Review& review, size_t index) {
    const Condition& c = review.conditions.at(index);
    if (!c.same_control_as.empty()) {
        for (size_t i = 0; i < index; ++i) {
            const Condition& earlier = review.conditions[i];
            if (earlier.same_control_as.empty() && earlier.risk_id == c.same_control_as &&
                earlier.mitigation.control == c.mitigation.control) {
                return i + 1;
            }
        }
    }
    return index + 1;
}

} // namespace fulcrum
