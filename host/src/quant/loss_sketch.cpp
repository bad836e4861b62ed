#include "quant/loss_sketch.hpp"

#include "quant/random.hpp"
#include "quant/statistics.hpp"

#include <algorithm>
#include <cmath>

namespace fulcrum::quant {

namespace {

constexpr std::size_t k_size = k_sketch_levels.size();

// Between levels k and k + 1, where k_sketch_levels[k] <= u.
double between(const std::vector<double>& q, std::size_t k, double u) {
    if (k + 1 >= k_size) {
        return q[k_size - 1];
    }
    const double low = k_sketch_levels[k];
    const double high = k_sketch_levels[k + 1];
    const double t = (u - low) / (high - low);
    // Geometrically between two losses: a heavy tail is nearer a straight
    // line in log space, and a chord in linear space would add to the mean.
    if (q[k] > 0) {
        const double ratio = q[k + 1] / q[k];
        return std::isfinite(ratio) ? q[k] * std::pow(ratio, t)
                                    : std::exp(std::log(q[k]) + t * (std::log(q[k + 1]) - std::log(q[k])));
    }
    return t * q[k + 1];
}

} // namespace

LossSketch sketch_losses(std::vector<double> years) {
    LossSketch out;
    out.iterations = years.size();
    if (years.empty()) {
        return out;
    }
    // Only the losses are sorted: most years of most proposals lose nothing.
    years.erase(std::remove_if(years.begin(), years.end(), [](double loss) { return !(loss > 0); }), years.end());
    out.years_with_loss = years.size();
    std::sort(years.begin(), years.end());
    out.quantiles.reserve(k_size);
    for (double level : k_sketch_levels) {
        out.quantiles.push_back(quantile_of_sorted(years, level)); // 0 when no year lost anything
    }
    return out;
}

std::string sketch_problem(const LossSketch& sketch) {
    const std::vector<double>& q = sketch.quantiles;
    if (q.size() != k_size) {
        return "expected " + std::to_string(k_size) + " quantiles, got " + std::to_string(q.size());
    }
    for (std::size_t k = 0; k < k_size; ++k) {
        if (!(q[k] >= 0 && q[k] <= k_max_sketch_loss)) {
            return "quantile " + std::to_string(k) + " is not an amount from 0 to 1e30";
        }
        if (k > 0 && q[k] < q[k - 1]) {
            return "quantile " + std::to_string(k) + " is below the one before it";
        }
    }
    if (sketch.years_with_loss > 0 && q.front() == 0) {
        return "quantile 0 is 0, though " + std::to_string(sketch.years_with_loss) +
               " years lost something (their smallest loss)";
    }
    if (sketch.years_with_loss == 0 && q.back() > 0) {
        return "quantile " + std::to_string(k_size - 1) + " is above 0, though no year lost anything";
    }
    return {};
}

double sketch_quantile(const std::vector<double>& quantiles, double u) {
    u = std::clamp(u, 0.0, 1.0);
    const auto above = std::upper_bound(k_sketch_levels.begin(), k_sketch_levels.end(), u);
    return between(quantiles, static_cast<std::size_t>(above - k_sketch_levels.begin()) - 1, u);
}

void add_sketched_years(std::vector<double>& years, const LossSketch& sketch, double mean, std::uint64_t key,
                        std::vector<double>& scratch) {
    const std::size_t n = years.size();
    const std::vector<double>& q = sketch.quantiles;
    if (n == 0 || q.size() != k_size || sketch.years_with_loss == 0 || sketch.years_with_loss > sketch.iterations) {
        return;
    }
    scratch.resize(n);
    // Year i of N is the middle of its N-th of the distribution: order
    // statistic h = (i + 1/2) Ns / N - 1/2 of the Ns simulated years. The
    // first Ns - m of those lost nothing; the others are the losses' order
    // statistics h - (Ns - m), at level (h - (Ns - m)) / (m - 1) of the
    // sketch in type 7's terms. With N = Ns these are the years' own order
    // statistics, the largest included. The level grows by the same step
    // each year, so within a band of levels each loss is the one before
    // times a constant: one std::pow a band rather than one a year.
    const double ns = static_cast<double>(sketch.iterations);
    const double m = static_cast<double>(sketch.years_with_loss);
    const double zeros = ns - m;
    const double h_step = ns / static_cast<double>(n);
    const double du = m > 1 ? h_step / (m - 1) : 0;
    std::size_t k = 0;
    double value = 0;
    double factor = 1;
    bool exact = true; // the next loss is worked out from its level, not stepped to
    double drawn = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double h = (static_cast<double>(i) + 0.5) * h_step - 0.5;
        if (h < zeros - 0.5) {
            scratch[i] = 0;
            continue;
        }
        const double raw = m > 1 ? (h - zeros) / (m - 1) : 0.5;
        const double u = std::clamp(raw, 0.0, 1.0);
        bool next_band = false;
        while (k + 1 < k_size && k_sketch_levels[k + 1] <= u) {
            ++k;
            next_band = true;
        }
        if (exact || next_band || raw != u) {
            value = between(q, k, u);
            const bool last = k + 1 >= k_size;
            factor =
                !last && q[k] > 0 ? std::pow(q[k + 1] / q[k], du / (k_sketch_levels[k + 1] - k_sketch_levels[k])) : 1;
            // A step too large for a double (a loss near 0 below a large
            // one): each year of the band is then worked out from its level.
            exact = raw != u || q[k] == 0 || !std::isfinite(factor);
        } else {
            value *= factor;
        }
        scratch[i] = value;
        drawn += value;
    }
    // Scaled to the proposal's own mean, so that the portfolio's simulated
    // mean is the sum of its proposals' (what the interpolation between
    // levels takes from or adds to a heavy tail, a fraction of a percent).
    drawn /= static_cast<double>(n);
    double scale = drawn > 0 ? mean / drawn : 1;
    const double top = scratch[n - 1]; // the years come out in increasing order
    if (top > 0 && !(drawn > 0 && std::isfinite(scale))) {
        // Losses so near 0 that their mean is beyond a double (a record no
        // review wrote): measured against the largest, they keep the mean.
        double sum = 0;
        for (double& year : scratch) {
            year /= top;
            sum += year;
        }
        scale = mean / (sum / static_cast<double>(n));
    }
    // Fisher-Yates, the swap partner of place i drawn from a counter-based
    // stream, so that the order depends on the key alone.
    for (std::size_t i = n; i > 1; --i) {
        const double r = to_unit(mix64(key + i * k_weyl_step));
        std::swap(scratch[i - 1], scratch[std::min(static_cast<std::size_t>(r * static_cast<double>(i)), i - 1)]);
    }
    for (std::size_t i = 0; i < n; ++i) {
        years[i] += scratch[i] * scale;
    }
}

std::uint64_t sketch_key(std::uint64_t index) {
    return stream_key(k_default_seed, "portfolio", std::to_string(index));
}

} // namespace fulcrum::quant
