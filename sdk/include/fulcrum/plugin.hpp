// Header-only C++ helper for writing Fulcrum plugins.
//
// A plugin author derives from fulcrum::sdk::Plugin, describes its rules, and
// exports the class with FULCRUM_PLUGIN(Class). Everything that crosses the C
// ABI (plugin.h) is handled here: JSON in and out, instances, and exceptions,
// which are caught at the boundary and turned into a status plus last_error.
// What a rule reads of the proposal is in fulcrum/proposal.hpp.
#pragma once

#include "fulcrum/findings.hpp"
#include "fulcrum/plugin.h"
#include "fulcrum/proposal.hpp"
#include "fulcrum/tree_abi.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fulcrum::sdk {

using json = nlohmann::json;

namespace detail {
// A finding's lists hold a few items: room for four at the first, rather
// than growing one, two, four (each growth moves what is there).
template <typename T> void room_for_one_more(std::vector<T>& items, size_t first = 4) {
    if (items.capacity() == 0) {
        items.reserve(first);
    }
}
// A plugin raises a dozen or two findings a proposal, and each growth of
// the list moves every finding in it.
constexpr size_t k_findings_first = 16;
} // namespace detail

// A rule as the catalog lists it. Findings start from their rule so that the
// catalog and the findings can never disagree on ids, titles or references.
// A risk leaves its references to the catalog (ABI 1.3): the host, which read
// the catalog once with the manifest, gives them to every finding of the rule.
struct Rule {
    std::string id;   // "<plugin>.<name>"
    std::string kind; // "risk" or "benefit"
    std::string title;
    std::string summary;
    Refs refs;
    std::string dimension; // benefits only

    static Rule risk(std::string id, std::string title, std::string summary, Refs refs) {
        return {std::move(id), "risk", std::move(title), std::move(summary), std::move(refs), {}};
    }
    static Rule benefit(std::string id, std::string dimension, std::string title, std::string summary) {
        return {std::move(id), "benefit", std::move(title), std::move(summary), {}, std::move(dimension)};
    }

    json to_json() const {
        json out = {{"id", id}, {"kind", kind}, {"title", title}, {"summary", summary}, {"refs", refs_to_json(refs)}};
        if (!dimension.empty()) {
            out["dimension"] = dimension;
        }
        return out;
    }
};

class Mitigation {
public:
    Mitigation(std::string id, std::string title) {
        m_data.id = std::move(id);
        m_data.title = std::move(title);
    }

    // The proposal control that implements this mitigation, if any.
    Mitigation& control(std::string control_id) & {
        m_data.control = std::move(control_id);
        return *this;
    }
    Mitigation& cost(double one_time, double annual) & {
        m_data.cost = findings::Cost{one_time, annual};
        return *this;
    }
    // Likelihood and impact the risk keeps once this mitigation is in place.
    Mitigation& leaves(int likelihood, int impact) & {
        m_data.residual = findings::Residual{likelihood, impact};
        return *this;
    }
    // The same on a temporary, so that a chain ending in Risk::mitigation()
    // or a return moves the finding instead of copying it.
    Mitigation&& control(std::string control_id) && { return std::move(control(std::move(control_id))); }
    Mitigation&& cost(double one_time, double annual) && { return std::move(cost(one_time, annual)); }
    Mitigation&& leaves(int likelihood, int impact) && { return std::move(leaves(likelihood, impact)); }

    const findings::Mitigation& data() const& { return m_data; }
    findings::Mitigation data() && { return std::move(m_data); }
    json to_json() const { return findings::to_json(m_data); }

private:
    findings::Mitigation m_data;
};

class Risk {
public:
    explicit Risk(const Rule& rule) {
        m_data.id = rule.id;
        m_data.title = rule.title; // refs: the catalog's, given by the host
    }

    Risk& likelihood(int value) & {
        m_data.likelihood = value;
        return *this;
    }
    Risk& impact(int value) & {
        m_data.impact = value;
        return *this;
    }
    Risk& rationale(std::string text) & {
        m_data.rationale = std::move(text);
        return *this;
    }
    Risk& evidence(std::string pointer) & {
        detail::room_for_one_more(m_data.evidence);
        m_data.evidence.push_back(std::move(pointer));
        return *this;
    }
    // Risks that several plugins may raise (e.g. "vendor-lock-in") share a
    // concern key so that the host lists them once.
    Risk& concern(std::string key) & {
        m_data.concern = std::move(key);
        return *this;
    }
    Risk& mitigation(const Mitigation& m) & {
        detail::room_for_one_more(m_data.mitigations);
        m_data.mitigations.push_back(m.data());
        return *this;
    }
    Risk& mitigation(Mitigation&& m) & {
        detail::room_for_one_more(m_data.mitigations);
        m_data.mitigations.push_back(std::move(m).data());
        return *this;
    }
    // FAIR inputs: loss events per year and loss per event, in the proposal's currency.
    Risk& fair(const Range& frequency, const Range& magnitude) & {
        m_data.fair = findings::Fair{frequency, magnitude};
        return *this;
    }
    // The same on a temporary (see Mitigation).
    Risk&& likelihood(int value) && { return std::move(likelihood(value)); }
    Risk&& impact(int value) && { return std::move(impact(value)); }
    Risk&& rationale(std::string text) && { return std::move(rationale(std::move(text))); }
    Risk&& evidence(std::string pointer) && { return std::move(evidence(std::move(pointer))); }
    Risk&& concern(std::string key) && { return std::move(concern(std::move(key))); }
    Risk&& mitigation(const Mitigation& m) && { return std::move(mitigation(m)); }
    Risk&& mitigation(Mitigation&& m) && { return std::move(mitigation(std::move(m))); }
    Risk&& fair(const Range& frequency, const Range& magnitude) && { return std::move(fair(frequency, magnitude)); }

    const findings::Risk& data() const& { return m_data; }
    findings::Risk data() && { return std::move(m_data); }
    json to_json() const { return findings::to_json(m_data); }

private:
    findings::Risk m_data;
};

class Benefit {
public:
    explicit Benefit(const Rule& rule) {
        m_data.id = rule.id;
        m_data.title = rule.title;
        m_data.dimension = rule.dimension;
    }

    Benefit& score(int value) & {
        m_data.score = value;
        return *this;
    }
    Benefit& rationale(std::string text) & {
        m_data.rationale = std::move(text);
        return *this;
    }
    Benefit& evidence(std::string pointer) & {
        detail::room_for_one_more(m_data.evidence);
        m_data.evidence.push_back(std::move(pointer));
        return *this;
    }
    Benefit& annual_value(const Range& value) & {
        m_data.annual_value = value;
        return *this;
    }
    // The same on a temporary (see Mitigation).
    Benefit&& score(int value) && { return std::move(score(value)); }
    Benefit&& rationale(std::string text) && { return std::move(rationale(std::move(text))); }
    Benefit&& evidence(std::string pointer) && { return std::move(evidence(std::move(pointer))); }
    Benefit&& annual_value(const Range& value) && { return std::move(annual_value(value)); }

    const findings::Benefit& data() const& { return m_data; }
    findings::Benefit data() && { return std::move(m_data); }
    json to_json() const { return findings::to_json(m_data); }

private:
    findings::Benefit m_data;
};

// What one plugin says about one proposal.
class Contribution {
public:
    Contribution& add(const Risk& risk) {
        detail::room_for_one_more(m_data.risks, detail::k_findings_first);
        m_data.risks.push_back(risk.data());
        return *this;
    }
    Contribution& add(Risk&& risk) {
        detail::room_for_one_more(m_data.risks, detail::k_findings_first);
        m_data.risks.push_back(std::move(risk).data());
        return *this;
    }
    Contribution& add(const Benefit& benefit) {
        detail::room_for_one_more(m_data.benefits, detail::k_findings_first);
        m_data.benefits.push_back(benefit.data());
        return *this;
    }
    Contribution& add(Benefit&& benefit) {
        detail::room_for_one_more(m_data.benefits, detail::k_findings_first);
        m_data.benefits.push_back(std::move(benefit).data());
        return *this;
    }
    // Information the rule needed but the proposal lacks; `field` is the JSON
    // pointer the sponsor should fill in.
    Contribution& ask(const Rule& rule, std::string field, std::string text) {
        m_data.questions.push_back({rule.id, std::move(field), std::move(text)});
        return *this;
    }

    const findings::Contribution& data() const& { return m_data; }
    findings::Contribution data() && { return std::move(m_data); }
    json to_json() const { return findings::to_json(m_data); }

private:
    findings::Contribution m_data;
};

// Base class of a plugin. One instance per configured plugin; evaluate() may
// be called many times, concurrently if the manifest says thread_safe.
class Plugin {
public:
    virtual ~Plugin() = default;
    virtual void configure(const json& /*config*/) {}
    virtual Contribution evaluate(const Proposal& proposal) const = 0;
};

namespace detail {

struct Instance {
    std::unique_ptr<Plugin> plugin;
    std::string error; // from create()
};

// Output and errors of evaluate() live per thread: a thread-safe plugin is
// called from several threads at once, and each caller must read its own
// result. The host copies them before its next call.
inline thread_local std::string t_output;
inline thread_local std::string t_call_error;
inline thread_local const Instance* t_failed_instance = nullptr;
inline thread_local std::string t_global_error;

template <typename Fn> fulcrum_status guarded(std::string& error, Fn&& fn) noexcept {
    try {
        fn();
        return FULCRUM_OK;
    } catch (const std::exception& e) {
        try {
            error = e.what();
        } catch (...) {
        }
    } catch (...) {
        try {
            error = "unknown exception";
        } catch (...) {
        }
    }
    return FULCRUM_ERR_INTERNAL;
}

// evaluate_tree and evaluate_findings: the host's proposal read in place, the
// contribution handed over by `give`, exceptions turned into a status.
template <typename Give> fulcrum_status evaluate_in_place(fulcrum_instance* handle, const void* proposal_tree,
                                                          const void* out, Give&& give) noexcept {
    auto* instance = reinterpret_cast<Instance*>(handle);
    if (instance == nullptr || proposal_tree == nullptr || out == nullptr) {
        return FULCRUM_ERR_INVALID_ARGUMENT;
    }
    t_failed_instance = nullptr;
    const fulcrum_status rc = guarded(t_call_error, [&] {
        const Proposal proposal = Proposal::borrowing(*static_cast<const json*>(proposal_tree));
        give(instance->plugin->evaluate(proposal));
    });
    if (rc != FULCRUM_OK) {
        t_failed_instance = instance;
    }
    return rc;
}

// Builds the manifest text once: the author's fields plus the rule catalog.
template <typename P> const char* manifest_text() noexcept {
    static const std::string text = [] {
        try {
            json m = P::manifest();
            m["abi_version"] =
                std::to_string(FULCRUM_ABI_VERSION_MAJOR) + "." + std::to_string(FULCRUM_ABI_VERSION_MINOR);
            json rules = json::array();
            for (const Rule& r : P::rules()) {
                rules.push_back(r.to_json());
            }
            m["rules"] = std::move(rules);
            return m.dump();
        } catch (...) {
            return std::string("{}");
        }
    }();
    return text.c_str();
}

template <typename P> const fulcrum_plugin_api* entry() noexcept {
    static const fulcrum_plugin_api api = {
        sizeof(fulcrum_plugin_api),
        FULCRUM_ABI_VERSION,
        &manifest_text<P>,
        [](const char* config_json, fulcrum_instance** out) noexcept -> fulcrum_status {
            if (out == nullptr) {
                return FULCRUM_ERR_INVALID_ARGUMENT;
            }
            *out = nullptr;
            Instance* instance = nullptr;
            fulcrum_status rc = guarded(t_global_error, [&] { instance = new Instance{std::make_unique<P>(), {}}; });
            if (rc != FULCRUM_OK) {
                return rc;
            }
            *out = reinterpret_cast<fulcrum_instance*>(instance);
            return guarded(instance->error, [&] {
                instance->plugin->configure(config_json ? json::parse(config_json) : json::object());
            });
        },
        [](fulcrum_instance* instance) noexcept { delete reinterpret_cast<Instance*>(instance); },
        [](fulcrum_instance* handle, const char* proposal_json, size_t proposal_len, const char** out_json,
           size_t* out_len) noexcept -> fulcrum_status {
            auto* instance = reinterpret_cast<Instance*>(handle);
            if (instance == nullptr || proposal_json == nullptr || out_json == nullptr || out_len == nullptr) {
                return FULCRUM_ERR_INVALID_ARGUMENT;
            }
            t_failed_instance = nullptr;
            const fulcrum_status rc = guarded(t_call_error, [&] {
                Proposal proposal(json::parse(proposal_json, proposal_json + proposal_len));
                t_output = instance->plugin->evaluate(proposal).to_json().dump();
                *out_json = t_output.c_str();
                *out_len = t_output.size();
            });
            if (rc != FULCRUM_OK) {
                t_failed_instance = instance;
            }
            return rc;
        },
        [](fulcrum_instance* handle) noexcept -> const char* {
            auto* instance = reinterpret_cast<Instance*>(handle);
            if (instance != nullptr && instance == t_failed_instance) {
                return t_call_error.c_str();
            }
            const std::string& error = instance ? instance->error : t_global_error;
            return error.empty() ? nullptr : error.c_str();
        },
        &tree_abi::identity,
        [](fulcrum_instance* handle, const void* proposal, void* contribution) noexcept -> fulcrum_status {
            return evaluate_in_place(handle, proposal, contribution,
                                     [&](Contribution&& c) { *static_cast<json*>(contribution) = c.to_json(); });
        },
        [](fulcrum_instance* handle, const void* proposal, void* contribution) noexcept -> fulcrum_status {
            return evaluate_in_place(handle, proposal, contribution, [&](Contribution&& c) {
                *static_cast<findings::Contribution*>(contribution) = std::move(c).data();
            });
        },
    };
    return &api;
}

} // namespace detail
} // namespace fulcrum::sdk

// Exports `PluginClass` as a Fulcrum plugin. The class derives from
// fulcrum::sdk::Plugin and provides `static nlohmann::json manifest()` and
// `static const std::vector<fulcrum::sdk::Rule>& rules()`.
#define FULCRUM_PLUGIN(PluginClass)                                                                                    \
    extern "C" FULCRUM_PLUGIN_EXPORT const fulcrum_plugin_api* fulcrum_plugin_entry(void) {                            \
        return ::fulcrum::sdk::detail::entry<PluginClass>();                                                           \
    }
