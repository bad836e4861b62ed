// fulcrum portfolio as a user runs it: the shards of a batch made one
// portfolio, byte for byte the unsharded batch's summary; every record at
// fault named and no summary written; independent batches added up.
#include "batch_inputs.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <boost/filesystem.hpp>

#include <algorithm>
#include <cstring>
#include <sstream>

using namespace fulcrum::test;
using nlohmann::json;

TEST_CASE("fulcrum portfolio makes of a batch's shards the summary the whole batch writes", "[batch][portfolio]") {
    const std::string dir = scratch_dir("portfolio-shards");
    // Proposals worth funding, some more than others, so that the budgets
    // choose among them.
    std::ostringstream text;
    for (int n = 0; n < 60; ++n) {
        text << valuable_proposal_line(n) << "\n";
    }
    const std::string input = dir + "/in.jsonl";
    write_text(input, text.str());
    const std::vector<std::string> budgets = {"--innovation-budget", "200000", "--security-budget", "1000000"};
    const std::vector<std::string> summaries = {"--summary",        dir + "/whole.json", "--summary",
                                                dir + "/whole.csv", "--summary",         dir + "/whole.html"};
    const auto whole = run_fulcrum(
        with(with(with({"batch", input, "-o", dir + "/whole.jsonl", "--fail-on", "conditions"}, summaries), budgets),
             base_args()));
    INFO(whole.err);
    REQUIRE(whole.exit_code == 1); // these proposals need conditions
    std::vector<std::string> shards;
    for (int k = 1; k <= 4; ++k) {
        shards.push_back(dir + "/shard-" + std::to_string(k) + ".jsonl");
        REQUIRE(run_fulcrum(with({"batch", input, "-o", shards.back(), "--shard", std::to_string(k) + "/4", "-j", "1"},
                                 base_args()))
                    .exit_code == 0); // no gate here
    }
    // Given in any order, the shards interleave back into the batch's order.
    const auto merged =
        run_fulcrum(with(with({"portfolio", shards[2], shards[0], shards[3], shards[1], "--summary",
                               dir + "/merged.json", "--summary", dir + "/merged.csv", "--summary",
                               dir + "/merged.html", "--fail-on", "conditions", "-o", dir + "/merged.jsonl"},
                              budgets),
                         {}));
    INFO(merged.err);
    CHECK(merged.exit_code == 1);
    // With -o, the shards' records make the file the unsharded batch wrote.
    CHECK(read_text(dir + "/merged.jsonl") == read_text(dir + "/whole.jsonl"));
    CHECK_FALSE(boost::filesystem::exists(dir + "/merged.jsonl.partial"));
    for (const char* extension : {".json", ".csv", ".html"}) {
        INFO(extension);
        CHECK(read_text(dir + "/merged" + extension) == read_text(dir + "/whole" + extension));
    }
    const json summary = json::parse(read_text(dir + "/merged.json"));
    CHECK(summary["proposals"] == 60);
    CHECK(summary["funding"]["method"] == "exact");
    CHECK(summary["funding"]["funded"].size() > 1);
    CHECK(summary["funding"]["funded"].size() < 50); // the budgets left some out
    // The batch's own records, from standard input, without --summary: the
    // JSON summary on standard output.
    const auto piped = run_fulcrum({"portfolio", "-"}, read_text(dir + "/whole.jsonl"));
    CHECK(piped.exit_code == 0);
    CHECK(json::parse(piped.out)["by_decision"] == summary["by_decision"]);
}

TEST_CASE("with --quant the shards' years are summed as the whole batch sums them", "[batch][portfolio][quant]") {
    const std::string dir = scratch_dir("portfolio-shards-quant");
    std::ostringstream text;
    for (int n = 0; n < 16; ++n) {
        text << proposal_line(n) << "\n";
    }
    const std::string input = dir + "/in.jsonl";
    write_text(input, text.str());
    const std::vector<std::string> quant = {"--quant", "--iterations", "2000", "--quiet"};
    const auto whole = run_fulcrum(
        with(with({"batch", input, "-o", dir + "/whole.jsonl", "--summary", dir + "/whole.json"}, quant), base_args()));
    INFO(whole.err);
    REQUIRE(whole.exit_code <= 1);
    std::vector<std::string> shards;
    for (int k = 1; k <= 3; ++k) {
        shards.push_back(dir + "/shard-" + std::to_string(k) + ".jsonl");
        REQUIRE(
            run_fulcrum(with(with({"batch", input, "-o", shards.back(), "--shard", std::to_string(k) + "/3"}, quant),
                             base_args()))
                .exit_code <= 1);
    }
    const auto merged = run_fulcrum({"portfolio", shards[1], shards[2], shards[0], "--summary", dir + "/merged.json"});
    INFO(merged.err);
    CHECK(merged.exit_code <= 1);
    CHECK(read_text(dir + "/merged.json") == read_text(dir + "/whole.json"));
    const json summary = json::parse(read_text(dir + "/merged.json"));
    REQUIRE(summary["annual_loss_exposure"].size() == 1);
    const json& exposure = summary["annual_loss_exposure"].begin().value();
    CHECK(exposure["proposals"] == 16);
    CHECK(exposure["simulated"]["proposals"] == 16); // every shard's, not only those reviewed in this run
    CHECK(exposure["simulated"]["iterations"] == 2000);
    CHECK(exposure["simulated"]["mean"].get<double>() == Approx(exposure["expected"].get<double>()));
    // Each record carries its sketch.
    const json record = json::parse(read_text(shards[0]).substr(0, read_text(shards[0]).find('\n')));
    CHECK(record["portfolio"]["annual_loss_sketch"]["iterations"] == 2000);
    CHECK(record["portfolio"]["annual_loss_sketch"]["quantiles"].size() == 40);
}

TEST_CASE("fulcrum portfolio names every record at fault and writes no summary", "[batch][portfolio]") {
    const std::string dir = scratch_dir("portfolio-faults");
    const std::string input = write_jsonl(dir, 30);
    for (int k = 1; k <= 3; ++k) {
        REQUIRE(run_fulcrum(with({"batch", input, "-o", dir + "/shard-" + std::to_string(k) + ".jsonl", "--shard",
                                  std::to_string(k) + "/3"},
                                 base_args()))
                    .exit_code == 0);
    }
    const std::string summary = dir + "/summary.json";
    const std::string records = dir + "/merged.jsonl"; // never written either, nor left half-written
    SECTION("a shard missing") {
        const auto r = run_fulcrum(
            {"portfolio", dir + "/shard-1.jsonl", dir + "/shard-3.jsonl", "--summary", summary, "-o", records});
        CHECK(r.exit_code == 3);
        CHECK(r.err.find("no summary and no records written") != std::string::npos);
        CHECK(r.err.find("10 of the 30 indices up to the last record have no record (1, 4, 7, 10, 13, ...): is a "
                         "shard missing") != std::string::npos);
    }
    SECTION("a shard given twice under two names, or shards that overlap") {
        write_text(dir + "/copy.jsonl", read_text(dir + "/shard-2.jsonl"));
        const auto r = run_fulcrum({"portfolio", dir + "/shard-1.jsonl", dir + "/shard-2.jsonl", dir + "/shard-3.jsonl",
                                    dir + "/copy.jsonl", "--summary", summary});
        CHECK(r.exit_code == 3);
        CHECK(r.err.find(dir + "/copy.jsonl:1: record 1 again (also at " + dir + "/shard-2.jsonl:1)") !=
              std::string::npos);
        CHECK(r.err.find("and ") == std::string::npos); // ten doubles, all shown
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 11);
    }
    SECTION("lines that are not records, and a torn last line") {
        std::string text = read_text(dir + "/shard-2.jsonl");
        const size_t second = text.find('\n') + 1;
        text.insert(second, "{not a record\n");
        text.insert(0, "\n");                     // blank lines are skipped, but counted
        text = text.substr(0, text.size() - 100); // the last record torn
        write_text(dir + "/bad.jsonl", text);
        const auto r = run_fulcrum(
            {"portfolio", dir + "/shard-1.jsonl", dir + "/bad.jsonl", dir + "/shard-3.jsonl", "--summary", summary});
        CHECK(r.exit_code == 3);
        CHECK(r.err.find(dir + "/bad.jsonl:3: not a batch record (not JSON)") != std::string::npos);
        CHECK(r.err.find(dir + "/bad.jsonl:12: a torn last line") != std::string::npos);
        CHECK(r.err.find("1 of the 30 indices up to the last record have no record (28)") != std::string::npos);
    }
    SECTION("a field of the wrong type") {
        std::string text = read_text(dir + "/shard-3.jsonl");
        const size_t at = text.find("\"risk_score\":");
        text.replace(at, std::strlen("\"risk_score\":"), "\"risk_score\":\"high\",\"was\":");
        write_text(dir + "/bad.jsonl", text);
        const auto r = run_fulcrum(
            {"portfolio", dir + "/shard-1.jsonl", dir + "/shard-2.jsonl", dir + "/bad.jsonl", "--summary", summary});
        CHECK(r.exit_code == 3);
        CHECK(r.err.find(dir + "/bad.jsonl:1: /portfolio/risk_score: expected an integer from 0 to 100, got "
                               "\"high\"") != std::string::npos);
    }
    CHECK_FALSE(boost::filesystem::exists(summary));
    CHECK_FALSE(boost::filesystem::exists(records));
    CHECK_FALSE(boost::filesystem::exists(records + ".partial"));
}

TEST_CASE("fulcrum portfolio exits as the batch would, and refuses what it cannot use", "[batch][portfolio]") {
    const std::string dir = scratch_dir("portfolio-exits");
    std::ostringstream text;
    text << proposal_line(0) << "\n{not json\n" << proposal_line(2) << "\n";
    write_text(dir + "/in.jsonl", text.str());
    const std::string records = dir + "/records.jsonl";
    REQUIRE(run_fulcrum(with({"batch", dir + "/in.jsonl", "-o", records}, base_args())).exit_code == 3);
    // An invalid proposal's record: counted, the summary written, exit 3.
    const auto r = run_fulcrum({"portfolio", records, "--summary", dir + "/s.json"});
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("1 invalid proposal(s)") != std::string::npos);
    CHECK(json::parse(read_text(dir + "/s.json"))["invalid"] == 1);
    // An incomplete review (a plugin failed): exit 4, the summary counting it.
    const std::string good = dir + "/good.jsonl";
    REQUIRE(run_fulcrum(with({"batch", write_jsonl(dir, 3, "three.jsonl"), "-o", good}, base_args())).exit_code == 0);
    std::string incomplete = read_text(good);
    const size_t ok = incomplete.find("\"status\":\"ok\"");
    incomplete.replace(ok, std::strlen("\"status\":\"ok\""), "\"status\":\"incomplete\"");
    write_text(dir + "/incomplete.jsonl", incomplete);
    const auto failed = run_fulcrum({"portfolio", dir + "/incomplete.jsonl"});
    CHECK(failed.exit_code == 4);
    CHECK(failed.err.find("1 review(s) incomplete") != std::string::npos);
    CHECK(json::parse(failed.out)["incomplete"] == 1);
    CHECK(run_fulcrum({"portfolio", good, "--fail-on", "conditions"}).exit_code == 1);
    CHECK(run_fulcrum({"portfolio", good, "--fail-on", "reject"}).exit_code == 0);

    // Usage errors, before anything is read.
    CHECK(run_fulcrum({"portfolio"}).exit_code == 2);
    CHECK(run_fulcrum({"portfolio", dir + "/missing.jsonl"})
              .err.find("missing.jsonl: cannot read: No such file or directory") != std::string::npos);
    const auto folder = run_fulcrum({"portfolio", dir});
    CHECK(folder.exit_code == 2);
    CHECK(folder.err.find("a folder; give the record files in it") != std::string::npos);
    const auto twice = run_fulcrum(
        {"portfolio", records, dir + "/../" + boost::filesystem::path(dir).filename().string() + "/records.jsonl"});
    CHECK(twice.exit_code == 2);
    CHECK(twice.err.find("given twice") != std::string::npos);
    CHECK(run_fulcrum({"portfolio", "-", "-"}).exit_code == 2);
    CHECK(run_fulcrum({"portfolio", records, "--summary", records}).exit_code == 2);
    CHECK(run_fulcrum({"portfolio", records, "-o", records}).exit_code == 2);
    CHECK(run_fulcrum({"portfolio", records, "-o", "-"}).err.find("-o -: the summary goes to standard output") !=
          std::string::npos);
    CHECK(run_fulcrum({"portfolio", records, "-o", dir + "/x.json", "--summary", dir + "/x.json"})
              .err.find("also the -o file") != std::string::npos);
    const auto unreadable = run_fulcrum({"portfolio", records, dir + "/gone.jsonl", "-o", dir + "/m.jsonl"});
    CHECK(unreadable.exit_code == 2);
    CHECK_FALSE(boost::filesystem::exists(dir + "/m.jsonl.partial"));
    write_text(dir + "/m.jsonl.partial", "an interrupted batch's records\n"); // never overwritten
    CHECK(run_fulcrum({"portfolio", records, "-o", dir + "/m.jsonl"}).err.find("m.jsonl.partial exists") !=
          std::string::npos);
    CHECK(read_text(dir + "/m.jsonl.partial") == "an interrupted batch's records\n");
    CHECK(run_fulcrum({"portfolio", records, "--fail-on", "sometimes"}).exit_code == 2);
    CHECK(read_text(records).find("\"status\":\"invalid\"") != std::string::npos); // untouched
}

TEST_CASE("fulcrum portfolio --independent adds up batches whose indices each start at 0", "[batch][portfolio]") {
    // As a Spark `pipe` stage makes them: each partition through `fulcrum batch -`.
    const std::string dir = scratch_dir("portfolio-independent");
    std::vector<std::string> parts;
    for (int part = 0; part < 3; ++part) {
        std::ostringstream text;
        for (int n = 0; n < 4 + part; ++n) { // worth funding, some more than others
            text << valuable_proposal_line(10 * part + n) << "\n";
        }
        const auto r = run_fulcrum(with({"batch", "-", "--quiet"}, base_args()), text.str());
        REQUIRE(r.exit_code == 0);
        parts.push_back(dir + "/part-" + std::to_string(part) + ".jsonl");
        write_text(parts.back(), r.out);
    }
    // As shards of one batch they overlap, and fulcrum says what to do.
    const auto as_shards = run_fulcrum({"portfolio", parts[0], parts[1], parts[2]});
    CHECK(as_shards.exit_code == 3);
    CHECK(as_shards.err.find(parts[1] + ":1: record 0 again (also at " + parts[0] + ":1)") != std::string::npos);
    CHECK(as_shards.err.find("see --independent") != std::string::npos);

    const std::vector<std::string> budgets = {"--innovation-budget", "200000", "--security-budget", "1000000"};
    const auto r = run_fulcrum(with({"portfolio", "--independent", parts[0], parts[1], parts[2], "--summary",
                                     dir + "/summary.json", "--summary", dir + "/page.html", "-o", dir + "/all.jsonl"},
                                    budgets));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    // With -o, one batch numbered anew: read back as one, it is the same portfolio.
    const auto one = run_fulcrum(with({"portfolio", dir + "/all.jsonl", "--summary", dir + "/again.json"}, budgets));
    CHECK(one.exit_code == 0);
    CHECK(read_text(dir + "/again.json") == read_text(dir + "/summary.json"));
    const std::string all = read_text(dir + "/all.jsonl");
    CHECK(json::parse(all.substr(all.rfind("\n{\"index\":") + 1))["index"] == 14); // the fifteenth
    const json summary = json::parse(read_text(dir + "/summary.json"));
    CHECK(summary["proposals"] == 4 + 5 + 6);
    // Every proposal on the page, and the funded ones marked once each,
    // though three proposals had index 0, three index 1...
    const std::string page = read_text(dir + "/page.html");
    const size_t funded = summary["funding"]["funded"].size();
    CHECK(funded > 1);
    size_t marked = 0;
    for (size_t at = page.find("<td>funded</td>"); at != std::string::npos; at = page.find("<td>funded</td>", at + 1)) {
        ++marked;
    }
    CHECK(marked == funded);
    for (int part = 0; part < 3; ++part) {
        for (int n = 0; n < 4 + part; ++n) {
            const std::string id = ">p-" + std::to_string(10 * part + n) + "<";
            INFO(id);
            CHECK(page.find(id) != std::string::npos);
        }
    }
    // The indices are still checked within each batch.
    std::string text = read_text(parts[2]);
    text.erase(text.find('\n') + 1, text.find('\n', text.find('\n') + 1) - text.find('\n'));
    write_text(parts[2], text);
    const auto gap = run_fulcrum({"portfolio", "--independent", parts[0], parts[1], parts[2]});
    CHECK(gap.exit_code == 3);
    CHECK(gap.err.find(parts[2] + ": 1 of the 6 indices up to the last record have no record (1)") !=
          std::string::npos);
}
