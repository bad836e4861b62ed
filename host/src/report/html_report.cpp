#include "report/html_report.hpp"

#include "report/charts.hpp"
#include "report/html_sections.hpp"
#include "report/html_util.hpp"
#include "util/format.hpp"

#include <sstream>

namespace fulcrum {
namespace {

using html::Ids;

std::string esc(const std::string& text) {
    return html_escape(text);
}

void write_masthead(std::ostringstream& out, const Review& r, const Ids& ids) {
    out << "<header>\n<p class=\"kicker\">Technology-adoption review by the CIO and the CISO</p>\n<h1 id=\""
        << ids("title") << "\">" << esc(r.proposal_title) << "</h1>\n<p class=\"kicker\">Proposal <code>"
        << esc(r.proposal_id) << "</code>";
    if (!r.source.empty()) {
        out << " from <code>" << esc(r.source) << "</code>";
    }
    out << " · policy <code>" << esc(r.policy) << "</code>, " << esc(r.appetite) << " risk appetite</p>\n</header>\n";
    if (!r.complete) {
        std::string failed;
        for (const auto& p : r.plugins) {
            if (p.status == PluginStatus::failed) {
                failed += (failed.empty() ? "" : ", ") + p.id;
            }
        }
        out << "<p class=\"alert\" role=\"alert\">Incomplete review: the " << esc(failed)
            << " plugin failed, so its findings are missing. Do not decide on this review alone.</p>\n";
    }
}

void figure_box(std::ostringstream& out, const std::string& term, const std::string& value, const std::string& note) {
    out << "<div class=\"figure-box\"><dt>" << term << "</dt><dd>" << value;
    if (!note.empty()) {
        out << "<small>" << note << "</small>";
    }
    out << "</dd></div>\n";
}

void write_verdict(std::ostringstream& out, const Review& r, const Ids& ids) {
    out << "<section class=\"card verdict " << decision_slug(r.decision) << "\" aria-labelledby=\"" << ids("decision")
        << "\">\n<div>\n<p class=\"kicker\">Recommendation</p>\n<h2 class=\"decision-word\" id=\"" << ids("decision")
        << "\">" << decision_label(r.decision) << "</h2>\n<p class=\"rationale\">" << esc(r.rationale)
        << "</p>\n<dl class=\"figures\">\n";
    figure_box(out, "Adoption benefit", std::to_string(r.benefit_score) + "<small>out of 100 (CIO view)</small>", "");
    figure_box(out, "Security risk now", std::to_string(r.risk_score) + "<small>out of 100 (CISO view)</small>",
               "inherent " + std::to_string(r.inherent_risk_score) + " · after the conditions " +
                   std::to_string(r.planned_risk_score));
    figure_box(out, "Conditions", std::to_string(r.conditions.size()),
               r.conditions.empty() ? "none"
                                    : esc(money(r.currency, r.conditions_cost.one_time)) + " once, " +
                                          esc(money(r.currency, r.conditions_cost.annual)) + " a year");
    figure_box(out, "Open questions", std::to_string(r.questions.size()), r.questions.empty() ? "none" : "see below");
    if (r.has_annual_value) {
        figure_box(out, "Stated annual value", esc(r.currency + " " + compact_number(r.annual_value.likely)),
                   "likely; range " + esc(compact_number(r.annual_value.low)) + " to " +
                       esc(compact_number(r.annual_value.high)));
    }
    out << "</dl>\n</div>\n";
    const std::vector<QuadrantPoint> points = {
        {"Inherent " + std::to_string(r.inherent_risk_score), static_cast<double>(r.benefit_score),
         static_cast<double>(r.inherent_risk_score), "#b3261e", true, ""},
        {"Now " + std::to_string(r.risk_score), static_cast<double>(r.benefit_score), static_cast<double>(r.risk_score),
         "#1d2433", false, ""},
        {"After conditions " + std::to_string(r.planned_risk_score), static_cast<double>(r.benefit_score),
         static_cast<double>(r.planned_risk_score), "#1e7b45", false, ""}};
    const ChartText text{ids("quadrant"), "Benefit against risk",
                         "The proposal scores " + std::to_string(r.benefit_score) +
                             " of 100 for adoption benefit. Its security risk is " +
                             std::to_string(r.inherent_risk_score) + " with no controls, " +
                             std::to_string(r.risk_score) + " with the controls in place, and " +
                             std::to_string(r.planned_risk_score) + " once the conditions are met."};
    QuadrantOptions options;
    options.connect = true;
    out << "<figure>\n"
        << quadrant_svg(text, points, options)
        << "<figcaption>Where the proposal sits: benefit across, risk up. The arrows show how the controls in place "
           "and then the conditions move its risk.</figcaption>\n</figure>\n</section>\n";
}

void write_conditions(std::ostringstream& out, const Review& r, const Ids& ids) {
    out << "<section class=\"card\" aria-labelledby=\"" << ids("conditions") << "\">\n<h2 id=\"" << ids("conditions")
        << "\">Conditions</h2>\n";
    if (r.conditions.empty()) {
        out << "<p>None: the decision does not depend on further mitigation.</p>\n</section>\n";
        return;
    }
    out << "<p>What must be in place before go-live for the decision to hold.</p>\n<table>\n<thead><tr>"
           "<th scope=\"col\">#</th><th scope=\"col\">Condition</th><th scope=\"col\">Answers the risk</th>"
           "<th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">One-time</th>"
           "<th scope=\"col\" class=\"num\">Annual</th></tr></thead>\n<tbody>\n";
    for (size_t i = 0; i < r.conditions.size(); ++i) {
        const auto& c = r.conditions[i];
        const size_t payer = paying_condition_number(r, i);
        const std::string shared = "<td class=\"num\">in #" + std::to_string(payer) + "</td>";
        std::string risk_title = c.risk_id;
        for (const auto& risk : r.risks) {
            if (risk.id == c.risk_id) {
                risk_title = risk.title;
            }
        }
        out << "<tr><td>" << i + 1 << "</td><th scope=\"row\">" << esc(c.mitigation.title) << "</th><td>"
            << esc(risk_title) << " <code>" << esc(c.risk_id) << "</code></td><td class=\"status\">"
            << to_string(c.mitigation.status) << "</td>";
        if (payer == i + 1) {
            out << "<td class=\"num\">" << group_thousands(c.mitigation.cost.one_time) << "</td><td class=\"num\">"
                << group_thousands(c.mitigation.cost.annual) << "</td></tr>\n";
        } else {
            out << shared << shared << "</tr>\n";
        }
    }
    out << "</tbody>\n<tfoot><tr><th scope=\"row\" colspan=\"4\">Total, " << esc(r.currency)
        << "</th><td class=\"num\">" << group_thousands(r.conditions_cost.one_time) << "</td><td class=\"num\">"
        << group_thousands(r.conditions_cost.annual) << "</td></tr></tfoot>\n</table>\n</section>\n";
}

void write_questions(std::ostringstream& out, const Review& r, const Ids& ids) {
    out << "<section class=\"card\" aria-labelledby=\"" << ids("questions") << "\">\n<h2 id=\"" << ids("questions")
        << "\">Open questions</h2>\n";
    if (r.questions.empty()) {
        out << "<p>None: the proposal gave every fact the reviewers needed.</p>\n</section>\n";
        return;
    }
    out << "<p>The proposal leaves these unknown; the answers can change the decision.</p>\n<ol class=\"questions\">\n";
    for (const auto& q : r.questions) {
        out << "<li>" << esc(q.text) << "<br><span class=\"field\">About <code>" << esc(q.field)
            << "</code>, asked by <code>" << esc(q.rule) << "</code></span></li>\n";
    }
    out << "</ol>\n</section>\n";
}

void write_plugins(std::ostringstream& out, const Review& r, const Ids& ids) {
    out << "<section class=\"card\" aria-labelledby=\"" << ids("plugins") << "\">\n<h2 id=\"" << ids("plugins")
        << "\">Who reviewed it</h2>\n<table>\n<thead><tr><th scope=\"col\">Plugin</th><th scope=\"col\">Version</th>"
           "<th scope=\"col\">Categories</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>\n";
    for (const auto& p : r.plugins) {
        out << "<tr><th scope=\"row\"><code>" << esc(p.id) << "</code></th><td>" << esc(p.version) << "</td><td>"
            << esc(join_words(p.categories)) << "</td><td>" << to_string(p.status);
        if (!p.error.empty()) {
            out << ": " << esc(p.error);
        }
        out << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n";
    if (!r.warnings.empty()) {
        out << "<h3>Warnings</h3>\n<ul class=\"plain\">\n";
        for (const auto& w : r.warnings) {
            out << "<li>" << esc(w) << "</li>\n";
        }
        out << "</ul>\n";
    }
    out << "</section>\n";
}

void write_article(std::ostringstream& out, const Review& r, const Ids& ids) {
    out << "<article class=\"proposal\" id=\"" << ids("review") << "\" aria-labelledby=\"" << ids("title") << "\">\n";
    write_masthead(out, r, ids);
    write_verdict(out, r, ids);
    write_conditions(out, r, ids);
    write_questions(out, r, ids);
    out << "<div class=\"views\">\n";
    html::write_cio_view(out, r, ids);
    html::write_ciso_view(out, r, ids);
    html::write_joint_plan(out, r, ids);
    out << "</div>\n";
    html::write_risk_details(out, r, ids);
    write_plugins(out, r, ids);
    out << "</article>\n";
}

void write_footer(std::ostringstream& out, const HtmlOptions& options) {
    out << "<footer>\n<p>Produced by Fulcrum " FULCRUM_VERSION;
    if (!options.generated_at.empty()) {
        out << " on " << esc(options.generated_at);
    }
    out << ". Scores run from 0 to 100. Likelihood and impact run from 1 to 5; severity is their product: 20 and "
           "above critical, 12 high, 6 medium, 3 low, below that info. Each finding names the proposal fields it "
           "rests on.</p>\n</footer>\n";
}

} // namespace

std::string review_to_html(const Review& review, const HtmlOptions& options) {
    return reviews_to_html({review}, options);
}

std::string reviews_to_html(const std::vector<Review>& reviews, const HtmlOptions& options) {
    std::ostringstream out;
    const std::string title = reviews.size() == 1
                                  ? reviews.front().proposal_title + " · Fulcrum review"
                                  : "Fulcrum reviews of " + std::to_string(reviews.size()) + " proposals";
    out << html_page_start(title) << "<main>\n";
    if (reviews.size() > 1) {
        out << "<nav class=\"card toc\" aria-labelledby=\"toc\">\n<h2 id=\"toc\">" << reviews.size()
            << " proposals</h2>\n<ol>\n";
        for (size_t i = 0; i < reviews.size(); ++i) {
            out << "<li><a href=\"#p" << i + 1 << "-review\">" << esc(reviews[i].proposal_title)
                << "</a>: " << decision_label(reviews[i].decision) << "</li>\n";
        }
        out << "</ol>\n</nav>\n";
    }
    for (size_t i = 0; i < reviews.size(); ++i) {
        write_article(out, reviews[i], Ids{"p" + std::to_string(i + 1)});
    }
    write_footer(out, options);
    out << "</main>\n" << html_page_end();
    return out.str();
}

} // namespace fulcrum
