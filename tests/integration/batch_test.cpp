// fulcrum batch as a user runs it: ordering, error records, shards, the
// summary, and an interrupted batch resumed without loss or duplication.
#include "batch_inputs.hpp"
#include "test_support.hpp"
#include "util/sanitizer.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <boost/filesystem.hpp>

#include <chrono>
#include <csignal>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <sys/stat.h>
#include <thread>

using namespace fulcrum::test;
using nlohmann::json;

namespace {

size_t count_lines(const std::string& path) {
    std::ifstream in(path);
    return static_cast<size_t>(std::count(std::istreambuf_iterator<char>(in), {}, '\n'));
}

} // namespace

TEST_CASE("batch writes one record per proposal, in input order", "[batch]") {
    const std::string dir = scratch_dir("batch-order");
    const std::string input = write_jsonl(dir, 300);
    const std::string out = dir + "/out.jsonl";
    const auto r = run_fulcrum(with({"batch", input, "-o", out, "--jobs", "2", "--quiet"}, base_args()));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto records = read_json_lines(out);
    REQUIRE(records.size() == 300);
    for (size_t i = 0; i < records.size(); ++i) {
        CHECK(records[i]["index"] == i);
        CHECK(records[i]["line"] == i + 1);
        CHECK(records[i]["review"]["proposal"]["id"] == "p-" + std::to_string(i));
    }
    CHECK_FALSE(boost::filesystem::exists(out + ".partial"));
}

TEST_CASE("batch writes a pipe or device named by -o in place, never renaming over it", "[batch]") {
    // Once, `-o /dev/null` became /dev/null.partial renamed over the device.
    const std::string dir = scratch_dir("batch-fifo");
    const std::string input = write_jsonl(dir, 20);
    const std::string fifo = dir + "/records.fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::string received;
    std::thread reader([&] {
        std::ifstream in(fifo, std::ios::binary);
        received.assign(std::istreambuf_iterator<char>(in), {});
    });
    const auto r = run_fulcrum(with({"batch", input, "-o", fifo, "--quiet"}, base_args()));
    reader.join();
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(std::count(received.begin(), received.end(), '\n') == 20);
    struct stat st {};
    REQUIRE(::stat(fifo.c_str(), &st) == 0);
    CHECK(S_ISFIFO(st.st_mode));
    CHECK_FALSE(boost::filesystem::exists(fifo + ".partial"));
    const auto resume = run_fulcrum(with({"batch", input, "-o", fifo, "--resume"}, base_args()));
    CHECK(resume.exit_code == 2);
    CHECK(resume.err.find("--resume needs -o FILE") != std::string::npos);
}

TEST_CASE("batch --unordered still writes every proposal exactly once", "[batch]") {
    const std::string dir = scratch_dir("batch-unordered");
    const std::string input = write_jsonl(dir, 200);
    const std::string out = dir + "/out.jsonl";
    REQUIRE(run_fulcrum(with({"batch", input, "-o", out, "-j", "2", "--unordered"}, base_args())).exit_code == 0);
    std::set<size_t> seen;
    for (const auto& rec : read_json_lines(out)) {
        CHECK(seen.insert(rec["index"].get<size_t>()).second);
    }
    CHECK(seen.size() == 200);
}

TEST_CASE("a bad proposal costs only its own record, which names input, line and reason", "[batch]") {
    const std::string dir = scratch_dir("batch-errors");
    std::ostringstream text;
    text << proposal_line(0) << "\n"
         << "{not json\n"
         << "\n" // blank lines are skipped but counted
         << R"({"id":"x","title":"T","technologies":[{"category":"cloud"}],"data":{"records":"many"}})"
         << "\n"
         << proposal_line(3) << "\n";
    write_text(dir + "/mixed.jsonl", text.str());
    write_text(dir + "/single.yaml", "id: y\ntitle: From YAML\ntechnologies: [{category: cloud}]\n");
    const std::string out = dir + "/out.jsonl";
    const auto r = run_fulcrum(with({"batch", dir + "/mixed.jsonl", dir + "/single.yaml", "-o", out}, base_args()));
    CHECK(r.exit_code == 3);
    const auto records = read_json_lines(out);
    REQUIRE(records.size() == 5);
    CHECK(records[0]["status"] == "ok");
    CHECK(records[1]["status"] == "invalid");
    CHECK(records[1]["line"] == 2);
    // Line 2 of the file, column 3: a line's own position is its column alone.
    CHECK(records[1]["error"].get<std::string>().find("mixed.jsonl:2:3: invalid JSON") != std::string::npos);
    CHECK(records[2]["line"] == 4);
    CHECK(records[2]["error"].get<std::string>().find("/data/records: expected a non-negative integer") !=
          std::string::npos);
    CHECK(records[3]["status"] == "ok");
    CHECK(records[4]["input"].get<std::string>().find("single.yaml") != std::string::npos);
    CHECK(records[4]["review"]["proposal"]["title"] == "From YAML");
}

TEST_CASE("every proposal file under a folder gets a record, a broken link too", "[batch]") {
    const std::string dir = scratch_dir("batch-folder");
    namespace fs = boost::filesystem;
    fs::create_directories(dir + "/in/team/deeper");
    write_text(dir + "/in/a.jsonl", proposal_line(0) + "\n");
    write_text(dir + "/in/team/deeper/b.jsonl", proposal_line(1) + "\n");
    write_text(dir + "/in/team/notes.txt", "not a proposal");
    fs::create_symlink(dir + "/in/a.jsonl", dir + "/in/team/link.jsonl");    // a link to a file is read
    fs::create_symlink(dir + "/in/gone.yaml", dir + "/in/team/broken.yaml"); // named, never left out
    fs::create_directory_symlink(dir + "/in", dir + "/in/team/loop");        // a folder link is not followed
    const std::string out = dir + "/out.jsonl";
    const auto r = run_fulcrum(with({"batch", dir + "/in", "-o", out, "--quiet"}, base_args()));
    INFO(r.err);
    CHECK(r.exit_code == 3);
    const auto records = read_json_lines(out);
    std::vector<std::string> inputs;
    for (const auto& record : records) {
        inputs.push_back(record["input"].get<std::string>().substr(dir.size() + 4));
    }
    CHECK(inputs == std::vector<std::string>{"a.jsonl", "team/broken.yaml", "team/deeper/b.jsonl", "team/link.jsonl"});
    REQUIRE(records.size() == 4);
    CHECK(records[1]["status"] == "invalid");
    CHECK(records[1]["error"] == dir + "/in/team/broken.yaml: cannot read: No such file or directory");
    CHECK(records[2]["status"] == "ok");
    CHECK(records[3]["status"] == "ok");
}

TEST_CASE("batch --record portfolio writes each row without its review; summaries and resume are unchanged",
          "[batch]") {
    const std::string dir = scratch_dir("batch-record-portfolio");
    const std::string input = write_jsonl(dir, 30);
    const auto full = run_fulcrum(
        with({"batch", input, "-o", dir + "/full.jsonl", "--summary", dir + "/full.json", "--quiet"}, base_args()));
    const auto rows = run_fulcrum(with({"batch", input, "--record", "portfolio", "-o", dir + "/rows.jsonl", "--summary",
                                        dir + "/rows.json", "--quiet"},
                                       base_args()));
    INFO(full.err << rows.err);
    REQUIRE(full.exit_code == 0);
    REQUIRE(rows.exit_code == 0);
    const auto full_records = read_json_lines(dir + "/full.jsonl");
    const auto row_records = read_json_lines(dir + "/rows.jsonl");
    REQUIRE(row_records.size() == 30);
    REQUIRE(full_records.size() == 30);
    for (size_t i = 0; i < row_records.size(); ++i) {
        CHECK_FALSE(row_records[i].contains("review"));
        json without_review = full_records[i];
        without_review.erase("review");
        CHECK(row_records[i] == without_review); // the envelope and row, member for member
    }
    CHECK(read_text(dir + "/rows.json") == read_text(dir + "/full.json"));
    // fulcrum portfolio reads the rows alone as it reads whole records.
    const auto merged = run_fulcrum({"portfolio", dir + "/rows.jsonl", "--summary", dir + "/merged.json"});
    CHECK(merged.exit_code == 0);
    CHECK(read_text(dir + "/merged.json") == read_text(dir + "/full.json"));
    // A run stopped after 12 records resumes from them.
    const std::string text = read_text(dir + "/rows.jsonl");
    size_t cut = 0;
    for (int line = 0; line < 12; ++line) {
        cut = text.find('\n', cut) + 1;
    }
    write_text(dir + "/resumed.jsonl.partial", text.substr(0, cut));
    const auto resumed = run_fulcrum(with(
        {"batch", input, "--record", "portfolio", "-o", dir + "/resumed.jsonl", "--resume", "--quiet"}, base_args()));
    INFO(resumed.err);
    CHECK(resumed.exit_code == 0);
    CHECK(read_text(dir + "/resumed.jsonl") == text);

    const auto wrong = run_fulcrum(with({"batch", input, "--record", "full"}, base_args()));
    CHECK(wrong.exit_code == 2);
    CHECK(wrong.err.find("--record full: expected review or portfolio") != std::string::npos);
}

TEST_CASE("batch applies the policy's input limits to each proposal, as review does", "[batch]") {
    const std::string dir = scratch_dir("batch-limits");
    const std::string input = write_jsonl(dir, 3);
    write_text(dir + "/policy.json", R"({"name": "tight", "limits": {"depth": 2}})");
    const auto r = run_fulcrum(
        with({"batch", input, "-o", dir + "/out.jsonl", "--config", dir + "/policy.json", "--quiet"}, base_args()));
    INFO(r.err);
    CHECK(r.exit_code == 3);
    const auto records = read_json_lines(dir + "/out.jsonl");
    REQUIRE(records.size() == 3);
    for (const auto& record : records) {
        CHECK(record["status"] == "invalid");
        CHECK(record["error"].get<std::string>().find("(limits.depth)") != std::string::npos);
    }
}

TEST_CASE("the policy's proposal_bytes bounds each file and each line, above the default too", "[batch]") {
    const std::string dir = scratch_dir("batch-bytes");
    write_text(dir + "/policy.json", R"({"name": "large", "limits": {"proposal_bytes": 2000000}})");
    // 1.5 MB: over the default limit of 1 MiB, within the policy's, as `fulcrum review` reads it.
    write_text(dir + "/large.json", proposal_line(0) + std::string(1500000, ' '));
    const std::string long_line = proposal_line(1) + std::string(2500000, ' ');
    write_text(dir + "/lines.jsonl", long_line + "\n\n" + proposal_line(2) + "\n");
    const std::string out = dir + "/out.jsonl";
    const auto r = run_fulcrum(with({"batch", dir + "/large.json", dir + "/lines.jsonl", "-o", out, "--config",
                                     dir + "/policy.json", "--quiet", "--jobs", "1"},
                                    base_args()));
    INFO(r.err);
    CHECK(r.exit_code == 3);
    const auto records = read_json_lines(out);
    REQUIRE(records.size() == 3);
    CHECK(records[0]["status"] == "ok");
    CHECK(records[1]["status"] == "invalid");
    CHECK(records[1]["error"] == dir + "/lines.jsonl:1: " + std::to_string(long_line.size()) +
                                     " bytes, more than the limit of 2000000 bytes (limits.proposal_bytes)");
    CHECK(records[2]["status"] == "ok");
    CHECK(records[2]["line"] == 3); // the line after it, and a blank one, counted as before
}

TEST_CASE("shards split a portfolio without overlap or loss", "[batch]") {
    const std::string dir = scratch_dir("batch-shards");
    const std::string input = write_jsonl(dir, 100);
    std::set<size_t> seen;
    for (int k = 1; k <= 3; ++k) {
        const std::string out = dir + "/shard" + std::to_string(k) + ".jsonl";
        REQUIRE(run_fulcrum(with({"batch", input, "-o", out, "--shard", std::to_string(k) + "/3"}, base_args()))
                    .exit_code == 0);
        for (const auto& rec : read_json_lines(out)) {
            CHECK(rec["index"].get<size_t>() % 3 == static_cast<size_t>(k - 1));
            CHECK(seen.insert(rec["index"].get<size_t>()).second);
        }
    }
    CHECK(seen.size() == 100);
    CHECK(run_fulcrum(with({"batch", input, "--shard", "4/3"}, base_args())).exit_code == 2);
}

TEST_CASE("batch refuses counts that are not whole numbers in range, never wrapping a sign", "[batch]") {
    const std::string dir = scratch_dir("batch-counts");
    const std::string input = write_jsonl(dir, 2);
    // -1 read as an unsigned number was 4294967295 jobs, and the batch ended in std::terminate.
    for (const std::string jobs : {"-1", "0", "1025", "2x", ""}) {
        const auto r = run_fulcrum(with({"batch", input, "--jobs", jobs, "--quiet"}, base_args()));
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("--jobs " + jobs + ": expected a whole number from 1 to 1024") != std::string::npos);
    }
    for (const std::string shard : {"1/-1", "0/3", "1/2/3", "1/", "/2", "2/1"}) {
        const auto r = run_fulcrum(with({"batch", input, "--shard", shard, "--quiet"}, base_args()));
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("--shard " + shard + ": expected K/N with 1 <= K <= N <= 1000000") != std::string::npos);
    }
    CHECK(run_fulcrum(with({"batch", input, "--jobs", "3", "--quiet"}, base_args())).exit_code == 0);
    // A shard's funding plan is the shard's alone: said when budgets are given.
    const auto budgeted = run_fulcrum(
        with({"batch", input, "--shard", "2/3", "-o", dir + "/b.jsonl", "--security-budget", "1"}, base_args()));
    CHECK(budgeted.exit_code == 0);
    CHECK(budgeted.err.find("warning: --shard 2/3 with a budget: this shard's funding plan") != std::string::npos);
    CHECK(budgeted.err.find("fulcrum portfolio") != std::string::npos);
    CHECK(run_fulcrum(with({"batch", input, "--security-budget", "1", "-o", "/dev/null"}, base_args())).err.empty());
}

TEST_CASE("batch reads JSON Lines from standard input and writes a summary", "[batch]") {
    const std::string dir = scratch_dir("batch-stdin");
    std::ostringstream text;
    for (int n = 0; n < 20; ++n) {
        text << proposal_line(n) << "\n";
    }
    const auto r = run_fulcrum(with({"batch", "-", "--summary", dir + "/summary.json"}, base_args()), text.str());
    REQUIRE(r.exit_code == 0);
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 20);
    const json summary = json::parse(read_text(dir + "/summary.json"));
    CHECK(summary["proposals"] == 20);
    int total = 0;
    for (const auto& [decision, n] : summary["by_decision"].items()) {
        total += n.get<int>();
    }
    CHECK(total == 20);
    CHECK_FALSE(summary["frequent_risks"].empty());
}

TEST_CASE("batch --summary FILE.html writes the portfolio page, losses summed per currency", "[batch][reports]") {
    const std::string dir = scratch_dir("batch-portfolio-html");
    std::ostringstream text;
    for (int n = 0; n < 12; ++n) {
        json p = json::parse(proposal_line(n));
        p["title"] = "Proposal <" + std::to_string(n) + ">";
        p["currency"] = n < 4 ? "EUR" : "USD";
        text << p.dump() << "\n";
    }
    write_text(dir + "/in.jsonl", text.str());
    const auto r = run_fulcrum(with({"batch", dir + "/in.jsonl", "-o", dir + "/out.jsonl", "--summary",
                                     dir + "/portfolio.html", "--quant", "--iterations", "2000", "--quiet"},
                                    base_args()));
    INFO(r.err);
    REQUIRE(r.exit_code <= 1);
    const std::string page = read_text(dir + "/portfolio.html");
    CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(page.find("Portfolio of 12 technology proposals") != std::string::npos);
    CHECK(page.find("Proposal &lt;11&gt;") != std::string::npos); // every proposal, escaped
    CHECK(page.find("Proposal <11>") == std::string::npos);
    CHECK(page.find("<code>p-0</code>") != std::string::npos);
    // Euro and dollar losses are never added together.
    CHECK(page.find("per currency") != std::string::npos);
    CHECK(page.find("EUR ") != std::string::npos);
    CHECK(page.find("USD ") != std::string::npos);
    // The portfolio's bad year, from the years summed across proposals.
    CHECK(page.find("A 1-in-100 year") != std::string::npos);
    CHECK(page.find("of 2,000 simulated portfolio years, per currency") != std::string::npos);
}

TEST_CASE("batch writes every --summary in one run, and checks each before reviewing", "[batch]") {
    const std::string dir = scratch_dir("batch-summaries");
    const std::string input = write_jsonl(dir, 6);
    const auto r = run_fulcrum(with({"batch", input, "-o", dir + "/out.jsonl", "--summary", dir + "/s.json",
                                     "--summary", dir + "/s.csv", "--summary", dir + "/s.html", "--quiet"},
                                    base_args()));
    INFO(r.err);
    REQUIRE(r.exit_code <= 1);
    CHECK(json::parse(read_text(dir + "/s.json"))["proposals"] == 6);
    CHECK(count_lines(dir + "/s.csv") == 7); // the header and a row for each proposal
    CHECK(read_text(dir + "/s.html").find("Portfolio of 6 technology proposals") != std::string::npos);

    // A summary that could not be written is refused before any review, so
    // the batch neither runs for nothing nor leaves records behind.
    const std::string out = dir + "/refused.jsonl";
    const std::vector<std::pair<std::vector<std::string>, std::string>> refused = {
        {{"--summary", dir + "/missing/s.json"},
         "--summary " + dir + "/missing/s.json: cannot write: folder " + dir + "/missing: No such file or directory"},
        {{"--summary", dir}, "--summary " + dir + ": cannot write: it is a folder"},
        {{"--summary", input + "/s.csv"}, "--summary " + input + "/s.csv: cannot write: " + input + " is not a folder"},
        {{"--summary", dir + "/s.json", "--summary", dir + "/s.json"}, "--summary " + dir + "/s.json: given twice"},
    };
    for (const auto& [flags, reason] : refused) {
        const auto refusal = run_fulcrum(with(with({"batch", input, "-o", out, "--quiet"}, flags), base_args()));
        INFO(reason);
        CHECK(refusal.exit_code == 2);
        CHECK(refusal.err.find(reason) != std::string::npos);
        CHECK_FALSE(boost::filesystem::exists(out));
        CHECK_FALSE(boost::filesystem::exists(out + ".partial"));
    }
    const auto no_folder =
        run_fulcrum(with({"batch", input, "-o", dir + "/missing/out.jsonl", "--quiet"}, base_args()));
    CHECK(no_folder.exit_code == 2);
    CHECK(no_folder.err.find("-o " + dir + "/missing/out.jsonl: cannot write: folder") != std::string::npos);
}

TEST_CASE("batch --fail-on gates the whole batch", "[batch]") {
    const std::string dir = scratch_dir("batch-gate");
    const std::string input = write_jsonl(dir, 10);
    CHECK(run_fulcrum(with({"batch", input, "--fail-on", "never"}, base_args())).exit_code == 0);
    // These proposals need conditions (no MFA on confidential data), so the
    // stricter gate fails.
    const auto r = run_fulcrum(with({"batch", input, "--fail-on", "conditions"}, base_args()));
    CHECK(r.exit_code == 1);
    // The log of a CI job says which proposals stopped it, and where they are.
    CHECK(r.err.find("--fail-on conditions: 10 proposal(s) not approved outright:") != std::string::npos);
    CHECK(r.err.find("fulcrum:   p-0 (" + input + ":1): ") != std::string::npos);
    CHECK(r.err.find("fulcrum:   p-9 (" + input + ":10): ") != std::string::npos);
    CHECK(r.err.find("more") == std::string::npos);
    const std::string many = write_jsonl(dir, 25, "many.jsonl");
    const auto more = run_fulcrum(with({"batch", many, "--fail-on", "conditions"}, base_args()));
    CHECK(more.exit_code == 1);
    CHECK(more.err.find("fulcrum:   and 15 more\n") != std::string::npos);
    CHECK(more.err.find("p-10 (") == std::string::npos); // the first ten are shown
    CHECK(run_fulcrum(with({"batch", input, "--fail-on", "sometimes"}, base_args())).exit_code == 2);
}

namespace {

// Runs a batch, kills it with `signal` once some records are out, resumes,
// and checks that every proposal appears exactly once, in order.
void kill_and_resume(int signal, const std::string& name) {
    const std::string dir = scratch_dir(name);
    // Enough proposals that the batch is still running when the signal comes;
    // an ASan build (scripts/sanitize.sh) reviews about forty times slower.
    const int count = fulcrum::k_address_sanitizer ? 1000 : 8000;
    const std::string input = write_jsonl(dir, count);
    const std::string out = dir + "/out.jsonl";
    const std::string partial = out + ".partial";
    const int pid =
        spawn_fulcrum(with({"batch", input, "-o", out, "-j", "2"}, base_args()), dir + "/1.out", dir + "/1.err");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline &&
           (!boost::filesystem::exists(partial) || count_lines(partial) < static_cast<size_t>(count / 25))) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ::kill(pid, signal);
    const int first = wait_exit(pid);
    if (first == 0) {
        WARN("the batch finished before it could be interrupted; the machine is faster than this test assumes");
        return;
    }
    CHECK(first == (signal == SIGKILL ? 128 + SIGKILL : 130));
    REQUIRE(boost::filesystem::exists(partial));
    const size_t before = count_lines(partial);
    CHECK(before > 0);
    CHECK(before < static_cast<size_t>(count));
    if (signal != SIGKILL) {
        CHECK(read_text(dir + "/1.err").find("--resume") != std::string::npos);
        // Without --resume the partial output is protected.
        CHECK(run_fulcrum(with({"batch", input, "-o", out}, base_args())).exit_code == 2);
    }
    const auto resumed = run_fulcrum(with({"batch", input, "-o", out, "-j", "2", "--resume"}, base_args()));
    INFO(resumed.err);
    REQUIRE(resumed.exit_code == 0);
    CHECK_FALSE(boost::filesystem::exists(partial));
    const auto records = read_json_lines(out);
    REQUIRE(records.size() == static_cast<size_t>(count));
    for (size_t i = 0; i < records.size(); ++i) {
        REQUIRE(records[i]["index"] == i);
    }
}

} // namespace

TEST_CASE("SIGTERM stops a batch cleanly and --resume finishes it without doubles", "[batch][resume]") {
    kill_and_resume(SIGTERM, "batch-sigterm");
}

TEST_CASE("a batch killed outright (SIGKILL) resumes without loss or doubles", "[batch][resume]") {
    kill_and_resume(SIGKILL, "batch-sigkill");
}

TEST_CASE("batch --resume with nothing to resume reviews the whole batch: a job can always pass it",
          "[batch][resume]") {
    const std::string dir = scratch_dir("batch-resume-fresh");
    const std::string input = write_jsonl(dir, 12);
    const std::string out = dir + "/out.jsonl";
    for (int run = 0; run < 2; ++run) { // no file yet, then a finished one
        INFO("run " << run);
        const auto r = run_fulcrum(with({"batch", input, "-o", out, "--resume"}, base_args()));
        CHECK(r.exit_code == 0);
        const auto records = read_json_lines(out);
        REQUIRE(records.size() == 12);
        CHECK(records.back()["index"] == 11);
        CHECK_FALSE(boost::filesystem::exists(out + ".partial"));
    }
}

TEST_CASE("a batch record's review is, byte for byte, the review `fulcrum review` prints", "[batch][reports]") {
    // Batch records print the review straight to text (report/json_writer);
    // `fulcrum review` prints it from a tree. With the quantified parts on,
    // every example must come out the same, key order and numbers included.
    const std::string dir = scratch_dir("batch-review-parity");
    const std::string examples = source_path("examples/proposals");
    const std::string out = dir + "/out.jsonl";
    const auto batch =
        run_fulcrum(with({"batch", examples, "-o", out, "--quiet", "--quant", "--iterations", "2000"}, base_args()));
    INFO(batch.err);
    REQUIRE(batch.exit_code != 2);
    std::ifstream lines(out);
    std::string line;
    size_t compared = 0;
    while (std::getline(lines, line)) {
        const json record = json::parse(line);
        const std::string input = record.at("input").get<std::string>();
        INFO(input);
        const std::string marker = ",\"review\":";
        const size_t at = line.find(marker);
        REQUIRE(at != std::string::npos);
        const std::string from_batch = line.substr(at + marker.size(), line.size() - at - marker.size() - 1);
        const auto single = run_fulcrum(with({"review", input, "--iterations", "2000"}, base_args()));
        REQUIRE(single.exit_code != 2);
        CHECK(from_batch == nlohmann::ordered_json::parse(single.out).dump());
        ++compared;
    }
    CHECK(compared >= 15);
}

TEST_CASE("batch --fx names the entry at fault", "[batch][fx]") {
    const std::string dir = scratch_dir("batch-fx");
    const std::string input = write_jsonl(dir, 2);
    const auto fx = [&](std::vector<std::string> args) {
        return run_fulcrum(with(with({"batch", input, "-o", dir + "/out.jsonl", "--quiet"}, args), base_args()));
    };
    const std::vector<std::string> budget = {"--innovation-budget", "1000000", "--budget-currency", "EUR"};
    struct Case {
        std::vector<std::string> args;
        std::string message;
    };
    const std::vector<Case> cases = {
        {{"--innovation-budget", "1000", "--fx", "GBP=1.17"},
         "--fx: name the budgets' currency with --budget-currency"},
        {with(budget, {"--fx", "GBP:1.17"}), "--fx 'GBP:1.17': expected CODE=RATE"},
        {with(budget, {"--fx", "gbp=1.17"}), "--fx 'gbp=1.17': expected CODE=RATE"},
        {with(budget, {"--fx", "GBP=abc"}), "--fx GBP=abc: the rate must be a positive number (one GBP in EUR)"},
        {with(budget, {"--fx", "GBP=-1"}), "--fx GBP=-1: the rate must be a positive number"},
        {with(budget, {"--fx", "GBP=inf"}), "--fx GBP=inf: the rate must be a positive number"},
        {with(budget, {"--fx", "GBP="}), "--fx GBP=: the rate must be a positive number"},
        {with(budget, {"--fx", "EUR=1"}), "--fx EUR=1: EUR is the budgets' currency already"},
        {with(budget, {"--fx", "GBP=1.17", "--fx", "USD=0.9,GBP=1.2"}), "--fx: GBP is given twice"},
    };
    for (const Case& c : cases) {
        INFO(c.message);
        const auto r = fx(c.args);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find(c.message) != std::string::npos);
    }
    const auto ok = fx(with(budget, {"--fx", "GBP=1.17,USD=0.92", "--summary", dir + "/summary.json"}));
    REQUIRE(ok.exit_code == 0);
    const json funding = json::parse(read_text(dir + "/summary.json"))["funding"];
    CHECK(funding["exchange_rates"] == json{{"GBP", 1.17}, {"USD", 0.92}});
    CHECK(funding["currency"] == "EUR");
    CHECK_FALSE(funding.contains("other_currencies")); // the proposals are in USD, which has a rate
    CHECK(funding["candidates"].get<int>() >= 0);
}
