#include "report/html_util.hpp"

#include "report/html_style.hpp"

#include <cmath>
#include <cstdio>

namespace fulcrum {

std::string html_escape(const std::string& text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            if (static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t') {
                out += c;
            } else if (c == '\r') {
                out += '\n';
            }
        }
    }
    return out;
}

std::string html_page_start(const std::string& title) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
           "img-src data:; base-uri 'none'; form-action 'none'\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta name=\"generator\" content=\"Fulcrum " FULCRUM_VERSION "\">\n<title>" +
           html_escape(title) + "</title>\n<style>\n" + html_stylesheet() + "</style>\n</head>\n<body>\n";
}

std::string html_page_end() {
    return "</body>\n</html>\n";
}

const char* decision_label(Decision decision) {
    switch (decision) {
    case Decision::approve:
        return "Approve";
    case Decision::approve_with_conditions:
        return "Approve with conditions";
    case Decision::defer:
        return "Defer";
    case Decision::reject:
        return "Reject";
    }
    return "Defer";
}

const char* decision_slug(Decision decision) {
    return to_string(decision);
}

std::string compact_number(double value) {
    const double magnitude = std::fabs(value);
    const char* suffix = "";
    double scaled = value;
    if (magnitude >= 1e9) {
        scaled = value / 1e9;
        suffix = "B";
    } else if (magnitude >= 1e6) {
        scaled = value / 1e6;
        suffix = "M";
    } else if (magnitude >= 1e3) {
        scaled = value / 1e3;
        suffix = "k";
    }
    char buffer[32];
    const bool whole = std::fabs(scaled - std::round(scaled)) < 0.05 || std::fabs(scaled) >= 100;
    std::snprintf(buffer, sizeof buffer, whole ? "%.0f%s" : "%.1f%s", scaled, suffix);
    return buffer;
}

std::string svg_number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", std::isfinite(value) ? value : 0.0);
    return buffer;
}

} // namespace fulcrum
