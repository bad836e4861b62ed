// Runs one proposal through every plugin that applies and merges the result.
// This is the data flow of DESIGN.md in one place: proposal -> plugins ->
// contributions (validated) -> merge -> review.
#pragma once

#include "plugin/registry.hpp"
#include "proposal/proposal.hpp"
#include "quant/quantify.hpp"
#include "review/policy.hpp"
#include "review/review.hpp"

namespace fulcrum {

class Reviewer {
public:
    Reviewer(PluginSet& plugins, const Policy& policy) : m_plugins(plugins), m_policy(policy) {}

    // Never throws for plugin faults: they become failed plugins in the review.
    Review review(const Proposal& proposal) const;
    const Policy& policy() const { return m_policy; }

    // Quantification runs after the merge unless turned off here.
    void set_quant(const quant::QuantOptions& options) { m_quant = options; }

private:
    PluginSet& m_plugins;
    const Policy& m_policy;
    quant::QuantOptions m_quant;
};

} // namespace fulcrum
