// The review as one self-contained HTML page for people: a board member reads
// the decision, its conditions and the open questions first, then the CIO
// view, the CISO view and the joint plan side by side, then the detail.
// docs/reports.md describes the page; no script, no network, prints cleanly.
#pragma once

#include "review/review.hpp"

#include <string>
#include <vector>

namespace fulcrum {

struct HtmlOptions {
    // Shown in the footer when set (e.g. "2026-01-31T09:00:00Z"); left empty
    // the page is the same byte for byte on every run.
    std::string generated_at;
};

std::string review_to_html(const Review& review, const HtmlOptions& options = {});

// Several reviews in one page, one after another, each starting a new
// printed page, with a list of contents first.
std::string reviews_to_html(const std::vector<Review>& reviews, const HtmlOptions& options = {});

} // namespace fulcrum
