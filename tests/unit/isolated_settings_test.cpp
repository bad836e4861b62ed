// The `isolation` config section and the command line's say over it
// (host/src/plugin/isolated_settings.cpp).
#include "plugin/isolated_settings.hpp"
#include "util/error.hpp"

#include <catch2/catch.hpp>

using namespace fulcrum;
using nlohmann::json;

TEST_CASE("by default first-party plugins run in process and others in a worker", "[isolation]") {
    const IsolationSettings s = read_isolation_settings(json::object(), "p.json");
    CHECK(s.mode_for("cloud.so", true) == IsolationMode::in_process);
    CHECK(s.mode_for("acme.so", false) == IsolationMode::process);
    const IsolationLimits l = s.limits_for("acme.so");
    CHECK(l.timeout_seconds == 5);
    CHECK(l.memory_mb == 1024);
    CHECK(l.effective_cpu_seconds() == 6);
    CHECK(l.max_consecutive_failures == 3);
    CHECK(l.effective_workers(false) == 1);
    CHECK(l.effective_workers(true) >= 1);
}

TEST_CASE("the section, a plugin's own entry and the command line, in that order", "[isolation]") {
    const json policy = {{"isolation",
                          {{"mode", "process"},
                           {"timeout_seconds", 2.5},
                           {"memory_mb", 512},
                           {"max_consecutive_failures", 0},
                           {"plugins",
                            {{"cloud", {{"mode", "in-process"}}},
                             {"acme.so", {{"timeout_seconds", 30}, {"cpu_seconds", 20}, {"workers", 2}}}}}}}};
    IsolationSettings s = read_isolation_settings(policy, "p.json");
    CHECK(s.mode_for("cloud.so", true) == IsolationMode::in_process); // by stem
    CHECK(s.mode_for("ai.so", true) == IsolationMode::process);       // the section's mode
    CHECK(s.mode_for("acme.so", false) == IsolationMode::process);
    CHECK(s.limits_for("ai.so").timeout_seconds == 2.5);
    CHECK(s.limits_for("ai.so").effective_cpu_seconds() == 4);
    CHECK(s.limits_for("acme.so").timeout_seconds == 30); // by file name
    CHECK(s.limits_for("acme.so").effective_cpu_seconds() == 20);
    CHECK(s.limits_for("acme.so").memory_mb == 512);
    CHECK(s.limits_for("acme.so").effective_workers(true) == 2);
    CHECK(s.limits_for("acme.so").effective_workers(false) == 1);
    CHECK(s.limits_for("acme.so").max_consecutive_failures == 0);

    s.forced_mode = IsolationMode::process;
    s.forced_timeout_seconds = 0.5;
    CHECK(s.mode_for("cloud.so", true) == IsolationMode::process);
    CHECK(s.limits_for("acme.so").timeout_seconds == 0.5);
    s.forced_mode = IsolationMode::automatic;
    CHECK(s.mode_for("cloud.so", true) == IsolationMode::in_process);
    CHECK(s.mode_for("other.so", false) == IsolationMode::process);
}

TEST_CASE("a wrong isolation field is named with its pointer", "[isolation]") {
    auto error_of = [](const json& section) {
        try {
            read_isolation_settings({{"isolation", section}}, "p.json");
        } catch (const Error& e) {
            CHECK(e.exit_code() == k_exit_invalid_input);
            return std::string(e.what());
        }
        return std::string();
    };
    CHECK(error_of({{"mode", "sandbox"}}).find("p.json: /isolation/mode: expected auto, in-process or process") !=
          std::string::npos);
    CHECK(error_of({{"timeout_seconds", 0}}).find("/isolation/timeout_seconds: expected") != std::string::npos);
    CHECK(error_of({{"memory_mb", 1.5}}).find("/isolation/memory_mb: expected a whole number") != std::string::npos);
    CHECK(error_of({{"plugins", {{"acme", {{"plugins", json::object()}}}}}})
              .find("/isolation/plugins/acme/plugins: expected one of") != std::string::npos);
    CHECK(error_of({{"timeout", 5}}).find("/isolation/timeout: expected one of") != std::string::npos);
    CHECK(error_of("process").find("/isolation: expected an object") != std::string::npos);
}

TEST_CASE("isolation modes parse from their names only", "[isolation]") {
    CHECK(parse_isolation_mode("in-process") == IsolationMode::in_process);
    CHECK(parse_isolation_mode("process") == IsolationMode::process);
    CHECK(parse_isolation_mode("auto") == IsolationMode::automatic);
    CHECK_FALSE(parse_isolation_mode("inprocess"));
    CHECK(seconds_text(5) == "5 s");
    CHECK(seconds_text(0.5) == "0.5 s");
}
