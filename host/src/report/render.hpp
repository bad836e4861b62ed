// One place that knows every output format: its name on the command line,
// the file extensions that imply it, and the renderer behind it.
#pragma once

#include "report/report_context.hpp"
#include "review/review.hpp"

#include <optional>
#include <string>
#include <vector>

namespace fulcrum {

enum class ReportFormat { json, markdown, html, sarif, oscal };

const char* to_string(ReportFormat format);

// "json", "markdown" (or "md"), "html", "sarif", "oscal"; nullopt otherwise.
std::optional<ReportFormat> format_from_name(const std::string& name);

// The format a file name implies: .md/.markdown, .html/.htm, .sarif and
// .sarif.json, .oscal.json. A plain .json (or any other name) implies none,
// so that the caller's --format decides; nullopt then.
std::optional<ReportFormat> format_from_path(const std::string& path);

// "json, markdown, html, sarif or oscal", for usage messages.
std::string format_names();

// Renders every review in one document of the format: JSON gives one review
// object (an array for several), Markdown and HTML one document with each
// review in turn, SARIF one run, OSCAL one result per review.
std::string render_reviews(ReportFormat format, const std::vector<Review>& reviews, const ReportContext& context);

} // namespace fulcrum
