#include "quant/distribution.hpp"

#include "quant/special.hpp"

#include <cmath>
#include <map>
#include <mutex>
#include <tuple>

namespace fulcrum::quant {

namespace {

// The standard normal quantile at 0.95: a lognormal's 90% range spans
// mu +- k_z95 sigma on the log scale.
constexpr double k_z95 = 1.6448536269514722;

struct PertShape {
    double alpha;
    double beta;
};

PertShape pert_shape(const Distribution& d) {
    const double span = d.high - d.low;
    return {1 + 4 * (d.likely - d.low) / span, 1 + 4 * (d.high - d.likely) / span};
}

struct LogShape {
    double mu;
    double sigma;
};

LogShape log_shape(const Distribution& d) {
    return {0.5 * (std::log(d.low) + std::log(d.high)), (std::log(d.high) - std::log(d.low)) / (2 * k_z95)};
}

bool degenerate(const Distribution& d) {
    return d.low == d.high;
}

// Tables by (shape, parameter, parameter). Proposals reuse a handful of
// shapes, so the cache stays small; it is cleared if it ever grows large.
std::shared_ptr<const QuantileTable> table_for(Shape shape, double p1, double p2) {
    static std::mutex mutex;
    static std::map<std::tuple<int, double, double>, std::shared_ptr<const QuantileTable>> cache;
    const auto key = std::make_tuple(static_cast<int>(shape), p1, p2);
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find(key);
    if (it != cache.end()) {
        return it->second;
    }
    if (cache.size() >= 512) {
        cache.clear();
    }
    std::shared_ptr<const QuantileTable> table;
    if (shape == Shape::pert) {
        // Bounded: two finer levels at each end (down to 2^-20) suffice.
        double previous = -1;
        auto quantile = [&](double u) { return previous = beta_quantile(u, p1, p2, previous); };
        table = std::make_shared<const QuantileTable>(quantile, 2);
    } else {
        // Heavy-tailed: finer levels down to 2^-35, the exact quantile beyond.
        const double sigma = p1;
        auto quantile = [sigma](double u) { return std::exp(sigma * normal_quantile(u)); };
        table = std::make_shared<const QuantileTable>(quantile, 6, quantile);
    }
    cache.emplace(key, table);
    return table;
}

} // namespace

const char* to_string(Shape shape) {
    return shape == Shape::pert ? "pert" : "lognormal";
}

std::optional<Shape> shape_from_string(const std::string& text) {
    if (text == "pert") {
        return Shape::pert;
    }
    if (text == "lognormal") {
        return Shape::lognormal;
    }
    return std::nullopt;
}

std::string problem_with(const Distribution& d) {
    if (!std::isfinite(d.low) || !std::isfinite(d.likely) || !std::isfinite(d.high)) {
        return "values must be finite numbers";
    }
    if (d.low < 0) {
        return "low must not be negative";
    }
    if (d.shape == Shape::lognormal) {
        if (d.low <= 0) {
            return "a lognormal needs low > 0";
        }
        return d.low > d.high ? "low must not exceed high" : "";
    }
    if (d.low > d.likely || d.likely > d.high) {
        return "expected low <= likely <= high";
    }
    return "";
}

double mean(const Distribution& d) {
    if (d.shape == Shape::lognormal) {
        const LogShape s = log_shape(d);
        return std::exp(s.mu + 0.5 * s.sigma * s.sigma);
    }
    return (d.low + 4 * d.likely + d.high) / 6;
}

double variance(const Distribution& d) {
    if (d.shape == Shape::lognormal) {
        const LogShape s = log_shape(d);
        return std::expm1(s.sigma * s.sigma) * std::exp(2 * s.mu + s.sigma * s.sigma);
    }
    // Beta(a, b) with a + b = 6 scaled to [low, high]: (m - low)(high - m) / 7.
    const double m = mean(d);
    return (m - d.low) * (d.high - m) / 7;
}

double second_moment(const Distribution& d) {
    const double m = mean(d);
    return variance(d) + m * m;
}

double exact_quantile(const Distribution& d, double p) {
    if (degenerate(d)) {
        return d.low;
    }
    if (d.shape == Shape::lognormal) {
        const LogShape s = log_shape(d);
        return std::exp(s.mu + s.sigma * normal_quantile(p));
    }
    const PertShape s = pert_shape(d);
    return d.low + (d.high - d.low) * beta_quantile(p, s.alpha, s.beta);
}

Distribution scaled(const Distribution& d, double factor) {
    return {d.shape, d.low * factor, d.likely * factor, d.high * factor};
}

Sampler::Sampler(const Distribution& d) {
    if (degenerate(d)) {
        m_table = table_for(Shape::pert, 1, 1); // any table: the scale is 0
        m_offset = d.low;
        m_scale = 0;
    } else if (d.shape == Shape::lognormal) {
        const LogShape s = log_shape(d);
        m_table = table_for(Shape::lognormal, s.sigma, 0);
        m_scale = std::exp(s.mu);
    } else {
        const PertShape s = pert_shape(d);
        m_table = table_for(Shape::pert, s.alpha, s.beta);
        m_offset = d.low;
        m_scale = d.high - d.low;
    }
}

Sampler Sampler::scaled(double factor) const {
    Sampler out = *this;
    out.m_offset *= factor;
    out.m_scale *= factor;
    return out;
}

} // namespace fulcrum::quant
