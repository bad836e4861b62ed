// The HTML report (host/src/report/html_report.cpp and its sections): order
// of the page, escaping of every piece of proposal text, charts present with
// text alternatives, nothing loaded from anywhere, quantification optional.
#include "report/html_report.hpp"
#include "report/html_util.hpp"
#include "report_fixture.hpp"

#include <catch2/catch.hpp>

#include <regex>

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

TEST_CASE("html_escape turns every markup character into an entity", "[reports]") {
    CHECK(html_escape("<a href=\"x\" title='y'>&</a>") ==
          "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    CHECK(html_escape(std::string("bell\x07 nul") + '\0' + "end") == "bell nulend");
    CHECK(html_escape("caf\xC3\xA9") == "caf\xC3\xA9"); // UTF-8 passes untouched
}

TEST_CASE("a proposal titled <script>alert(1)</script> renders as text everywhere", "[reports]") {
    const std::string attack = "<script>alert(1)</script>";
    Review r = test::sample_review(attack);
    r.rationale = attack;
    r.risks[0].title = "<img src=x onerror=alert(2)>";
    r.risks[0].rationale = "\"><svg onload=alert(3)>";
    r.risks[0].evidence = {"/a<b>"};
    r.benefits[0].title = "</td></tr></table><script>alert(4)</script>";
    r.questions[0].text = "<iframe src=javascript:alert(5)>";
    r.conditions[0].mitigation.title = "<style>body{display:none}</style>";
    r.plugins[0].error = "<b>boom</b>";
    r.warnings = {"<script>alert(6)</script>"};
    const std::string html = review_to_html(test::quantified(r));

    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("<iframe") == std::string::npos);
    CHECK(html.find("&lt;img src=x onerror=alert(2)&gt;") != std::string::npos);
    CHECK(count(html, "<style>") == 1); // the page's own stylesheet only
    CHECK(html.find("<h1 id=\"p1-title\">&lt;script&gt;alert(1)&lt;/script&gt;</h1>") != std::string::npos);
    CHECK(html.find("<title>&lt;script&gt;alert(1)&lt;/script&gt; · Fulcrum review</title>") != std::string::npos);
    CHECK(html.find("&quot;&gt;&lt;svg onload=alert(3)&gt;") != std::string::npos);
    CHECK(html.find("&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;alert(4)&lt;/script&gt;") != std::string::npos);
    // Chart labels and descriptions carry proposal text too.
    CHECK(html.find("<desc id=\"p1-heat-map-desc\">") != std::string::npos);
    CHECK(html.find("1. &lt;img src=x onerror=alert(2)&gt;, likelihood 3") != std::string::npos);
}

TEST_CASE("the page leads with the decision, then conditions, questions and the three views", "[reports]") {
    const std::string html = review_to_html(test::sample_review());
    const std::vector<std::string> order = {
        ">Approve with conditions</h2>", ">Conditions</h2>",      ">Open questions</h2>", ">Adoption benefit</h2>",
        ">Security risk</h2>",           ">Mitigation plan</h2>", ">Risk details</h2>",   ">Who reviewed it</h2>"};
    size_t last = 0;
    for (const auto& heading : order) {
        const size_t at = html.find(heading);
        INFO(heading);
        REQUIRE(at != std::string::npos);
        CHECK(at > last);
        last = at;
    }
    CHECK(html.find("class=\"views\"") != std::string::npos);
}

TEST_CASE("charts are inline SVG with a title and description a screen reader announces", "[reports]") {
    const std::string plain = review_to_html(test::sample_review());
    CHECK(count(plain, "role=\"img\"") == 3); // quadrant, benefit bars, heat map
    for (const std::string id : {"p1-quadrant", "p1-benefits-chart", "p1-heat-map"}) {
        INFO(id);
        CHECK(plain.find("id=\"" + id + "\"") != std::string::npos);
        CHECK(plain.find("aria-labelledby=\"" + id + "-title " + id + "-desc\"") != std::string::npos);
        CHECK(plain.find("<title id=\"" + id + "-title\">") != std::string::npos);
    }
    CHECK(plain.find("p1-loss-exceedance") == std::string::npos);
    CHECK(plain.find("was not quantified") != std::string::npos);

    const std::string quantified = review_to_html(test::quantified(test::sample_review()));
    CHECK(count(quantified, "role=\"img\"") == 4);
    CHECK(quantified.find("id=\"p1-loss-exceedance\"") != std::string::npos);
    CHECK(count(quantified, "<polyline class=\"curve\"") == 3); // inherent, with controls, after the plan
    CHECK(quantified.find("Expected loss a year: USD 300,000 with no controls") != std::string::npos);
}

TEST_CASE("tables have header cells with scope, and the page loads nothing", "[reports]") {
    const std::string html = review_to_html(test::quantified(test::sample_review()));
    CHECK(count(html, "<th scope=\"col\"") > 10);
    CHECK(count(html, "<th scope=\"row\"") > 5);
    CHECK(html.find("<th>") == std::string::npos);
    CHECK(html.find("Content-Security-Policy\" content=\"default-src 'none'") != std::string::npos);
    CHECK(html.find(" src=") == std::string::npos);
    CHECK(html.find("@import") == std::string::npos);
    for (size_t at = html.find("url("); at != std::string::npos; at = html.find("url(", at + 1)) {
        CHECK(html.compare(at, 5, "url(#") == 0); // only references within the page (the quadrant's arrow)
    }
    // The only absolute URL is the SVG namespace, which is a name, not a load.
    const std::regex url(R"(https?://[^"'\s<]+)");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), url); it != std::sregex_iterator(); ++it) {
        CHECK(it->str() == "http://www.w3.org/2000/svg");
    }
    CHECK(html.find("@media print") != std::string::npos);
}

TEST_CASE("the same review gives the same page; a timestamp appears only when given", "[reports]") {
    const Review r = test::sample_review();
    CHECK(review_to_html(r) == review_to_html(r));
    CHECK(review_to_html(r).find("2026-") == std::string::npos);
    CHECK(review_to_html(r, HtmlOptions{"2026-01-31T09:00:00Z"}).find("on 2026-01-31T09:00:00Z") != std::string::npos);
}

TEST_CASE("an incomplete review says so before anything else", "[reports]") {
    Review r = test::sample_review();
    r.complete = false;
    r.plugins[0].status = PluginStatus::failed;
    r.plugins[0].error = "crashed";
    const std::string html = review_to_html(r);
    const size_t alert = html.find("role=\"alert\">Incomplete review: the cloud plugin failed");
    REQUIRE(alert != std::string::npos);
    CHECK(alert < html.find(">Approve with conditions</h2>"));
}

TEST_CASE("several reviews share one page with a list of contents and distinct ids", "[reports]") {
    const std::string html = reviews_to_html({test::sample_review("First"), test::sample_review("Second")});
    CHECK(html.find("<h2 id=\"toc\">2 proposals</h2>") != std::string::npos);
    CHECK(html.find("href=\"#p1-review\">First</a>") != std::string::npos);
    CHECK(html.find("href=\"#p2-review\">Second</a>") != std::string::npos);
    CHECK(count(html, "id=\"p1-quadrant\"") == 1);
    CHECK(count(html, "id=\"p2-quadrant\"") == 1);
}
