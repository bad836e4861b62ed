// Header-only C++ helper for writing Fulcrum plugins.
//
// A plugin author derives from fulcrum::sdk::Plugin, describes its rules, and
// exports the class with FULCRUM_PLUGIN(Class). Everything that crosses the C
// ABI (plugin.h) is handled here: JSON in and out, instances, and exceptions,
// which are caught at the boundary and turned into a status plus last_error.
#pragma once

#include "fulcrum/findings.hpp"
#include "fulcrum/plugin.h"
#include "fulcrum/tree_abi.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fulcrum::sdk {

using json = nlohmann::json;

enum class ControlStatus { unknown, none, planned, in_place };

// A member of `object` (which must be an object), or nullptr. Proposals'
// objects are small, and comparing lengths member by member is cheaper there
// than the map's search, which compares each key it passes byte by byte (a
// tenth of the first-party plugins' time); large objects are searched.
inline const json* member(const json& object, std::string_view key) {
    const auto& members = object.get_ref<const json::object_t&>();
    if (members.size() > 32) {
        const auto it = members.find(key);
        return it == members.end() ? nullptr : &it->second;
    }
    for (const auto& [name, value] : members) {
        if (name == key) { // lengths first, then bytes
            return &value;
        }
    }
    return nullptr;
}

// A technology entry of the proposal, with the JSON pointer it lives at.
struct Technology {
    std::string pointer; // e.g. "/technologies/1"
    const json* doc = nullptr;

    std::string field(std::string_view name) const { return pointer + "/" + std::string(name); }
    std::optional<std::string> text(std::string_view name) const {
        const json* v = get(name);
        return v != nullptr && v->is_string() ? std::optional<std::string>(v->get<std::string>()) : std::nullopt;
    }
    std::optional<bool> flag(std::string_view name) const {
        const json* v = get(name);
        return v != nullptr && v->is_boolean() ? std::optional<bool>(v->get<bool>()) : std::nullopt;
    }
    std::optional<double> number(std::string_view name) const {
        const json* v = get(name);
        return v != nullptr && v->is_number() ? std::optional<double>(v->get<double>()) : std::nullopt;
    }
    const json* list(std::string_view name) const {
        const json* v = get(name);
        return v != nullptr && v->is_array() ? v : nullptr;
    }

private:
    // The member, or nullptr; nothing in an entry that is not an object.
    const json* get(std::string_view name) const {
        return doc != nullptr && doc->is_object() ? member(*doc, name) : nullptr;
    }
};

// Typed, read-only access to a proposal. Absent and null fields read as
// "unknown" (std::nullopt): a rule that needs one should ask a question.
class Proposal {
public:
    explicit Proposal(json doc) : m_doc(std::make_shared<const json>(std::move(doc))) { index(); }
    // Reads the host's tree in place (the tree ABI); `doc` must outlive this.
    static Proposal borrowing(const json& doc) {
        return Proposal(std::shared_ptr<const json>(std::shared_ptr<const json>(), &doc));
    }

    const json& doc() const { return *m_doc; }

    // The value at a JSON pointer ("/data/records"), or nullptr when it is
    // absent or null. Rules call this for every fact they read, so a plain
    // pointer is walked in place rather than parsed into a json_pointer.
    const json* find(std::string_view pointer) const {
        if ((!pointer.empty() && pointer[0] != '/') || pointer.find('~') != std::string_view::npos) {
            const json::json_pointer ptr{std::string(pointer)}; // escapes, or throws json::parse_error naming it
            return m_doc->contains(ptr) && !m_doc->at(ptr).is_null() ? &m_doc->at(ptr) : nullptr;
        }
        const json* at = m_doc.get();
        size_t start = 1;
        if (pointer.size() > 1 && !m_sections.empty()) {
            // The first two steps through the index.
            const size_t slash = std::min(pointer.find('/', 1), pointer.size());
            const Section* section = section_named(pointer.substr(1, slash - 1));
            if (section == nullptr) {
                return nullptr;
            }
            at = section->value;
            start = slash + 1;
            if (start <= pointer.size() && section->begin != section->end) {
                const size_t next = std::min(pointer.find('/', start), pointer.size());
                at = section_member(*section, pointer.substr(start, next - start));
                start = next + 1;
            }
        }
        for (; start <= pointer.size() && at != nullptr;) {
            const size_t slash = std::min(pointer.find('/', start), pointer.size());
            at = child(*at, pointer.substr(start, slash - start));
            start = slash + 1;
        }
        return at == nullptr || at->is_null() ? nullptr : at;
    }
    std::optional<std::string> text(std::string_view pointer) const {
        const json* v = find(pointer);
        return v && v->is_string() ? std::optional<std::string>(v->get<std::string>()) : std::nullopt;
    }
    std::optional<double> number(std::string_view pointer) const {
        const json* v = find(pointer);
        return v && v->is_number() ? std::optional<double>(v->get<double>()) : std::nullopt;
    }
    std::optional<bool> flag(std::string_view pointer) const {
        const json* v = find(pointer);
        return v && v->is_boolean() ? std::optional<bool>(v->get<bool>()) : std::nullopt;
    }
    // True when the array at `pointer` holds the string `value`.
    bool lists(std::string_view pointer, std::string_view value) const {
        const json* v = find(pointer);
        if (!v || !v->is_array()) {
            return false;
        }
        for (const auto& item : *v) {
            if (item.is_string() && item.get_ref<const std::string&>() == value) {
                return true;
            }
        }
        return false;
    }

    std::vector<Technology> technologies(std::string_view category) const {
        std::vector<Technology> out;
        const json* techs = find("/technologies");
        if (!techs || !techs->is_array()) {
            return out;
        }
        for (size_t i = 0; i < techs->size(); ++i) {
            const json& t = (*techs)[i];
            if (t.is_object() && text_member(t, "category") == category) {
                out.push_back({"/technologies/" + std::to_string(i), &t});
            }
        }
        return out;
    }

    ControlStatus control(std::string_view id) const { return control_entry(id).first; }
    // The pointer of the control's entry, or "/controls" when it is not listed.
    std::string control_pointer(std::string_view id) const {
        const std::optional<size_t> index = control_entry(id).second;
        return index ? "/controls/" + std::to_string(*index) : std::string("/controls");
    }

private:
    // A member's text read in place; empty when it is absent or no text.
    static std::string_view text_member(const json& object, std::string_view key) {
        const json* v = object.is_object() ? member(object, key) : nullptr;
        return v != nullptr && v->is_string() ? std::string_view(v->get_ref<const std::string&>()) : std::string_view();
    }

    // The control's status and the index of its entry, if it is listed.
    std::pair<ControlStatus, std::optional<size_t>> control_entry(std::string_view id) const {
        if (!m_controls_listed) {
            return {ControlStatus::unknown, std::nullopt};
        }
        for (const Control& c : m_controls) {
            if (c.id == id) {
                return {c.status, c.index};
            }
        }
        return {ControlStatus::none, std::nullopt};
    }

    // A member of the proposal (a section: "data", "vendor", ...) and, when
    // it is an object, the range of its members in m_members. Rules read
    // some 140 facts a proposal, nearly all a section's member
    // ("/data/classification"), many of them more than once; the index
    // settles those two steps with short scans of contiguous entries instead
    // of walks through the tree's maps. It is made with the Proposal and
    // never changes, so a const Proposal stays safe to share between threads.
    struct Section {
        std::string_view name; // in the document, like every name here
        const json* value;
        uint32_t begin; // its members, if it is an object with any
        uint32_t end;
    };
    struct Member {
        std::string_view name;
        const json* value;
    };

    const Section* section_named(std::string_view name) const {
        for (const Section& s : m_sections) {
            if (s.name == name) {
                return &s;
            }
        }
        return nullptr;
    }
    const json* section_member(const Section& section, std::string_view name) const {
        for (uint32_t i = section.begin; i < section.end; ++i) {
            if (m_members[i].name == name) {
                return m_members[i].value;
            }
        }
        return nullptr;
    }

    void index() {
        if (m_doc->is_object() && !m_doc->empty()) {
            const auto& sections = m_doc->get_ref<const json::object_t&>();
            m_sections.reserve(sections.size());
            size_t members = 0;
            for (const auto& [name, value] : sections) {
                members += value.is_object() ? value.size() : 0;
            }
            m_members.reserve(members);
            for (const auto& [name, value] : sections) {
                const auto begin = static_cast<uint32_t>(m_members.size());
                if (value.is_object()) {
                    for (const auto& [member_name, member_value] : value.get_ref<const json::object_t&>()) {
                        m_members.push_back({member_name, &member_value});
                    }
                }
                m_sections.push_back({name, &value, begin, static_cast<uint32_t>(m_members.size())});
            }
        }
        index_controls();
    }

    // The controls listed in the proposal, read once: the rules ask for them
    // by id some forty times a proposal. The first entry of an id stands.
    void index_controls() {
        const json* controls = find("/controls");
        m_controls_listed = controls != nullptr && controls->is_array();
        if (!m_controls_listed) {
            return;
        }
        m_controls.reserve(controls->size());
        for (size_t i = 0; i < controls->size(); ++i) {
            const json& c = (*controls)[i];
            if (!c.is_object()) {
                continue;
            }
            const std::string_view status = text_member(c, "status");
            m_controls.push_back({text_member(c, "id"),
                                  status == "in_place"  ? ControlStatus::in_place
                                  : status == "planned" ? ControlStatus::planned
                                                        : ControlStatus::none,
                                  i});
        }
    }

    explicit Proposal(std::shared_ptr<const json> doc) : m_doc(std::move(doc)) { index(); }

    // A member, or an array item by its index ("0", "12"; no sign, no
    // leading zero), as json_pointer reads them; nullptr when there is none.
    static const json* child(const json& parent, std::string_view token) {
        if (parent.is_object()) {
            return member(parent, token);
        }
        if (!parent.is_array() || token.empty() || (token.size() > 1 && token[0] == '0') || token.size() > 18) {
            return nullptr;
        }
        size_t index = 0;
        for (const char c : token) {
            if (c < '0' || c > '9') {
                return nullptr;
            }
            index = index * 10 + static_cast<size_t>(c - '0');
        }
        return index < parent.size() ? &parent[index] : nullptr;
    }

    struct Control {
        std::string_view id; // in the document, which the Proposal keeps alive or borrows
        ControlStatus status;
        size_t index;
    };

    std::shared_ptr<const json> m_doc; // owned, or borrowed through an owner-less pointer
    std::vector<Section> m_sections;   // empty when the document is no object or an empty one
    std::vector<Member> m_members;
    std::vector<Control> m_controls;
    bool m_controls_listed = false;
};

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
        m_data.title = rule.title;
        m_data.refs = rule.refs;
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
