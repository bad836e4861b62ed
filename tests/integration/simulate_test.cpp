// `fulcrum simulate` run as an analyst would, and the quantified review of
// every example proposal (docs/quantification.md).
#include "test_support.hpp"

#include <boost/filesystem.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>

using fulcrum::test::read_text;
using fulcrum::test::run_fulcrum;
using fulcrum::test::scratch_dir;
using fulcrum::test::source_path;
using fulcrum::test::write_text;
using nlohmann::json;
namespace fs = boost::filesystem;

namespace {

const char* const k_csv = "name,fl,fm,fh,ml,mm,mh,sp,sl,sm,sh\n"
                          "ransomware,0.1,0.3,1,20000,150000,1500000,,,,\n"
                          "\"breach, customer data\",0.05,0.2,0.6,5e4,2.5e5,2e6,0.3,1e5,2e5,9e5\n";

std::string scenario_file(const std::string& name, const std::string& text) {
    const std::string path = scratch_dir("simulate-" + name) + "/" + name;
    write_text(path, text);
    return path;
}

} // namespace

TEST_CASE("simulate prints the statistics of each scenario and of their total", "[quant]") {
    const std::string csv = scenario_file("s.csv", k_csv);
    const auto r = run_fulcrum({"simulate", csv, "--iterations", "20000"});
    REQUIRE(r.exit_code == 0);
    const json out = json::parse(r.out);
    CHECK(out["schema"] == "fulcrum/simulation@1");
    CHECK(out["iterations"] == 20000);
    REQUIRE(out["scenarios"].size() == 2);
    CHECK(out["scenarios"][1]["name"] == "breach, customer data");
    CHECK(out["scenarios"][1]["inputs"]["secondary"]["probability"] == 0.3);
    for (const auto& s : out["scenarios"]) {
        const json& loss = s["annual_loss"];
        CHECK(loss["p10"].get<double>() <= loss["p50"].get<double>());
        CHECK(loss["p50"].get<double>() <= loss["p90"].get<double>());
        CHECK(loss["p90"].get<double>() <= loss["p95"].get<double>());
        CHECK(loss["p95"].get<double>() <= loss["p99"].get<double>());
        CHECK(loss["exceedance"]["loss"].size() == 100);
        // Within five standard errors of the analytic mean.
        const double se = loss["sd"].get<double>() / std::sqrt(20000.0);
        CHECK(std::fabs(loss["mean"].get<double>() - s["expected_annual_loss"].get<double>()) < 5 * se);
    }
    const double sum = out["scenarios"][0]["annual_loss"]["mean"].get<double>() +
                       out["scenarios"][1]["annual_loss"]["mean"].get<double>();
    CHECK(out["total"]["annual_loss"]["mean"].get<double>() == Approx(sum).epsilon(1e-6));
}

TEST_CASE("simulate repeats itself for a seed and a thread count, and not for another seed", "[quant]") {
    const std::string csv = scenario_file("s.csv", k_csv);
    const auto a = run_fulcrum({"simulate", csv, "-n", "5000", "--seed", "7"});
    const auto b = run_fulcrum({"simulate", csv, "-n", "5000", "--seed", "7", "--threads", "3"});
    const auto c = run_fulcrum({"simulate", csv, "-n", "5000", "--seed", "8"});
    REQUIRE(a.exit_code == 0);
    CHECK(a.out == b.out);
    CHECK(a.out != c.out);
}

TEST_CASE("simulate writes CSV with a total row", "[quant]") {
    const std::string json_file = scenario_file("s.json", R"({"scenarios": [
        {"name": "fraud", "frequency": {"low": 1, "likely": 2, "high": 6},
         "magnitude": {"distribution": "lognormal", "low": 1000, "high": 90000}}]})");
    const auto r = run_fulcrum({"simulate", json_file, "--format", "csv", "-n", "2000"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.rfind("name,expected_annual_loss,mean,sd,p10,p50,p90,p95,p99,probability_of_loss\nfraud,", 0) == 0);
    CHECK(r.out.find("\n(all scenarios),") != std::string::npos);
}

TEST_CASE("simulate names the file, line and field of a bad scenario", "[quant]") {
    const std::string csv = scenario_file("bad.csv", "a,1,2,3,4,5,6\nb,1,2,3,4,x,6\n");
    const auto r = run_fulcrum({"simulate", csv});
    CHECK(r.exit_code == 3);
    CHECK(r.err.find(csv + ":2: magnitude_likely: expected a non-negative number, got \"x\"") != std::string::npos);
    CHECK(run_fulcrum({"simulate", csv + ".missing"}).exit_code == 3);
    const auto zero = run_fulcrum({"simulate", csv, "--iterations", "0"});
    CHECK(zero.exit_code == 2);
    CHECK(zero.err.find("--iterations 0") != std::string::npos);
    CHECK(run_fulcrum({"simulate"}).exit_code == 2);
    CHECK(run_fulcrum({"simulate", csv, "--format", "xml"}).exit_code == 2);
}

TEST_CASE("every example proposal's review carries loss exposure, net value and a plan", "[quant]") {
    const fs::path examples(source_path("examples/proposals"));
    int reviewed = 0;
    for (fs::directory_iterator it(examples), end; it != end; ++it) {
        const std::string ext = it->path().extension().string();
        if (ext != ".yaml" && ext != ".json") {
            continue;
        }
        const auto r = run_fulcrum({"review", it->path().string(), "--iterations", "2000"});
        INFO(it->path().string() << "\n" << r.err);
        REQUIRE((r.exit_code == 0 || r.exit_code == 1));
        const json review = json::parse(r.out);
        const json& q = review["quant"];
        CHECK(q["iterations"] == 2000);
        CHECK(q["annual_loss"]["residual"].contains("p90"));
        CHECK(q["net_value"]["with_plan"].contains("probability_negative"));
        CHECK(review["joint"]["plan"] == q["plan"]);
        if (q["plan"]["budget"].is_number()) {
            CHECK(q["plan"]["budget_cost"].get<double>() <= q["plan"]["budget"].get<double>());
        }
        for (const auto& risk : review["ciso"]["risks"]) {
            CHECK(risk.contains("fair") == risk.contains("quant"));
        }
        ++reviewed;
    }
    CHECK(reviewed > 0);
}

TEST_CASE("review --no-quant leaves quantification out; markdown summarises it", "[quant]") {
    const std::string example = source_path("examples/proposals/crm-saas-migration.yaml");
    const auto off = run_fulcrum({"review", example, "--no-quant"});
    REQUIRE(off.exit_code == 0);
    const json review = json::parse(off.out);
    CHECK_FALSE(review.contains("quant"));
    CHECK_FALSE(review["joint"].contains("plan"));
    const auto md = run_fulcrum({"review", example, "--format", "markdown", "--iterations", "1000"});
    REQUIRE(md.exit_code == 0);
    CHECK(md.out.find("## Quantified risk and value") != std::string::npos);
    CHECK(md.out.find("### Recommended plan within a security budget of USD 60,000") != std::string::npos);
    CHECK(run_fulcrum({"review", example, "--seed", "x"}).exit_code == 2);
}
