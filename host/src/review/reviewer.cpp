#include "review/reviewer.hpp"

#include "plugin/contribution.hpp"
#include "review/merge.hpp"

namespace fulcrum {

Review Reviewer::review(const Proposal& proposal) const {
    std::string text; // printed once, for the first plugin that takes text
    auto call = [&](Plugin& plugin, const std::string& id) -> std::variant<Contribution, std::string> {
        if (plugin.takes_findings()) {
            FindingsCallResult result = plugin.evaluate_findings(proposal.doc);
            if (!result.ok) {
                return std::move(result.error);
            }
            return read_contribution_findings(std::move(result.contribution), id, m_policy.limits);
        }
        if (plugin.takes_trees()) {
            TreeCallResult result = plugin.evaluate_tree(proposal.doc);
            if (!result.ok) {
                return std::move(result.error);
            }
            return read_contribution_tree(std::move(result.contribution), id, m_policy.limits);
        }
        if (text.empty()) {
            text = proposal.doc.dump();
        }
        CallResult result = plugin.evaluate(text);
        if (!result.ok) {
            return std::move(result.error);
        }
        return read_contribution(result.output, id, m_policy.limits);
    };
    std::vector<PluginRun> runs;
    for (auto& plugin : m_plugins.loaded) {
        const Manifest& manifest = plugin->manifest();
        PluginRun run;
        run.id = manifest.id;
        run.version = manifest.version;
        run.unverified = m_plugins.unverified(manifest.id);
        for (const auto& category : proposal.categories) {
            if (manifest.handles(category)) {
                run.categories.push_back(category);
            }
        }
        if (run.categories.empty()) {
            runs.push_back(std::move(run));
            continue;
        }
        auto contribution = call(*plugin, manifest.id);
        if (auto* reason = std::get_if<std::string>(&contribution)) {
            run.status = PluginStatus::failed;
            run.error = std::move(*reason);
        } else {
            run.status = PluginStatus::ok;
            run.contribution = std::move(std::get<Contribution>(contribution));
            manifest.cite_catalog(run.contribution);
        }
        runs.push_back(std::move(run));
    }
    for (const auto& failed : m_plugins.failed) {
        PluginRun run;
        run.id = failed.id;
        run.status = PluginStatus::failed;
        run.error = "could not be loaded from " + failed.path + ": " + failed.error;
        runs.push_back(std::move(run));
    }
    Review review = merge(proposal, std::move(runs), m_policy);
    if (m_quant.enabled) {
        review.quant = quant::quantify(proposal, review.risks, m_quant);
        note_net_value(review);
    }
    return review;
}

} // namespace fulcrum
