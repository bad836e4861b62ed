// `fulcrum plugins check` as a vendor's CI runs it: the first-party plugins
// pass every check, and each faulty fixture fails the check that matches its
// fault, for the stated reason, with exit 4.
#include "test_support.hpp"

#include <boost/filesystem.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using namespace fulcrum::test;
using nlohmann::json;

namespace {

struct Checked {
    RunResult run;
    json report;
};

Checked check(const std::string& plugin, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"plugins", "check", plugin, "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    Checked out{run_fulcrum(args), json()};
    INFO("stderr: " << out.run.err);
    REQUIRE_NOTHROW(out.report = json::parse(out.run.out));
    return out;
}

const json& check_named(const json& report, const std::string& name) {
    for (const auto& c : report.at("checks")) {
        if (c.at("name") == name) {
            return c;
        }
    }
    FAIL("no check named " << name);
    static const json none;
    return none;
}

std::string fixture_library(const std::string& name) {
    return fixture_plugin_dir(name) + "/" + name + ".so";
}

} // namespace

TEST_CASE("the first-party plugins pass every check", "[conformance]") {
    for (const char* plugin : {"cloud", "ai", "bigdata"}) {
        const std::string path = binary_path(std::string("lib/fulcrum/plugins/") + plugin + ".so");
        if (!boost::filesystem::exists(path)) {
            WARN("skipped: " << plugin << " is not built in this tree");
            continue;
        }
        DYNAMIC_SECTION(plugin) {
            const Checked c = check(path, {"--timeout", test_seconds(5)});
            CHECK(c.run.exit_code == 0);
            CHECK(c.report.at("passed") == true);
            CHECK(c.report.at("plugin").at("id") == plugin);
            CHECK(c.report.at("sha256").get<std::string>().size() == 64);
            for (const auto& one : c.report.at("checks")) {
                INFO(one.dump());
                CHECK(one.at("status") != "fail");
            }
            // A first-party plugin claims thread safety, so that check really ran.
            CHECK(check_named(c.report, "thread_safety").at("status") == "pass");
            // It offers the tree and findings entry points, and they answer as the text one does.
            CHECK(check_named(c.report, "entry_points").at("status") == "pass");
            CHECK(check_named(c.report, "entry_points").at("detail").get<std::string>().find("findings and tree") !=
                  std::string::npos);
            CHECK(check_named(c.report, "contributions").at("detail").get<std::string>().find("examples") !=
                  std::string::npos);
            CHECK(c.report.at("latency_ms").at("calls").get<int>() > 5);
        }
    }
}

TEST_CASE("each faulty fixture fails the check that matches its fault", "[conformance]") {
    struct Case {
        const char* fixture;
        const char* check;
        std::string reason;
    };
    const std::vector<Case> cases = {
        {"crash_segv", "contributions", "killed by SIGSEGV"},
        {"crash_abort", "contributions", "killed by SIGABRT"},
        {"hang_loop", "contributions", "timed out after " + test_seconds(1) + " s"},
        {"hang_blocked", "contributions", "timed out after " + test_seconds(1) + " s"},
        {"oom_grow", "contributions", "exceeded its memory limit (256 MB)"},
        {"garbage_protocol", "contributions", "wrote malformed output"},
        {"garbage_frame", "contributions", "past the limit of 16777216 bytes"},
        {"garbage_stdout", "quiet", "bytes to standard output or error"},
        {"garbage_random", "deterministic", "a second call in the same worker gave a different contribution"},
        {"garbage_racy", "thread_safety", "under 4 threads at once"},
        {"paths_disagree", "entry_points",
         "the findings entry point gave another contribution than the text one, first at /benefits/0/score"},
        {"throws", "contributions", "fixture failure: the rule engine fell over"},
        {"not_json", "contributions", "returned text that is not JSON"},
        {"bad_schema", "contributions", "fails the contribution schema at /risks/0/likelihood"},
        {"foreign_rules", "contributions", "is not under the plugin's id 'foreign_rules'"},
        {"newer_abi", "abi", "built for plugin ABI 2.0"},
        {"create_fails", "loads", "licence key missing"},
        {"bad_manifest", "manifest", "manifest field 'categories' is missing or empty"},
        {"no_entry", "loads", "not a plugin"},
    };
    for (const auto& c : cases) {
        if (untestable_here(c.fixture)) {
            continue;
        }
        DYNAMIC_SECTION(c.fixture) {
            const Checked r = check(fixture_library(c.fixture), {"--timeout", test_seconds(1), "--memory-mb", "256"});
            CHECK(r.run.exit_code == 4);
            CHECK(r.report.at("passed") == false);
            const json& failed = check_named(r.report, c.check);
            INFO(r.report.dump(2));
            CHECK(failed.at("status") == "fail");
            CHECK(failed.at("detail").get<std::string>().find(c.reason) != std::string::npos);
        }
    }
}

TEST_CASE("a fault at run time still lets the load-time checks pass", "[conformance]") {
    const Checked r = check(fixture_library("crash_segv"), {"--timeout", test_seconds(1)});
    for (const char* name : {"loads", "abi", "manifest"}) {
        CHECK(check_named(r.report, name).at("status") == "pass");
    }
    CHECK(check_named(r.report, "deterministic").at("status") == "skip");
    CHECK(check_named(r.report, "bad_input").at("status") == "fail");
}

TEST_CASE("the latency check follows --max-latency-ms", "[conformance]") {
    const Checked r = check(binary_path("lib/fulcrum/plugins/cloud.so"), {"--max-latency-ms", "0.0001"});
    CHECK(r.run.exit_code == 4);
    const json& latency = check_named(r.report, "latency");
    CHECK(latency.at("status") == "fail");
    CHECK(latency.at("detail").get<std::string>().find("limit: p95 0.00 ms") != std::string::npos);
}

TEST_CASE("plugins check: text report and usage errors", "[conformance]") {
    const RunResult text = run_fulcrum({"plugins", "check", binary_path("lib/fulcrum/plugins/cloud.so")});
    CHECK(text.exit_code == 0);
    CHECK(text.out.find("  PASS  contributions ") != std::string::npos);
    CHECK(text.out.find("result: PASS") != std::string::npos);

    CHECK(run_fulcrum({"plugins", "check"}).exit_code == 2);
    CHECK(run_fulcrum({"plugins", "check", "/nonexistent/p.so"}).exit_code == 2);
    CHECK(run_fulcrum({"plugins", "check", binary_path("lib/fulcrum/plugins/cloud.so"), "--threads", "0"}).exit_code ==
          2);
}
