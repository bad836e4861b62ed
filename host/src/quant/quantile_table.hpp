// Inverse-transform sampling without special functions at draw time: a
// distribution's quantile function tabulated once and interpolated linearly.
#pragma once

#include <functional>
#include <vector>

namespace fulcrum::quant {

// Q(u) at 1,024 equal steps of u. Quantile functions bend most near 0 and 1,
// so the outer 32 steps at each end are tabulated again 32 times finer, and
// so on for `tail_levels` levels. Past the finest level of an unbounded
// distribution it calls the exact function, so heavy tails are not cut off.
class QuantileTable {
public:
    static constexpr int k_cells = 1024;
    static constexpr int k_zoom = 32;

    // `exact` is called in order along each level, so it may start its search
    // from its previous answer; `exact_tail`, called at draw time for the
    // extreme upper tail when `unbounded_above`, must be stateless.
    QuantileTable(const std::function<double(double)>& exact, int tail_levels,
                  std::function<double(double)> exact_tail = nullptr);

    double at(double u) const {
        const double x = u * k_cells;
        const int cell = static_cast<int>(x);
        if (cell >= k_edge && cell < k_cells - k_edge) {
            const double* q = m_bulk.data() + cell;
            return q[0] + (x - cell) * (q[1] - q[0]);
        }
        return tail(u);
    }

private:
    static constexpr int k_edge = k_cells / k_zoom;

    double tail(double u) const;

    int m_levels;
    std::vector<double> m_bulk; // Q(i / N), i = 0..N
    // Level k (1..levels) at offset (k - 1)(N + 1): Q(d) and Q(1 - d) for
    // d = j * 32^-k / N, j = 0..N.
    std::vector<double> m_low;
    std::vector<double> m_high;
    std::function<double(double)> m_exact_tail;
};

} // namespace fulcrum::quant
