// The review as Markdown, for pull requests and wikis. Same order as the
// HTML report: decision, conditions and questions first, then the CIO view,
// the CISO view and the plugins that took part.
#pragma once

#include "review/review.hpp"

#include <string>

namespace fulcrum {

std::string review_to_markdown(const Review& review);

// Escapes text for a Markdown table cell or paragraph: no raw HTML, no
// table breaks, no emphasis surprises.
std::string markdown_escape(const std::string& text);

} // namespace fulcrum
