#include "quant/quantile_table.hpp"

#include <cmath>

namespace fulcrum::quant {

QuantileTable::QuantileTable(const std::function<double(double)>& exact, int tail_levels,
                             std::function<double(double)> exact_tail)
    : m_levels(tail_levels), m_bulk(k_cells + 1), m_low(static_cast<size_t>(tail_levels) * (k_cells + 1)),
      m_high(m_low.size()), m_exact_tail(std::move(exact_tail)) {
    for (int i = 0; i <= k_cells; ++i) {
        m_bulk[i] = exact(static_cast<double>(i) / k_cells);
    }
    // Every d below is a power of two times an integer, so 1 - d is exact.
    for (int level = 1; level <= m_levels; ++level) {
        const double step = std::ldexp(1.0 / k_cells, -5 * level);
        double* low = m_low.data() + (level - 1) * (k_cells + 1);
        double* high = m_high.data() + (level - 1) * (k_cells + 1);
        for (int j = 0; j <= k_cells; ++j) {
            low[j] = exact(j * step);
        }
        for (int j = 0; j <= k_cells; ++j) {
            high[j] = exact(1 - j * step);
        }
    }
}

double QuantileTable::tail(double u) const {
    const bool low = u < 0.5;
    const double d = low ? u : 1 - u; // distance to the nearer end, exact
    double y = d * (k_cells * k_zoom);
    int level = 1;
    while (level < m_levels && y < k_edge) {
        y *= k_zoom;
        ++level;
    }
    if (!low && m_exact_tail && level == m_levels && y < k_edge) {
        return m_exact_tail(u);
    }
    int j = static_cast<int>(y);
    if (j > k_cells - 1) {
        j = k_cells - 1;
    }
    const double* q = (low ? m_low.data() : m_high.data()) + (level - 1) * (k_cells + 1) + j;
    return q[0] + (y - j) * (q[1] - q[0]);
}

} // namespace fulcrum::quant
