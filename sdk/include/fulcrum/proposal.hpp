// Read-only access to a proposal for plugin rules: facts by JSON pointer,
// the technologies of a category, and the status of each control. Part of
// the SDK (fulcrum/plugin.hpp includes it); header-only.
#pragma once

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

} // namespace fulcrum::sdk
