#include "quant/scenario_file.hpp"

#include "proposal/document.hpp"
#include "quant/json_lines.hpp"
#include "util/error.hpp"
#include "util/json_text.hpp"

#include <map>
#include <set>

namespace fulcrum::quant {

namespace {

using nlohmann::json;

std::string show(const json& v) {
    return show_json(v, 40);
}

// Collects every problem with its line, then throws them all at once.
class Problems {
public:
    Problems(std::string origin, std::map<std::string, int> lines)
        : m_origin(std::move(origin)), m_lines(std::move(lines)) {}

    void add(const std::string& pointer, const std::string& message) {
        auto it = m_lines.find(pointer);
        const std::string where = it == m_lines.end() ? "" : ":" + std::to_string(it->second);
        m_messages.push_back(m_origin + where + ": " + (pointer.empty() ? "/" : pointer) + ": " + message);
    }

    void throw_if_any() const {
        if (m_messages.empty()) {
            return;
        }
        std::string text;
        for (std::size_t i = 0; i < m_messages.size() && i < 20; ++i) {
            text += (i ? "\n" : "") + m_messages[i];
        }
        if (m_messages.size() > 20) {
            text += "\n(" + std::to_string(m_messages.size() - 20) + " more problems)";
        }
        throw input_error(text);
    }

private:
    std::string m_origin;
    std::map<std::string, int> m_lines;
    std::vector<std::string> m_messages;
};

void check_fields(Problems& p, const json& obj, const std::string& ptr, const std::set<std::string>& known) {
    for (const auto& [key, value] : obj.items()) {
        if (known.count(key) == 0) {
            p.add(ptr + "/" + key, "unknown field");
        }
    }
}

Distribution read_range(Problems& p, const json& v, const std::string& ptr) {
    Distribution d;
    if (!v.is_object()) {
        p.add(ptr, "expected an object {low, likely, high}, got " + show(v));
        return d;
    }
    check_fields(p, v, ptr, {"low", "likely", "high", "distribution"});
    if (v.contains("distribution")) {
        const json& s = v["distribution"];
        const auto shape = s.is_string() ? shape_from_string(s.get<std::string>()) : std::nullopt;
        if (!shape) {
            p.add(ptr + "/distribution", "expected pert or lognormal, got " + show(s));
            return d;
        }
        d.shape = *shape;
    }
    bool ok = true;
    for (const char* key : {"low", "likely", "high"}) {
        if (d.shape == Shape::lognormal && std::string(key) == "likely" && !v.contains(key)) {
            continue;
        }
        if (!v.contains(key)) {
            p.add(ptr + "/" + key, "expected a non-negative number, got nothing");
            ok = false;
        } else if (!v[key].is_number() || v[key].get<double>() < 0) {
            p.add(ptr + "/" + key, "expected a non-negative number, got " + show(v[key]));
            ok = false;
        }
    }
    if (!ok) {
        return d;
    }
    d.low = v["low"].get<double>();
    d.high = v["high"].get<double>();
    d.likely = v.contains("likely") ? v["likely"].get<double>() : d.low;
    if (auto problem = problem_with(d); !problem.empty()) {
        p.add(ptr, problem + ", got " + show(v));
    }
    return d;
}

} // namespace

ScenarioSet parse_scenarios_json(const std::string& text, const std::string& origin) {
    const json doc = parse_document(text, Syntax::json, origin); // syntax errors name line and column
    Problems p(origin, json_value_lines(text));
    ScenarioSet set;
    const json* list = &doc;
    std::string base;
    if (doc.is_object()) {
        check_fields(p, doc, "", {"id", "currency", "description", "scenarios"});
        for (auto [key, into] : {std::pair{"id", &set.id}, std::pair{"currency", &set.currency}}) {
            if (!doc.contains(key)) {
                continue;
            }
            if (doc[key].is_string()) {
                *into = doc[key].get<std::string>();
            } else {
                p.add(std::string("/") + key, "expected a string, got " + show(doc[key]));
            }
        }
        if (!doc.contains("scenarios")) {
            p.add("/scenarios", "expected a list of scenarios, got nothing");
            p.throw_if_any();
        }
        list = &doc["scenarios"];
        base = "/scenarios";
    }
    if (!list->is_array() || list->empty()) {
        p.add(base, "expected a non-empty list of scenarios, got " + show(*list));
        p.throw_if_any();
    }
    std::map<std::string, std::string> names; // name -> pointer of first use
    for (std::size_t i = 0; i < list->size(); ++i) {
        const json& item = (*list)[i];
        const std::string ptr = base + "/" + std::to_string(i);
        if (!item.is_object()) {
            p.add(ptr, "expected a scenario object, got " + show(item));
            continue;
        }
        check_fields(p, item, ptr, {"name", "description", "frequency", "magnitude", "secondary"});
        Scenario s;
        if (!item.contains("name") || !item["name"].is_string() || item["name"].get<std::string>().empty()) {
            p.add(ptr + "/name",
                  "expected a non-empty string, got " + (item.contains("name") ? show(item["name"]) : "nothing"));
        } else {
            s.name = item["name"].get<std::string>();
            auto [it, fresh] = names.emplace(s.name, ptr);
            if (!fresh) {
                p.add(ptr + "/name", "\"" + s.name + "\" is already the name of " + it->second + "; names must differ");
            }
        }
        for (const char* part : {"frequency", "magnitude"}) {
            if (!item.contains(part)) {
                p.add(ptr + "/" + part, "expected an object {low, likely, high}, got nothing");
            }
        }
        if (item.contains("frequency")) {
            s.frequency = read_range(p, item["frequency"], ptr + "/frequency");
            if (auto problem = frequency_problem(s.frequency); !problem.empty()) {
                p.add(ptr + "/frequency/high", problem + ", got " + show(item["frequency"].value("high", json())));
            }
        }
        if (item.contains("magnitude")) {
            s.magnitude = read_range(p, item["magnitude"], ptr + "/magnitude");
        }
        if (item.contains("secondary")) {
            const json& sec = item["secondary"];
            const std::string sp = ptr + "/secondary";
            if (!sec.is_object()) {
                p.add(sp, "expected an object {probability, magnitude}, got " + show(sec));
            } else {
                check_fields(p, sec, sp, {"probability", "magnitude"});
                Secondary secondary;
                const json probability = sec.value("probability", json());
                if (!probability.is_number() || probability.get<double>() < 0 || probability.get<double>() > 1) {
                    p.add(sp + "/probability", "expected a number from 0 to 1, got " + show(probability));
                } else {
                    secondary.probability = probability.get<double>();
                }
                if (!sec.contains("magnitude")) {
                    p.add(sp + "/magnitude", "expected an object {low, likely, high}, got nothing");
                } else {
                    secondary.magnitude = read_range(p, sec["magnitude"], sp + "/magnitude");
                }
                s.secondary = secondary;
            }
        }
        set.scenarios.push_back(std::move(s));
    }
    p.throw_if_any();
    return set;
}

ScenarioSet load_scenarios(const std::string& path) {
    const std::string text = read_file(path);
    const bool csv = path.size() >= 4 && path.compare(path.size() - 4, 4, ".csv") == 0;
    return csv ? parse_scenarios_csv(text, path) : parse_scenarios_json(text, path);
}

} // namespace fulcrum::quant
