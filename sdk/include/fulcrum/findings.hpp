// What a plugin finds about one proposal, as C++ values: the contribution
// schema (docs/schema/contribution.schema.json) member for member. The SDK's
// builders (plugin.hpp) fill these. The host takes them as they are through
// evaluate_findings (plugin.h 1.2) when plugin and host were built against
// the same C++ library, and checks them exactly as it checks a contribution
// in JSON; to_json() gives that JSON for every other path.
//
// A member the schema requires but that a rule never set stays an empty
// optional, so that the host refuses it as it would refuse the missing member.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace fulcrum::sdk {

using json = nlohmann::json;

// A (low, likely, high) estimate, as proposals and FAIR inputs give them.
struct Range {
    double low = 0;
    double likely = 0;
    double high = 0;

    Range scaled(double factor) const { return {low * factor, likely * factor, high * factor}; }
    json to_json() const {
        json out = json::object();
        auto& members = out.get_ref<json::object_t&>();
        members.emplace("low", low);
        members.emplace("likely", likely);
        members.emplace("high", high);
        return out;
    }
};

// Framework references of a rule: {"csf": [...], "sp800_53": [...], ...}.
using Refs = std::vector<std::pair<std::string, std::vector<std::string>>>;

inline json refs_to_json(const Refs& refs) {
    json out = json::object();
    for (const auto& [framework, ids] : refs) {
        out[framework] = ids;
    }
    return out;
}

namespace findings {

struct Cost {
    double one_time = 0;
    double annual = 0;
};

struct Residual {
    int likelihood = 1;
    int impact = 1;
};

struct Mitigation {
    std::string id;
    std::string title;
    std::optional<std::string> control;
    std::optional<Cost> cost;         // required
    std::optional<Residual> residual; // required
};

struct Fair {
    Range frequency; // loss events a year; a high above 1e6 leaves the risk unquantified
    Range magnitude; // what one event costs, in the proposal's currency
};

struct Risk {
    std::string id;
    std::string title;
    std::optional<int> likelihood;        // required
    std::optional<int> impact;            // required
    std::optional<std::string> rationale; // required
    std::vector<std::string> evidence;
    Refs refs; // empty: its rule's, from the catalog (plugin.h 1.3)
    std::optional<std::string> concern;
    std::vector<Mitigation> mitigations;
    std::optional<Fair> fair;
};

struct Benefit {
    std::string id;
    std::string title;
    std::string dimension;
    std::optional<int> score;             // required
    std::optional<std::string> rationale; // required
    std::vector<std::string> evidence;
    std::optional<Range> annual_value;
};

struct Question {
    std::string rule;
    std::string field;
    std::string text;
};

struct Contribution {
    std::vector<Benefit> benefits;
    std::vector<Risk> risks;
    std::vector<Question> questions;
};

namespace detail {
template <typename T> void put(json::object_t& object, const char* key, T&& value) {
    object.emplace(key, std::forward<T>(value));
}
} // namespace detail

inline json to_json(const Mitigation& m) {
    json out = json::object();
    auto& o = out.get_ref<json::object_t&>();
    detail::put(o, "id", m.id);
    detail::put(o, "title", m.title);
    if (m.control) {
        detail::put(o, "control", *m.control);
    }
    if (m.cost) {
        json cost = json::object();
        detail::put(cost.get_ref<json::object_t&>(), "one_time", m.cost->one_time);
        detail::put(cost.get_ref<json::object_t&>(), "annual", m.cost->annual);
        detail::put(o, "cost", std::move(cost));
    }
    if (m.residual) {
        json residual = json::object();
        detail::put(residual.get_ref<json::object_t&>(), "likelihood", m.residual->likelihood);
        detail::put(residual.get_ref<json::object_t&>(), "impact", m.residual->impact);
        detail::put(o, "residual", std::move(residual));
    }
    return out;
}

inline json to_json(const Risk& r) {
    json out = json::object();
    auto& o = out.get_ref<json::object_t&>();
    detail::put(o, "id", r.id);
    detail::put(o, "title", r.title);
    if (r.likelihood) {
        detail::put(o, "likelihood", *r.likelihood);
    }
    if (r.impact) {
        detail::put(o, "impact", *r.impact);
    }
    if (r.rationale) {
        detail::put(o, "rationale", *r.rationale);
    }
    detail::put(o, "evidence", r.evidence);
    detail::put(o, "refs", refs_to_json(r.refs));
    if (r.concern) {
        detail::put(o, "concern", *r.concern);
    }
    json mitigations = json::array();
    for (const Mitigation& m : r.mitigations) {
        mitigations.push_back(to_json(m));
    }
    detail::put(o, "mitigations", std::move(mitigations));
    if (r.fair) {
        json fair = json::object();
        detail::put(fair.get_ref<json::object_t&>(), "frequency", r.fair->frequency.to_json());
        detail::put(fair.get_ref<json::object_t&>(), "magnitude", r.fair->magnitude.to_json());
        detail::put(o, "fair", std::move(fair));
    }
    return out;
}

inline json to_json(const Benefit& b) {
    json out = json::object();
    auto& o = out.get_ref<json::object_t&>();
    detail::put(o, "id", b.id);
    detail::put(o, "title", b.title);
    detail::put(o, "dimension", b.dimension);
    if (b.score) {
        detail::put(o, "score", *b.score);
    }
    if (b.rationale) {
        detail::put(o, "rationale", *b.rationale);
    }
    detail::put(o, "evidence", b.evidence);
    if (b.annual_value) {
        detail::put(o, "annual_value", b.annual_value->to_json());
    }
    return out;
}

inline json to_json(const Question& q) {
    json out = json::object();
    auto& o = out.get_ref<json::object_t&>();
    detail::put(o, "rule", q.rule);
    detail::put(o, "field", q.field);
    detail::put(o, "text", q.text);
    return out;
}

template <typename T> json list_to_json(const std::vector<T>& items) {
    json out = json::array();
    out.get_ref<json::array_t&>().reserve(items.size());
    for (const T& item : items) {
        out.push_back(to_json(item));
    }
    return out;
}

// The contribution as JSON: what the text and tree ABIs carry.
inline json to_json(const Contribution& c) {
    json out = json::object();
    auto& o = out.get_ref<json::object_t&>();
    detail::put(o, "benefits", list_to_json(c.benefits));
    detail::put(o, "risks", list_to_json(c.risks));
    detail::put(o, "questions", list_to_json(c.questions));
    return out;
}

} // namespace findings
} // namespace fulcrum::sdk
