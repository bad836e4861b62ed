// The fulcrum program as a user meets it: bad proposals (exit 3 with the file,
// the JSON pointer and what was expected, or the line and column), usage
// errors (exit 2), help and version, the --fail-on gate (exit 1), appetite
// presets and atomic -o output. Decisions are steered with the scripted
// fixture plugin (tests/fixtures/plugins/scripted.cpp) so that these tests
// do not depend on the first-party plugins' rules.
#include "test_support.hpp"

#include <boost/filesystem.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <regex>
#include <string>
#include <vector>

using fulcrum::test::fixture_plugin_dir;
using fulcrum::test::run_fulcrum;
using fulcrum::test::RunResult;
using fulcrum::test::scratch_dir;
using fulcrum::test::source_path;
using nlohmann::json;
namespace fs = boost::filesystem;

namespace {

std::string bad(const std::string& name) {
    return source_path("tests/fixtures/proposals/" + name);
}
std::string scripted(const std::string& name) {
    return source_path("tests/fixtures/proposals/scripted/" + name + ".yaml");
}

// `fulcrum review FILES... ARGS...` with only the scripted plugin loaded.
RunResult review_scripted(const std::vector<std::string>& files, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"review", "--no-default-plugins", "--plugin-dir", fixture_plugin_dir("scripted")};
    const auto& trust = fulcrum::test::fixture_plugin_options();
    args.insert(args.end(), trust.begin(), trust.end());
    args.insert(args.end(), files.begin(), files.end());
    args.insert(args.end(), extra.begin(), extra.end());
    return run_fulcrum(args);
}

std::string decision_of(const RunResult& r) {
    INFO("stderr: " << r.err);
    json review;
    REQUIRE_NOTHROW(review = json::parse(r.out));
    return review.at("joint").at("decision").get<std::string>();
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::vector<std::string> entries_of(const std::string& dir) {
    std::vector<std::string> out;
    for (fs::directory_iterator it(dir), end; it != end; ++it) {
        out.push_back(it->path().filename().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

TEST_CASE("a bad proposal exits 3 naming the file, the pointer and what was expected", "[cli]") {
    struct Case {
        std::string file;
        std::string message; // after "<path>"
    };
    const std::vector<Case> cases = {
        {"records-many.yaml", ": /data/records: expected a non-negative integer, got \"many\""},
        {"negative-records.yaml", ": /data/records: expected a non-negative integer, got -5000"},
        {"missing-title.yaml", ": /title: expected a non-empty string, got nothing"},
        {"wrong-type-deep.yaml",
         ": /business_case/benefits/1/annual_value/likely: expected a non-negative number, got \"lots\""},
        {"invalid-json.json", ":4:42: invalid JSON: syntax error while parsing value - unexpected ']'"},
        {"empty.yaml", ": expected a proposal (an object with id, title and technologies), got an empty document"},
        {"wrong-type-names.yaml", ": /sponsor/name: expected a string, got 42\n" + bad("wrong-type-names.yaml") +
                                      ": /vendor/name: expected a string, got [\"ExampleCRM\",\"Inc.\"]"},
        {"a-list.yaml", ": expected a proposal (an object with id, title and technologies), got [{"},
    };
    for (const auto& c : cases) {
        const std::string path = bad(c.file);
        const RunResult r = review_scripted({path});
        INFO(c.file << " stderr: " << r.err);
        CHECK(r.exit_code == 3);
        CHECK(contains(r.err, "fulcrum: error: " + path + c.message));
        CHECK(r.out.empty());
    }
}

TEST_CASE("invalid YAML exits 3 naming the line and column", "[cli]") {
    const std::string path = bad("invalid-yaml.yaml");
    const RunResult r = review_scripted({path});
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 3);
    // The flow sequence opened on line 5 is never closed; yaml-cpp notices on line 6.
    CHECK(std::regex_search(r.err, std::regex(std::regex_replace(path, std::regex("[.]"), "[.]") +
                                              ":[56]:[0-9]+: invalid YAML: end of sequence flow not found")));
}

TEST_CASE("a missing proposal file exits 3 and says it cannot be read", "[cli]") {
    const std::string path = bad("no-such-file.yaml");
    const RunResult r = review_scripted({path});
    CHECK(r.exit_code == 3);
    CHECK(contains(r.err, path + ": cannot read: No such file or directory"));
}

TEST_CASE("unknown fields are warned about, kept, and the review goes ahead", "[cli]") {
    const std::string path = bad("unknown-field.yaml");
    const RunResult r = run_fulcrum({"review", path});
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.err, "warning: " + path + ": /budget_owner: unknown field, kept but not used by Fulcrum itself"));
    CHECK(contains(r.err, "warning: " + path + ": /data/colour: unknown field, kept but not used by Fulcrum itself"));
    const json review = json::parse(r.out);
    CHECK(review.at("proposal").at("id") == "unknown-field");
    CHECK(review.at("warnings").size() == 2);
}

TEST_CASE("one bad file among good ones: the good reviews are printed and the exit is 3", "[cli]") {
    const RunResult r = review_scripted({scripted("approve"), bad("records-many.yaml"), scripted("conditions")});
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 3);
    CHECK(contains(r.err, bad("records-many.yaml") + ": /data/records: expected a non-negative integer"));
    const json reviews = json::parse(r.out);
    REQUIRE(reviews.is_array());
    REQUIRE(reviews.size() == 2);
    CHECK(reviews[0].at("proposal").at("id") == "scripted-approve");
    CHECK(reviews[1].at("proposal").at("id") == "scripted-conditions");
}

TEST_CASE("usage errors exit 2 with a message saying what is wrong", "[cli]") {
    const std::string good = scripted("approve");
    struct Case {
        std::vector<std::string> args;
        std::string message;
    };
    const std::vector<Case> cases = {
        {{}, "Usage: fulcrum COMMAND"},
        {{"frobnicate"}, "unknown command 'frobnicate'"},
        {{"review"}, "review: no proposal given"},
        {{"review", good, "--frobnicate"}, "unrecognised option '--frobnicate'"},
        {{"review", good, "--format", "xml"}, "--format xml: expected json, markdown, html, sarif or oscal"},
        {{"review", good, "--format"}, "the required argument for option '--format' is missing"},
        {{"review", good, "--appetite", "reckless"}, "--appetite reckless: expected tolerant, balanced or averse"},
        {{"review", good, "--fail-on", "sometimes"}, "--fail-on sometimes: expected reject, conditions or never"},
        {{"review", good, "--plugin-dir", "/nonexistent/plugins"},
         "--plugin-dir /nonexistent/plugins: no such directory"},
        {{"review", good, "--config", "/nonexistent/policy.json"}, "--config /nonexistent/policy.json: no such file"},
        {{"plugins", "frobnicate"}, "plugins: unknown subcommand 'frobnicate'"},
        {{"plugins", "list", "--format", "xml"}, "--format xml: expected text or json"},
    };
    for (const auto& c : cases) {
        const RunResult r = run_fulcrum(c.args);
        std::string shown;
        for (const auto& a : c.args) {
            shown += " " + a;
        }
        INFO("fulcrum" << shown << "\nstderr: " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(contains(r.err, c.message));
        CHECK(r.out.empty());
    }
}

TEST_CASE("help works on every command and exits 0", "[cli]") {
    for (const char* flag : {"--help", "-h", "help"}) {
        const RunResult r = run_fulcrum({flag});
        CHECK(r.exit_code == 0);
        CHECK(contains(r.out, "Usage: fulcrum COMMAND"));
    }
    // Every command the top-level help lists must answer --help itself.
    const std::string help = run_fulcrum({"--help"}).out;
    const auto start = help.find("Commands:\n");
    REQUIRE(start != std::string::npos);
    const std::string section = help.substr(start, help.find("\n\n", start) - start);
    std::vector<std::string> commands;
    const std::regex line("\n  ([a-z]+)");
    for (std::sregex_iterator it(section.begin(), section.end(), line), end; it != end; ++it) {
        commands.push_back((*it)[1]);
    }
    CHECK(std::find(commands.begin(), commands.end(), "review") != commands.end());
    CHECK(std::find(commands.begin(), commands.end(), "plugins") != commands.end());
    for (const auto& command : commands) {
        for (const char* flag : {"--help", "-h"}) {
            const RunResult r = run_fulcrum({command, flag});
            INFO("fulcrum " << command << " " << flag << "\nstderr: " << r.err);
            CHECK(r.exit_code == 0);
            CHECK(contains(r.out, "Usage: fulcrum " + command));
        }
    }
    const RunResult list = run_fulcrum({"plugins", "list", "--help"});
    CHECK(list.exit_code == 0);
    CHECK(contains(list.out, "Usage: fulcrum plugins list"));
    CHECK(contains(list.out, "--format"));
    const RunResult review = run_fulcrum({"review", "--help"});
    for (const char* option : {"--format", "--output", "--config", "--appetite", "--plugin-dir", "--fail-on"}) {
        CHECK(contains(review.out, option));
    }
}

TEST_CASE("the version flag prints the version and exits 0", "[cli]") {
    const RunResult r = run_fulcrum({"--version"});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "fulcrum " FULCRUM_VERSION "\n");
}

TEST_CASE("the scripted proposals reach the decisions the gate tests rely on", "[cli]") {
    CHECK(decision_of(review_scripted({scripted("approve")})) == "approve");
    CHECK(decision_of(review_scripted({scripted("conditions")})) == "approve_with_conditions");
    CHECK(decision_of(review_scripted({scripted("reject")})) == "reject");
    CHECK(decision_of(review_scripted({scripted("appetite")}, {"--appetite", "averse"})) == "defer");
}

TEST_CASE("the --fail-on gate exits 1 exactly when a decision crosses it", "[cli]") {
    struct Case {
        std::string proposal;
        std::vector<std::string> appetite;
        int never, reject, conditions; // expected exit codes
    };
    const std::vector<Case> cases = {
        {"approve", {}, 0, 0, 0},
        {"conditions", {}, 0, 0, 1},
        {"appetite", {"--appetite", "averse"}, 0, 0, 1}, // defer
        {"reject", {}, 0, 1, 1},
    };
    for (const auto& c : cases) {
        for (const auto& [gate, expected] : std::vector<std::pair<std::string, int>>{
                 {"never", c.never}, {"reject", c.reject}, {"conditions", c.conditions}}) {
            std::vector<std::string> extra = c.appetite;
            extra.insert(extra.end(), {"--fail-on", gate});
            const RunResult r = review_scripted({scripted(c.proposal)}, extra);
            INFO(c.proposal << " --fail-on " << gate << "\nstderr: " << r.err);
            CHECK(r.exit_code == expected);
            CHECK_FALSE(r.out.empty()); // the review is printed whatever the gate says
        }
    }
    // Without --fail-on nothing fails the gate.
    CHECK(review_scripted({scripted("reject")}).exit_code == 0);
    // Over several proposals the gate fails when any one decision crosses it,
    // and says which.
    const RunResult several = review_scripted({scripted("approve"), scripted("reject")}, {"--fail-on", "reject"});
    CHECK(several.exit_code == 1);
    CHECK(several.err.find("--fail-on reject: 1 proposal(s) rejected:\nfulcrum:   ") != std::string::npos);
    CHECK(several.err.find(scripted("reject") + "): reject\n") != std::string::npos);
    CHECK(several.err.find(scripted("approve")) == std::string::npos);
    CHECK(review_scripted({scripted("approve"), scripted("conditions")}, {"--fail-on", "reject"}).exit_code == 0);
}

TEST_CASE("invalid input outranks a plugin failure, which outranks the gate", "[cli]") {
    const std::vector<std::string> gate = {"--fail-on", "reject"};
    std::vector<std::string> broken_plugin = {"--plugin-dir", fixture_plugin_dir("newer_abi"), "--fail-on", "reject"};
    CHECK(review_scripted({scripted("reject")}, broken_plugin).exit_code == 4);
    CHECK(review_scripted({scripted("reject"), bad("records-many.yaml")}, broken_plugin).exit_code == 3);
    CHECK(review_scripted({scripted("reject"), bad("records-many.yaml")}, gate).exit_code == 3);
}

TEST_CASE("an --appetite preset changes the decision on the same proposal", "[cli]") {
    const std::string p = scripted("appetite");
    CHECK(decision_of(review_scripted({p}, {"--appetite", "tolerant"})) == "approve");
    CHECK(decision_of(review_scripted({p})) == "approve_with_conditions");
    CHECK(decision_of(review_scripted({p}, {"--appetite", "balanced"})) == "approve_with_conditions");
    CHECK(decision_of(review_scripted({p}, {"--appetite", "averse"})) == "defer");
    const json review = json::parse(review_scripted({p}, {"--appetite", "averse"}).out);
    CHECK(review.at("policy").at("appetite") == "averse");
}

TEST_CASE("output to a file with -o is written atomically", "[cli]") {
    const std::string dir = scratch_dir("cli-output");
    const std::string target = dir + "/review.json";
    fulcrum::test::write_text(target, "an older review\n");

    const RunResult r = review_scripted({scripted("conditions")}, {"-o", target});
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.empty());
    const json review = json::parse(fulcrum::test::read_text(target));
    CHECK(review.at("proposal").at("id") == "scripted-conditions");
    // No temporary file is left beside the output.
    CHECK(entries_of(dir) == std::vector<std::string>{"review.json"});

    const std::string md = dir + "/review.md";
    const RunResult m = review_scripted({scripted("conditions")}, {"--format", "markdown", "--output", md});
    CHECK(m.exit_code == 0);
    CHECK(fulcrum::test::read_text(md).rfind("# Scripted proposal approved with conditions\n", 0) == 0);
    CHECK(entries_of(dir) == std::vector<std::string>{"review.json", "review.md"});
}

TEST_CASE("output to a path that cannot be written fails clearly and leaves nothing behind", "[cli]") {
    const std::string dir = scratch_dir("cli-output-bad");
    const std::string missing = dir + "/no-such-folder/review.json";
    const RunResult r = review_scripted({scripted("approve")}, {"-o", missing});
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "fulcrum: error: -o " + missing + ": cannot write: folder " + dir +
                              "/no-such-folder: No such file or directory"));

    // A folder where the file should go: refused before the review, nothing left behind.
    fs::create_directories(dir + "/taken");
    const RunResult t = review_scripted({scripted("approve")}, {"-o", dir + "/taken"});
    CHECK(t.exit_code == 2);
    CHECK(contains(t.err, "fulcrum: error: -o " + dir + "/taken: cannot write: it is a folder"));
    CHECK(entries_of(dir) == std::vector<std::string>{"taken"});
    CHECK(entries_of(dir + "/taken").empty());
}
