// The portfolio summary of a batch (host/src/batch/portfolio.cpp): the annual
// loss exposure kept per currency and summed iteration by iteration.
#include "batch/portfolio.hpp"

#include <catch2/catch.hpp>

using namespace fulcrum;

namespace {

PortfolioRow quantified(const std::string& id, const std::string& currency, std::vector<double> years) {
    PortfolioRow row;
    row.id = id;
    row.currency = currency;
    double sum = 0;
    for (double y : years) {
        sum += y;
    }
    row.annual_loss_exposure = years.empty() ? 0 : sum / static_cast<double>(years.size());
    row.loss_by_year = std::move(years);
    return row;
}

std::vector<double> one_bad_year(size_t which, double loss) {
    std::vector<double> years(10, 0.0);
    years[which] = loss;
    return years;
}

} // namespace

TEST_CASE("the portfolio's annual loss is summed iteration by iteration", "[batch]") {
    SECTION("two proposals that lose in different years") {
        Portfolio p(PortfolioOptions{});
        p.add(quantified("a", "EUR", one_bad_year(0, 100)));
        p.add(quantified("b", "EUR", one_bad_year(1, 100)));
        const auto summary = p.to_json();
        const auto& eur = summary["annual_loss_exposure"]["EUR"];
        CHECK(eur["expected"].get<double>() == Approx(20));
        CHECK(eur["simulated"]["mean"].get<double>() == Approx(20)); // the mean of the sums is the sum of the means
        CHECK(eur["simulated"]["p50"].get<double>() == Approx(0));
        CHECK(eur["simulated"]["p99"].get<double>() == Approx(100)); // never both in one year
        CHECK(summary["annual_loss_exposure_total"].get<double>() == Approx(20));
    }
    SECTION("the same two losses in the same year make a worse bad year") {
        Portfolio p(PortfolioOptions{});
        p.add(quantified("a", "EUR", one_bad_year(0, 100)));
        p.add(quantified("b", "EUR", one_bad_year(0, 100)));
        const auto summary = p.to_json();
        const auto& eur = summary["annual_loss_exposure"]["EUR"];
        CHECK(eur["expected"].get<double>() == Approx(20));
        CHECK(eur["simulated"]["p99"].get<double>() == Approx(182)); // type-7: 0.91 of the way to 200
    }
}

TEST_CASE("the portfolio never adds losses in different currencies", "[batch]") {
    Portfolio p(PortfolioOptions{});
    p.add(quantified("a", "EUR", one_bad_year(0, 100)));
    p.add(quantified("b", "GBP", one_bad_year(0, 50)));
    const auto summary = p.to_json();
    CHECK(summary["annual_loss_exposure"]["EUR"]["expected"].get<double>() == Approx(10));
    CHECK(summary["annual_loss_exposure"]["GBP"]["expected"].get<double>() == Approx(5));
    CHECK_FALSE(summary.contains("annual_loss_exposure_total"));
}

TEST_CASE("a resumed record counts in the expected loss but not in the simulated years", "[batch]") {
    Portfolio p(PortfolioOptions{});
    p.add(quantified("a", "EUR", one_bad_year(0, 100)));
    PortfolioRow resumed; // as row_from_record rebuilds it: a mean, no years
    resumed.id = "b";
    resumed.currency = "EUR";
    resumed.annual_loss_exposure = 30;
    p.add(std::move(resumed));
    PortfolioRow unquantified; // reviewed without --quant
    unquantified.id = "c";
    unquantified.currency = "EUR";
    p.add(std::move(unquantified));
    const auto summary = p.to_json();
    const auto& eur = summary["annual_loss_exposure"]["EUR"];
    CHECK(eur["expected"].get<double>() == Approx(40));
    CHECK(eur["proposals"] == 2);
    CHECK(eur["simulated"]["proposals"] == 1);
    CHECK(eur["simulated"]["mean"].get<double>() == Approx(10));
}
