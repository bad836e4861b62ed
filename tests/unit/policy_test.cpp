// Review policies (host/src/review/policy.cpp): the shipped configs, defaults,
// appetite presets, plugin paths, and errors that name the file and the field.
#include "review/policy.hpp"

#include "test_support.hpp"
#include "util/error.hpp"

#include <boost/filesystem.hpp>
#include <catch2/catch.hpp>

#include <unistd.h>

using namespace fulcrum;
using fulcrum::test::scratch_dir;
using fulcrum::test::source_path;
using fulcrum::test::write_text;

namespace {

std::string policy_file(const std::string& dir, const std::string& text, const std::string& name = "policy.json") {
    const std::string path = dir + "/" + name;
    write_text(path, text);
    return path;
}

std::string error_of(const std::string& text) {
    // One folder per process: CTest runs the test cases that call this at once.
    const std::string path = policy_file(scratch_dir("policy-errors-" + std::to_string(::getpid())), text);
    try {
        load_policy(path);
    } catch (const Error& e) {
        CHECK(e.exit_code() == k_exit_invalid_input);
        return e.what();
    }
    return "";
}

Appetite preset(const std::string& name) {
    Policy p = load_policy(source_path("configs/default.json"));
    apply_appetite_preset(p, source_path("configs/appetite-" + name + ".json"));
    return p.appetite;
}

} // namespace

TEST_CASE("the shipped default policy is balanced with its own weights", "[policy]") {
    const Policy p = load_policy(source_path("configs/default.json"));
    CHECK(p.name == "default");
    CHECK(p.source == source_path("configs/default.json"));
    CHECK(p.appetite.name == "balanced");
    CHECK(p.appetite.accept_without_conditions == Severity::low);
    CHECK(p.appetite.reject_at == Severity::critical);
    CHECK(p.weights.size() == 7);
    CHECK(p.weights.at("efficiency") == 1.0);
    CHECK(p.weights.at("competitive_advantage") == 0.8);
    CHECK(p.plugin_dirs.empty());
    CHECK(p.plugin_files.empty());
}

TEST_CASE("the shipped appetite presets are ordered from tolerant to averse", "[policy]") {
    const Appetite tolerant = preset("tolerant");
    const Appetite balanced = preset("balanced");
    const Appetite averse = preset("averse");
    CHECK(tolerant.name == "tolerant");
    CHECK(averse.name == "averse");
    // Each step towards averse accepts less, rejects sooner and asks more of the case.
    CHECK(tolerant.accept_without_conditions >= balanced.accept_without_conditions);
    CHECK(balanced.accept_without_conditions >= averse.accept_without_conditions);
    CHECK(tolerant.reject_at >= balanced.reject_at);
    CHECK(balanced.reject_at >= averse.reject_at);
    CHECK(tolerant.defer_below_benefit <= balanced.defer_below_benefit);
    CHECK(balanced.defer_below_benefit <= averse.defer_below_benefit);
    CHECK(tolerant.defer_on_open_questions >= balanced.defer_on_open_questions);
    CHECK(balanced.defer_on_open_questions >= averse.defer_on_open_questions);
    // Something must separate accepting and rejecting.
    for (const Appetite& a : {tolerant, balanced, averse}) {
        CHECK(a.accept_without_conditions < a.reject_at);
    }
    // --appetite balanced on the default policy changes nothing.
    const Appetite base = load_policy(source_path("configs/default.json")).appetite;
    CHECK(balanced.accept_without_conditions == base.accept_without_conditions);
    CHECK(balanced.reject_at == base.reject_at);
    CHECK(balanced.defer_below_benefit == base.defer_below_benefit);
    CHECK(balanced.defer_on_open_questions == base.defer_on_open_questions);
}

TEST_CASE("a preset replaces the appetite and keeps the policy's weights and plugins", "[policy]") {
    const std::string dir = scratch_dir("policy-preset");
    const std::string path =
        policy_file(dir, R"({"name": "ours", "weights": {"growth": 3}, "plugins": {"dirs": ["extra"]},
                            "appetite": {"defer_below_benefit": 10}})");
    Policy p = load_policy(path);
    apply_appetite_preset(p, source_path("configs/appetite-averse.json"));
    CHECK(p.appetite.name == "averse");
    CHECK(p.appetite.defer_below_benefit == 40);
    CHECK(p.appetite.reject_at == Severity::high);
    CHECK(p.weights.at("growth") == 3);
    REQUIRE(p.plugin_dirs.size() == 1);
}

TEST_CASE("a policy without sections gets the built-in defaults", "[policy]") {
    const Policy p = load_policy(policy_file(scratch_dir("policy-defaults"), "{}", "minimal.json"));
    CHECK(p.name == "minimal"); // the file's stem
    CHECK(p.appetite.name == "balanced");
    CHECK(p.appetite.accept_without_conditions == Severity::low);
    CHECK(p.appetite.reject_at == Severity::critical);
    CHECK(p.appetite.defer_below_benefit == 25);
    CHECK(p.appetite.defer_on_open_questions == 8);
    CHECK(p.weights.size() == 7);
    for (const auto& [dimension, weight] : p.weights) {
        CHECK(weight == 1.0);
    }
}

TEST_CASE("a policy may be YAML", "[policy]") {
    const Policy p =
        load_policy(policy_file(scratch_dir("policy-yaml"), "name: yaml\nappetite: {reject_at: high}\n", "p.yaml"));
    CHECK(p.name == "yaml");
    CHECK(p.appetite.reject_at == Severity::high);
}

TEST_CASE("relative plugin paths are taken from the policy file's folder", "[policy]") {
    const std::string dir = scratch_dir("policy-paths");
    const Policy p = load_policy(policy_file(
        dir,
        R"({"plugins": {"dirs": ["vendor"], "files": ["one/x.so", "/opt/abs.so"], "settings": {"x": {"k": 1}}}})"));
    namespace fs = boost::filesystem;
    REQUIRE(p.plugin_dirs.size() == 1);
    CHECK(fs::path(p.plugin_dirs[0]) == fs::absolute(dir) / "vendor");
    REQUIRE(p.plugin_files.size() == 2);
    CHECK(fs::path(p.plugin_files[0]) == fs::absolute(dir) / "one/x.so");
    CHECK(p.plugin_files[1] == "/opt/abs.so");
    CHECK(p.plugin_settings.at("x").at("k") == 1);
}

TEST_CASE("policy errors name the file, the pointer and what was expected", "[policy]") {
    CHECK(error_of(R"({"appetite": []})").find("policy.json: /appetite: expected an object, got []") !=
          std::string::npos);
    CHECK(error_of(R"({"appetite": {"name": "reckless"}})")
              .find("/appetite/name: expected one of tolerant|balanced|averse, got \"reckless\"") != std::string::npos);
    CHECK(error_of(R"({"appetite": {"reject_at": "severe"}})")
              .find("/appetite/reject_at: expected one of critical|high|medium|low|info, got \"severe\"") !=
          std::string::npos);
    CHECK(error_of(R"({"appetite": {"defer_below_benefit": 150}})")
              .find("/appetite/defer_below_benefit: expected a whole number from 0 to 100, got 150") !=
          std::string::npos);
    CHECK(error_of(R"({"appetite": {"defer_on_open_questions": -1}})")
              .find("/appetite/defer_on_open_questions: expected a whole number from 0 to 10000, got -1") !=
          std::string::npos);
    CHECK(error_of(R"({"appetite": {"defer_below_benefit": 12.5}})")
              .find("/appetite/defer_below_benefit: expected a whole number") != std::string::npos);
    CHECK(error_of(R"({"weights": {"happiness": 1}})").find("/weights/happiness: expected a benefit dimension") !=
          std::string::npos);
    CHECK(error_of(R"({"weights": {"growth": -1}})").find("/weights/growth: expected a non-negative number, got -1") !=
          std::string::npos);
    CHECK(error_of(R"({"plugins": []})").find("/plugins: expected an object") != std::string::npos);
    CHECK(error_of(R"({"plugins": {"files": "x.so"}})").find("/plugins/files: expected a list of paths") !=
          std::string::npos);
    CHECK(error_of(R"({"plugins": {"dirs": ["a", 3]}})").find("/plugins/dirs/1: expected a path, got 3") !=
          std::string::npos);
    CHECK(error_of(R"({"plugins": {"settings": []}})").find("/plugins/settings: expected an object") !=
          std::string::npos);
    CHECK(error_of("[1, 2]").find("policy.json: expected a policy object") != std::string::npos);
    CHECK(error_of("{\n  \"name\": \n}").find("policy.json:3:1: invalid JSON") != std::string::npos);
}

TEST_CASE("a policy name that is not a string is an input error, not a crash", "[policy]") {
    CHECK(error_of(R"({"name": 42})").find("policy.json: /name: expected a string, got 42") != std::string::npos);
    const std::string dir = scratch_dir("policy-preset-name");
    Policy p = load_policy(source_path("configs/default.json"));
    const std::string preset = policy_file(dir, R"({"name": ["averse"], "appetite": {"name": "averse"}})");
    try {
        apply_appetite_preset(p, preset);
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.exit_code() == k_exit_invalid_input);
        CHECK(std::string(e.what()).find("/name: expected a string") != std::string::npos);
    }
}

TEST_CASE("whole numbers beyond the range of int are refused, not wrapped", "[policy]") {
    // 4294967346 is 2^32 + 50: read as an int it would wrap to 50 and pass.
    CHECK(error_of(R"({"appetite": {"defer_below_benefit": 4294967346}})")
              .find("/appetite/defer_below_benefit: expected a whole number from 0 to 100") != std::string::npos);
    CHECK(error_of(R"({"appetite": {"defer_on_open_questions": 18446744073709551615}})")
              .find("/appetite/defer_on_open_questions: expected a whole number from 0 to 10000") != std::string::npos);
}
