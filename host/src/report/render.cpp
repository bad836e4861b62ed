#include "report/render.hpp"

#include "report/html_report.hpp"
#include "report/json_report.hpp"
#include "report/markdown_report.hpp"
#include "report/oscal_report.hpp"
#include "report/sarif_report.hpp"

namespace fulcrum {
namespace {

bool ends_with(const std::string& text, const std::string& suffix) {
    if (text.size() < suffix.size()) {
        return false;
    }
    for (size_t i = 0; i < suffix.size(); ++i) {
        const char c = text[text.size() - suffix.size() + i];
        if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != suffix[i]) {
            return false;
        }
    }
    return true;
}

// Proposal text may hold invalid UTF-8 from YAML; replace rather than fail.
std::string dump(const nlohmann::ordered_json& doc) {
    return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

} // namespace

const char* to_string(ReportFormat format) {
    switch (format) {
    case ReportFormat::json:
        return "json";
    case ReportFormat::markdown:
        return "markdown";
    case ReportFormat::html:
        return "html";
    case ReportFormat::sarif:
        return "sarif";
    case ReportFormat::oscal:
        return "oscal";
    }
    return "json";
}

std::optional<ReportFormat> format_from_name(const std::string& name) {
    if (name == "json") {
        return ReportFormat::json;
    }
    if (name == "markdown" || name == "md") {
        return ReportFormat::markdown;
    }
    if (name == "html") {
        return ReportFormat::html;
    }
    if (name == "sarif") {
        return ReportFormat::sarif;
    }
    if (name == "oscal") {
        return ReportFormat::oscal;
    }
    return std::nullopt;
}

std::optional<ReportFormat> format_from_path(const std::string& path) {
    if (ends_with(path, ".sarif") || ends_with(path, ".sarif.json")) {
        return ReportFormat::sarif;
    }
    if (ends_with(path, ".oscal.json")) {
        return ReportFormat::oscal;
    }
    if (ends_with(path, ".md") || ends_with(path, ".markdown")) {
        return ReportFormat::markdown;
    }
    if (ends_with(path, ".html") || ends_with(path, ".htm")) {
        return ReportFormat::html;
    }
    return std::nullopt;
}

std::string format_names() {
    return "json, markdown, html, sarif or oscal";
}

std::string render_reviews(ReportFormat format, const std::vector<Review>& reviews, const ReportContext& context) {
    switch (format) {
    case ReportFormat::json: {
        nlohmann::ordered_json all = nlohmann::ordered_json::array();
        for (const auto& review : reviews) {
            all.push_back(review_to_json(review));
        }
        return dump(all.size() == 1 ? all[0] : all);
    }
    case ReportFormat::markdown: {
        std::string out;
        for (const auto& review : reviews) {
            out += (out.empty() ? "" : "\n---\n\n") + review_to_markdown(review);
        }
        return out;
    }
    case ReportFormat::html:
        return reviews_to_html(reviews, HtmlOptions{context.timestamp});
    case ReportFormat::sarif:
        return dump(reviews_to_sarif(reviews, context));
    case ReportFormat::oscal:
        return dump(reviews_to_oscal(reviews, context));
    }
    return {};
}

} // namespace fulcrum
