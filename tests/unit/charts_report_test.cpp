// The SVG charts (host/src/report/charts.cpp): geometry follows the data,
// labels are escaped, large portfolios become a density grid.
#include "report/charts.hpp"

#include <catch2/catch.hpp>

using namespace fulcrum;

namespace {

size_t count(const std::string& text, const std::string& needle) {
    size_t n = 0;
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
        ++n;
    }
    return n;
}

} // namespace

TEST_CASE("the quadrant puts high benefit right and high risk up", "[reports]") {
    const std::string svg =
        quadrant_svg({"q", "t", "d"}, {{"a", 100, 0, "#000", false, ""}, {"b", 0, 100, "#000", false, ""}});
    // Plot area: x from 64 to 494, y from 16 (risk 100) to 346 (risk 0).
    CHECK(svg.find("cx=\"494.0\" cy=\"346.0\"") != std::string::npos);
    CHECK(svg.find("cx=\"64.0\" cy=\"16.0\"") != std::string::npos);
    CHECK(count(svg, "<circle class=\"point\"") == 2);
}

TEST_CASE("chart labels and texts are escaped", "[reports]") {
    const std::string svg = quadrant_svg({"q\"x", "<t>", "<d>"}, {{"<b>&", 50, 50, "red\"/><script>", false, ""}});
    CHECK(svg.find("<script>") == std::string::npos);
    CHECK(svg.find("<b>") == std::string::npos);
    CHECK(svg.find("&lt;b&gt;&amp;") != std::string::npos);
    CHECK(svg.find("<title id=\"q&quot;x-title\">&lt;t&gt;</title>") != std::string::npos);
}

TEST_CASE("a portfolio past 2000 proposals is drawn as a density grid", "[reports]") {
    std::vector<QuadrantPoint> points;
    for (int i = 0; i < 2500; ++i) {
        points.push_back(
            {"p" + std::to_string(i), static_cast<double>(i % 100), static_cast<double>(i % 7), "#000", false, ""});
    }
    const std::string svg = quadrant_svg({"q", "t", "d"}, points);
    CHECK(count(svg, "<circle") == 0);
    CHECK(svg.find("proposals</title></rect>") != std::string::npos);
    CHECK(svg.size() < 200000);
}

TEST_CASE("the heat map places tags by likelihood and impact", "[reports]") {
    const std::string svg = heat_map_svg({"h", "t", "d"}, {{5, 5, "1"}, {1, 1, "2"}, {1, 1, "3"}});
    // Cell (5,5) is top right: x 70 + 4*66, y 12; its tag is centred in it.
    CHECK(svg.find("x=\"366.0\" y=\"50.0\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"700\" "
                   "fill=\"#ffffff\">1</text>") != std::string::npos);
    CHECK(svg.find(">2</text>") != std::string::npos);
    CHECK(svg.find(">3</text>") != std::string::npos);
    std::vector<HeatMapItem> crowd(6, HeatMapItem{3, 3, "x"});
    CHECK(heat_map_svg({"h", "t", "d"}, crowd).find(">6 risks</text>") != std::string::npos);
}

TEST_CASE("bars scale to 100 and show their value", "[reports]") {
    const std::string svg = bar_chart_svg({"b", "t", "d"}, {{"Efficiency", 50}, {"Growth", 150}});
    CHECK(svg.find("width=\"150.0\" height=\"20.0\" fill=\"#2b6cb0\"") != std::string::npos); // 50 of 300
    CHECK(svg.find("width=\"300.0\" height=\"20.0\" fill=\"#2b6cb0\"") != std::string::npos); // clamped at 100
    CHECK(svg.find(">50</text>") != std::string::npos);
}

TEST_CASE("the loss exceedance chart spans whole decades and says when there was no loss", "[reports]") {
    const std::string svg =
        exceedance_svg({"l", "t", "d"}, {{"Now", "#000", false, {{2000, 0.9}, {50000, 0.5}, {3000000, 0.01}}}}, "EUR");
    CHECK(svg.find(">1k</text>") != std::string::npos);
    CHECK(svg.find(">10M</text>") != std::string::npos);
    CHECK(svg.find("Annual loss, EUR (log scale)") != std::string::npos);
    CHECK(count(svg, "<polyline") == 1);
    CHECK(exceedance_svg({"l", "t", "d"}, {{"Now", "#000", false, {}}}, "EUR").find("No simulated year had a loss") !=
          std::string::npos);
}
