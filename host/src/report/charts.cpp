#include "report/charts.hpp"

#include "model/findings.hpp"
#include "report/html_util.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

namespace fulcrum {
namespace {

const char* const k_axis = "#1d2433";
const char* const k_grid = "#d5dae3";

std::string open_svg(const ChartText& text, int width, int height) {
    const std::string id = html_escape(text.id);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"chart\" id=\"" + id + "\" viewBox=\"0 0 " +
           std::to_string(width) + " " + std::to_string(height) + "\" aria-labelledby=\"" + id + "-title " + id +
           "-desc\">\n<title id=\"" + id + "-title\">" + html_escape(text.title) + "</title>\n<desc id=\"" + id +
           "-desc\">" + html_escape(text.description) + "</desc>\n";
}

std::string label(double x, double y, const std::string& text, const std::string& anchor = "start",
                  const std::string& extra = "") {
    return "<text x=\"" + svg_number(x) + "\" y=\"" + svg_number(y) + "\" text-anchor=\"" + anchor + "\"" + extra +
           ">" + html_escape(text) + "</text>\n";
}

std::string line(double x1, double y1, double x2, double y2, const std::string& stroke, double width = 1,
                 const std::string& extra = "") {
    return "<line x1=\"" + svg_number(x1) + "\" y1=\"" + svg_number(y1) + "\" x2=\"" + svg_number(x2) + "\" y2=\"" +
           svg_number(y2) + "\" stroke=\"" + stroke + "\" stroke-width=\"" + svg_number(width) + "\"" + extra + "/>\n";
}

std::string rect(double x, double y, double w, double h, const std::string& fill, const std::string& extra = "") {
    return "<rect x=\"" + svg_number(x) + "\" y=\"" + svg_number(y) + "\" width=\"" + svg_number(w) + "\" height=\"" +
           svg_number(h) + "\" fill=\"" + fill + "\"" + extra + "/>\n";
}

double clamp_score(double v) {
    return std::max(0.0, std::min(100.0, v));
}

// Plot area of the quadrant, in SVG units.
struct Frame {
    double left = 64;
    double top = 16;
    double width = 430;
    double height = 330;
    double x(double benefit) const { return left + width * clamp_score(benefit) / 100.0; }
    double y(double risk) const { return top + height * (1.0 - clamp_score(risk) / 100.0); }
};

void quadrant_background(std::ostringstream& svg, const Frame& f) {
    const double mx = f.x(50);
    const double my = f.y(50);
    svg << rect(f.left, f.top, mx - f.left, my - f.top, "#fbe4e2")                // low benefit, high risk
        << rect(mx, f.top, f.left + f.width - mx, my - f.top, "#fdf0d5")          // high benefit, high risk
        << rect(f.left, my, mx - f.left, f.top + f.height - my, "#eef0f4")        // low benefit, low risk
        << rect(mx, my, f.left + f.width - mx, f.top + f.height - my, "#e1f3e8"); // high benefit, low risk
    // Quadrant names sit faintly in the middle of each quadrant, behind the points.
    const std::string faint = " font-size=\"13\" fill=\"#8a93a3\" font-weight=\"600\"";
    const double left_mid = (f.left + mx) / 2;
    const double right_mid = (mx + f.left + f.width) / 2;
    const double top_mid = (f.top + my) / 2;
    const double bottom_mid = (my + f.top + f.height) / 2;
    svg << label(left_mid, top_mid, "Rethink", "middle", faint)
        << label(left_mid, top_mid + 16, "high risk, low benefit", "middle", faint)
        << label(right_mid, top_mid, "Pursue with conditions", "middle", faint)
        << label(right_mid, top_mid + 16, "high benefit, high risk", "middle", faint)
        << label(left_mid, bottom_mid, "Low priority", "middle", faint)
        << label(left_mid, bottom_mid + 16, "low benefit, low risk", "middle", faint)
        << label(right_mid, bottom_mid, "Pursue", "middle", faint)
        << label(right_mid, bottom_mid + 16, "high benefit, low risk", "middle", faint);
    for (int t = 0; t <= 100; t += 25) {
        svg << line(f.x(t), f.top + f.height, f.x(t), f.top + f.height + 5, k_axis)
            << label(f.x(t), f.top + f.height + 19, std::to_string(t), "middle", " font-size=\"12\"")
            << line(f.left - 5, f.y(t), f.left, f.y(t), k_axis)
            << label(f.left - 9, f.y(t) + 4, std::to_string(t), "end", " font-size=\"12\"");
    }
    svg << line(mx, f.top, mx, f.top + f.height, "#9aa3b2", 1, " stroke-dasharray=\"4 3\"")
        << line(f.left, my, f.left + f.width, my, "#9aa3b2", 1, " stroke-dasharray=\"4 3\"")
        << rect(f.left, f.top, f.width, f.height, "none", " stroke=\"" + std::string(k_axis) + "\"")
        << label(f.left + f.width / 2, f.top + f.height + 40, "Adoption benefit (CIO), 0-100 \u2192", "middle",
                 " font-size=\"13\"")
        << label(18, f.top + f.height / 2, "Security risk (CISO), 0-100 \u2192", "middle",
                 " font-size=\"13\" transform=\"rotate(-90 18 " + svg_number(f.top + f.height / 2) + ")\"");
}

void density_grid(std::ostringstream& svg, const Frame& f, const std::vector<QuadrantPoint>& points) {
    constexpr int k_bins = 25;
    std::map<std::pair<int, int>, int> counts;
    for (const auto& p : points) {
        const int bx = std::min(k_bins - 1, static_cast<int>(clamp_score(p.benefit) / (100.0 / k_bins)));
        const int by = std::min(k_bins - 1, static_cast<int>(clamp_score(p.risk) / (100.0 / k_bins)));
        ++counts[{bx, by}];
    }
    int most = 1;
    for (const auto& [bin, n] : counts) {
        most = std::max(most, n);
    }
    const double w = f.width / k_bins;
    const double h = f.height / k_bins;
    for (const auto& [bin, n] : counts) {
        const double opacity = 0.15 + 0.85 * std::log1p(n) / std::log1p(most);
        svg << "<rect x=\"" << svg_number(f.left + bin.first * w) << "\" y=\""
            << svg_number(f.top + f.height - (bin.second + 1) * h) << "\" width=\"" << svg_number(w) << "\" height=\""
            << svg_number(h) << "\" fill=\"#1d2433\" fill-opacity=\"" << svg_number(opacity) << "\"><title>" << n
            << (n == 1 ? " proposal" : " proposals") << "</title></rect>\n";
    }
}

} // namespace

std::string quadrant_svg(const ChartText& text, const std::vector<QuadrantPoint>& points,
                         const QuadrantOptions& options) {
    constexpr size_t k_max_points = 2000;
    const Frame f;
    std::ostringstream svg;
    svg << open_svg(text, 520, 410);
    quadrant_background(svg, f);
    if (points.size() > k_max_points) {
        density_grid(svg, f, points);
        return svg.str() + "</svg>\n";
    }
    if (options.connect) {
        svg << "<defs><marker id=\"" << html_escape(text.id)
            << "-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
               "orient=\"auto-start-reverse\"><path d=\"M0 0 L10 5 L0 10 z\" fill=\"#5b6475\"/></marker></defs>\n";
        for (size_t i = 1; i < points.size(); ++i) {
            const double x1 = f.x(points[i - 1].benefit);
            const double y1 = f.y(points[i - 1].risk);
            const double x2 = f.x(points[i].benefit);
            const double y2 = f.y(points[i].risk);
            const double length = std::hypot(x2 - x1, y2 - y1);
            if (length > 20) { // leave room for the markers at both ends
                const double ux = (x2 - x1) / length;
                const double uy = (y2 - y1) / length;
                svg << line(x1 + 9 * ux, y1 + 9 * uy, x2 - 10 * ux, y2 - 10 * uy, "#5b6475", 1.5,
                            " marker-end=\"url(#" + html_escape(text.id) + "-arrow)\"");
            }
        }
    }
    const bool small = points.size() > 40;
    const bool tagged =
        !small && std::any_of(points.begin(), points.end(), [](const auto& p) { return !p.tag.empty(); });
    const double radius = small ? 4 : tagged ? 9 : 7;
    // Labels go right of their point, pushed apart vertically when points are close.
    std::vector<size_t> order(points.size());
    for (size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return f.y(points[a].risk) < f.y(points[b].risk); });
    std::vector<double> label_y(points.size());
    double last = -1e9;
    for (size_t i : order) {
        label_y[i] = std::max(f.y(points[i].risk) + 4, last + 15);
        last = label_y[i];
    }
    // Numbered markers must stay readable: a marker that would cover one
    // already placed moves to the nearest free spot around its true place
    // (its tooltip keeps the true scores).
    std::vector<std::pair<double, double>> at(points.size());
    for (size_t i = 0; i < points.size(); ++i) {
        at[i] = {f.x(points[i].benefit), f.y(points[i].risk)};
        if (!tagged) {
            continue;
        }
        const double gap = 2 * radius + 1;
        auto free = [&](double x, double y) {
            if (x < f.left + radius || x > f.left + f.width - radius || y < f.top + radius ||
                y > f.top + f.height - radius) {
                return false;
            }
            for (size_t k = 0; k < i; ++k) {
                if (std::hypot(at[k].first - x, at[k].second - y) < gap) {
                    return false;
                }
            }
            return true;
        };
        const auto [x0, y0] = at[i];
        for (int ring = 1; ring <= 4 && !free(at[i].first, at[i].second); ++ring) {
            for (int step = 0; step < 8 * ring; ++step) {
                const double angle = 2 * 3.14159265358979 * step / (8 * ring);
                if (free(x0 + ring * gap * std::cos(angle), y0 + ring * gap * std::sin(angle))) {
                    at[i] = {x0 + ring * gap * std::cos(angle), y0 + ring * gap * std::sin(angle)};
                    break;
                }
            }
        }
    }
    for (size_t i = 0; i < points.size(); ++i) {
        const auto& p = points[i];
        const std::string colour = html_escape(p.colour.empty() ? "#1d2433" : p.colour);
        svg << "<circle class=\"point\" cx=\"" << svg_number(at[i].first) << "\" cy=\"" << svg_number(at[i].second)
            << "\" r=\"" << svg_number(radius) << "\" fill=\"" << (p.hollow ? "#ffffff" : colour) << "\" stroke=\""
            << colour << "\" stroke-width=\"" << (p.hollow ? "2.5" : "1") << "\""
            << (small ? " fill-opacity=\"0.75\"" : "") << "><title>" << html_escape(p.label) << ": benefit "
            << svg_number(p.benefit) << ", risk " << svg_number(p.risk) << "</title></circle>\n";
        if (tagged && !p.tag.empty()) {
            svg << label(at[i].first, at[i].second + 3.5, p.tag, "middle",
                         std::string(" font-size=\"10\" font-weight=\"700\" fill=\"") +
                             (p.hollow ? colour : "#ffffff") + "\" aria-hidden=\"true\"");
        }
        if (options.labels && !small) {
            const bool right = f.x(p.benefit) < f.left + f.width - 150;
            const double x = f.x(p.benefit) + (right ? 12 : -12);
            svg << label(x, label_y[i], p.label, right ? "start" : "end",
                         " font-size=\"12.5\" font-weight=\"700\" stroke=\"#ffffff\" stroke-width=\"3\" "
                         "paint-order=\"stroke\"");
        }
    }
    return svg.str() + "</svg>\n";
}

std::string heat_map_svg(const ChartText& text, const std::vector<HeatMapItem>& items) {
    const double left = 70;
    const double top = 12;
    const double cell = 66;
    std::map<std::pair<int, int>, std::vector<std::string>> cells;
    for (const auto& item : items) {
        const int l = std::max(1, std::min(5, item.likelihood));
        const int i = std::max(1, std::min(5, item.impact));
        cells[{l, i}].push_back(item.tag);
    }
    static const std::map<Severity, std::pair<const char*, const char*>> k_fill = {
        {Severity::critical, {"#7f1d1d", "#ffffff"}},
        {Severity::high, {"#e4763d", "#ffffff"}},
        {Severity::medium, {"#f3c969", "#1d2433"}},
        {Severity::low, {"#b9dfc6", "#1d2433"}},
        {Severity::info, {"#e7ebf0", "#1d2433"}}};
    std::ostringstream svg;
    svg << open_svg(text, 430, 420);
    for (int l = 1; l <= 5; ++l) {
        for (int i = 1; i <= 5; ++i) {
            const auto [fill, ink] = k_fill.at(severity_of(l, i));
            const double x = left + (l - 1) * cell;
            const double y = top + (5 - i) * cell;
            svg << rect(x, y, cell - 2, cell - 2, fill, " rx=\"3\"");
            const auto found = cells.find({l, i});
            if (found == cells.end()) {
                continue;
            }
            const auto& tags = found->second;
            const std::string style = std::string(" font-size=\"14\" font-weight=\"700\" fill=\"") + ink + "\"";
            if (tags.size() > 4) {
                svg << label(x + cell / 2 - 1, y + cell / 2 + 4, std::to_string(tags.size()) + " risks", "middle",
                             style);
                continue;
            }
            for (size_t k = 0; k < tags.size(); ++k) { // up to two tags a line, two lines
                const double tx = x + (tags.size() == 1 ? cell / 2 - 1 : (k % 2 == 0 ? cell * 0.3 : cell * 0.68));
                const double ty = y + (tags.size() <= 2 ? cell / 2 + 5 : (k < 2 ? cell * 0.38 : cell * 0.72));
                svg << label(tx, ty, tags[k], "middle", style);
            }
        }
    }
    for (int n = 1; n <= 5; ++n) {
        svg << label(left + (n - 0.5) * cell - 1, top + 5 * cell + 16, std::to_string(n), "middle", " font-size=\"12\"")
            << label(left - 10, top + (5 - n + 0.5) * cell + 4, std::to_string(n), "end", " font-size=\"12\"");
    }
    svg << label(left + 2.5 * cell, top + 5 * cell + 40, "Likelihood, 1 (rare) to 5 (almost certain) \u2192", "middle",
                 " font-size=\"13\"")
        << label(22, top + 2.5 * cell, "Impact, 1 (minor) to 5 (severe) \u2192", "middle",
                 " font-size=\"13\" transform=\"rotate(-90 22 " + svg_number(top + 2.5 * cell) + ")\"");
    return svg.str() + "</svg>\n";
}

std::string bar_chart_svg(const ChartText& text, const std::vector<Bar>& bars) {
    const double left = 170;
    const double width = 300;
    const double row = 30;
    const double height = std::max<double>(1, bars.size()) * row + 40;
    std::ostringstream svg;
    svg << open_svg(text, 520, static_cast<int>(height));
    for (int t = 0; t <= 100; t += 25) {
        const double x = left + width * t / 100.0;
        svg << line(x, 4, x, height - 32, k_grid)
            << label(x, height - 16, std::to_string(t), "middle", " font-size=\"12\"");
    }
    for (size_t i = 0; i < bars.size(); ++i) {
        const double y = 8 + i * row;
        const double value = clamp_score(bars[i].value);
        svg << label(left - 10, y + 15, bars[i].label, "end", " font-size=\"13\"")
            << rect(left, y, width * value / 100.0, row - 10, "#2b6cb0", " rx=\"2\"")
            << label(left + width * value / 100.0 + 6, y + 15, std::to_string(std::lround(value)), "start",
                     " font-size=\"13\" font-weight=\"700\"");
    }
    svg << line(left, 4, left, height - 32, k_axis);
    return svg.str() + "</svg>\n";
}

std::string exceedance_svg(const ChartText& text, const std::vector<ExceedanceCurve>& curves,
                           const std::string& currency) {
    const double left = 64;
    const double top = 14;
    const double width = 430;
    const double height = 280;
    double low = 0;
    double high = 0;
    for (const auto& c : curves) {
        for (const auto& [loss, probability] : c.points) {
            if (loss > 0) {
                low = low == 0 ? loss : std::min(low, loss);
                high = std::max(high, loss);
            }
        }
    }
    std::ostringstream svg;
    svg << open_svg(text, 520, 345);
    if (high <= 0) {
        svg << label(260, 150, "No simulated year had a loss.", "middle", " font-size=\"14\"");
        return svg.str() + "</svg>\n";
    }
    const double lo = std::floor(std::log10(low));
    const double hi = std::max(lo + 1, std::ceil(std::log10(high)));
    const auto x_of = [&](double loss) {
        return left + width * (std::log10(std::max(loss, std::pow(10.0, lo))) - lo) / (hi - lo);
    };
    const auto y_of = [&](double p) { return top + height * (1.0 - std::max(0.0, std::min(1.0, p))); };
    for (double d = lo; d <= hi + 1e-9; d += 1) {
        const double x = x_of(std::pow(10.0, d));
        svg << line(x, top, x, top + height, k_grid)
            << label(x, top + height + 18, compact_number(std::pow(10.0, d)), "middle", " font-size=\"12\"");
    }
    for (int p = 0; p <= 100; p += 20) {
        svg << line(left, y_of(p / 100.0), left + width, y_of(p / 100.0), k_grid)
            << label(left - 8, y_of(p / 100.0) + 4, std::to_string(p) + "%", "end", " font-size=\"12\"");
    }
    svg << rect(left, top, width, height, "none", " stroke=\"" + std::string(k_axis) + "\"");
    double legend_y = top + 16;
    for (const auto& c : curves) {
        if (c.points.empty()) {
            continue;
        }
        const std::string colour = html_escape(c.colour);
        svg << "<polyline class=\"curve\" fill=\"none\" stroke=\"" << colour << "\" stroke-width=\"2.5\""
            << (c.dashed ? " stroke-dasharray=\"7 4\"" : "") << " points=\"";
        for (const auto& [loss, probability] : c.points) {
            if (loss > 0) {
                svg << svg_number(x_of(loss)) << "," << svg_number(y_of(probability)) << " ";
            }
        }
        svg << "\"><title>" << html_escape(c.label) << "</title></polyline>\n";
        svg << line(left + width - 170, legend_y - 4, left + width - 146, legend_y - 4, colour, 2.5,
                    c.dashed ? " stroke-dasharray=\"7 4\"" : "")
            << label(left + width - 140, legend_y, c.label, "start", " font-size=\"12\"");
        legend_y += 17;
    }
    svg << label(left + width / 2, top + height + 42, "Annual loss, " + currency + " (log scale) \u2192", "middle",
                 " font-size=\"13\"")
        << label(18, top + height / 2, "Chance a year's loss exceeds it", "middle",
                 " font-size=\"13\" transform=\"rotate(-90 18 " + svg_number(top + height / 2) + ")\"");
    return svg.str() + "</svg>\n";
}

} // namespace fulcrum
