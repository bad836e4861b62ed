// Hostile inputs against the fulcrum program and the contribution check: every
// case in tests/fixtures/hostile (README.md there) gives its stated error with
// no crash or hang, plus the cases too large to keep as files, the limits on
// plugin output end to end, and -o that neither follows links nor destroys
// its inputs.
#include "plugin/contribution.hpp"
#include "proposal/limits.hpp"
#include "test_support.hpp"

#include <boost/filesystem.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace fulcrum;
using fulcrum::test::fixture_plugin_dir;
using fulcrum::test::read_text;
using fulcrum::test::run_fulcrum;
using fulcrum::test::RunResult;
using fulcrum::test::scratch_dir;
using fulcrum::test::source_path;
using fulcrum::test::write_text;
using nlohmann::json;
namespace fs = boost::filesystem;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

struct Expectation {
    std::vector<std::pair<std::string, std::string>> lines; // key, value in file order
    std::string get(const std::string& key) const {
        for (const auto& [k, v] : lines) {
            if (k == key) {
                return v;
            }
        }
        return "";
    }
};

Expectation read_expectation(const std::string& path) {
    Expectation out;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') {
            continue;
        }
        const auto colon = line.find(": ");
        out.lines.emplace_back(colon == std::string::npos ? line : line.substr(0, colon),
                               colon == std::string::npos ? "" : line.substr(colon + 2));
    }
    return out;
}

// The cases of one folder: each input file that has an NAME.EXT.expect.
std::vector<std::string> cases_in(const std::string& folder) {
    std::vector<std::string> out;
    for (fs::directory_iterator it(source_path("tests/fixtures/hostile/" + folder)), end; it != end; ++it) {
        const std::string path = it->path().string();
        if (it->path().extension() != ".expect" && fs::exists(path + ".expect")) {
            out.push_back(path);
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

// A crash under the sanitizers, or the host's last-resort handler, is never
// an acceptable answer to bad input.
void check_no_crash(const RunResult& r) {
    CHECK(r.exit_code < 128);
    CHECK(!contains(r.err, "Sanitizer"));
    CHECK(!contains(r.err, "runtime error:"));
    CHECK(!contains(r.err, "terminate called"));
}

RunResult review(const std::string& file, const std::string& limits_json, const std::string& scratch) {
    std::vector<std::string> args = {"review", file};
    if (!limits_json.empty()) {
        const std::string config = scratch + "/policy.json";
        write_text(config, R"({"name": "hostile", "limits": )" + limits_json + "}");
        args.insert(args.end(), {"--config", config});
    }
    return run_fulcrum(args);
}

} // namespace

TEST_CASE("every hostile proposal gives its stated error", "[hostile]") {
    const auto cases = cases_in("proposals");
    REQUIRE(cases.size() >= 20);
    const std::string scratch = scratch_dir("hostile-proposals");
    for (const auto& path : cases) {
        const Expectation expect = read_expectation(path + ".expect");
        const std::string name = fs::path(path).filename().string();
        INFO("case " << name);
        const auto start = std::chrono::steady_clock::now();
        const RunResult r = review(path, expect.get("limits"), scratch);
        INFO("stderr: " << r.err.substr(0, 2000));
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(60));
        check_no_crash(r);
        REQUIRE(!expect.get("exit").empty());
        CHECK(r.exit_code == std::stoi(expect.get("exit")));
        for (const auto& [key, value] : expect.lines) {
            if (key == "error") {
                CHECK(contains(r.err, value));
            } else if (key == "absent") {
                CHECK(!contains(r.err, value));
                CHECK(!contains(r.out, value));
            }
        }
    }
}

TEST_CASE("every hostile contribution is refused with its stated reason", "[hostile]") {
    const auto cases = cases_in("contributions");
    REQUIRE(cases.size() >= 8);
    for (const auto& path : cases) {
        const Expectation expect = read_expectation(path + ".expect");
        INFO("case " << fs::path(path).filename().string());
        const std::string limits_json = expect.get("limits");
        const Limits limits = limits_json.empty() ? Limits{} : read_limits(json::parse(limits_json), "expect");
        const auto result = read_contribution(read_text(path), "cloud", limits);
        const std::string* refused = std::get_if<std::string>(&result);
        INFO("refused: " << (refused ? *refused : "(accepted)"));
        if (expect.get("refused").empty()) {
            CHECK(refused == nullptr);
        } else {
            REQUIRE(refused != nullptr);
            CHECK(contains(*refused, expect.get("refused")));
        }
    }
}

TEST_CASE("a 100,000-level nested proposal is refused in JSON and YAML", "[hostile]") {
    const std::string dir = scratch_dir("hostile-deep");
    const std::string nested = std::string(100000, '[') + std::string(100000, ']');
    write_text(dir + "/deep.json", nested);
    write_text(dir + "/deep.yaml", nested);
    RunResult r = run_fulcrum({"review", dir + "/deep.json"});
    check_no_crash(r);
    CHECK(r.exit_code == 3);
    CHECK(contains(r.err, "deep.json: /0/0/0/"));
    CHECK(contains(r.err, "nested deeper than the limit of 64 arrays and objects (limits.depth)"));
    r = run_fulcrum({"review", dir + "/deep.yaml"});
    check_no_crash(r);
    CHECK(r.exit_code == 3);
    CHECK(contains(r.err, "deep.yaml:1:"));
    CHECK(contains(r.err, "(limits.depth)"));
}

TEST_CASE("a proposal far past the size limit is refused without reading it", "[hostile]") {
    const std::string dir = scratch_dir("hostile-size");
    const std::string path = dir + "/huge.yaml";
    std::ofstream(path).close();
    REQUIRE(::truncate(path.c_str(), off_t{64} << 30) == 0); // 64 GiB, sparse
    const auto start = std::chrono::steady_clock::now();
    RunResult r = run_fulcrum({"review", path});
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(30));
    CHECK(r.exit_code == 3);
    CHECK(
        contains(r.err, "huge.yaml: 68719476736 bytes, more than the limit of 1048576 bytes (limits.proposal_bytes)"));
    // An endless stream has no size to check first: it is cut one byte past the limit.
    r = run_fulcrum({"review", "/dev/zero"});
    CHECK(r.exit_code == 3);
    CHECK(contains(r.err, "/dev/zero: more than the limit of 1048576 bytes (limits.proposal_bytes)"));
}

TEST_CASE("a plugin past a contribution limit fails alone, naming the limit", "[hostile]") {
    const std::string dir = scratch_dir("hostile-contribution-limit");
    write_text(dir + "/policy.json", R"({"name": "tight", "limits": {"contribution_questions": 1}})");
    write_text(dir + "/p.yaml", "id: p\ntitle: Two questions\ntechnologies:\n  - category: scripted\n"
                                "    benefit: 60\n    questions: 2\n");
    const RunResult r =
        run_fulcrum({"review", dir + "/p.yaml", "--config", dir + "/policy.json", "--no-default-plugins",
                     "--plugin-dir", fixture_plugin_dir("scripted"), "--allow-untrusted"});
    INFO("stderr: " << r.err);
    check_no_crash(r);
    CHECK(r.exit_code == 4);
    const json review = json::parse(r.out);
    CHECK(review["complete"] == false);
    REQUIRE(review["plugins"].size() == 1);
    CHECK(review["plugins"][0]["status"] == "failed");
    CHECK(contains(review["plugins"][0]["error"].get<std::string>(),
                   "/questions: 2 questions, more than the limit of 1 (limits.contribution_questions)"));
}

TEST_CASE("batch and simulate refuse to write over an input, a proposal in an input folder, the config or a link",
          "[hostile]") {
    const std::string dir = scratch_dir("hostile-batch-output-input");
    fs::create_directories(dir + "/in/sub");
    const std::string proposal = dir + "/in/sub/p.yaml";
    fs::copy_file(source_path("examples/proposals/crm-saas-migration.yaml"), proposal);
    const std::string before = read_text(proposal);
    write_text(dir + "/policy.json", R"({"name": "mine"})");
    struct Case {
        std::vector<std::string> args;
        std::string message;
    };
    const std::vector<Case> cases = {
        {{"batch", proposal, "-o", proposal}, "-o " + proposal + ": it is also an input"},
        {{"batch", dir + "/in", "-o", proposal}, "it is a proposal in the input folder " + dir + "/in"},
        {{"batch", dir + "/in", "--summary", dir + "/in/../in/sub/p.yaml"}, "--summary"},
        {{"batch", dir + "/in", "--config", dir + "/policy.json", "--summary", dir + "/policy.json"},
         "it is also an input"},
    };
    for (const auto& c : cases) {
        const RunResult r = run_fulcrum(c.args);
        INFO(c.args[3] << " " << c.args.back() << "\nstderr: " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(contains(r.err, c.message));
        CHECK(read_text(proposal) == before);
        CHECK(read_text(dir + "/policy.json") == R"({"name": "mine"})");
    }
    fs::create_symlink(dir + "/elsewhere.jsonl", dir + "/link.jsonl");
    const RunResult link = run_fulcrum({"batch", proposal, "-o", dir + "/link.jsonl"});
    CHECK(link.exit_code == 2);
    CHECK(contains(link.err, "it is a symbolic link"));
    CHECK(fs::is_symlink(dir + "/link.jsonl"));
    CHECK(!fs::exists(dir + "/elsewhere.jsonl"));

    const std::string scenarios = dir + "/scenarios.csv";
    fs::copy_file(source_path("bench/quant/scenarios.csv"), scenarios);
    const std::string csv = read_text(scenarios);
    const RunResult r = run_fulcrum({"simulate", scenarios, "-o", scenarios});
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "it is also an input"));
    CHECK(read_text(scenarios) == csv);
}

TEST_CASE("output (-o) refuses to overwrite an input, however it is spelled", "[hostile]") {
    const std::string dir = scratch_dir("hostile-output-input");
    const std::string proposal = source_path("examples/proposals/crm-saas-migration.yaml");
    const std::string copy = dir + "/p.yaml";
    fs::copy_file(proposal, copy);
    const std::string before = read_text(copy);
    for (const std::string& output : {copy, dir + "/../hostile-output-input/p.yaml"}) {
        const RunResult r = run_fulcrum({"review", copy, "-o", output});
        CHECK(r.exit_code == 2);
        CHECK(contains(r.err, "it is also an input"));
        CHECK(read_text(copy) == before);
    }
    fs::create_hard_link(copy, dir + "/hard.yaml");
    RunResult r = run_fulcrum({"review", copy, "-o", dir + "/hard.yaml"});
    CHECK(r.exit_code == 2);
    CHECK(read_text(copy) == before);
    // The policy is an input too.
    write_text(dir + "/policy.json", R"({"name": "mine"})");
    r = run_fulcrum({"review", copy, "--config", dir + "/policy.json", "-o", dir + "/policy.json"});
    CHECK(r.exit_code == 2);
    CHECK(read_text(dir + "/policy.json") == R"({"name": "mine"})");
}

TEST_CASE("output (-o) never follows or replaces a symbolic link", "[hostile]") {
    const std::string dir = scratch_dir("hostile-output-link");
    write_text(dir + "/precious.txt", "keep me");
    fs::create_symlink(dir + "/precious.txt", dir + "/report.json");
    const std::string proposal = source_path("examples/proposals/crm-saas-migration.yaml");
    const RunResult r = run_fulcrum({"review", proposal, "-o", dir + "/report.json"});
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "it is a symbolic link"));
    CHECK(read_text(dir + "/precious.txt") == "keep me");
    CHECK(fs::is_symlink(dir + "/report.json"));
    // A dangling link is no different: nothing is created where it points.
    fs::create_symlink(dir + "/elsewhere.json", dir + "/dangling.json");
    CHECK(run_fulcrum({"review", proposal, "-o", dir + "/dangling.json"}).exit_code == 2);
    CHECK(!fs::exists(dir + "/elsewhere.json"));
}

TEST_CASE("output (-o) writes devices in place and keeps a file's permissions", "[hostile]") {
    const std::string proposal = source_path("examples/proposals/crm-saas-migration.yaml");
    RunResult r = run_fulcrum({"review", proposal, "-o", "/dev/null"});
    CHECK(r.exit_code == 0);
    struct stat st {};
    REQUIRE(::stat("/dev/null", &st) == 0);
    CHECK(S_ISCHR(st.st_mode)); // not replaced by a regular file
    const std::string dir = scratch_dir("hostile-output-mode");
    write_text(dir + "/private.json", "old");
    REQUIRE(::chmod((dir + "/private.json").c_str(), 0600) == 0);
    r = run_fulcrum({"review", proposal, "-o", dir + "/private.json"});
    CHECK(r.exit_code == 0);
    REQUIRE(::stat((dir + "/private.json").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(json::parse(read_text(dir + "/private.json"))["proposal"]["id"] == "crm-saas-migration");
}
