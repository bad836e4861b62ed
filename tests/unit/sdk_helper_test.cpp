#include "plugin/contribution.hpp"
#include "plugin/in_process.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

using namespace fulcrum;

TEST_CASE("a thread-safe SDK plugin gives every concurrent caller its own output", "[sdk]") {
    // Regression: the helper once kept one output buffer per instance, so two
    // threads evaluating at once could read each other's (or empty) output.
    LoadOutcome loaded = load_in_process(test::binary_path("lib/fulcrum/plugins/cloud.so"), {});
    REQUIRE(loaded.plugin);
    REQUIRE(loaded.plugin->manifest().thread_safe);
    const std::string proposals[] = {
        R"({"id":"a","title":"A","technologies":[{"category":"cloud","service_model":"saas"}]})",
        R"({"id":"b","title":"B","technologies":[{"category":"cloud","service_model":"iaas"}],)"
        R"("data":{"classification":"restricted","personal_data":true,"records":5000000}})",
    };
    std::string expected[2];
    for (int k = 0; k < 2; ++k) {
        const CallResult r = loaded.plugin->evaluate(proposals[k]);
        REQUIRE(r.ok);
        expected[k] = r.output;
    }
    REQUIRE(expected[0] != expected[1]);
    std::atomic<int> mismatches{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 300; ++i) {
                const int k = (i + t) % 2;
                const CallResult r = loaded.plugin->evaluate(proposals[k]);
                if (!r.ok || r.output != expected[k]) {
                    ++mismatches;
                }
            }
        });
    }
    for (auto& th : threads) {
        th.join();
    }
    CHECK(mismatches.load() == 0);
}
