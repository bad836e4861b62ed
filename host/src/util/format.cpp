#include "util/format.hpp"

#include <algorithm>
#include <cmath>

namespace fulcrum {

std::string group_thousands(double value) {
    const bool negative = value < 0;
    std::string digits = std::to_string(static_cast<long long>(std::llround(std::fabs(value))));
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) {
            out += ',';
        }
        out += digits[i];
    }
    return negative ? "-" + out : out;
}

std::string money(const std::string& currency, double value) {
    return currency + " " + group_thousands(value);
}

std::string join_words(const std::vector<std::string>& items) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) {
            out += i + 1 == items.size() ? " and " : ", ";
        }
        out += items[i];
    }
    return out;
}

std::string words(std::string value) {
    std::replace(value.begin(), value.end(), '_', ' ');
    return value;
}

std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) {
        return text;
    }
    std::string out = "\"";
    for (const char c : text) {
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return out + "\"";
}

} // namespace fulcrum
