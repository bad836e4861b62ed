// The special functions the distributions need, exact to near double
// precision. They are slow (microseconds) and used only to build tables.
#pragma once

namespace fulcrum::quant {

// Regularised incomplete beta function I_x(a, b), the Beta(a, b) CDF at x.
double incomplete_beta(double x, double a, double b);

// The Beta(a, b) density at x in [0, 1].
double beta_density(double x, double a, double b);

// The Beta(a, b) quantile: x with I_x(a, b) = p, for a, b >= 1. A `guess`
// in (0, 1) near the answer (the previous point of a sweep) saves most of
// the work.
double beta_quantile(double p, double a, double b, double guess = -1);

// Standard normal CDF and quantile (the quantile is -inf at 0, +inf at 1).
double normal_cdf(double z);
double normal_quantile(double p);

// log(k!) without the global state std::lgamma touches, so threads may call it.
double log_factorial(unsigned long long k);

} // namespace fulcrum::quant
