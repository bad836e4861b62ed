// Process isolation as a user meets it: each faulty fixture (crash, abort,
// endless loop, blocked call, unbounded allocation, garbage in the channel)
// runs in a worker beside the real plugins; the review names it with its
// cause, keeps every other plugin's findings, says complete: false, and the
// run goes on. Over many proposals in one run, a worker that faults is
// replaced and answers the next proposal; a plugin that faults on every call
// is stopped after three in a row instead of holding the run up.
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>

#include <fstream>
#include <string>
#include <vector>

using namespace fulcrum::test;
using nlohmann::json;

namespace {

const std::string k_example = "examples/proposals/crm-saas-migration.yaml";

// A policy that is the default one plus `extra` sections.
std::string policy_with(const std::string& dir, const json& extra) {
    json config = json::parse(read_text(source_path("configs/default.json")));
    config.update(extra);
    const std::string path = dir + "/policy.json";
    write_text(path, config.dump(2));
    return path;
}

std::vector<std::string> with(std::vector<std::string> head, const std::vector<std::string>& tail) {
    head.insert(head.end(), tail.begin(), tail.end());
    return head;
}

const json* plugin_entry(const json& review, const std::string& id) {
    for (const auto& p : review.at("plugins")) {
        if (p.at("id") == id) {
            return &p;
        }
    }
    return nullptr;
}

// What the other plugins found: the review without the plugin list, the
// completeness flag and the rationale's closing sentence.
json findings_of(json review) {
    review.erase("plugins");
    review.erase("complete");
    review["joint"].erase("rationale");
    return review;
}

const json& baseline() {
    static const json review = [] {
        const RunResult r = run_fulcrum({"review", source_path(k_example)});
        REQUIRE(r.exit_code == 0);
        return json::parse(r.out);
    }();
    return review;
}

std::string proposal(const std::string& id) {
    return json{{"id", id},
                {"title", "Proposal " + id},
                {"technologies", {{{"category", "cloud"}, {"service_model", "saas"}, {"deployment", "public"}}}},
                {"data", {{"classification", "confidential"}, {"personal_data", true}, {"records", 50000}}},
                {"organization", {{"size", "medium"}, {"has_ciso", true}}},
                {"controls", {{{"id", "mfa"}, {"status", "planned"}}}}}
        .dump();
}

// `count` proposal files; those whose index is 7 modulo 20 have "fault" in their id.
std::vector<std::string> proposal_files(const std::string& dir, int count) {
    std::vector<std::string> files;
    for (int n = 0; n < count; ++n) {
        char id[32];
        std::snprintf(id, sizeof id, "p-%03d%s", n, n % 20 == 7 ? "-fault" : "");
        files.push_back(dir + "/" + id + ".json");
        write_text(files.back(), proposal(id));
    }
    return files;
}

struct Fault {
    const char* fixture;
    std::string cause; // as the review must state it
};

// 256 MB keeps the unbounded allocator quick to stop and light on the machine.
std::vector<Fault> testable(std::vector<Fault> faults) {
    faults.erase(
        std::remove_if(faults.begin(), faults.end(), [](const Fault& f) { return untestable_here(f.fixture); }),
        faults.end());
    return faults;
}

const std::vector<Fault> k_isolated_faults = testable({
    {"crash_segv", "killed by SIGSEGV"},
    {"crash_abort", "killed by SIGABRT"},
    {"hang_loop", "timed out after " + test_seconds(0.5) + " s"},
    {"hang_blocked", "timed out after " + test_seconds(0.5) + " s"},
    {"oom_grow", "exceeded its memory limit (256 MB)"},
    {"garbage_protocol", "wrote malformed output: bytes that are not a protocol frame"},
    {"garbage_frame", "wrote malformed output: a frame of 4294967280 bytes, past the limit of 16777216 bytes"},
    // The in-process fault fixtures, unchanged behind a worker.
    {"throws", "evaluate failed (status 3): fixture failure: the rule engine fell over"},
    {"not_json", "returned text that is not JSON"},
    {"bad_schema", "fails the contribution schema at /risks/0/likelihood"},
});

std::vector<std::string> isolated_args(const std::string& fixture, const std::string& policy) {
    return {"--plugin-dir",
            fixture_plugin_dir(fixture),
            "--allow-untrusted",
            "--plugin-timeout",
            test_seconds(0.5),
            "--config",
            policy};
}

} // namespace

TEST_CASE("each faulty plugin, isolated, costs only its own findings", "[isolation]") {
    const std::string dir = scratch_dir("isolation-each");
    const std::string policy = policy_with(dir, {{"isolation", {{"memory_mb", 256}}}});
    for (const auto& fault : k_isolated_faults) {
        DYNAMIC_SECTION(fault.fixture) {
            const RunResult r =
                run_fulcrum(with({"review", source_path(k_example)}, isolated_args(fault.fixture, policy)));
            INFO("stderr: " << r.err);
            CHECK(r.exit_code == 4);
            const json review = json::parse(r.out);
            CHECK(review.at("complete") == false);
            const json* entry = plugin_entry(review, fault.fixture);
            REQUIRE(entry != nullptr);
            CHECK(entry->at("status") == "failed");
            CHECK(entry->at("error").get<std::string>().find(fault.cause) != std::string::npos);
            CHECK(entry->at("trust") == "unverified");
            CHECK(*plugin_entry(review, "cloud") == *plugin_entry(baseline(), "cloud"));
            CHECK(findings_of(review) == findings_of(baseline()));
        }
    }
}

TEST_CASE("over 200 proposals, a worker that faults is replaced and answers the next one", "[isolation]") {
    const std::string dir = scratch_dir("isolation-restart");
    const std::vector<std::string> files = proposal_files(dir, 200);
    const std::vector<Fault> faults = testable({{"crash_segv", "killed by SIGSEGV"},
                                                {"hang_loop", "timed out after " + test_seconds(0.3) + " s"},
                                                {"oom_grow", "exceeded its memory limit (256 MB)"},
                                                {"garbage_protocol", "wrote malformed output"}});
    for (const auto& fault : faults) {
        DYNAMIC_SECTION(fault.fixture) {
            const std::string policy = policy_with(
                dir, {{"isolation", {{"memory_mb", 256}}},
                      {"plugins", {{"settings", {{fault.fixture, {{"fault_when_id_contains", "fault"}}}}}}}});
            const RunResult r = run_fulcrum(
                with(with({"review"}, files), {"--plugin-dir", fixture_plugin_dir(fault.fixture), "--allow-untrusted",
                                               "--plugin-timeout", test_seconds(0.3), "--config", policy}));
            INFO("stderr: " << r.err);
            CHECK(r.exit_code == 4);
            const json reviews = json::parse(r.out);
            REQUIRE(reviews.size() == 200);
            int faulted = 0;
            int answered = 0;
            for (const auto& review : reviews) {
                const std::string id = review.at("proposal").at("id");
                INFO("proposal " << id);
                const json* entry = plugin_entry(review, fault.fixture);
                REQUIRE(entry != nullptr);
                CHECK(plugin_entry(review, "cloud")->at("status") == "ok");
                if (id.find("fault") != std::string::npos) {
                    ++faulted;
                    CHECK(entry->at("status") == "failed");
                    CHECK(entry->at("error").get<std::string>().find(fault.cause) != std::string::npos);
                    CHECK(review.at("complete") == false);
                } else {
                    ++answered;
                    CHECK(entry->at("status") == "ok");
                    CHECK(review.at("complete") == true);
                    bool has_answer = false;
                    for (const auto& b : review.at("cio").at("benefits")) {
                        has_answer = has_answer || b.at("id") == std::string(fault.fixture) + ".answered";
                    }
                    CHECK(has_answer);
                }
            }
            CHECK(faulted == 10);
            CHECK(answered == 190);
        }
    }
}

TEST_CASE("a plugin that faults on every call is stopped after three in a row", "[isolation]") {
    const std::string dir = scratch_dir("isolation-stopped");
    const std::vector<std::string> files = proposal_files(dir, 50);
    const std::string policy = policy_with(dir, json::object());
    for (const auto& fault : std::vector<Fault>{{"crash_segv", "killed by SIGSEGV"},
                                                {"hang_blocked", "timed out after " + test_seconds(0.3) + " s"}}) {
        DYNAMIC_SECTION(fault.fixture) {
            const RunResult r = run_fulcrum(
                with(with({"review"}, files), {"--plugin-dir", fixture_plugin_dir(fault.fixture), "--allow-untrusted",
                                               "--plugin-timeout", test_seconds(0.3), "--config", policy}));
            INFO("stderr: " << r.err);
            CHECK(r.exit_code == 4);
            const json reviews = json::parse(r.out);
            REQUIRE(reviews.size() == 50);
            for (size_t i = 0; i < reviews.size(); ++i) {
                const std::string error = plugin_entry(reviews[i], fault.fixture)->at("error");
                INFO("review " << i << ": " << error);
                CHECK(plugin_entry(reviews[i], "cloud")->at("status") == "ok");
                if (i < 3) {
                    CHECK(error == fault.cause);
                } else {
                    CHECK(error ==
                          "not run: stopped after 3 failures in a row (last: " + std::string(fault.cause) + ")");
                }
            }
        }
    }
}

TEST_CASE("in process a crash takes fulcrum down; isolated it is one failed plugin", "[isolation]") {
    const std::vector<std::string> args = {"review", source_path(k_example), "--plugin-dir",
                                           fixture_plugin_dir("crash_segv"), "--allow-untrusted"};
    const RunResult in_process = run_fulcrum(with(args, {"--isolation", "in-process"}));
    CHECK(in_process.exit_code == 128 + 11); // SIGSEGV: no review at all
    CHECK(in_process.out.empty());

    const RunResult isolated = run_fulcrum(with(args, {"--isolation", "process"}));
    INFO("stderr: " << isolated.err);
    CHECK(isolated.exit_code == 4);
    CHECK(plugin_entry(json::parse(isolated.out), "crash_segv")->at("error") == "killed by SIGSEGV");
}

TEST_CASE("noise a plugin prints lands in fulcrum's output in process, nowhere when isolated", "[isolation]") {
    const std::vector<std::string> args = {"review", source_path(k_example), "--plugin-dir",
                                           fixture_plugin_dir("garbage_stdout"), "--allow-untrusted"};
    const RunResult isolated = run_fulcrum(args);
    INFO("stderr: " << isolated.err.substr(0, 500));
    CHECK(isolated.exit_code == 0);
    json review;
    REQUIRE_NOTHROW(review = json::parse(isolated.out));
    CHECK(plugin_entry(review, "garbage_stdout")->at("status") == "ok");
    CHECK(isolated.err.find("noise on standard error") == std::string::npos);

    const RunResult in_process = run_fulcrum(with(args, {"--isolation", "in-process"}));
    CHECK(in_process.exit_code == 0);
    CHECK(in_process.out.find(std::string(1000, '#')) != std::string::npos);
    CHECK_THROWS(json::parse(in_process.out));
}

TEST_CASE("survivable faults read the same in process and isolated", "[isolation]") {
    for (const char* fixture : {"throws", "not_json", "bad_schema", "foreign_rules"}) {
        DYNAMIC_SECTION(fixture) {
            const std::vector<std::string> args = {"review", source_path(k_example), "--plugin-dir",
                                                   fixture_plugin_dir(fixture), "--allow-untrusted"};
            const RunResult a = run_fulcrum(with(args, {"--isolation", "in-process"}));
            const RunResult b = run_fulcrum(with(args, {"--isolation", "process"}));
            CHECK(a.exit_code == 4);
            CHECK(b.exit_code == 4);
            CHECK(json::parse(a.out) == json::parse(b.out));
        }
    }
}

TEST_CASE("plugins list says how each plugin is trusted and where it runs", "[isolation]") {
    const RunResult r = run_fulcrum(
        {"plugins", "list", "--format", "json", "--plugin-dir", fixture_plugin_dir("scripted"), "--allow-untrusted"});
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    const json list = json::parse(r.out);
    bool saw_cloud = false;
    bool saw_scripted = false;
    for (const auto& p : list) {
        if (p.at("id") == "cloud") {
            saw_cloud = p.at("trust") == "first-party" && p.at("isolation") == "in-process";
        }
        if (p.at("id") == "scripted") {
            saw_scripted = p.at("trust") == "unverified" && p.at("isolation") == "process" &&
                           p.at("sha256").get<std::string>().size() == 64;
        }
    }
    CHECK(saw_cloud);
    CHECK(saw_scripted);
}

TEST_CASE("isolation options: bad values are usage errors", "[isolation]") {
    CHECK(run_fulcrum({"review", source_path(k_example), "--isolation", "sandbox"}).exit_code == 2);
    const RunResult t = run_fulcrum({"review", source_path(k_example), "--plugin-timeout", "0"});
    CHECK(t.exit_code == 2);
    CHECK(t.err.find("--plugin-timeout 0: expected a number of seconds above 0") != std::string::npos);
    const std::string dir = scratch_dir("isolation-bad-config");
    const RunResult c =
        run_fulcrum({"review", source_path(k_example), "--config", policy_with(dir, {{"isolation", {{"mode", 1}}}})});
    CHECK(c.exit_code == 3);
    CHECK(c.err.find("/isolation/mode: expected auto, in-process or process") != std::string::npos);
}

namespace {

std::string proposal_lines(const std::string& dir, int count) {
    std::string text;
    for (int n = 0; n < count; ++n) {
        char id[32];
        std::snprintf(id, sizeof id, "b-%04d%s", n, n % 20 == 7 ? "-fault" : "");
        text += proposal(id) + "\n";
    }
    const std::string path = dir + "/in.jsonl";
    write_text(path, text);
    return path;
}

} // namespace

TEST_CASE("every faulty fixture at once, isolated, in a batch of 1,000 proposals", "[isolation][batch]") {
    const std::string dir = scratch_dir("isolation-batch");
    const std::string input = proposal_lines(dir, 1000);
    const std::string policy = policy_with(dir, {{"isolation", {{"memory_mb", 256}}}});

    const RunResult base = run_fulcrum({"batch", input, "-o", dir + "/base.jsonl", "--jobs", "2", "--quiet"});
    INFO("stderr: " << base.err);
    REQUIRE(base.exit_code == 0);
    const std::vector<json> expected = read_json_lines(dir + "/base.jsonl");
    REQUIRE(expected.size() == 1000);

    std::vector<std::string> args = {
        "batch",   input,      "-o",   dir + "/out.jsonl", "--jobs",          "2",
        "--quiet", "--config", policy, "--plugin-timeout", test_seconds(0.5), "--allow-untrusted"};
    for (const auto& fault : k_isolated_faults) {
        args.push_back("--plugin-dir");
        args.push_back(fixture_plugin_dir(fault.fixture));
    }
    const RunResult r = run_fulcrum(args);
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 4);
    const std::vector<json> records = read_json_lines(dir + "/out.jsonl");
    REQUIRE(records.size() == 1000);
    for (size_t i = 0; i < records.size(); ++i) {
        const json& review = records[i].at("review");
        INFO("record " << i);
        CHECK(records[i].at("index") == expected[i].at("index"));
        CHECK(records[i].at("status") == "incomplete");
        CHECK(*plugin_entry(review, "cloud") == *plugin_entry(expected[i].at("review"), "cloud"));
        CHECK(findings_of(review) == findings_of(expected[i].at("review")));
        for (const auto& fault : k_isolated_faults) {
            const std::string error = plugin_entry(review, fault.fixture)->at("error");
            // The first failures give the cause; once a plugin is stopped, the cause is quoted.
            CHECK(error.find(fault.cause) != std::string::npos);
        }
    }
}

TEST_CASE("in a batch of 1,000, workers that fault now and then are replaced each time", "[isolation][batch]") {
    const std::string dir = scratch_dir("isolation-batch-restart");
    const std::string input = proposal_lines(dir, 1000);
    const std::vector<Fault> faults = testable({{"crash_segv", "killed by SIGSEGV"},
                                                {"oom_grow", "exceeded its memory limit (256 MB)"},
                                                {"garbage_protocol", "wrote malformed output"}});
    json settings = json::object();
    std::vector<std::string> args = {"batch",  input, "-o",      dir + "/out.jsonl",
                                     "--jobs", "2",   "--quiet", "--allow-untrusted"};
    for (const auto& fault : faults) {
        settings[fault.fixture] = {{"fault_when_id_contains", "fault"}};
        args.push_back("--plugin-dir");
        args.push_back(fixture_plugin_dir(fault.fixture));
    }
    args.push_back("--config");
    args.push_back(policy_with(dir, {{"isolation", {{"memory_mb", 256}}}, {"plugins", {{"settings", settings}}}}));
    const RunResult r = run_fulcrum(args);
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 4);
    const std::vector<json> records = read_json_lines(dir + "/out.jsonl");
    REQUIRE(records.size() == 1000);
    int faulted = 0;
    for (const auto& record : records) {
        const json& review = record.at("review");
        const bool fault_id = review.at("proposal").at("id").get<std::string>().find("fault") != std::string::npos;
        faulted += fault_id ? 1 : 0;
        CHECK(record.at("status") == (fault_id ? "incomplete" : "ok"));
        for (const auto& fault : faults) {
            const json* entry = plugin_entry(review, fault.fixture);
            CHECK(entry->at("status") == (fault_id ? "failed" : "ok"));
            if (fault_id) {
                CHECK(entry->at("error").get<std::string>().find(fault.cause) != std::string::npos);
            }
        }
    }
    CHECK(faulted == 50);
}
