// `fulcrum rules`: the catalog of every loaded plugin's rules, as JSON and
// Markdown, and docs/rules/, which is that Markdown and must not go stale.
#include "test_support.hpp"

#include <boost/filesystem.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <set>
#include <string>
#include <vector>

using namespace fulcrum::test;
using nlohmann::json;
namespace fs = boost::filesystem;

namespace {

// Runs fulcrum with the build tree's own plugins and policy, whatever
// FULCRUM_PREFIX the caller has, as scripts/update-rules-docs.sh does.
RunResult rules(std::vector<std::string> args) {
    std::string prefix;
    if (const char* p = std::getenv("FULCRUM_PREFIX")) {
        prefix = p;
        unsetenv("FULCRUM_PREFIX");
    }
    args.insert(args.begin(), "rules");
    RunResult r = run_fulcrum(args);
    if (!prefix.empty()) {
        setenv("FULCRUM_PREFIX", prefix.c_str(), 1);
    }
    return r;
}

json catalog() {
    const RunResult r = rules({"--format", "json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
}

const json* plugin_in(const json& c, const std::string& id) {
    for (const auto& p : c["plugins"]) {
        if (p["id"] == id) {
            return &p;
        }
    }
    return nullptr;
}

std::set<std::string> markdown_files(const std::string& dir) {
    std::set<std::string> out;
    if (!fs::is_directory(dir)) {
        return out;
    }
    for (fs::directory_iterator it(dir), end; it != end; ++it) {
        if (it->path().extension() == ".md") {
            out.insert(it->path().filename().string());
        }
    }
    return out;
}

const char* const k_regenerate =
    "docs/rules/ is stale; run scripts/update-rules-docs.sh " FULCRUM_BINARY_DIR " and commit docs/rules/";

} // namespace

TEST_CASE("rules --format json lists every rule with its kind, title, summary and references", "[rules]") {
    const json c = catalog();
    CHECK(c["schema"] == "fulcrum/rules@1");
    const json* cloud = plugin_in(c, "cloud");
    REQUIRE(cloud != nullptr);
    CHECK((*cloud)["risk_rules"].get<int>() >= 15);
    CHECK((*cloud)["benefit_evaluations"].get<int>() >= 6);
    for (const auto& p : c["plugins"]) {
        int risks = 0;
        for (const auto& r : p["rules"]) {
            INFO(r.dump());
            CHECK(r["id"].get<std::string>().rfind(p["id"].get<std::string>() + ".", 0) == 0);
            CHECK_FALSE(r["title"].get<std::string>().empty());
            CHECK_FALSE(r["summary"].get<std::string>().empty());
            CHECK(r["refs"].is_object());
            if (r["kind"] == "benefit") {
                CHECK(r.contains("dimension"));
            } else {
                CHECK(r["kind"] == "risk");
                ++risks;
            }
        }
        CHECK(p["risk_rules"] == risks);
    }
}

TEST_CASE("rules --plugin lists one plugin; an unknown plugin is a usage error", "[rules]") {
    const RunResult one = rules({"--plugin", "cloud"});
    INFO(one.err);
    REQUIRE(one.exit_code == 0);
    CHECK(one.out.rfind("# Cloud adoption (`cloud` ", 0) == 0);
    CHECK(one.out.find("`cloud.identity-mfa`") != std::string::npos);
    CHECK(one.out.find("IA-2(1)") != std::string::npos); // SP 800-53 printed as in the standard
    CHECK(one.out.find("**NIST CSF 2.0**: PR.AA-01") != std::string::npos);

    const json only = json::parse(rules({"--plugin", "cloud", "--format", "json"}).out);
    REQUIRE(only["plugins"].size() == 1);
    CHECK(only["plugins"][0]["id"] == "cloud");

    const RunResult unknown = rules({"--plugin", "no-such-plugin"});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err.find("--plugin no-such-plugin: no loaded plugin has that id (loaded: ") != std::string::npos);
    CHECK(unknown.err.find("cloud") != std::string::npos);
    CHECK(unknown.out.empty());

    CHECK(rules({"--format", "xml"}).exit_code == 2);
    CHECK(rules({"--format", "json", "--output-dir", scratch_dir("rules-json-dir")}).exit_code == 2);
}

TEST_CASE("rules with no --plugin prints the index, then every plugin", "[rules]") {
    const RunResult all = rules({});
    REQUIRE(all.exit_code == 0);
    CHECK(all.out.rfind("# Rule catalog\n", 0) == 0);
    CHECK(all.out.find("## Cloud adoption (`cloud` ") != std::string::npos);
    CHECK(all.out.find("](cloud.md)") == std::string::npos); // links only in docs/rules/
}

TEST_CASE("docs/rules/ is what fulcrum rules generates", "[rules]") {
    const std::string fresh = scratch_dir("rules-docs");
    const RunResult r = rules({"--format", "markdown", "--output-dir", fresh});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string committed = source_path("docs/rules");
    const auto want = markdown_files(fresh);
    const auto have = markdown_files(committed);
    CHECK(want.count("README.md") == 1);
    CHECK(want.count("cloud.md") == 1);
    for (const auto& name : want) {
        INFO(name << ": " << k_regenerate);
        REQUIRE(have.count(name) == 1);
        CHECK(read_text(committed + "/" + name) == read_text(fresh + "/" + name));
    }
    for (const auto& name : have) {
        INFO(name << " belongs to no loaded plugin: " << k_regenerate);
        CHECK(want.count(name) == 1);
    }
}

// The target of the evaluation-depth work (issue 3): together the three
// first-party plugins list at least 45 risk rules and 18 benefit evaluations.
TEST_CASE("the first-party plugins list at least 45 risk rules and 18 benefit evaluations", "[rules]") {
    const json c = catalog();
    int risks = 0;
    int benefits = 0;
    for (const char* id : {"cloud", "ai", "bigdata"}) {
        const json* p = plugin_in(c, id);
        INFO("first-party plugin " << id << " is not loaded");
        REQUIRE(p != nullptr);
        risks += (*p)["risk_rules"].get<int>();
        benefits += (*p)["benefit_evaluations"].get<int>();
    }
    CHECK(risks >= 45);
    CHECK(benefits >= 18);
}
