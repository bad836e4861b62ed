// Pieces shared by the HTML pages: escaping, the page frame with its inline
// stylesheet, and the words and numbers a board reads.
#pragma once

#include "review/review.hpp"

#include <string>

namespace fulcrum {

// Escapes text for HTML element content and quoted attribute values: & < > " '
// become entities and control characters other than tab and newline are
// dropped, so no proposal text can open a tag or end an attribute.
std::string html_escape(const std::string& text);

// "<!doctype html>...<body>": UTF-8, a Content-Security-Policy that forbids
// every script and every network load (defence in depth behind escaping),
// and the stylesheet for screen and print.
std::string html_page_start(const std::string& title);
std::string html_page_end();

const char* decision_label(Decision decision); // "Approve with conditions"
const char* decision_slug(Decision decision);  // "approve_with_conditions", for CSS classes

// 1234 -> "1.2k", 2500000 -> "2.5M": chart ticks and tight table cells.
std::string compact_number(double value);

// A number for SVG coordinates: fixed notation, one decimal, never a locale's comma.
std::string svg_number(double value);

} // namespace fulcrum
