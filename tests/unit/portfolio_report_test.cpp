// The portfolio page (host/src/report/portfolio.cpp).
#include "report/portfolio.hpp"
#include "report_fixture.hpp"

#include <catch2/catch.hpp>

using namespace fulcrum;

namespace {

PortfolioEntry entry(const std::string& id, Decision d, int benefit, int risk) {
    PortfolioEntry e;
    e.id = id;
    e.title = "Proposal " + id;
    e.decision = d;
    e.benefit_score = benefit;
    e.risk_score = risk;
    return e;
}

size_t count(const std::string& text, const std::string& needle) {
    size_t n = 0;
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
        ++n;
    }
    return n;
}

} // namespace

TEST_CASE("the portfolio counts decisions, plots every proposal and lists them by decision", "[reports]") {
    std::vector<PortfolioEntry> entries = {entry("b", Decision::reject, 20, 90), entry("a", Decision::approve, 80, 10),
                                           entry("c", Decision::approve_with_conditions, 70, 60)};
    entries[1].annual_loss_exposure = 1500000;
    const std::string html = portfolio_to_html(entries);
    CHECK(html.find("<dt>Proposals</dt><dd>3</dd>") != std::string::npos);
    CHECK(html.find("<dt>Reject</dt><dd>1</dd>") != std::string::npos);
    CHECK(html.find("USD 1.5M") != std::string::npos);
    CHECK(count(html, "<circle class=\"point\"") == 3);
    CHECK(html.find("Pursue (high benefit, low risk): 1; pursue with conditions (high benefit, high risk): 1") !=
          std::string::npos);
    // Approve first, reject last.
    CHECK(html.find("Proposal a<br>") < html.find("Proposal c<br>"));
    CHECK(html.find("Proposal c<br>") < html.find("Proposal b<br>"));
    CHECK(html.find("not quantified") != std::string::npos);
}

TEST_CASE("the portfolio escapes titles and caps the table, not the chart", "[reports]") {
    std::vector<PortfolioEntry> entries;
    for (int i = 0; i < 30; ++i) {
        entries.push_back(entry(std::to_string(i), Decision::defer, i, 100 - i));
    }
    entries[0].title = "<script>alert(1)</script>";
    PortfolioPageOptions options;
    options.table_limit = 10;
    options.title = "Q3 <board>";
    const std::string html = portfolio_to_html(entries, options);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<h1>Q3 &lt;board&gt;</h1>") != std::string::npos);
    CHECK(html.find("The first 10 of 30 proposals") != std::string::npos);
    CHECK(count(html, "</td><th scope=\"row\">") == 10);
    CHECK(count(html, "<circle class=\"point\"") == 30);
}

TEST_CASE("portfolio_entry takes what the page needs from a review", "[reports]") {
    const PortfolioEntry plain = portfolio_entry(test::sample_review());
    CHECK(plain.id == "crm-1");
    CHECK(plain.decision == Decision::approve_with_conditions);
    CHECK(plain.benefit_score == 64);
    CHECK_FALSE(plain.annual_loss_exposure);
    const PortfolioEntry quantified = portfolio_entry(test::quantified(test::sample_review()));
    REQUIRE(quantified.annual_loss_exposure);
    CHECK(*quantified.annual_loss_exposure == Approx(200000));
}

TEST_CASE("portfolio points carry the row number of the table", "[reports]") {
    const std::string html =
        portfolio_to_html({entry("x", Decision::reject, 10, 90), entry("y", Decision::approve, 90, 10)});
    // y is approved, so it is row 1 and its point, at benefit 90 and risk 10, is tagged 1.
    CHECK(html.find("<td>1</td><th scope=\"row\">Proposal y") != std::string::npos);
    CHECK(html.find("<circle class=\"point\" cx=\"451.0\" cy=\"313.0\" r=\"9.0\"") != std::string::npos);
    CHECK(html.find("x=\"451.0\" y=\"316.5\" text-anchor=\"middle\" font-size=\"10\"") != std::string::npos);
}
