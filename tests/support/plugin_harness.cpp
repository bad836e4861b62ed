#include "plugin_harness.hpp"

#include "plugin/contribution.hpp"
#include "plugin/in_process.hpp"
#include "proposal/document.hpp"
#include "proposal/proposal.hpp"
#include "test_support.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace fulcrum::test {
namespace {

Plugin& loaded(const std::string& name) {
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<Plugin>> cache;
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find(name);
    if (it == cache.end()) {
        LoadOutcome outcome = load_in_process(binary_path("lib/fulcrum/plugins/" + name + ".so"), {});
        if (!outcome.plugin) {
            throw std::runtime_error("cannot load plugin " + name + ": " + outcome.error);
        }
        it = cache.emplace(name, std::move(outcome.plugin)).first;
    }
    return *it->second;
}

} // namespace

const Manifest& plugin_manifest(const std::string& plugin) {
    return loaded(plugin).manifest();
}

Contribution evaluate_yaml(const std::string& plugin, const std::string& yaml) {
    const Proposal proposal = validate_proposal(parse_document(yaml, Syntax::yaml, "test.yaml"), "test.yaml");
    Plugin& p = loaded(plugin);
    const CallResult result = p.evaluate(proposal.doc.dump());
    if (!result.ok) {
        throw std::runtime_error(plugin + " failed: " + result.error);
    }
    // First-party plugins offer the tree ABI: it must say exactly what the
    // text says ...
    if (!p.takes_trees()) {
        throw std::runtime_error(plugin + " does not take trees");
    }
    const TreeCallResult tree = p.evaluate_tree(proposal.doc);
    if (!tree.ok || tree.contribution != nlohmann::json::parse(result.output)) {
        throw std::runtime_error(
            plugin + " says something else through the tree ABI: " + (tree.ok ? tree.contribution.dump() : tree.error));
    }
    // ... and so must the findings ABI, which reviews use when they can.
    if (!p.takes_findings()) {
        throw std::runtime_error(plugin + " does not take findings");
    }
    FindingsCallResult values = p.evaluate_findings(proposal.doc);
    if (!values.ok || sdk::findings::to_json(values.contribution) != tree.contribution) {
        throw std::runtime_error(plugin + " says something else through the findings ABI: " +
                                 (values.ok ? sdk::findings::to_json(values.contribution).dump() : values.error));
    }
    auto contribution = read_contribution_findings(std::move(values.contribution), p.manifest().id);
    if (auto* reason = std::get_if<std::string>(&contribution)) {
        throw std::runtime_error(plugin + " contribution refused: " + *reason);
    }
    return std::get<Contribution>(contribution);
}

const Risk* find_risk(const Contribution& c, const std::string& rule_id) {
    for (const auto& r : c.risks) {
        if (r.id == rule_id) {
            return &r;
        }
    }
    return nullptr;
}

const Benefit* find_benefit(const Contribution& c, const std::string& rule_id) {
    for (const auto& b : c.benefits) {
        if (b.id == rule_id) {
            return &b;
        }
    }
    return nullptr;
}

const Question* find_question(const Contribution& c, const std::string& rule_id) {
    for (const auto& q : c.questions) {
        if (q.rule == rule_id) {
            return &q;
        }
    }
    return nullptr;
}

} // namespace fulcrum::test
