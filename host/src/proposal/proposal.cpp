#include "proposal/proposal.hpp"

#include "proposal/document.hpp"
#include "util/error.hpp"
#include "util/json_path.hpp"
#include "util/json_text.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <string_view>

namespace fulcrum {

using nlohmann::json;

bool Proposal::uses(const std::string& category) const {
    return std::find(categories.begin(), categories.end(), category) != categories.end();
}

ControlStatus Proposal::control(const std::string& control_id) const {
    auto it = controls.find(control_id);
    return it == controls.end() ? ControlStatus::none : it->second;
}

namespace {

std::string show(const json& value) {
    return show_json(value, 60);
}

constexpr double k_max_amount = 1e15;
constexpr double k_max_count = 9007199254740991.0;

// Walks the document, collecting every problem instead of stopping at the first.
class Checker {
public:
    std::vector<std::string> errors;
    std::vector<std::string> warnings;

    // A problem at `at`; the pointer is spelled out only here.
    void fail(const Path& at, const std::string& expected, const json& got) {
        errors.push_back(at.str() + ": expected " + expected + ", got " + show(got));
    }
    void missing(const Path& at, const std::string& expected) {
        errors.push_back(at.str() + ": expected " + expected + ", got nothing");
    }

    // Each helper returns the value when it is present, non-null and right.
    // A member, or nullptr when it is absent or null. A proposal's objects
    // are small: walking the members and comparing lengths first costs less
    // than the map's search, which compares every key it passes.
    const json* get(const json& obj, std::string_view key) {
        if (!obj.is_object()) {
            return nullptr;
        }
        const auto& members = obj.get_ref<const json::object_t&>();
        const json* found = nullptr;
        if (members.size() > 32) {
            const auto it = members.find(key);
            found = it == members.end() ? nullptr : &it->second;
        } else {
            for (const auto& [name, value] : members) {
                if (name == key) {
                    found = &value;
                    break;
                }
            }
        }
        return found == nullptr || found->is_null() ? nullptr : found;
    }
    bool object(const json& v, const Path& at) { return v.is_object() || (fail(at, "an object", v), false); }
    bool array(const json& v, const Path& at) { return v.is_array() || (fail(at, "an array", v), false); }
    bool string(const json& v, const Path& at) { return v.is_string() || (fail(at, "a string", v), false); }
    bool boolean(const json& v, const Path& at) { return v.is_boolean() || (fail(at, "true or false", v), false); }
    // Bounds keep later arithmetic and conversions to integers defined:
    // money, hours and volumes up to 1e15, counts up to 2^53 - 1 (the
    // largest whole number a double holds exactly).
    bool non_negative(const json& v, const Path& at) {
        if (!(v.is_number() && v.get<double>() >= 0)) {
            return fail(at, "a non-negative number", v), false;
        }
        return v.get<double>() <= k_max_amount || (fail(at, "a non-negative number no larger than 1e15", v), false);
    }
    bool count(const json& v, const Path& at) {
        const bool whole =
            v.is_number_unsigned() || (v.is_number_integer() && v.get<long long>() >= 0) ||
            (v.is_number_float() && v.get<double>() >= 0 && std::floor(v.get<double>()) == v.get<double>());
        if (!whole) {
            return fail(at, "a non-negative integer", v), false;
        }
        return v.get<double>() <= k_max_count ||
               (fail(at, "a non-negative integer no larger than 9007199254740991 (2^53 - 1)", v), false);
    }
    bool one_of(const json& v, const Path& at, std::initializer_list<std::string_view> allowed) {
        if (v.is_string() &&
            std::find(allowed.begin(), allowed.end(), v.get_ref<const std::string&>()) != allowed.end()) {
            return true;
        }
        std::string list;
        for (const auto& a : allowed) {
            list += (list.empty() ? "" : "|") + std::string(a);
        }
        fail(at, "one of " + list, v);
        return false;
    }
    void strings(const json& v, const Path& at) {
        if (array(v, at)) {
            for (size_t i = 0; i < v.size(); ++i) {
                string(v[i], at.item(i));
            }
        }
    }
    void known_fields(const json& obj, const Path& at, std::initializer_list<std::string_view> known) {
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            const std::string& key = it.key();
            if (std::find(known.begin(), known.end(), key) == known.end()) {
                warnings.push_back(at.child(key).str() + ": unknown field, kept but not used by Fulcrum itself");
            }
        }
    }
};

const std::initializer_list<std::string_view> k_dimensions = {
    "efficiency", "customer_experience", "competitive_advantage", "growth", "cost_reduction",
    "resilience", "compliance"};
const std::initializer_list<std::string_view> k_levels = {"low", "medium", "high", "mission_critical"};

// Whether every byte of `text` is one `allowed` admits, and its length is in
// [least, most]. (The patterns ids, categories and currencies follow, which
// std::regex checked at many times the cost.)
template <typename Allowed> bool made_of(const std::string& text, size_t least, size_t most, Allowed allowed) {
    return text.size() >= least && text.size() <= most && std::all_of(text.begin(), text.end(), allowed);
}
bool lower(char c) {
    return c >= 'a' && c <= 'z';
}
bool upper(char c) {
    return c >= 'A' && c <= 'Z';
}
bool digit(char c) {
    return c >= '0' && c <= '9';
}

void check_range(Checker& c, const json& v, const Path& at) {
    if (!c.object(v, at)) {
        return;
    }
    for (const char* key : {"low", "likely", "high"}) {
        const json* x = c.get(v, key);
        if (!x) {
            c.missing(at.child(key), "a non-negative number");
        } else {
            c.non_negative(*x, at.child(key));
        }
    }
    if (c.errors.empty() && v["low"] > v["likely"]) {
        c.errors.push_back(at.str() + ": expected low <= likely <= high, got " + show(v));
    } else if (c.errors.empty() && v["likely"] > v["high"]) {
        c.errors.push_back(at.str() + ": expected low <= likely <= high, got " + show(v));
    }
}

void check_technology(Checker& c, const json& t, const Path& at, Proposal& p) {
    if (!c.object(t, at)) {
        return;
    }
    const json* category = c.get(t, "category");
    if (!category) {
        c.missing(at.child("category"), "a category such as cloud, ai or bigdata");
        return;
    }
    // [a-z][a-z0-9_-]{0,31}
    if (!category->is_string() ||
        !made_of(category->get_ref<const std::string&>(), 1, 32,
                 [](char ch) { return lower(ch) || digit(ch) || ch == '_' || ch == '-'; }) ||
        !lower(category->get_ref<const std::string&>()[0])) {
        c.fail(at.child("category"), "a lower-case category name such as cloud, ai or bigdata", *category);
        return;
    }
    const std::string cat = category->get<std::string>();
    if (!p.uses(cat)) {
        p.categories.push_back(cat);
    }
    if (const json* name = c.get(t, "name")) {
        c.string(*name, at.child("name"));
    }
    auto enum_field = [&](const char* key, std::initializer_list<std::string_view> allowed) {
        if (const json* v = c.get(t, key)) {
            c.one_of(*v, at.child(key), allowed);
        }
    };
    if (cat == "cloud") {
        enum_field("service_model", {"iaas", "paas", "saas"});
        enum_field("deployment", {"public", "private", "hybrid", "multi"});
        if (const json* v = c.get(t, "provider")) {
            c.string(*v, at.child("provider"));
        }
        if (const json* v = c.get(t, "regions")) {
            c.strings(*v, at.child("regions"));
        }
    } else if (cat == "ai") {
        enum_field("model_source", {"third_party_api", "self_hosted_open", "in_house_trained"});
        enum_field("decision_impact", {"none", "advisory", "automated"});
        if (const json* v = c.get(t, "affects_individuals")) {
            c.boolean(*v, at.child("affects_individuals"));
        }
        if (const json* v = c.get(t, "use_case")) {
            c.string(*v, at.child("use_case"));
        }
        if (const json* v = c.get(t, "training_data")) {
            c.strings(*v, at.child("training_data"));
        }
    } else if (cat == "bigdata") {
        if (const json* v = c.get(t, "platform")) {
            c.string(*v, at.child("platform"));
        }
        if (const json* v = c.get(t, "sources")) {
            c.strings(*v, at.child("sources"));
        }
        if (const json* v = c.get(t, "volume_tb")) {
            c.non_negative(*v, at.child("volume_tb"));
        }
        if (const json* v = c.get(t, "retention_days")) {
            c.count(*v, at.child("retention_days"));
        }
    }
}

void check_data(Checker& c, const json& d, const Path& at) {
    if (!c.object(d, at)) {
        return;
    }
    c.known_fields(
        d, at,
        {"classification", "personal_data", "special_categories", "records", "residency", "cross_border_transfer"});
    if (const json* v = c.get(d, "classification")) {
        c.one_of(*v, at.child("classification"), {"public", "internal", "confidential", "restricted"});
    }
    for (const char* key : {"personal_data", "cross_border_transfer"}) {
        if (const json* v = c.get(d, key)) {
            c.boolean(*v, at.child(key));
        }
    }
    if (const json* v = c.get(d, "records")) {
        c.count(*v, at.child("records"));
    }
    for (const char* key : {"special_categories", "residency"}) {
        if (const json* v = c.get(d, key)) {
            c.strings(*v, at.child(key));
        }
    }
}

void check_business_case(Checker& c, const json& b, const Path& at) {
    if (!c.object(b, at)) {
        return;
    }
    c.known_fields(b, at, {"objectives", "benefits", "horizon_years", "discount_rate"});
    if (const json* v = c.get(b, "objectives")) {
        c.strings(*v, at.child("objectives"));
    }
    if (const json* v = c.get(b, "horizon_years")) {
        if (c.count(*v, at.child("horizon_years")) && (v->get<double>() < 1 || v->get<double>() > 50)) {
            c.fail(at.child("horizon_years"), "a whole number of years from 1 to 50", *v);
        }
    }
    if (const json* v = c.get(b, "discount_rate")) {
        if (!v->is_number() || v->get<double>() < 0 || v->get<double>() >= 1) {
            c.fail(at.child("discount_rate"), "a fraction from 0 to below 1 (0.08 for 8%)", *v);
        }
    }
    const json* benefits = c.get(b, "benefits");
    const Path benefits_at = at.child("benefits");
    if (!benefits || !c.array(*benefits, benefits_at)) {
        return;
    }
    for (size_t i = 0; i < benefits->size(); ++i) {
        const json& item = (*benefits)[i];
        const Path item_at = benefits_at.item(i);
        if (!c.object(item, item_at)) {
            continue;
        }
        c.known_fields(item, item_at, {"dimension", "description", "annual_value", "metric"});
        const json* dim = c.get(item, "dimension");
        if (!dim) {
            c.missing(item_at.child("dimension"), "one of the benefit dimensions");
        } else {
            c.one_of(*dim, item_at.child("dimension"), k_dimensions);
        }
        for (const char* key : {"description", "metric"}) {
            if (const json* v = c.get(item, key)) {
                c.string(*v, item_at.child(key));
            }
        }
        if (const json* v = c.get(item, "annual_value")) {
            check_range(c, *v, item_at.child("annual_value"));
        }
    }
}

void check_controls(Checker& c, const json& list, const Path& at, Proposal& p) {
    if (!c.array(list, at)) {
        return;
    }
    for (size_t i = 0; i < list.size(); ++i) {
        const json& item = list[i];
        const Path item_at = at.item(i);
        if (!c.object(item, item_at)) {
            continue;
        }
        const json* id = c.get(item, "id");
        const json* status = c.get(item, "status");
        if (!id || !c.string(*id, item_at.child("id"))) {
            if (!id) {
                c.missing(item_at.child("id"), "a control id such as mfa");
            }
            continue;
        }
        if (!status) {
            c.missing(item_at.child("status"), "one of in_place|planned|none");
            continue;
        }
        if (!c.one_of(*status, item_at.child("status"), {"in_place", "planned", "none"})) {
            continue;
        }
        const std::string s = status->get<std::string>();
        p.controls[id->get<std::string>()] = s == "in_place"  ? ControlStatus::in_place
                                             : s == "planned" ? ControlStatus::planned
                                                              : ControlStatus::none;
    }
}

// An object section of the proposal, when it is there and is an object.
const json* section(Checker& c, const json& doc, const Path& at, std::string_view key) {
    const json* v = c.get(doc, key);
    return v != nullptr && c.object(*v, at) ? v : nullptr;
}

void check_sections(Checker& c, const json& doc, const Path& root, Proposal& p) {
    if (const Path at = root.child("organization"); const json* o = section(c, doc, at, "organization")) {
        c.known_fields(*o, at, {"name", "size", "sector", "has_ciso", "annual_revenue", "regulated"});
        if (const json* v = c.get(*o, "name")) {
            c.string(*v, at.child("name"));
        }
        if (const json* v = c.get(*o, "size")) {
            c.one_of(*v, at.child("size"), {"small", "medium", "large", "enterprise"});
        }
        for (const char* key : {"has_ciso", "regulated"}) {
            if (const json* v = c.get(*o, key)) {
                c.boolean(*v, at.child(key));
            }
        }
        if (const json* v = c.get(*o, "sector")) {
            c.string(*v, at.child("sector"));
        }
        if (const json* v = c.get(*o, "annual_revenue")) {
            c.non_negative(*v, at.child("annual_revenue"));
        }
    }
    if (const Path at = root.child("sponsor"); const json* s = section(c, doc, at, "sponsor")) {
        c.known_fields(*s, at, {"name", "role", "unit", "email"});
        for (const char* key : {"name", "role", "unit", "email"}) {
            if (const json* v = c.get(*s, key)) {
                c.string(*v, at.child(key));
            }
        }
    }
    if (const json* d = c.get(doc, "data")) {
        check_data(c, *d, root.child("data"));
    }
    if (const json* b = c.get(doc, "business_case")) {
        check_business_case(c, *b, root.child("business_case"));
    }
    if (const Path at = root.child("costs"); const json* k = section(c, doc, at, "costs")) {
        c.known_fields(*k, at, {"capex", "opex_annual", "security_budget"});
        for (const char* key : {"capex", "opex_annual", "security_budget"}) {
            if (const json* v = c.get(*k, key)) {
                c.non_negative(*v, at.child(key));
            }
        }
        if (const json* v = c.get(*k, "security_budget"); v && v->is_number()) {
            p.security_budget = v->get<double>();
        }
    }
    if (const json* v = c.get(doc, "controls")) {
        check_controls(c, *v, root.child("controls"), p);
    }
    if (const Path at = root.child("vendor"); const json* v = section(c, doc, at, "vendor")) {
        c.known_fields(*v, at, {"name", "certifications", "exit_plan", "dpa"});
        if (const json* name = c.get(*v, "name")) {
            c.string(*name, at.child("name"));
        }
        if (const json* certs = c.get(*v, "certifications")) {
            c.strings(*certs, at.child("certifications"));
        }
        for (const char* key : {"exit_plan", "dpa"}) {
            if (const json* x = c.get(*v, key)) {
                c.boolean(*x, at.child(key));
            }
        }
    }
    if (const json* v = c.get(doc, "compliance")) {
        c.strings(*v, root.child("compliance"));
    }
    if (const Path at = root.child("resilience"); const json* r = section(c, doc, at, "resilience")) {
        c.known_fields(*r, at, {"criticality", "rto_hours", "rpo_hours"});
        if (const json* v = c.get(*r, "criticality")) {
            c.one_of(*v, at.child("criticality"), k_levels);
        }
        for (const char* key : {"rto_hours", "rpo_hours"}) {
            if (const json* v = c.get(*r, key)) {
                c.non_negative(*v, at.child(key));
            }
        }
    }
}

} // namespace

bool is_currency_code(std::string_view code) {
    return code.size() == 3 && std::all_of(code.begin(), code.end(), upper);
}

Proposal validate_proposal(json doc, const std::string& source, const Limits& limits) {
    Proposal p;
    p.source = source;
    Checker c;
    if (!doc.is_object()) {
        // An empty file parses as null; "got null" would not tell the user why.
        throw input_error(source + ": expected a proposal (an object with id, title and technologies), got " +
                          (doc.is_null() ? std::string("an empty document") : show(doc)));
    }
    const Path root;
    c.known_fields(doc, root,
                   {"id", "title", "summary", "sponsor", "organization", "technologies", "data", "business_case",
                    "costs", "controls", "vendor", "compliance", "resilience", "currency", "schema"});
    const json* id = c.get(doc, "id");
    if (!id) {
        c.missing(root.child("id"), "an id of 1-64 letters, digits, '.', '_' or '-'");
    } else if (!id->is_string() || !made_of(id->get_ref<const std::string&>(), 1, 64, [](char ch) {
                   return lower(ch) || upper(ch) || digit(ch) || ch == '.' || ch == '_' || ch == '-';
               })) {
        c.fail(root.child("id"), "an id of 1-64 letters, digits, '.', '_' or '-'", *id);
    } else {
        p.id = id->get<std::string>();
    }
    const json* title = c.get(doc, "title");
    if (!title) {
        c.missing(root.child("title"), "a non-empty string");
    } else if (!title->is_string() || title->get<std::string>().empty()) {
        c.fail(root.child("title"), "a non-empty string", *title);
    } else {
        p.title = title->get<std::string>();
    }
    if (const json* v = c.get(doc, "summary")) {
        c.string(*v, root.child("summary"));
    }
    if (const json* v = c.get(doc, "currency")) {
        if (!v->is_string() || !is_currency_code(v->get_ref<const std::string&>())) {
            c.fail(root.child("currency"), "a three-letter ISO 4217 code such as USD", *v);
        } else {
            p.currency = v->get<std::string>();
        }
    }
    const json* techs = c.get(doc, "technologies");
    const Path techs_at = root.child("technologies");
    if (!techs) {
        c.missing(techs_at, "a list of at least one technology");
    } else if (!techs->is_array() || techs->empty()) {
        c.fail(techs_at, "a list of at least one technology", *techs);
    } else if (techs->size() > limits.technologies) {
        c.errors.push_back("/technologies: " + std::to_string(techs->size()) +
                           " technologies, more than the limit of " + std::to_string(limits.technologies) +
                           " (limits.technologies)");
    } else {
        for (size_t i = 0; i < techs->size(); ++i) {
            check_technology(c, (*techs)[i], techs_at.item(i), p);
        }
    }
    check_sections(c, doc, root, p);

    if (!c.errors.empty()) {
        // A hostile document can hold thousands of problems; the first few
        // say what is wrong without flooding the terminal.
        constexpr size_t k_shown = 20;
        std::string message;
        for (size_t i = 0; i < c.errors.size() && i < k_shown; ++i) {
            message += (message.empty() ? "" : "\n") + source + ": " + c.errors[i];
        }
        if (c.errors.size() > k_shown) {
            message += "\n" + source + ": ... and " + std::to_string(c.errors.size() - k_shown) + " more problems";
        }
        throw input_error(message);
    }
    p.warnings = std::move(c.warnings);
    p.doc = std::move(doc);
    return p;
}

Proposal load_proposal(const std::string& path, const Limits& limits) {
    return validate_proposal(load_document(path, limits), path, limits);
}

} // namespace fulcrum
