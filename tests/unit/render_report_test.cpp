// Choosing a report format (host/src/report/render.cpp) by name or by file
// extension, and rendering every format from the same reviews.
#include "report/render.hpp"
#include "report_fixture.hpp"

#include <catch2/catch.hpp>

using namespace fulcrum;

TEST_CASE("format names and extensions map to renderers", "[reports]") {
    CHECK(format_from_name("json") == ReportFormat::json);
    CHECK(format_from_name("md") == ReportFormat::markdown);
    CHECK(format_from_name("markdown") == ReportFormat::markdown);
    CHECK(format_from_name("html") == ReportFormat::html);
    CHECK(format_from_name("sarif") == ReportFormat::sarif);
    CHECK(format_from_name("oscal") == ReportFormat::oscal);
    CHECK_FALSE(format_from_name("pdf"));

    CHECK(format_from_path("out/review.html") == ReportFormat::html);
    CHECK(format_from_path("REVIEW.HTM") == ReportFormat::html);
    CHECK(format_from_path("review.md") == ReportFormat::markdown);
    CHECK(format_from_path("results.sarif") == ReportFormat::sarif);
    CHECK(format_from_path("results.sarif.json") == ReportFormat::sarif);
    CHECK(format_from_path("ar.oscal.json") == ReportFormat::oscal);
    CHECK_FALSE(format_from_path("review.json")); // plain JSON: --format decides
    CHECK_FALSE(format_from_path("review.txt"));
}

TEST_CASE("every format renders the same reviews", "[reports]") {
    const std::vector<Review> reviews = {test::sample_review("One"), test::sample_review("Two")};
    const ReportContext context;
    CHECK(nlohmann::json::parse(render_reviews(ReportFormat::json, reviews, context)).size() == 2);
    CHECK(render_reviews(ReportFormat::markdown, reviews, context).find("# Two") != std::string::npos);
    CHECK(render_reviews(ReportFormat::html, reviews, context).find("2 proposals") != std::string::npos);
    CHECK(nlohmann::json::parse(render_reviews(ReportFormat::sarif, reviews, context))["runs"][0]["results"].size() ==
          4);
    CHECK(nlohmann::json::parse(render_reviews(ReportFormat::oscal, reviews, context))["assessment-results"]["results"]
              .size() == 2);
    // One review alone is an object, not an array.
    CHECK(nlohmann::json::parse(render_reviews(ReportFormat::json, {reviews[0]}, context)).is_object());
}

TEST_CASE("a risk left out of the simulation is named with its reason in every format that shows losses", "[reports]") {
    // The loss figures leave it out, so a board must see which risk and why:
    // a plugin with no FAIR inputs reads differently from inputs refused.
    const std::vector<Review> reviews = {test::quantified(test::sample_review())};
    const ReportContext context;
    const auto json = nlohmann::json::parse(render_reviews(ReportFormat::json, reviews, context));
    CHECK(json["quant"]["unquantified"] == nlohmann::json::parse(R"([{"risk": "cloud.availability-dr",
                                     "reason": "no FAIR inputs: the plugin gave no loss frequency and magnitude"}])"));
    CHECK(render_reviews(ReportFormat::markdown, reviews, context)
              .find("- Not quantified: `cloud.availability-dr`, no FAIR inputs: the plugin gave no loss frequency "
                    "and magnitude.") != std::string::npos);
    const std::string html = render_reviews(ReportFormat::html, reviews, context);
    CHECK(html.find("These figures leave out 1 risk that could not be quantified: <code>cloud.availability-dr</code> "
                    "(no FAIR inputs: the plugin gave no loss frequency and magnitude).") != std::string::npos);
    CHECK(html.find("Not quantified, so left out of the loss figures: no FAIR inputs") != std::string::npos);
}
