// Helpers the first-party plugins share (plugins/common/firstparty.hpp).
#include "firstparty.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

using fulcrum::firstparty::fixed;

TEST_CASE("fixed() prints a number as printf's %.Nf does", "[firstparty]") {
    // Ties in binary (0.5, 2.5, 0.25) round to even in both; 0.15 and 2.675
    // are not ties in binary, and print as their binary values round.
    std::vector<double> values = {0,      -0.0,  0.5,        1.5,   2.5,  0.05, 0.15,   0.25,    0.35,
                                  1.45,   2.675, 9.95,       99.95, 1e15, 1e22, -3.25,  1.7e308, 5e-324,
                                  1234.5, 1e-7,  123456.789, 4.5e9, 10.0, 0.95, 999.95, -0.04};
    std::mt19937_64 random(7);
    std::uniform_real_distribution<double> mantissa(0.5, 1.0);
    std::uniform_int_distribution<int> exponent(-20, 60);
    for (int i = 0; i < 3000; ++i) {
        values.push_back(std::ldexp(mantissa(random), exponent(random)));
    }
    for (const double value : values) {
        for (const int decimals : {0, 1, 2}) {
            char expected[512];
            std::snprintf(expected, sizeof expected, "%.*f", decimals, value);
            INFO(expected);
            CHECK(fixed(value, decimals) == expected);
        }
    }
}
