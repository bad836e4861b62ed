#include "quant/plan.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace fulcrum::quant {

Treatment treatment_between(Levels inherent, Levels residual) {
    const double f = static_cast<double>(residual.likelihood) / std::max(1, inherent.likelihood);
    const double g = static_cast<double>(residual.impact) / std::max(1, inherent.impact);
    return {std::min(1.0, f), std::min(1.0, g)};
}

Levels combine(Levels a, Levels b) {
    return {std::min(a.likelihood, b.likelihood), std::min(a.impact, b.impact)};
}

namespace {

double loss_at(const PlanRisk& r, Levels levels) {
    const Treatment t = treatment_between(r.inherent, levels);
    return r.expected_loss * t.frequency * t.magnitude;
}

class Search {
public:
    Search(const std::vector<PlanRisk>& risks, const std::vector<PlanOption>& options, double budget,
           std::uint64_t node_limit)
        : m_risks(risks), m_options(options), m_budget(budget), m_node_limit(node_limit) {
        double reducible = 0;
        for (const auto& r : risks) {
            m_levels.push_back(r.current);
            reducible += loss_at(r, r.current);
        }
        m_tolerance = 1e-9 * std::max(1.0, reducible);
        // Options that cannot fit or that avoid nothing even alone can never
        // help (gains only shrink as the set grows).
        for (std::size_t i = 0; i < options.size(); ++i) {
            if (options[i].cost <= budget + m_tolerance && gain(i) > m_tolerance) {
                m_order.push_back(i);
            }
        }
        // Best gain per unit of cost first, so good sets are found early.
        std::stable_sort(m_order.begin(), m_order.end(),
                         [&](std::size_t a, std::size_t b) { return ratio(gain(a), a) > ratio(gain(b), b); });
        m_in.assign(options.size(), false);
    }

    PlanResult run() {
        visit(0, 0, 0);
        PlanResult result;
        for (std::size_t i = 0; i < m_best_set.size(); ++i) {
            if (m_best_set[i]) {
                result.chosen.push_back(i);
            }
        }
        result.cost = m_best_cost;
        // Recomputed from scratch rather than summed along the search path.
        result.loss_avoided =
            expected_loss_with(m_risks, m_options, {}) - expected_loss_with(m_risks, m_options, m_best_set);
        result.exact = m_nodes <= m_node_limit;
        result.nodes = m_nodes;
        return result;
    }

private:
    // Loss avoided by adding option i to the current set. An option may act
    // on the same risk twice (two mitigations naming its control): each risk
    // counts once, with all the option's effects on it combined.
    double gain(std::size_t i) const {
        const auto& effects = m_options[i].effects;
        double g = 0;
        for (std::size_t k = 0; k < effects.size(); ++k) {
            const std::size_t risk = effects[k].risk;
            bool seen = false;
            Levels after = m_levels[risk];
            for (std::size_t j = 0; j < effects.size(); ++j) {
                if (effects[j].risk == risk) {
                    seen = seen || j < k;
                    after = combine(after, effects[j].leaves);
                }
            }
            if (!seen) {
                g += loss_at(m_risks[risk], m_levels[risk]) - loss_at(m_risks[risk], after);
            }
        }
        return g;
    }

    double ratio(double g, std::size_t i) const {
        const double c = m_options[i].cost;
        return c > 0 ? g / c : (g > 0 ? HUGE_VAL : 0);
    }

    // An upper bound on what options order[k..] can still add within `room`.
    double bound(std::size_t k, double room) const {
        std::vector<std::pair<double, std::size_t>> rest;
        for (std::size_t j = k; j < m_order.size(); ++j) {
            const std::size_t i = m_order[j];
            const double g = gain(i);
            if (g > 0 && m_options[i].cost <= room + m_tolerance) {
                rest.emplace_back(ratio(g, i), i);
            }
        }
        std::sort(rest.begin(), rest.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        double total = 0;
        for (const auto& [r, i] : rest) {
            const double c = m_options[i].cost;
            if (c <= room) {
                total += gain(i);
                room -= c;
            } else {
                total += r * room; // the fractional part
                break;
            }
        }
        return total;
    }

    void consider(double gained, double cost) {
        const bool more = gained > m_best_gain + m_tolerance;
        const bool cheaper = gained >= m_best_gain - m_tolerance && cost < m_best_cost - m_tolerance;
        if (m_best_set.empty() || more || cheaper) {
            m_best_gain = gained;
            m_best_cost = cost;
            m_best_set = m_in;
        }
    }

    void visit(std::size_t k, double gained, double cost) {
        if (++m_nodes > m_node_limit) {
            return;
        }
        consider(gained, cost);
        if (k == m_order.size()) {
            return;
        }
        const double ceiling = gained + bound(k, m_budget - cost);
        if (ceiling < m_best_gain - m_tolerance || (ceiling <= m_best_gain + m_tolerance && cost >= m_best_cost)) {
            return; // no completion beats the best: not more loss avoided, not cheaper
        }
        const std::size_t i = m_order[k];
        const PlanOption& option = m_options[i];
        if (cost + option.cost <= m_budget + m_tolerance) {
            const double g = gain(i);
            std::vector<Levels> saved;
            for (const auto& e : option.effects) {
                saved.push_back(m_levels[e.risk]);
                m_levels[e.risk] = combine(m_levels[e.risk], e.leaves);
            }
            m_in[i] = true;
            visit(k + 1, gained + g, cost + option.cost);
            m_in[i] = false;
            for (std::size_t e = option.effects.size(); e-- > 0;) {
                m_levels[option.effects[e].risk] = saved[e];
            }
        }
        visit(k + 1, gained, cost);
    }

    const std::vector<PlanRisk>& m_risks;
    const std::vector<PlanOption>& m_options;
    double m_budget;
    std::uint64_t m_node_limit;
    double m_tolerance = 0;
    std::vector<Levels> m_levels;
    std::vector<std::size_t> m_order;
    std::vector<bool> m_in;
    std::vector<bool> m_best_set;
    double m_best_gain = 0;
    double m_best_cost = 0;
    std::uint64_t m_nodes = 0;
};

} // namespace

double expected_loss_with(const std::vector<PlanRisk>& risks, const std::vector<PlanOption>& options,
                          const std::vector<bool>& chosen) {
    std::vector<Levels> levels;
    for (const auto& r : risks) {
        levels.push_back(r.current);
    }
    for (std::size_t i = 0; i < options.size(); ++i) {
        if (i < chosen.size() && chosen[i]) {
            for (const auto& e : options[i].effects) {
                levels[e.risk] = combine(levels[e.risk], e.leaves);
            }
        }
    }
    double total = 0;
    for (std::size_t r = 0; r < risks.size(); ++r) {
        total += loss_at(risks[r], levels[r]);
    }
    return total;
}

PlanResult choose_plan(const std::vector<PlanRisk>& risks, const std::vector<PlanOption>& options, double budget,
                       std::uint64_t node_limit) {
    return Search(risks, options, budget, node_limit).run();
}

} // namespace fulcrum::quant
