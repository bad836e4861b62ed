#include "batch/funding.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace fulcrum {
namespace {

constexpr double k_epsilon = 1e-9;

struct Item {
    size_t index;
    double value;
    double a; // innovation cost as a share of its budget
    double b; // security cost as a share of its budget
};

// Share of a budget a cost uses; a zero budget admits only zero costs.
double share(double cost, double budget) {
    if (cost <= k_epsilon) {
        return 0;
    }
    return budget <= k_epsilon ? HUGE_VAL : cost / budget;
}

// Fractional-knapsack bound for one normalised constraint, over items[from..).
double fractional_bound(const std::vector<Item>& items, size_t from, double capacity, bool use_a,
                        const std::vector<size_t>& order) {
    double bound = 0;
    for (size_t k : order) {
        if (k < from) {
            continue;
        }
        const Item& it = items[k];
        const double w = use_a ? it.a : it.b;
        if (w <= capacity + k_epsilon) {
            bound += it.value;
            capacity -= w;
        } else {
            if (std::isfinite(w) && w > 0) {
                bound += it.value * capacity / w;
            }
            break;
        }
    }
    return bound;
}

class Solver {
public:
    Solver(std::vector<Item> items) : m_items(std::move(items)) {
        m_order_a.resize(m_items.size());
        m_order_b.resize(m_items.size());
        std::iota(m_order_a.begin(), m_order_a.end(), 0);
        std::iota(m_order_b.begin(), m_order_b.end(), 0);
        auto density = [](double v, double w) { return w <= k_epsilon ? HUGE_VAL : v / w; };
        std::sort(m_order_a.begin(), m_order_a.end(), [&](size_t x, size_t y) {
            return density(m_items[x].value, m_items[x].a) > density(m_items[y].value, m_items[y].a);
        });
        std::sort(m_order_b.begin(), m_order_b.end(), [&](size_t x, size_t y) {
            return density(m_items[x].value, m_items[x].b) > density(m_items[y].value, m_items[y].b);
        });
    }

    double bound(size_t from, double cap_a, double cap_b) const {
        return std::min(fractional_bound(m_items, from, cap_a, true, m_order_a),
                        fractional_bound(m_items, from, cap_b, false, m_order_b));
    }

    void search(size_t k, double cap_a, double cap_b, double value, std::vector<size_t>& taken) {
        if (++m_nodes > k_node_limit) {
            m_exhausted = true;
            return;
        }
        if (value > m_best_value + k_epsilon) {
            m_best_value = value;
            m_best = taken;
        }
        if (k == m_items.size() || value + bound(k, cap_a, cap_b) <= m_best_value + k_epsilon) {
            return;
        }
        const Item& it = m_items[k];
        if (it.a <= cap_a + k_epsilon && it.b <= cap_b + k_epsilon) {
            taken.push_back(it.index);
            search(k + 1, cap_a - it.a, cap_b - it.b, value + it.value, taken);
            taken.pop_back();
        }
        search(k + 1, cap_a, cap_b, value, taken);
    }

    // Bounds the worst case; real portfolios finish in far fewer nodes.
    static constexpr size_t k_node_limit = 20'000'000;
    double m_best_value = 0;
    std::vector<size_t> m_best;
    size_t m_nodes = 0;
    bool m_exhausted = false;

private:
    std::vector<Item> m_items;
    std::vector<size_t> m_order_a;
    std::vector<size_t> m_order_b;
};

std::vector<Item> worth_funding(const std::vector<FundingCandidate>& candidates, double innovation_budget,
                                double security_budget) {
    std::vector<Item> items;
    for (size_t i = 0; i < candidates.size(); ++i) {
        const auto& c = candidates[i];
        Item it{i, c.value, share(c.innovation_cost, innovation_budget), share(c.security_cost, security_budget)};
        if (c.value > k_epsilon && it.a <= 1 + k_epsilon && it.b <= 1 + k_epsilon) {
            items.push_back(it);
        }
    }
    // Best value density first makes good solutions come early in the search.
    std::sort(items.begin(), items.end(), [](const Item& x, const Item& y) {
        return x.value / (x.a + x.b + k_epsilon) > y.value / (y.a + y.b + k_epsilon);
    });
    return items;
}

FundingPlan finish(const std::vector<FundingCandidate>& candidates, std::vector<size_t> chosen) {
    FundingPlan plan;
    std::sort(chosen.begin(), chosen.end());
    plan.chosen = std::move(chosen);
    for (size_t i : plan.chosen) {
        plan.value += candidates[i].value;
        plan.innovation_spend += candidates[i].innovation_cost;
        plan.security_spend += candidates[i].security_cost;
    }
    return plan;
}

} // namespace

FundingPlan plan_funding(const std::vector<FundingCandidate>& candidates, double innovation_budget,
                         double security_budget) {
    std::vector<Item> items = worth_funding(candidates, innovation_budget, security_budget);
    Solver solver(items);
    const double relaxation = solver.bound(0, 1.0, 1.0);
    if (items.size() <= k_exact_limit) {
        std::vector<size_t> taken;
        solver.search(0, 1.0, 1.0, 0, taken);
        FundingPlan plan = finish(candidates, solver.m_best);
        plan.exact = !solver.m_exhausted;
        plan.upper_bound = plan.exact ? plan.value : std::max(relaxation, plan.value);
        plan.nodes = solver.m_nodes;
        return plan;
    }
    // Greedy by value per combined budget share, then a pass that fills
    // what is left with anything that still fits.
    std::vector<size_t> chosen;
    double cap_a = 1.0;
    double cap_b = 1.0;
    for (const Item& it : items) {
        if (it.a <= cap_a + k_epsilon && it.b <= cap_b + k_epsilon) {
            chosen.push_back(it.index);
            cap_a -= it.a;
            cap_b -= it.b;
        }
    }
    FundingPlan plan = finish(candidates, chosen);
    plan.exact = false;
    plan.upper_bound = std::max(relaxation, plan.value);
    return plan;
}

FundingPlan plan_funding_brute_force(const std::vector<FundingCandidate>& candidates, double innovation_budget,
                                     double security_budget) {
    const size_t n = candidates.size();
    std::vector<size_t> best;
    double best_value = 0;
    for (size_t mask = 0; mask < (size_t{1} << n); ++mask) {
        double value = 0, a = 0, b = 0;
        std::vector<size_t> chosen;
        for (size_t i = 0; i < n; ++i) {
            if (mask & (size_t{1} << i)) {
                value += candidates[i].value;
                a += candidates[i].innovation_cost;
                b += candidates[i].security_cost;
                chosen.push_back(i);
            }
        }
        if (a <= innovation_budget * (1 + 1e-12) + k_epsilon && b <= security_budget * (1 + 1e-12) + k_epsilon &&
            value > best_value + k_epsilon) {
            best_value = value;
            best = chosen;
        }
    }
    FundingPlan plan = finish(candidates, best);
    plan.upper_bound = plan.value;
    return plan;
}

} // namespace fulcrum
