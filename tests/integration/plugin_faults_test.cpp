// Faults from plugins are contained: each deliberately faulty plugin under
// tests/fixtures/plugins/ runs beside the real plugins on an example proposal,
// and the review must name it with the reason, keep every other plugin's
// findings unchanged, say complete: false and exit 4. Files in a plugin folder
// that are not plugins at all are skipped with a warning (exit 0); the same
// files named explicitly in a config's plugins.files are failed plugins.
#include "test_support.hpp"

#include <boost/filesystem.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

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

const std::string k_example = "examples/proposals/crm-saas-migration.yaml";

struct Reviewed {
    RunResult run;
    json review;
};

Reviewed review_example(const std::vector<std::string>& extra, const std::string& format = "json") {
    std::vector<std::string> args = {"review", source_path(k_example), "--format", format};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto& trust = fulcrum::test::fixture_plugin_options();
    args.insert(args.end(), trust.begin(), trust.end());
    Reviewed out{run_fulcrum(args), json()};
    INFO("stderr: " << out.run.err);
    if (format == "json") {
        REQUIRE_NOTHROW(out.review = json::parse(out.run.out));
    }
    return out;
}

const json* plugin_entry(const json& review, const std::string& id) {
    for (const auto& p : review.at("plugins")) {
        if (p.at("id") == id) {
            return &p;
        }
    }
    return nullptr;
}

// The review without what a failed plugin is allowed to change: the plugin
// list, the completeness flag and the rationale's closing sentence.
json findings_of(json review) {
    review.erase("plugins");
    review.erase("complete");
    review["joint"].erase("rationale");
    return review;
}

// What every plugin other than `except` reported: id, status and error.
json other_plugins(const json& review, const std::string& except) {
    json out = json::array();
    for (const auto& p : review.at("plugins")) {
        if (p.at("id") != except) {
            out.push_back(p);
        }
    }
    return out;
}

const Reviewed& baseline() {
    static const Reviewed base = review_example({});
    return base;
}

// Runs the example with the fixture plugin `fixture` beside the real ones and
// checks that the fault is contained.
void check_contained(const std::string& fixture, const std::string& reason, bool at_load) {
    const Reviewed& base = baseline();
    REQUIRE(base.run.exit_code == 0);
    REQUIRE(base.review.at("complete") == true);
    REQUIRE_FALSE(base.review.at("ciso").at("risks").empty());

    const Reviewed r = review_example({"--plugin-dir", fixture_plugin_dir(fixture)});
    INFO("stderr: " << r.run.err);
    CHECK(r.run.exit_code == 4);
    CHECK(r.review.at("complete") == false);

    const json* entry = plugin_entry(r.review, fixture);
    REQUIRE(entry != nullptr);
    CHECK(entry->at("status") == "failed");
    REQUIRE(entry->contains("error"));
    const std::string error = entry->at("error").get<std::string>();
    INFO("error: " << error);
    CHECK(error.find(reason) != std::string::npos);

    // Every other plugin ran as before and its findings are all there.
    CHECK(other_plugins(r.review, fixture) == base.review.at("plugins"));
    CHECK(findings_of(r.review) == findings_of(base.review));
    const std::string rationale = r.review.at("joint").at("rationale").get<std::string>();
    CHECK(rationale.find("The review is incomplete: " + fixture + " has failed") != std::string::npos);

    if (at_load) {
        CHECK(r.run.err.find("plugin " + fixture) != std::string::npos);
        CHECK(r.run.err.find(reason) != std::string::npos);
        CHECK(error.find("could not be loaded from " + fixture_plugin_dir(fixture)) != std::string::npos);
    }
}

std::string copy_into(const std::string& dir, const std::string& file) {
    const fs::path to = fs::path(dir) / fs::path(file).filename();
    fs::copy_file(file, to, fs::copy_option::overwrite_if_exists);
    return to.string();
}

std::string fixture_library(const std::string& name) {
    return fixture_plugin_dir(name) + "/" + name + ".so";
}

} // namespace

TEST_CASE("the real plugins review the example completely", "[faults]") {
    const Reviewed& base = baseline();
    INFO("stderr: " << base.run.err);
    CHECK(base.run.exit_code == 0);
    CHECK(base.review.at("complete") == true);
    for (const auto& p : base.review.at("plugins")) {
        CHECK(p.at("status") != "failed");
    }
    const json* cloud = plugin_entry(base.review, "cloud");
    REQUIRE(cloud != nullptr);
    CHECK(cloud->at("status") == "ok");
}

TEST_CASE("a plugin that throws from evaluate is a failed plugin", "[faults]") {
    check_contained("throws", "evaluate failed (status 3): fixture failure: the rule engine fell over", false);
}

TEST_CASE("a plugin that returns text that is not JSON is a failed plugin", "[faults]") {
    check_contained("not_json", "returned text that is not JSON", false);
}

TEST_CASE("a plugin whose contribution fails the schema is a failed plugin", "[faults]") {
    check_contained("bad_schema", "fails the contribution schema at /risks/0/likelihood", false);
}

TEST_CASE("a plugin that emits rule ids under another plugin's id is a failed plugin", "[faults]") {
    check_contained("foreign_rules", "rule id 'cloud.identity-mfa' is not under the plugin's id 'foreign_rules'",
                    false);
}

TEST_CASE("a plugin built for a newer major ABI is refused and reported", "[faults]") {
    // The fixture aborts if the host calls any of its entries.
    check_contained("newer_abi", "built for plugin ABI 2.0; this host speaks ABI 1.x", true);
}

TEST_CASE("a plugin whose create fails is reported with its last_error", "[faults]") {
    check_contained("create_fails", "create failed (status 3): fixture failure: licence key missing", true);
}

TEST_CASE("a plugin with an invalid manifest is reported by its file name", "[faults]") {
    check_contained("bad_manifest", "manifest field 'categories' is missing or empty", true);
}

TEST_CASE("every fault at once: each is named, the real findings stand", "[faults]") {
    const std::vector<std::pair<std::string, std::string>> faults = {
        {"throws", "rule engine fell over"},   {"not_json", "not JSON"},
        {"bad_schema", "contribution schema"}, {"foreign_rules", "not under the plugin's id"},
        {"newer_abi", "plugin ABI 2.0"},       {"create_fails", "licence key missing"},
        {"bad_manifest", "'categories'"}};
    std::vector<std::string> args;
    for (const auto& f : faults) {
        args.push_back("--plugin-dir");
        args.push_back(fixture_plugin_dir(f.first));
    }
    const Reviewed r = review_example(args);
    INFO("stderr: " << r.run.err);
    CHECK(r.run.exit_code == 4);
    CHECK(r.review.at("complete") == false);
    for (const auto& [id, reason] : faults) {
        const json* entry = plugin_entry(r.review, id);
        REQUIRE(entry != nullptr);
        CHECK(entry->at("status") == "failed");
        CHECK(entry->at("error").get<std::string>().find(reason) != std::string::npos);
    }
    CHECK(findings_of(r.review) == findings_of(baseline().review));
}

TEST_CASE("the Markdown review of a faulty run says it is incomplete and why", "[faults]") {
    const Reviewed r = review_example({"--plugin-dir", fixture_plugin_dir("throws")}, "markdown");
    CHECK(r.run.exit_code == 4);
    CHECK(r.run.out.find("**incomplete review**") != std::string::npos);
    CHECK(r.run.out.find("| `throws` | 0.0.1 | ") != std::string::npos);
    CHECK(r.run.out.find(" | failed: evaluate failed (status 3): fixture failure") != std::string::npos);
}

TEST_CASE("a folder's unrelated .so and broken files are skipped with a warning", "[faults]") {
    const std::string dir = scratch_dir("faults-skipped");
    copy_into(dir, fixture_library("no_entry"));
    fulcrum::test::write_text(dir + "/x.so", "this is a text file, not a shared library\n");
    fulcrum::test::write_text(dir + "/README.txt", "not even named like a library\n");

    const Reviewed r = review_example({"--plugin-dir", dir});
    INFO("stderr: " << r.run.err);
    CHECK(r.run.exit_code == 0);
    CHECK(r.review.at("complete") == true);
    CHECK(r.run.err.find("warning: " + dir + "/no_entry.so: skipped, not a Fulcrum plugin (lacks the entry symbol") !=
          std::string::npos);
    CHECK(r.run.err.find("warning: " + dir + "/x.so: skipped, not a Fulcrum plugin (cannot load as a shared library") !=
          std::string::npos);
    CHECK(r.run.err.find("README.txt") == std::string::npos);
    CHECK(plugin_entry(r.review, "no_entry") == nullptr);
    CHECK(plugin_entry(r.review, "x") == nullptr);
    CHECK(r.review == baseline().review);
}

TEST_CASE("non-plugins named explicitly in a config are failed plugins, not skipped", "[faults]") {
    // Naming a file in plugins.files says "this is a plugin I rely on", so a
    // file that cannot be one is a failure the user must see (exit 4); a
    // folder scan cannot know that, so there the same file is only skipped.
    const std::string dir = scratch_dir("faults-named");
    const std::string no_entry = copy_into(dir, fixture_library("no_entry"));
    fulcrum::test::write_text(dir + "/x.so", "this is a text file, not a shared library\n");
    json config = json::parse(fulcrum::test::read_text(source_path("configs/default.json")));
    config["plugins"]["files"] = {"no_entry.so", "x.so"}; // relative to the config's folder
    fulcrum::test::write_text(dir + "/policy.json", config.dump(2));

    const Reviewed r = review_example({"--config", dir + "/policy.json"});
    INFO("stderr: " << r.run.err);
    CHECK(r.run.exit_code == 4);
    CHECK(r.review.at("complete") == false);
    const json* a = plugin_entry(r.review, "no_entry");
    const json* b = plugin_entry(r.review, "x");
    REQUIRE(a != nullptr);
    REQUIRE(b != nullptr);
    CHECK(a->at("status") == "failed");
    CHECK(a->at("error").get<std::string>().find("lacks the entry symbol fulcrum_plugin_entry") != std::string::npos);
    CHECK(b->at("status") == "failed");
    CHECK(b->at("error").get<std::string>().find("cannot load as a shared library") != std::string::npos);
    CHECK(r.run.err.find("plugin no_entry (" + no_entry + ") failed to load") != std::string::npos);
    CHECK(findings_of(r.review) == findings_of(baseline().review));
}

TEST_CASE("a second copy of a loaded plugin is skipped with a warning", "[faults]") {
    const std::string dir = scratch_dir("faults-duplicate");
    copy_into(dir, fulcrum::test::binary_path("lib/fulcrum/plugins/cloud.so"));
    const Reviewed r = review_example({"--plugin-dir", dir});
    INFO("stderr: " << r.run.err);
    CHECK(r.run.exit_code == 0);
    CHECK(r.run.err.find(dir + "/cloud.so: skipped, a plugin with id 'cloud' is already loaded") != std::string::npos);
    CHECK(r.review == baseline().review);
}

TEST_CASE("plugins list names a plugin that failed to load and exits 4", "[faults]") {
    std::vector<std::string> args = {"plugins",      "list",
                                     "--format",     "json",
                                     "--plugin-dir", fixture_plugin_dir("newer_abi"),
                                     "--plugin-dir", fixture_plugin_dir("throws")};
    const auto& trust = fulcrum::test::fixture_plugin_options();
    args.insert(args.end(), trust.begin(), trust.end());
    const RunResult r = run_fulcrum(args);
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 4);
    const json list = json::parse(r.out);
    bool saw_failed = false;
    bool saw_throws = false;
    for (const auto& p : list) {
        if (p.at("id") == "newer_abi") {
            saw_failed = p.at("status") == "failed" &&
                         p.at("error").get<std::string>().find("plugin ABI 2.0") != std::string::npos;
        }
        // A plugin that only fails when it evaluates loads fine.
        if (p.at("id") == "throws") {
            saw_throws = p.at("status") == "ok";
        }
    }
    CHECK(saw_failed);
    CHECK(saw_throws);
}
