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

TEST_CASE("the page counts the proposals that could not be reviewed", "[reports]") {
    const std::vector<PortfolioEntry> entries = {entry("a", Decision::approve, 80, 10)};
    CHECK(portfolio_to_html(entries).find("Not reviewed") == std::string::npos);
    PortfolioPageOptions options;
    options.not_reviewed = 1200;
    CHECK(portfolio_to_html(entries, options)
              .find("<dt>Not reviewed</dt><dd>1,200<small>could not be read or "
                    "validated") != std::string::npos);
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

TEST_CASE("the portfolio page shows the funding plan and marks the funded proposals", "[reports]") {
    std::vector<PortfolioEntry> entries = {entry("a", Decision::approve, 80, 10), entry("b", Decision::approve, 70, 20),
                                           entry("c", Decision::approve, 60, 30)};
    for (size_t i = 0; i < entries.size(); ++i) {
        entries[i].index = i;
    }
    FundingPlanView plan;
    plan.innovation_budget = 1000;
    plan.security_budget = 200;
    plan.currency = "EUR";
    plan.candidates = 3;
    plan.other_currencies = 1;
    plan.expected_net_value = 900;
    plan.innovation_spend = 950;
    plan.security_spend = 150;
    plan.exchange_rates = {{"GBP", 1.17}};
    plan.funded = {{0, "a", "Proposal a", 300, 500, 50, "", 1}, {2, "c", "Proposal <c>", 600, 450, 100, "GBP", 1.17}};
    PortfolioPageOptions options;
    options.funding = plan;
    std::string html = portfolio_to_html(entries, options);
    CHECK(html.find("Within an innovation budget of EUR 1,000 and a security budget of EUR 200, fund 2 of the 3 "
                    "candidates with their mitigation plans: an expected net value of EUR 900, spending EUR 950 of "
                    "the innovation budget and EUR 150 of the security budget. No other choice") != std::string::npos);
    CHECK(html.find("converted at GBP 1 = EUR 1.17.") != std::string::npos);
    CHECK(html.find("1 proposal is in currencies with no rate and was not weighed") != std::string::npos);
    // Funded: rows 1 (a) and 3 (c) of the main table, not row 2 (b).
    CHECK(html.find("Proposal a<br><code>a</code></th><td>Approve</td><td class=\"num\">80</td><td "
                    "class=\"num\">10</td><td>funded</td>") != std::string::npos);
    CHECK(html.find("Proposal b<br><code>b</code></th><td>Approve</td><td class=\"num\">70</td><td "
                    "class=\"num\">20</td><td></td>") != std::string::npos);
    CHECK(html.find("Proposal c<br><code>c</code></th><td>Approve</td><td class=\"num\">60</td><td "
                    "class=\"num\">30</td><td>funded</td>") != std::string::npos);
    // The funded table: the most valuable first, the converted one marked, titles escaped.
    CHECK(html.find("Proposal &lt;c&gt;<br><code>c</code> <span class=\"status\">(from GBP)</span>") <
          html.find("Proposal a<br><code>a</code></th><td class=\"num\">300</td>"));
    // Nothing was quantified: no loss column.
    CHECK(html.find("Expected annual loss") == std::string::npos);

    SECTION("the funded table is capped as the main one is, keeping the most valuable") {
        options.table_limit = 1;
        html = portfolio_to_html(entries, options);
        CHECK(html.find("The 1 most valuable of the 2 funded proposals, in EUR") != std::string::npos);
        CHECK(html.find("Proposal &lt;c&gt;<br>") != std::string::npos);
        CHECK(html.find("Proposal a<br><code>a</code></th><td class=\"num\">300</td>") == std::string::npos);
    }
    SECTION("a heuristic plan gives its gap to the bound") {
        options.funding->exact = false;
        options.funding->upper_bound = 1000;
        html = portfolio_to_html(entries, options);
        CHECK(html.find("the best possible is at most EUR 1,000, 10.0% more") != std::string::npos);
    }
    SECTION("no plan: the page says why, and marks nothing funded") {
        options.funding = FundingPlanView{};
        options.funding->reason = "no funding planned: the proposals are in several currencies";
        html = portfolio_to_html(entries, options);
        CHECK(html.find("<p>no funding planned: the proposals are in several currencies.</p>") != std::string::npos);
        CHECK(html.find(">Funded</th>") == std::string::npos);
    }
}

TEST_CASE("the page's loss column names one currency only when every loss is in it", "[reports]") {
    std::vector<PortfolioEntry> entries = {entry("a", Decision::approve, 80, 10),
                                           entry("b", Decision::approve, 70, 20)};
    entries[0].annual_loss_exposure = 1000;
    entries[0].currency = "EUR";
    entries[1].annual_loss_exposure = 2000;
    entries[1].currency = "GBP";
    PortfolioPageOptions options;
    options.currency = "EUR";
    std::string html = portfolio_to_html(entries, options);
    CHECK(html.find(">Expected annual loss</th>") != std::string::npos);
    CHECK(html.find(">EUR 1,000</td>") != std::string::npos);
    CHECK(html.find(">GBP 2,000</td>") != std::string::npos);
    entries[1].currency = "EUR";
    html = portfolio_to_html(entries, options);
    CHECK(html.find(">Expected annual loss, EUR</th>") != std::string::npos);
    CHECK(html.find(">2,000</td>") != std::string::npos);
}

TEST_CASE("with quantification the page shows the portfolio's 1-in-100 year", "[reports]") {
    std::vector<PortfolioEntry> entries = {entry("a", Decision::approve, 80, 10)};
    entries[0].annual_loss_exposure = 1000;
    PortfolioPageOptions options;
    CHECK(portfolio_to_html(entries, options).find("1-in-100") == std::string::npos); // not summed: not shown
    options.bad_year = {{"EUR", 2500000}};
    options.simulated_years = 10000;
    std::string html = portfolio_to_html(entries, options);
    CHECK(html.find("<dt>A 1-in-100 year</dt><dd>EUR 2.5M<small>annual loss exceeded in 1% of 10,000 simulated "
                    "portfolio years</small>") != std::string::npos);
    options.bad_year["GBP"] = 40000;
    html = portfolio_to_html(entries, options);
    CHECK(html.find("EUR 2.5M + GBP 40k") != std::string::npos); // never added across currencies
    CHECK(html.find("simulated portfolio years, per currency") != std::string::npos);
}
