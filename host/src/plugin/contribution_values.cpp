// Reading a contribution handed over as C++ values (the findings ABI,
// plugin.h 1.2): the JSON reader's own checks, in the same order, with the
// same reasons; only types cannot go wrong here.
#include "plugin/contribution.hpp"
#include "plugin/contribution_reader.hpp"
#include "proposal/limits.hpp"

#include <cmath>

namespace fulcrum {
namespace {

using namespace contribution_reading;
namespace values = sdk::findings;

Mitigation read_mitigation(const Reader& r, values::Mitigation& m, const Path& path) {
    Mitigation out;
    out.id = std::move(r.token(m.id, path.child("id"), "_.-", 64));
    out.title = std::move(r.text(m.title, path.child("title"), 1, 4000));
    if (m.control) {
        out.control = std::move(r.text(*m.control, path.child("control"), 0, 64));
    }
    const Path cost_path = path.child("cost");
    const values::Cost& cost = r.required(m.cost, path, "cost");
    out.cost = {r.amount(cost.one_time, cost_path.child("one_time")), r.amount(cost.annual, cost_path.child("annual"))};
    const Path residual_path = path.child("residual");
    const values::Residual& residual = r.required(m.residual, path, "residual");
    out.residual_likelihood = r.integer(residual.likelihood, residual_path.child("likelihood"), 1, 5);
    out.residual_impact = r.integer(residual.impact, residual_path.child("impact"), 1, 5);
    return out;
}

Range read_range(const Reader& r, const sdk::Range& v, const Path& path) {
    return {r.amount(v.low, path.child("low")), r.amount(v.likely, path.child("likely")),
            r.amount(v.high, path.child("high"))};
}

Risk read_risk(const Reader& r, values::Risk& v, const Path& path, const std::string& plugin_id) {
    Risk out;
    out.id = std::move(r.rule_id(v.id, path.child("id")));
    out.plugin = plugin_id;
    out.raised_by = {plugin_id};
    out.title = std::move(r.text(v.title, path.child("title"), 1, 4000));
    out.likelihood = r.integer(r.required(v.likelihood, path, "likelihood"), path.child("likelihood"), 1, 5);
    out.impact = r.integer(r.required(v.impact, path, "impact"), path.child("impact"), 1, 5);
    out.rationale = std::move(r.text(r.required(v.rationale, path, "rationale"), path.child("rationale"), 1, 4000));
    out.evidence = r.pointers(v.evidence, path.child("evidence"));
    if (!v.refs.empty()) { // empty: the rule's, from the catalog
        out.refs = SharedRefs(r.refs(std::move(v.refs), path.child("refs")));
    }
    if (v.concern) {
        out.concern = std::move(r.token(*v.concern, path.child("concern"), "_-", 64));
    }
    const Path mitigations_path = path.child("mitigations");
    r.count(v.mitigations.size(), mitigations_path, 1, 32);
    out.mitigations.reserve(v.mitigations.size());
    for (size_t i = 0; i < v.mitigations.size(); ++i) {
        out.mitigations.push_back(read_mitigation(r, v.mitigations[i], mitigations_path.item(i)));
    }
    if (v.fair) {
        const Path fair_path = path.child("fair");
        out.fair = FairInputs{read_range(r, v.fair->frequency, fair_path.child("frequency")),
                              read_range(r, v.fair->magnitude, fair_path.child("magnitude"))};
    }
    return out;
}

Benefit read_benefit(const Reader& r, values::Benefit& v, const Path& path, const std::string& plugin_id) {
    Benefit out;
    out.id = std::move(r.rule_id(v.id, path.child("id")));
    out.plugin = plugin_id;
    out.title = std::move(r.text(v.title, path.child("title"), 1, 4000));
    bool known = false;
    for (const char* d : k_dimensions) {
        known = known || v.dimension == d;
    }
    if (!known) {
        r.fail(path.child("dimension"), "expected a benefit dimension (efficiency, customer_experience, ...)");
    }
    out.dimension = std::move(v.dimension);
    out.score = r.integer(r.required(v.score, path, "score"), path.child("score"), 0, 100);
    out.rationale = std::move(r.text(r.required(v.rationale, path, "rationale"), path.child("rationale"), 1, 4000));
    out.evidence = r.pointers(v.evidence, path.child("evidence"));
    if (v.annual_value) {
        out.annual_value = read_range(r, *v.annual_value, path.child("annual_value"));
    }
    return out;
}

Contribution read(const Reader& r, values::Contribution& in, const std::string& plugin_id) {
    const Path root;
    Contribution out;
    const Path benefits_path = root.child("benefits");
    r.count(in.benefits.size(), benefits_path, 0, 200);
    out.benefits.reserve(in.benefits.size());
    for (size_t i = 0; i < in.benefits.size(); ++i) {
        out.benefits.push_back(read_benefit(r, in.benefits[i], benefits_path.item(i), plugin_id));
    }
    const Path risks_path = root.child("risks");
    r.count(in.risks.size(), risks_path, 0, 200);
    out.risks.reserve(in.risks.size());
    for (size_t i = 0; i < in.risks.size(); ++i) {
        out.risks.push_back(read_risk(r, in.risks[i], risks_path.item(i), plugin_id));
    }
    const Path questions_path = root.child("questions");
    r.count(in.questions.size(), questions_path, 0, 200);
    out.questions.reserve(in.questions.size());
    for (size_t i = 0; i < in.questions.size(); ++i) {
        const Path path = questions_path.item(i);
        values::Question& q = in.questions[i];
        out.questions.push_back({std::move(r.rule_id(q.rule, path.child("rule"))), plugin_id,
                                 std::move(r.pointer(q.field, path.child("field"))),
                                 std::move(r.text(q.text, path.child("text"), 1, 4000))});
    }
    return out;
}

// Whether the values stay within the fixed limits a contribution's text is
// parsed within, with well-formed UTF-8 and finite numbers: the walk
// tree_within_contribution_limits makes of a tree. Names nothing; values that
// fail it go through their JSON.
class LimitWalk {
public:
    bool contribution(const values::Contribution& c) {
        return add(3) && all(c.benefits, &LimitWalk::benefit) && all(c.risks, &LimitWalk::risk) &&
               all(c.questions, &LimitWalk::question);
    }

private:
    template <typename T> bool all(const std::vector<T>& items, bool (LimitWalk::*one)(const T&)) {
        if (items.size() > m_fixed.array_items || !add(1)) {
            return false;
        }
        for (const T& item : items) {
            if (!(this->*one)(item)) {
                return false;
            }
        }
        return true;
    }
    bool add(uint64_t count) {
        m_values += count;
        m_bytes += count;
        return m_values <= m_fixed.values && m_bytes <= m_fixed.proposal_bytes;
    }
    bool text(const std::string& s) {
        m_bytes += s.size();
        return add(1) && s.size() <= m_fixed.string_bytes && invalid_utf8_at(s) == std::string::npos;
    }
    bool text(const std::optional<std::string>& s) { return !s || text(*s); }
    bool texts(const std::vector<std::string>& items) { return all(items, &LimitWalk::text); }
    bool number(double v) { return add(1) && std::isfinite(v); }
    bool range(const sdk::Range& v) { return add(1) && number(v.low) && number(v.likely) && number(v.high); }

    bool mitigation(const values::Mitigation& m) {
        return add(6) && text(m.id) && text(m.title) && text(m.control) &&
               (!m.cost || (number(m.cost->one_time) && number(m.cost->annual)));
    }
    bool risk(const values::Risk& r) {
        if (!add(6) || !text(r.id) || !text(r.title) || !text(r.rationale) || !text(r.concern) || !texts(r.evidence) ||
            !all(r.mitigations, &LimitWalk::mitigation) ||
            (r.fair && !(range(r.fair->frequency) && range(r.fair->magnitude)))) {
            return false;
        }
        for (const auto& [framework, ids] : r.refs) {
            if (!text(framework) || !texts(ids)) {
                return false;
            }
        }
        return true;
    }
    bool benefit(const values::Benefit& b) {
        return add(4) && text(b.id) && text(b.title) && text(b.dimension) && text(b.rationale) && texts(b.evidence) &&
               (!b.annual_value || range(*b.annual_value));
    }
    bool question(const values::Question& q) { return add(1) && text(q.rule) && text(q.field) && text(q.text); }

    const Limits m_fixed = contribution_limits();
    uint64_t m_values = 0;
    uint64_t m_bytes = 0;
};

} // namespace

std::variant<Contribution, std::string> read_contribution_findings(sdk::findings::Contribution values,
                                                                   const std::string& plugin_id, const Limits& limits) {
    if (!LimitWalk().contribution(values)) {
        return read_contribution_tree(sdk::findings::to_json(values), plugin_id, limits);
    }
    if (std::string problem =
            contribution_count_problem(values.benefits.size(), values.risks.size(), values.questions.size(), limits);
        !problem.empty()) {
        return problem;
    }
    return checked([&](const Reader& r) { return read(r, values, plugin_id); }, plugin_id);
}

} // namespace fulcrum
