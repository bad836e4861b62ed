// The uncertain quantities of the model (how often, how much) as ranges an
// analyst can state, and fast samplers for them.
#pragma once

#include "quant/quantile_table.hpp"

#include <memory>
#include <optional>
#include <string>

namespace fulcrum::quant {

enum class Shape {
    pert,      // beta-PERT through low, likely (the mode) and high, shape 4
    lognormal, // lognormal whose 5th and 95th percentiles are low and high
};
const char* to_string(Shape shape);
std::optional<Shape> shape_from_string(const std::string& text);

struct Distribution {
    Shape shape = Shape::pert;
    double low = 0;
    double likely = 0; // the mode for PERT; ignored by lognormal
    double high = 0;
};

// Why `d` cannot be used ("low > likely", ...), or "" when it can.
std::string problem_with(const Distribution& d);

// Analytic moments, the reference the simulation is tested against.
double mean(const Distribution& d);
double variance(const Distribution& d);
double second_moment(const Distribution& d); // E[X^2]

// Slow exact quantile (special functions); the sampler tabulates it.
double exact_quantile(const Distribution& d, double p);

// `d` with every value multiplied by `factor` (both shapes scale exactly).
Distribution scaled(const Distribution& d, double factor);

// Draws values of one distribution: value = offset + scale * T(u), where T is
// the tabulated quantile of the standard shape (Beta(a, b) on [0, 1] for PERT,
// exp(sigma z) for lognormal). Tables are shared by every sampler of the same
// shape, so building a sampler is cheap after the first.
class Sampler {
public:
    explicit Sampler(const Distribution& d); // `d` must have no problem_with

    double operator()(double u) const { return m_offset + m_scale * m_table->at(u); }

    Sampler scaled(double factor) const;

private:
    std::shared_ptr<const QuantileTable> m_table;
    double m_offset = 0;
    double m_scale = 0;
};

} // namespace fulcrum::quant
