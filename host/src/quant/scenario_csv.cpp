#include "quant/scenario_file.hpp"

#include "util/error.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>
#include <sstream>

namespace fulcrum::quant {

namespace {

const char* const k_columns[] = {"name",          "frequency_low",    "frequency_likely", "frequency_high",
                                 "magnitude_low", "magnitude_likely", "magnitude_high",   "secondary_probability",
                                 "secondary_low", "secondary_likely", "secondary_high"};

std::string trim(const std::string& s) {
    std::size_t b = 0;
    std::size_t e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) {
        ++b;
    }
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) {
        --e;
    }
    return s.substr(b, e - b);
}

// Splits one line into fields, RFC 4180 style: "a, b" is one field and ""
// inside quotes is a quote. Returns false on an unterminated quote.
bool split(const std::string& line, std::vector<std::string>& fields) {
    fields.assign(1, "");
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    for (auto& f : fields) {
        f = trim(f);
    }
    return !quoted;
}

class Problems {
public:
    explicit Problems(std::string origin) : m_origin(std::move(origin)) {}

    void add(int line, const std::string& field, const std::string& message) {
        m_messages.push_back(m_origin + ":" + std::to_string(line) + ": " + field + ": " + message);
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
    std::vector<std::string> m_messages;
};

bool number(const std::string& text, double& out) {
    if (text.empty()) {
        return false;
    }
    char* end = nullptr;
    out = std::strtod(text.c_str(), &end);
    return end == text.c_str() + text.size() && std::isfinite(out);
}

// Reads columns [first, first + 3) as a PERT range.
bool range(Problems& p, int line, const std::vector<std::string>& f, std::size_t first, const std::string& what,
           Distribution& d) {
    double v[3] = {};
    bool ok = true;
    for (std::size_t k = 0; k < 3; ++k) {
        if (!number(f[first + k], v[k]) || v[k] < 0) {
            p.add(line, k_columns[first + k], "expected a non-negative number, got \"" + f[first + k] + "\"");
            ok = false;
        }
    }
    if (!ok) {
        return false;
    }
    d = {Shape::pert, v[0], v[1], v[2]};
    if (auto problem = problem_with(d); !problem.empty()) {
        p.add(line, what, problem + ", got " + f[first] + ", " + f[first + 1] + ", " + f[first + 2]);
        return false;
    }
    return true;
}

} // namespace

ScenarioSet parse_scenarios_csv(const std::string& text, const std::string& origin) {
    ScenarioSet set;
    Problems p(origin);
    std::istringstream in(text);
    std::string line;
    std::vector<std::string> f;
    std::map<std::string, int> names;
    bool first = true;
    for (int number_of_line = 1; std::getline(in, line); ++number_of_line) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        const std::string content = trim(line);
        if (content.empty() || content[0] == '#') {
            continue;
        }
        if (!split(line, f)) {
            p.add(number_of_line, "line", "a quoted field is not closed");
            continue;
        }
        std::string head = f[0];
        for (auto& c : head) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        if (first && head == "name") {
            first = false;
            continue;
        }
        first = false;
        const bool all_secondary_empty =
            f.size() == 11 && f[7].empty() && f[8].empty() && f[9].empty() && f[10].empty();
        if (f.size() != 7 && f.size() != 11) {
            p.add(number_of_line, "line",
                  "expected 7 fields (name, frequency low, likely, high, magnitude low, likely, high) or 11 (and "
                  "secondary probability, low, likely, high), got " +
                      std::to_string(f.size()));
            continue;
        }
        Scenario s;
        s.name = f[0];
        if (s.name.empty()) {
            p.add(number_of_line, "name", "expected a scenario name, got nothing");
        } else if (auto [it, fresh] = names.emplace(s.name, number_of_line); !fresh) {
            p.add(number_of_line, "name",
                  "\"" + s.name + "\" is already the name on line " + std::to_string(it->second) +
                      "; names must differ");
        }
        if (range(p, number_of_line, f, 1, "frequency", s.frequency)) {
            if (auto problem = frequency_problem(s.frequency); !problem.empty()) {
                p.add(number_of_line, "frequency_high", problem + ", got " + f[3]);
            }
        }
        range(p, number_of_line, f, 4, "magnitude", s.magnitude);
        if (f.size() == 11 && !all_secondary_empty) {
            Secondary secondary;
            if (!number(f[7], secondary.probability) || secondary.probability < 0 || secondary.probability > 1) {
                p.add(number_of_line, k_columns[7], "expected a number from 0 to 1, got \"" + f[7] + "\"");
            }
            range(p, number_of_line, f, 8, "secondary", secondary.magnitude);
            s.secondary = secondary;
        }
        set.scenarios.push_back(std::move(s));
    }
    p.throw_if_any();
    if (set.scenarios.empty()) {
        throw input_error(origin + ": no scenario found (one a line: name, frequency low, likely, high, magnitude "
                                   "low, likely, high)");
    }
    return set;
}

} // namespace fulcrum::quant
