#include "proposal/proposal.hpp"

#include "proposal/document.hpp"
#include "util/error.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <set>
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
    std::string text = value.dump();
    if (text.size() > 60) {
        text = text.substr(0, 57) + "...";
    }
    return text;
}

std::string child(const std::string& ptr, const std::string& key) {
    if (key.find_first_of("~/") == std::string::npos) { // almost every key: nothing to escape
        std::string out;
        out.reserve(ptr.size() + 1 + key.size());
        return out.append(ptr).append(1, '/').append(key);
    }
    std::string escaped;
    for (char c : key) {
        if (c == '~') {
            escaped += "~0";
        } else if (c == '/') {
            escaped += "~1";
        } else {
            escaped += c;
        }
    }
    return ptr + "/" + escaped;
}

std::string child(const std::string& ptr, size_t index) {
    return ptr + "/" + std::to_string(index);
}

constexpr double k_max_amount = 1e15;
constexpr double k_max_count = 9007199254740991.0;

// Walks the document, collecting every problem instead of stopping at the first.
class Checker {
public:
    std::vector<std::string> errors;
    std::vector<std::string> warnings;

    void fail(const std::string& ptr, const std::string& expected, const json& got) {
        errors.push_back(ptr + ": expected " + expected + ", got " + show(got));
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
    bool object(const json& v, const std::string& ptr) { return v.is_object() || (fail(ptr, "an object", v), false); }
    bool array(const json& v, const std::string& ptr) { return v.is_array() || (fail(ptr, "an array", v), false); }
    bool string(const json& v, const std::string& ptr) { return v.is_string() || (fail(ptr, "a string", v), false); }
    bool boolean(const json& v, const std::string& ptr) {
        return v.is_boolean() || (fail(ptr, "true or false", v), false);
    }
    // Bounds keep later arithmetic and conversions to integers defined:
    // money, hours and volumes up to 1e15, counts up to 2^53 - 1 (the
    // largest whole number a double holds exactly).
    bool non_negative(const json& v, const std::string& ptr) {
        if (!(v.is_number() && v.get<double>() >= 0)) {
            return fail(ptr, "a non-negative number", v), false;
        }
        return v.get<double>() <= k_max_amount || (fail(ptr, "a non-negative number no larger than 1e15", v), false);
    }
    bool count(const json& v, const std::string& ptr) {
        const bool whole =
            v.is_number_unsigned() || (v.is_number_integer() && v.get<long long>() >= 0) ||
            (v.is_number_float() && v.get<double>() >= 0 && std::floor(v.get<double>()) == v.get<double>());
        if (!whole) {
            return fail(ptr, "a non-negative integer", v), false;
        }
        return v.get<double>() <= k_max_count ||
               (fail(ptr, "a non-negative integer no larger than 9007199254740991 (2^53 - 1)", v), false);
    }
    bool one_of(const json& v, const std::string& ptr, std::initializer_list<std::string_view> allowed) {
        if (v.is_string() &&
            std::find(allowed.begin(), allowed.end(), v.get_ref<const std::string&>()) != allowed.end()) {
            return true;
        }
        std::string list;
        for (const auto& a : allowed) {
            list += (list.empty() ? "" : "|") + std::string(a);
        }
        fail(ptr, "one of " + list, v);
        return false;
    }
    void strings(const json& v, const std::string& ptr) {
        if (array(v, ptr)) {
            for (size_t i = 0; i < v.size(); ++i) {
                string(v[i], child(ptr, i));
            }
        }
    }
    void known_fields(const json& obj, const std::string& ptr, std::initializer_list<std::string_view> known) {
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            const std::string& key = it.key();
            if (std::find(known.begin(), known.end(), key) == known.end()) {
                warnings.push_back(child(ptr, key) + ": unknown field, kept but not used by Fulcrum itself");
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

void check_range(Checker& c, const json& v, const std::string& ptr) {
    if (!c.object(v, ptr)) {
        return;
    }
    for (const char* key : {"low", "likely", "high"}) {
        const json* x = c.get(v, key);
        if (!x) {
            c.errors.push_back(child(ptr, key) + ": expected a non-negative number, got nothing");
        } else {
            c.non_negative(*x, child(ptr, key));
        }
    }
    if (c.errors.empty() && v["low"] > v["likely"]) {
        c.errors.push_back(ptr + ": expected low <= likely <= high, got " + show(v));
    } else if (c.errors.empty() && v["likely"] > v["high"]) {
        c.errors.push_back(ptr + ": expected low <= likely <= high, got " + show(v));
    }
}

void check_technology(Checker& c, const json& t, const std::string& ptr, Proposal& p) {
    if (!c.object(t, ptr)) {
        return;
    }
    const json* category = c.get(t, "category");
    if (!category) {
        c.errors.push_back(child(ptr, "category") + ": expected a category such as cloud, ai or bigdata, got nothing");
        return;
    }
    // [a-z][a-z0-9_-]{0,31}
    if (!category->is_string() ||
        !made_of(category->get_ref<const std::string&>(), 1, 32,
                 [](char ch) { return lower(ch) || digit(ch) || ch == '_' || ch == '-'; }) ||
        !lower(category->get_ref<const std::string&>()[0])) {
        c.fail(child(ptr, "category"), "a lower-case category name such as cloud, ai or bigdata", *category);
        return;
    }
    const std::string cat = category->get<std::string>();
    if (!p.uses(cat)) {
        p.categories.push_back(cat);
    }
    if (const json* name = c.get(t, "name")) {
        c.string(*name, child(ptr, "name"));
    }
    auto enum_field = [&](const char* key, std::initializer_list<std::string_view> allowed) {
        if (const json* v = c.get(t, key)) {
            c.one_of(*v, child(ptr, key), allowed);
        }
    };
    if (cat == "cloud") {
        enum_field("service_model", {"iaas", "paas", "saas"});
        enum_field("deployment", {"public", "private", "hybrid", "multi"});
        if (const json* v = c.get(t, "provider")) {
            c.string(*v, child(ptr, "provider"));
        }
        if (const json* v = c.get(t, "regions")) {
            c.strings(*v, child(ptr, "regions"));
        }
    } else if (cat == "ai") {
        enum_field("model_source", {"third_party_api", "self_hosted_open", "in_house_trained"});
        enum_field("decision_impact", {"none", "advisory", "automated"});
        if (const json* v = c.get(t, "affects_individuals")) {
            c.boolean(*v, child(ptr, "affects_individuals"));
        }
        if (const json* v = c.get(t, "use_case")) {
            c.string(*v, child(ptr, "use_case"));
        }
        if (const json* v = c.get(t, "training_data")) {
            c.strings(*v, child(ptr, "training_data"));
        }
    } else if (cat == "bigdata") {
        if (const json* v = c.get(t, "platform")) {
            c.string(*v, child(ptr, "platform"));
        }
        if (const json* v = c.get(t, "sources")) {
            c.strings(*v, child(ptr, "sources"));
        }
        if (const json* v = c.get(t, "volume_tb")) {
            c.non_negative(*v, child(ptr, "volume_tb"));
        }
        if (const json* v = c.get(t, "retention_days")) {
            c.count(*v, child(ptr, "retention_days"));
        }
    }
}

void check_data(Checker& c, const json& d) {
    const std::string ptr = "/data";
    if (!c.object(d, ptr)) {
        return;
    }
    c.known_fields(
        d, ptr,
        {"classification", "personal_data", "special_categories", "records", "residency", "cross_border_transfer"});
    if (const json* v = c.get(d, "classification")) {
        c.one_of(*v, ptr + "/classification", {"public", "internal", "confidential", "restricted"});
    }
    if (const json* v = c.get(d, "personal_data")) {
        c.boolean(*v, ptr + "/personal_data");
    }
    if (const json* v = c.get(d, "cross_border_transfer")) {
        c.boolean(*v, ptr + "/cross_border_transfer");
    }
    if (const json* v = c.get(d, "records")) {
        c.count(*v, ptr + "/records");
    }
    for (const char* key : {"special_categories", "residency"}) {
        if (const json* v = c.get(d, key)) {
            c.strings(*v, child(ptr, key));
        }
    }
}

void check_business_case(Checker& c, const json& b) {
    const std::string ptr = "/business_case";
    if (!c.object(b, ptr)) {
        return;
    }
    c.known_fields(b, ptr, {"objectives", "benefits", "horizon_years", "discount_rate"});
    if (const json* v = c.get(b, "objectives")) {
        c.strings(*v, ptr + "/objectives");
    }
    if (const json* v = c.get(b, "horizon_years")) {
        if (c.count(*v, ptr + "/horizon_years") && (v->get<double>() < 1 || v->get<double>() > 50)) {
            c.fail(ptr + "/horizon_years", "a whole number of years from 1 to 50", *v);
        }
    }
    if (const json* v = c.get(b, "discount_rate")) {
        if (!v->is_number() || v->get<double>() < 0 || v->get<double>() >= 1) {
            c.fail(ptr + "/discount_rate", "a fraction from 0 to below 1 (0.08 for 8%)", *v);
        }
    }
    const json* benefits = c.get(b, "benefits");
    if (!benefits || !c.array(*benefits, ptr + "/benefits")) {
        return;
    }
    for (size_t i = 0; i < benefits->size(); ++i) {
        const json& item = (*benefits)[i];
        const std::string ip = child(ptr + "/benefits", i);
        if (!c.object(item, ip)) {
            continue;
        }
        c.known_fields(item, ip, {"dimension", "description", "annual_value", "metric"});
        const json* dim = c.get(item, "dimension");
        if (!dim) {
            c.errors.push_back(ip + "/dimension: expected one of the benefit dimensions, got nothing");
        } else {
            c.one_of(*dim, ip + "/dimension", k_dimensions);
        }
        if (const json* v = c.get(item, "description")) {
            c.string(*v, ip + "/description");
        }
        if (const json* v = c.get(item, "metric")) {
            c.string(*v, ip + "/metric");
        }
        if (const json* v = c.get(item, "annual_value")) {
            check_range(c, *v, ip + "/annual_value");
        }
    }
}

void check_controls(Checker& c, const json& list, Proposal& p) {
    if (!c.array(list, "/controls")) {
        return;
    }
    for (size_t i = 0; i < list.size(); ++i) {
        const json& item = list[i];
        const std::string ip = child("/controls", i);
        if (!c.object(item, ip)) {
            continue;
        }
        const json* id = c.get(item, "id");
        const json* status = c.get(item, "status");
        if (!id || !c.string(*id, ip + "/id")) {
            if (!id) {
                c.errors.push_back(ip + "/id: expected a control id such as mfa, got nothing");
            }
            continue;
        }
        if (!status) {
            c.errors.push_back(ip + "/status: expected one of in_place|planned|none, got nothing");
            continue;
        }
        if (!c.one_of(*status, ip + "/status", {"in_place", "planned", "none"})) {
            continue;
        }
        const std::string s = status->get<std::string>();
        p.controls[id->get<std::string>()] = s == "in_place"  ? ControlStatus::in_place
                                             : s == "planned" ? ControlStatus::planned
                                                              : ControlStatus::none;
    }
}

void check_sections(Checker& c, const json& doc, Proposal& p) {
    if (const json* o = c.get(doc, "organization"); o && c.object(*o, "/organization")) {
        c.known_fields(*o, "/organization", {"name", "size", "sector", "has_ciso", "annual_revenue", "regulated"});
        if (const json* v = c.get(*o, "name")) {
            c.string(*v, "/organization/name");
        }
        if (const json* v = c.get(*o, "size")) {
            c.one_of(*v, "/organization/size", {"small", "medium", "large", "enterprise"});
        }
        if (const json* v = c.get(*o, "has_ciso")) {
            c.boolean(*v, "/organization/has_ciso");
        }
        if (const json* v = c.get(*o, "regulated")) {
            c.boolean(*v, "/organization/regulated");
        }
        if (const json* v = c.get(*o, "sector")) {
            c.string(*v, "/organization/sector");
        }
        if (const json* v = c.get(*o, "annual_revenue")) {
            c.non_negative(*v, "/organization/annual_revenue");
        }
    }
    if (const json* s = c.get(doc, "sponsor"); s && c.object(*s, "/sponsor")) {
        c.known_fields(*s, "/sponsor", {"name", "role", "unit", "email"});
        for (const char* key : {"name", "role", "unit", "email"}) {
            if (const json* v = c.get(*s, key)) {
                c.string(*v, child("/sponsor", key));
            }
        }
    }
    if (const json* d = c.get(doc, "data")) {
        check_data(c, *d);
    }
    if (const json* b = c.get(doc, "business_case")) {
        check_business_case(c, *b);
    }
    if (const json* k = c.get(doc, "costs"); k && c.object(*k, "/costs")) {
        c.known_fields(*k, "/costs", {"capex", "opex_annual", "security_budget"});
        for (const char* key : {"capex", "opex_annual", "security_budget"}) {
            if (const json* v = c.get(*k, key)) {
                c.non_negative(*v, child("/costs", key));
            }
        }
        if (const json* v = c.get(*k, "security_budget"); v && v->is_number()) {
            p.security_budget = v->get<double>();
        }
    }
    if (const json* v = c.get(doc, "controls")) {
        check_controls(c, *v, p);
    }
    if (const json* v = c.get(doc, "vendor"); v && c.object(*v, "/vendor")) {
        c.known_fields(*v, "/vendor", {"name", "certifications", "exit_plan", "dpa"});
        if (const json* name = c.get(*v, "name")) {
            c.string(*name, "/vendor/name");
        }
        if (const json* certs = c.get(*v, "certifications")) {
            c.strings(*certs, "/vendor/certifications");
        }
        for (const char* key : {"exit_plan", "dpa"}) {
            if (const json* x = c.get(*v, key)) {
                c.boolean(*x, child("/vendor", key));
            }
        }
    }
    if (const json* v = c.get(doc, "compliance")) {
        c.strings(*v, "/compliance");
    }
    if (const json* r = c.get(doc, "resilience"); r && c.object(*r, "/resilience")) {
        c.known_fields(*r, "/resilience", {"criticality", "rto_hours", "rpo_hours"});
        if (const json* v = c.get(*r, "criticality")) {
            c.one_of(*v, "/resilience/criticality", k_levels);
        }
        for (const char* key : {"rto_hours", "rpo_hours"}) {
            if (const json* v = c.get(*r, key)) {
                c.non_negative(*v, child("/resilience", key));
            }
        }
    }
}

} // namespace

Proposal validate_proposal(json doc, const std::string& source, const Limits& limits) {
    Proposal p;
    p.source = source;
    Checker c;
    if (!doc.is_object()) {
        // An empty file parses as null; "got null" would not tell the user why.
        throw input_error(source + ": expected a proposal (an object with id, title and technologies), got " +
                          (doc.is_null() ? std::string("an empty document") : show(doc)));
    }
    c.known_fields(doc, "",
                   {"id", "title", "summary", "sponsor", "organization", "technologies", "data", "business_case",
                    "costs", "controls", "vendor", "compliance", "resilience", "currency", "schema"});
    const json* id = c.get(doc, "id");
    if (!id) {
        c.errors.push_back("/id: expected an id of 1-64 letters, digits, '.', '_' or '-', got nothing");
    } else if (!id->is_string() || !made_of(id->get_ref<const std::string&>(), 1, 64, [](char ch) {
                   return lower(ch) || upper(ch) || digit(ch) || ch == '.' || ch == '_' || ch == '-';
               })) {
        c.fail("/id", "an id of 1-64 letters, digits, '.', '_' or '-'", *id);
    } else {
        p.id = id->get<std::string>();
    }
    const json* title = c.get(doc, "title");
    if (!title) {
        c.errors.push_back("/title: expected a non-empty string, got nothing");
    } else if (!title->is_string() || title->get<std::string>().empty()) {
        c.fail("/title", "a non-empty string", *title);
    } else {
        p.title = title->get<std::string>();
    }
    if (const json* v = c.get(doc, "summary")) {
        c.string(*v, "/summary");
    }
    if (const json* v = c.get(doc, "currency")) {
        if (!v->is_string() || !made_of(v->get_ref<const std::string&>(), 3, 3, upper)) {
            c.fail("/currency", "a three-letter ISO 4217 code such as USD", *v);
        } else {
            p.currency = v->get<std::string>();
        }
    }
    const json* techs = c.get(doc, "technologies");
    if (!techs) {
        c.errors.push_back("/technologies: expected a list of at least one technology, got nothing");
    } else if (!techs->is_array() || techs->empty()) {
        c.fail("/technologies", "a list of at least one technology", *techs);
    } else if (techs->size() > limits.technologies) {
        c.errors.push_back("/technologies: " + std::to_string(techs->size()) +
                           " technologies, more than the limit of " + std::to_string(limits.technologies) +
                           " (limits.technologies)");
    } else {
        for (size_t i = 0; i < techs->size(); ++i) {
            check_technology(c, (*techs)[i], child("/technologies", i), p);
        }
    }
    check_sections(c, doc, p);

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
