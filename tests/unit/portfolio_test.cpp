// The portfolio summary of a batch (host/src/batch/portfolio.cpp): the annual
// loss exposure kept per currency and summed iteration by iteration; net
// values, rankings and funding never mixing currencies.
#include "batch/portfolio.hpp"
#include "batch/record.hpp"
#include "quant/loss_sketch.hpp"
#include "quant/statistics.hpp"
#include "test_support.hpp"
#include "util/error.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

using namespace fulcrum;

namespace {

// A quantified row as a review makes it: the mean of its simulated years and
// their sketch.
PortfolioRow quantified(const std::string& id, const std::string& currency, const std::vector<double>& years) {
    static uint64_t next_index = 1000; // each row its own place in the batch
    PortfolioRow row;
    row.index = next_index++;
    row.id = id;
    row.currency = currency;
    double sum = 0;
    for (double y : years) {
        sum += y;
    }
    row.annual_loss_exposure = years.empty() ? 0 : sum / static_cast<double>(years.size());
    row.loss_sketch = quant::sketch_losses(years);
    return row;
}

// One year in `every` loses something near `loss` (from 0.5 to 1.5 times it).
std::vector<double> now_and_then(size_t every, double loss) {
    std::vector<double> years(10000, 0.0);
    for (size_t i = 0; i < years.size(); i += every) {
        years[i] = loss * (0.5 + static_cast<double>(i % 1009) / 1008);
    }
    return years;
}

double own_p99(const std::vector<double>& years) {
    return quant::summarise_losses(years).p99;
}

} // namespace

TEST_CASE("the portfolio's annual loss is summed year by year", "[batch]") {
    const auto years = now_and_then(20, 1000); // 5% of years lose about 1,000
    SECTION("one proposal: its own years") {
        Portfolio p(PortfolioOptions{});
        p.add(quantified("a", "EUR", years));
        const auto summary = p.to_json();
        const auto& eur = summary["annual_loss_exposure"]["EUR"];
        CHECK(eur["expected"].get<double>() == Approx(50).epsilon(0.01));
        CHECK(eur["simulated"]["proposals"] == 1);
        CHECK(eur["simulated"]["iterations"] == 10000);
        CHECK(eur["simulated"]["mean"].get<double>() == Approx(eur["expected"].get<double>()));
        CHECK(eur["simulated"]["p50"].get<double>() == 0);
        CHECK(eur["simulated"]["p99"].get<double>() == Approx(own_p99(years)).epsilon(0.02));
    }
    SECTION("independent proposals: a bad year for all is rarer than a bad year for one") {
        Portfolio p(PortfolioOptions{});
        for (const char* id : {"a", "b", "c"}) {
            p.add(quantified(id, "EUR", years));
        }
        const auto summary = p.to_json();
        const auto& eur = summary["annual_loss_exposure"]["EUR"];
        CHECK(eur["expected"].get<double>() == Approx(150).epsilon(0.01));
        CHECK(eur["simulated"]["mean"].get<double>() == Approx(eur["expected"].get<double>())); // the sum of the means
        CHECK(eur["simulated"]["p50"].get<double>() == 0); // 0.95^3: most years lose nothing
        const double p99 = eur["simulated"]["p99"].get<double>();
        CHECK(p99 > own_p99(years));
        CHECK(p99 < 2.5 * own_p99(years)); // all three in the same year: 1 in 8,000
        CHECK(summary["annual_loss_exposure_total"].get<double>() == Approx(eur["expected"].get<double>()));
    }
}

TEST_CASE("the portfolio never adds losses in different currencies", "[batch]") {
    Portfolio p(PortfolioOptions{});
    p.add(quantified("a", "EUR", now_and_then(10, 100)));
    p.add(quantified("b", "GBP", now_and_then(10, 50)));
    const auto summary = p.to_json();
    CHECK(summary["annual_loss_exposure"]["EUR"]["expected"].get<double>() == Approx(10).epsilon(0.01));
    CHECK(summary["annual_loss_exposure"]["GBP"]["expected"].get<double>() == Approx(5).epsilon(0.01));
    CHECK(summary["annual_loss_exposure"]["GBP"]["simulated"]["proposals"] == 1);
    CHECK_FALSE(summary.contains("annual_loss_exposure_total"));
}

TEST_CASE("a record's sketch counts in the simulated years as the review's own does", "[batch]") {
    const PortfolioRow reviewed = quantified("a", "EUR", now_and_then(20, 1000));
    const nlohmann::json record = {{"index", reviewed.index},
                                   {"input", "a.yaml"},
                                   {"line", nullptr},
                                   {"status", "ok"},
                                   {"portfolio", nlohmann::json::parse(portfolio_text(reviewed))}};
    PortfolioRow resumed = *read_record(record, "out.jsonl:1").result.row; // as --resume and fulcrum portfolio do
    CHECK(resumed.index == reviewed.index);
    CHECK(resumed.loss_sketch == reviewed.loss_sketch);
    CHECK(resumed.loss_sketch.iterations == 10000);

    Portfolio fresh(PortfolioOptions{});
    fresh.add(reviewed);
    Portfolio read_back(PortfolioOptions{});
    read_back.add(std::move(resumed));
    CHECK(read_back.to_json().dump() == fresh.to_json().dump());

    PortfolioRow unquantified; // reviewed without --quant
    unquantified.id = "c";
    unquantified.currency = "EUR";
    read_back.add(std::move(unquantified));
    const auto summary = read_back.to_json();
    const auto& eur = summary["annual_loss_exposure"]["EUR"];
    CHECK(eur["proposals"] == 1);
    CHECK(eur["simulated"]["proposals"] == 1);
}

namespace {

PortfolioRow valued(const std::string& id, const std::string& currency, double net_value, double cost = 100) {
    static uint64_t next_index = 0; // each row its own place in the batch, as a batch numbers them
    PortfolioRow row;
    row.index = next_index++;
    row.id = id;
    row.title = "Proposal " + id;
    row.currency = currency;
    row.decision = Decision::approve;
    row.expected_net_value = net_value;
    row.innovation_cost = cost;
    return row;
}

std::vector<std::string> ranked(const nlohmann::ordered_json& summary) {
    std::vector<std::string> out;
    for (const auto& r : summary["ranking"]) {
        out.push_back(r["id"].get<std::string>() + " " + r["currency"].get<std::string>());
    }
    return out;
}

} // namespace

TEST_CASE("the portfolio never adds or compares net values in different currencies", "[batch]") {
    Portfolio p(PortfolioOptions{});
    p.add(valued("gbp-small", "GBP", 10));
    p.add(valued("eur-big", "EUR", 900));
    p.add(valued("usd-huge", "USD", 5000));
    p.add(valued("eur-small", "EUR", 20));
    p.add(valued("gbp-big", "GBP", 700));
    p.add(valued("eur-mid", "EUR", 300));
    const auto summary = p.to_json();
    CHECK(summary["currency"] == "mixed");
    CHECK_FALSE(summary.contains("expected_net_value_total"));
    CHECK(summary["expected_net_value"]["EUR"]["total"].get<double>() == Approx(1220));
    CHECK(summary["expected_net_value"]["EUR"]["proposals"] == 3);
    CHECK(summary["expected_net_value"]["GBP"]["total"].get<double>() == Approx(710));
    CHECK(summary["expected_net_value"]["USD"]["total"].get<double>() == Approx(5000));
    // Each currency's proposals together, best first; the currency with the
    // most proposals first, ties by code.
    CHECK(ranked(summary) == std::vector<std::string>{"eur-big EUR", "eur-mid EUR", "eur-small EUR", "gbp-big GBP",
                                                      "gbp-small GBP", "usd-huge USD"});
    CHECK(p.to_csv() == "rank,id,title,decision,benefit_score,risk_score,expected_net_value,currency\n"
                        "1,eur-big,Proposal eur-big,approve,0,0,900,EUR\n"
                        "2,eur-mid,Proposal eur-mid,approve,0,0,300,EUR\n"
                        "3,eur-small,Proposal eur-small,approve,0,0,20,EUR\n"
                        "1,gbp-big,Proposal gbp-big,approve,0,0,700,GBP\n"
                        "2,gbp-small,Proposal gbp-small,approve,0,0,10,GBP\n"
                        "1,usd-huge,Proposal usd-huge,approve,0,0,5000,USD\n");
    CHECK(p.funding_skipped().empty()); // no budget, nothing to skip
}

TEST_CASE("a portfolio with no proposal reviewed has no currency", "[batch]") {
    Portfolio p(PortfolioOptions{});
    CHECK(p.to_json()["currency"].is_null());
    p.add_invalid();
    CHECK(p.to_json()["currency"].is_null());
    CHECK(p.to_html().find("<dt>Not reviewed</dt><dd>1<small>") != std::string::npos); // the board sees it
    p.add(valued("gbp", "GBP", 10));
    CHECK(p.to_json()["currency"] == "GBP");
}

TEST_CASE("one currency: the net values add up and the ranking is one list", "[batch]") {
    PortfolioOptions options;
    options.ranking_size = 2;
    Portfolio p(options);
    p.add(valued("a", "EUR", 10));
    p.add(valued("b", "EUR", 30));
    p.add(valued("c", "EUR", 20));
    const auto summary = p.to_json();
    CHECK(summary["currency"] == "EUR");
    CHECK(summary["expected_net_value_total"].get<double>() == Approx(60));
    CHECK(ranked(summary) == std::vector<std::string>{"b EUR", "c EUR"});
}

TEST_CASE("budgets are weighed only against proposals in their currency", "[batch]") {
    PortfolioOptions options;
    options.innovation_budget = 250;
    SECTION("several currencies and none named: no funding, and the summary says why") {
        Portfolio p(options);
        p.add(valued("eur", "EUR", 900));
        p.add(valued("gbp", "GBP", 800));
        const auto funding = p.to_json()["funding"];
        CHECK(funding["method"] == "none");
        CHECK(funding["currency"].is_null());
        CHECK_FALSE(funding.contains("funded"));
        CHECK(funding["reason"].get<std::string>().find("(EUR, GBP)") != std::string::npos);
        CHECK(p.funding_skipped() == funding["reason"].get<std::string>());
    }
    SECTION("the budgets' currency named: only its proposals compete") {
        options.budget_currency = "GBP";
        Portfolio p(options);
        p.add(valued("eur-best", "EUR", 900));
        p.add(valued("gbp-a", "GBP", 800, 200));
        p.add(valued("gbp-b", "GBP", 500, 100));
        p.add(valued("gbp-c", "GBP", 400, 100));
        const auto funding = p.to_json()["funding"];
        CHECK(funding["currency"] == "GBP");
        CHECK(funding["method"] == "exact");
        CHECK(funding["candidates"] == 3);
        CHECK(funding["other_currencies"] == 1);
        std::vector<std::string> funded;
        for (const auto& f : funding["funded"]) {
            funded.push_back(f["id"]);
        }
        std::sort(funded.begin(), funded.end());
        CHECK(funded == std::vector<std::string>{"gbp-b", "gbp-c"}); // 900 within 250, against 800 for gbp-a alone
        CHECK(funding["expected_net_value"].get<double>() == Approx(900));
        CHECK(p.funding_skipped().empty());
    }
    SECTION("one currency: the budgets are in it") {
        Portfolio p(options);
        p.add(valued("a", "USD", 800, 200));
        p.add(valued("b", "USD", 100, 100));
        const auto funding = p.to_json()["funding"];
        CHECK(funding["currency"] == "USD");
        CHECK_FALSE(funding.contains("other_currencies"));
        CHECK(funding["funded"].size() == 1);
        CHECK(funding["funded"][0]["id"] == "a");
    }
}

TEST_CASE("exchange rates let proposals in other currencies compete, converted", "[batch][fx]") {
    PortfolioOptions options;
    options.innovation_budget = 300; // in EUR
    options.budget_currency = "EUR";
    options.exchange_rates = {{"GBP", 1.2}};
    Portfolio p(options);
    p.add(valued("eur-a", "EUR", 500, 200));
    p.add(valued("gbp-a", "GBP", 450, 100)); // 540 EUR for 120 EUR
    p.add(valued("gbp-b", "GBP", 100, 150)); // 120 EUR for 180 EUR
    p.add(valued("usd-a", "USD", 9000, 1));  // no rate: not weighed
    const auto funding = p.to_json()["funding"];
    CHECK(funding["currency"] == "EUR");
    CHECK(funding["exchange_rates"]["GBP"].get<double>() == Approx(1.2));
    CHECK(funding["candidates"] == 3);
    CHECK(funding["other_currencies"] == 1);
    CHECK(funding["method"] == "exact");
    // Within 300 EUR: eur-a and gbp-a (320 EUR) do not fit; gbp-a alone (540) beats eur-a alone (500) and
    // eur-a + gbp-b (620 EUR for 380) does not fit either; gbp-a + gbp-b: 660 EUR for 300 EUR.
    std::map<std::string, nlohmann::ordered_json> funded;
    for (const auto& f : funding["funded"]) {
        funded[f["id"].get<std::string>()] = f;
    }
    REQUIRE(funded.size() == 2);
    REQUIRE(funded.count("gbp-a") == 1);
    REQUIRE(funded.count("gbp-b") == 1);
    CHECK(funded["gbp-a"]["expected_net_value"].get<double>() == Approx(540));
    CHECK(funded["gbp-a"]["innovation_cost"].get<double>() == Approx(120));
    CHECK(funded["gbp-a"]["converted_from"]["currency"] == "GBP");
    CHECK(funded["gbp-a"]["converted_from"]["rate"].get<double>() == Approx(1.2));
    CHECK(funding["expected_net_value"].get<double>() == Approx(660));
    CHECK(funding["innovation_spend"].get<double>() == Approx(300));

    SECTION("an amount in the budgets' own currency is never marked converted") {
        options.exchange_rates = {{"GBP", 0.5}}; // now the euros win: 500 against 225, and not both
        Portfolio q(options);
        q.add(valued("eur-a", "EUR", 500, 200));
        q.add(valued("gbp-a", "GBP", 450, 300)); // 150 EUR
        const auto f = q.to_json()["funding"];
        REQUIRE(f["funded"].size() == 1);
        CHECK(f["funded"][0]["id"] == "eur-a");
        CHECK_FALSE(f["funded"][0].contains("converted_from"));
    }
    SECTION("the pool keeps the most valuable once converted") {
        options.candidate_pool = 2;
        Portfolio q(options);
        q.add(valued("eur-a", "EUR", 500, 10));
        q.add(valued("eur-b", "EUR", 100, 10));
        q.add(valued("gbp-a", "GBP", 450, 10));
        const auto f = q.to_json()["funding"];
        CHECK(f["candidates"] == 3);
        CHECK(f["method"] == "heuristic"); // one candidate was left out
        std::vector<std::string> ids;
        for (const auto& e : f["funded"]) {
            ids.push_back(e["id"]);
        }
        std::sort(ids.begin(), ids.end());
        CHECK(ids == std::vector<std::string>{"eur-a", "gbp-a"});
    }
}

TEST_CASE("with budgets, the CSV says which ranked proposals are funded, and the page shows the plan", "[batch]") {
    PortfolioOptions options;
    options.innovation_budget = 250;
    options.keep_entries = true;
    Portfolio p(options);
    p.add(valued("a", "USD", 800, 200));
    p.add(valued("b", "USD", 100, 40));
    p.add(valued("a", "USD", 50, 100)); // the same id again, not funded: rows are told apart by place, not id
    CHECK(p.to_csv() == "rank,id,title,decision,benefit_score,risk_score,expected_net_value,currency,funded\n"
                        "1,a,Proposal a,approve,0,0,800,USD,true\n"
                        "2,b,Proposal b,approve,0,0,100,USD,true\n"
                        "3,a,Proposal a,approve,0,0,50,USD,false\n");
    const std::string page = p.to_html();
    CHECK(page.find("fund 2 of the 3 candidates") != std::string::npos);
    CHECK(page.find("Within an innovation budget of USD 250 and a security budget of no limit") != std::string::npos);
    // A proposal added later is weighed too: the plan is worked out again.
    p.add(valued("c", "USD", 1000, 250));
    CHECK(p.to_csv().find("1,c,Proposal c,approve,0,0,1000,USD,true\n2,a,Proposal a,approve,0,0,800,USD,false\n") !=
          std::string::npos);

    SECTION("without budgets, or without a plan, the CSV has no funded column") {
        Portfolio q(PortfolioOptions{});
        q.add(valued("a", "USD", 800, 200));
        CHECK(q.to_csv().find("funded") == std::string::npos);
        Portfolio mixed(options); // budgets, but proposals in two currencies and none named for them
        mixed.add(valued("a", "USD", 800, 200));
        mixed.add(valued("b", "EUR", 800, 200));
        CHECK(mixed.to_csv().find("funded") == std::string::npos);
    }
}

TEST_CASE("a summary that cannot be written keeps none of the others from being written", "[batch]") {
    const std::string dir = fulcrum::test::scratch_dir("portfolio-summaries");
    Portfolio p(PortfolioOptions{});
    p.add(quantified("a", "EUR", now_and_then(10, 100)));
    const std::string missing = dir + "/missing/s.json";
    try {
        write_summaries({missing, dir + "/s.csv", dir + "/gone/s.html", dir + "/s.json"}, p);
        FAIL("expected an error naming the summaries that could not be written");
    } catch (const Error& e) {
        const std::string what = e.what();
        CHECK(what.find(missing) != std::string::npos);
        CHECK(what.find(dir + "/gone/s.html") != std::string::npos);
    }
    CHECK(fulcrum::test::read_text(dir + "/s.csv").rfind("rank,id,title", 0) == 0);
    CHECK(fulcrum::test::read_text(dir + "/s.json").find("fulcrum/portfolio@1") != std::string::npos);
}
