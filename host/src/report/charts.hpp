// Inline SVG charts for the HTML reports. Each takes plain numbers and
// labels (no review types), escapes every label, and carries a <title> and
// <desc> referenced by aria-labelledby, so a screen reader states what the
// chart shows and a test can find it by role="img".
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace fulcrum {

// What every chart needs: a page-unique id (for the title/desc ids), a short
// title, and a description that says in words what the chart shows.
struct ChartText {
    std::string id;
    std::string title;
    std::string description;
};

// A point on the benefit-versus-risk quadrant; scores are 0-100.
struct QuadrantPoint {
    std::string label; // drawn beside the point when labels are on
    double benefit = 0;
    double risk = 0;
    std::string colour;  // any SVG colour
    bool hollow = false; // drawn as a ring (e.g. inherent risk)
    std::string tag;     // a short mark drawn inside the point (a table row number); may be empty
};

struct QuadrantOptions {
    bool connect = false; // arrows from each point to the next (how conditions move a proposal)
    bool labels = true;
};

// Benefit (x, right is better) against risk (y, up is worse), split at 50
// as the portfolio's quadrants are. More than a few thousand points are drawn
// as a density grid so that a large batch still gives a small page.
std::string quadrant_svg(const ChartText& text, const std::vector<QuadrantPoint>& points,
                         const QuadrantOptions& options = {});

// A risk placed on the 5 x 5 likelihood x impact grid; `tag` is drawn in
// its cell (a row number of the risk register).
struct HeatMapItem {
    int likelihood = 1;
    int impact = 1;
    std::string tag;
};

std::string heat_map_svg(const ChartText& text, const std::vector<HeatMapItem>& items);

struct Bar {
    std::string label;
    double value = 0; // 0-100
};

// Horizontal bars on a 0-100 scale, in the order given.
std::string bar_chart_svg(const ChartText& text, const std::vector<Bar>& bars);

// One line of a loss exceedance chart: P(annual loss > x) against x.
struct ExceedanceCurve {
    std::string label;
    std::string colour;
    bool dashed = false;
    std::vector<std::pair<double, double>> points; // (loss, probability 0-1), loss ascending
};

// Loss on a logarithmic axis (money), probability on a linear one.
// Curves without points are left out; with none at all the chart says so.
std::string exceedance_svg(const ChartText& text, const std::vector<ExceedanceCurve>& curves,
                           const std::string& currency);

} // namespace fulcrum
