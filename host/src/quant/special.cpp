#include "quant/special.hpp"

#include <cmath>
#include <limits>

namespace fulcrum::quant {

namespace {

constexpr double k_half_log_two_pi = 0.91893853320467274178;
constexpr double k_sqrt_two_pi = 2.50662827463100050242;

// log Gamma(x) for x > 0: shift x above 10, then Stirling's series, whose
// first omitted term is below 2e-14 there.
double log_gamma(double x) {
    double shift = 0;
    while (x < 10) {
        shift += std::log(x);
        x += 1;
    }
    const double inv = 1 / x;
    const double inv2 = inv * inv;
    const double series =
        inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 * (1.0 / 1680 - inv2 / 1188))));
    return (x - 0.5) * std::log(x) - x + k_half_log_two_pi + series - shift;
}

double log_beta(double a, double b) {
    return log_gamma(a) + log_gamma(b) - log_gamma(a + b);
}

// The continued fraction for I_x(a, b) (Abramowitz and Stegun 26.5.8),
// evaluated by the modified Lentz method; converges fast for x < (a+1)/(a+b+2).
double beta_fraction(double x, double a, double b) {
    constexpr double k_tiny = 1e-300;
    auto guard = [](double v) { return std::fabs(v) < k_tiny ? k_tiny : v; };
    double c = 1;
    double d = 1 / guard(1 - (a + b) * x / (a + 1));
    double f = d;
    for (int m = 1; m <= 1000; ++m) {
        const double two_m = 2.0 * m;
        const double even = m * (b - m) * x / ((a + two_m - 1) * (a + two_m));
        d = 1 / guard(1 + even * d);
        c = guard(1 + even / c);
        f *= d * c;
        const double odd = -(a + m) * (a + b + m) * x / ((a + two_m) * (a + two_m + 1));
        d = 1 / guard(1 + odd * d);
        c = guard(1 + odd / c);
        const double delta = d * c;
        f *= delta;
        if (std::fabs(delta - 1) < 1e-16) {
            break;
        }
    }
    return f;
}

// I_x(a, b) given log B(a, b), which callers in a loop compute once.
double incomplete_beta_given(double x, double a, double b, double log_b) {
    if (x <= 0) {
        return 0;
    }
    if (x >= 1) {
        return 1;
    }
    if (x > (a + 1) / (a + b + 2)) {
        return 1 - incomplete_beta_given(1 - x, b, a, log_b);
    }
    const double front = std::exp(a * std::log(x) + b * std::log1p(-x) - log_b);
    return front * beta_fraction(x, a, b) / a;
}

double beta_density_given(double x, double a, double b, double log_b) {
    if (x < 0 || x > 1) {
        return 0;
    }
    const double lx = a == 1 ? 0 : (x == 0 ? -std::numeric_limits<double>::infinity() : (a - 1) * std::log(x));
    const double ly = b == 1 ? 0 : (x == 1 ? -std::numeric_limits<double>::infinity() : (b - 1) * std::log1p(-x));
    return std::exp(lx + ly - log_b);
}

} // namespace

double incomplete_beta(double x, double a, double b) {
    return incomplete_beta_given(x, a, b, log_beta(a, b));
}

double beta_density(double x, double a, double b) {
    return beta_density_given(x, a, b, log_beta(a, b));
}

double beta_quantile(double p, double a, double b, double guess) {
    if (p <= 0) {
        return 0;
    }
    if (p >= 1) {
        return 1;
    }
    // Newton's method on I_x - p, falling back to bisection whenever a step
    // would leave the bracket, so it always converges.
    const double log_b = log_beta(a, b);
    double lo = 0;
    double hi = 1;
    double x = guess > 0 && guess < 1 ? guess : a / (a + b);
    for (int i = 0; i < 300; ++i) {
        const double f = incomplete_beta_given(x, a, b, log_b) - p;
        if (f == 0) {
            return x;
        }
        (f < 0 ? lo : hi) = x;
        const double density = beta_density_given(x, a, b, log_b);
        double next = density > 0 ? x - f / density : lo + 0.5 * (hi - lo);
        if (!(next > lo && next < hi)) {
            next = lo + 0.5 * (hi - lo);
        }
        if (std::fabs(next - x) <= 4 * std::numeric_limits<double>::epsilon() * x || hi - lo <= 1e-300) {
            return next;
        }
        x = next;
    }
    return x;
}

double normal_cdf(double z) {
    return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

double normal_quantile(double p) {
    if (p <= 0) {
        return -std::numeric_limits<double>::infinity();
    }
    if (p >= 1) {
        return std::numeric_limits<double>::infinity();
    }
    // Acklam's rational approximation (relative error 1.15e-9), then two
    // Halley steps on the exact CDF to reach double precision.
    static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                               1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
    static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                               6.680131188771972e+01, -1.328068155288572e+01};
    static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                               -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
    static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                               3.754408661907416e+00};
    const double p_low = 0.02425;
    double x;
    if (p < p_low || p > 1 - p_low) {
        const double q = std::sqrt(-2 * std::log(p < p_low ? p : 1 - p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        if (p > 1 - p_low) {
            x = -x;
        }
    } else {
        const double q = p - 0.5;
        const double r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
    for (int i = 0; i < 2; ++i) {
        // Work on the nearer tail so that the error is relative, not absolute.
        const double e = x < 0 ? normal_cdf(x) - p : (1 - p) - normal_cdf(-x);
        const double u = e * k_sqrt_two_pi * std::exp(x * x / 2);
        x = x - u / (1 + x * u / 2);
    }
    return x;
}

double log_factorial(unsigned long long k) {
    return log_gamma(static_cast<double>(k) + 1);
}

} // namespace fulcrum::quant
