#include "plugin/contribution.hpp"
#include "plugin/in_process.hpp"
#include "proposal/document.hpp"
#include "proposal/proposal.hpp"
#include "test_support.hpp"

#include <boost/filesystem.hpp>
#include <fulcrum/plugin.hpp>

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

TEST_CASE("first-party plugins take trees and values and say through them what they say through text",
          "[sdk][tree][findings]") {
    // Reviews call first-party plugins through the findings ABI (plugin.h,
    // evaluate_findings), or the tree ABI (evaluate_tree); the text ABI is
    // what vendors and workers use. On every example all three must give the
    // same contribution.
    size_t compared = 0;
    for (const char* id : {"cloud", "ai", "bigdata"}) {
        LoadOutcome loaded = load_in_process(test::binary_path(std::string("lib/fulcrum/plugins/") + id + ".so"), {});
        REQUIRE(loaded.plugin);
        REQUIRE(loaded.plugin->takes_trees());
        REQUIRE(loaded.plugin->takes_findings());
        for (const auto& entry : boost::filesystem::directory_iterator(test::source_path("examples/proposals"))) {
            const std::string path = entry.path().string();
            const Proposal proposal =
                validate_proposal(parse_document(test::read_text(path), Syntax::yaml, path), path);
            const CallResult text = loaded.plugin->evaluate(proposal.doc.dump());
            const TreeCallResult tree = loaded.plugin->evaluate_tree(proposal.doc);
            REQUIRE(text.ok);
            REQUIRE(tree.ok);
            INFO(id << " on " << path);
            CHECK(tree.contribution == nlohmann::json::parse(text.output));
            const FindingsCallResult values = loaded.plugin->evaluate_findings(proposal.doc);
            REQUIRE(values.ok);
            CHECK(sdk::findings::to_json(values.contribution) == tree.contribution);
            ++compared;
        }
    }
    CHECK(compared >= 3 * 15);
}

TEST_CASE("a plugin built against another C++ library is called through text", "[sdk][tree]") {
    LoadOutcome loaded = load_in_process(test::fixture_plugin_dir("foreign_tree_abi") + "/foreign_tree_abi.so", {});
    REQUIRE(loaded.plugin);
    CHECK_FALSE(loaded.plugin->takes_trees());
    CHECK_FALSE(loaded.plugin->takes_findings());
    const nlohmann::json proposal = {{"id", "p"}, {"title", "P"}};
    const FindingsCallResult values = loaded.plugin->evaluate_findings(proposal);
    CHECK_FALSE(values.ok);
    CHECK(values.error == "does not take findings");
    const TreeCallResult tree = loaded.plugin->evaluate_tree(proposal);
    CHECK_FALSE(tree.ok);
    CHECK(tree.error == "does not take trees");
    const CallResult text = loaded.plugin->evaluate(proposal.dump());
    REQUIRE(text.ok);
    CHECK(nlohmann::json::parse(text.output)["benefits"][0]["rationale"] == "Answered through text.");
}

TEST_CASE("a plugin whose table ends at ABI 1.1 is called through trees, not values", "[sdk][tree][findings]") {
    LoadOutcome loaded = load_in_process(test::fixture_plugin_dir("tree_only_abi") + "/tree_only_abi.so", {});
    REQUIRE(loaded.plugin);
    CHECK(loaded.plugin->manifest().abi_minor == 1);
    CHECK(loaded.plugin->takes_trees());
    CHECK_FALSE(loaded.plugin->takes_findings());
    const nlohmann::json proposal = {{"id", "p"}, {"title", "P"}};
    const FindingsCallResult values = loaded.plugin->evaluate_findings(proposal);
    CHECK_FALSE(values.ok);
    CHECK(values.error == "does not take findings");
    const TreeCallResult tree = loaded.plugin->evaluate_tree(proposal);
    REQUIRE(tree.ok);
    CHECK(tree.contribution["benefits"][0]["rationale"] == "Answered through a tree.");
}

TEST_CASE("the SDK finds a value by JSON pointer exactly as nlohmann's json_pointer does", "[sdk]") {
    const nlohmann::json doc = nlohmann::json::parse(R"({
        "data": {"records": 5000, "residency": ["eu", "uk"], "empty": "", "none": null,
                 "vendor": {"name": "V", "dpa": {"signed": true}, "a/b": 5}, "m~n": 4},
        "controls": [{"id": "mfa", "status": "in_place"}, {"id": "sso"}],
        "": {"": 1},
        "a/b": 2, "m~n": 3,
        "text": "not an object",
        "hollow": {}, "nothing": null, "zero": 0
    })");
    const fulcrum::sdk::Proposal proposal = fulcrum::sdk::Proposal::borrowing(doc);
    // What the SDK promised before it walked pointers itself: contains(),
    // then at(), with null read as absent.
    auto expected = [&](const std::string& pointer) -> const nlohmann::json* {
        const nlohmann::json::json_pointer ptr(pointer);
        return doc.contains(ptr) && !doc.at(ptr).is_null() ? &doc.at(ptr) : nullptr;
    };
    for (const std::string pointer : {"",
                                      "/",
                                      "//",
                                      "/data",
                                      "/data/records",
                                      "/data/records/x",
                                      "/data/residency/0",
                                      "/data/residency/1",
                                      "/data/residency/2",
                                      "/data/residency/01",
                                      "/data/residency/-",
                                      "/data/residency/+1",
                                      "/data/residency/1x",
                                      "/data/empty",
                                      "/data/none",
                                      "/data/none/x",
                                      "/data/missing",
                                      "/controls/1/id",
                                      "/controls/1/status",
                                      "/controls/0/status",
                                      "/text/0",
                                      "/a~1b",
                                      "/m~0n",
                                      "/a/b",
                                      "/missing/deeper/still",
                                      "/data/vendor",
                                      "/data/vendor/name",
                                      "/data/vendor/dpa/signed",
                                      "/data/vendor/dpa/signed/x",
                                      "/data/vendor/a~1b",
                                      "/data/m~0n",
                                      "/controls/0/~0",
                                      "/data/Records",
                                      "/data/record",
                                      "/dat/records",
                                      "/hollow",
                                      "/hollow/x",
                                      "/hollow/",
                                      "/nothing",
                                      "/nothing/x",
                                      "/zero",
                                      "/zero/0",
                                      "/text/x"}) {
        INFO(pointer);
        CHECK(proposal.find(pointer) == expected(pointer));
    }
    // json_pointer throws out_of_range for these two; for a rule they are
    // simply not there.
    CHECK(proposal.find("/data/residency/") == nullptr);
    CHECK(proposal.find("/data/residency/99999999999999999999") == nullptr);
    CHECK_THROWS_AS(proposal.find("data/records"), nlohmann::json::parse_error);
    CHECK_THROWS_AS(proposal.find("/data~2"), nlohmann::json::parse_error);

    // The index of the first two steps is made with the Proposal: a copy
    // reads the same values, and a document that is no object (or an empty
    // one) is walked as before.
    const fulcrum::sdk::Proposal copy = proposal;
    CHECK(copy.find("/data/records") == &doc["data"]["records"]);
    CHECK(copy.find("/controls/1/id") == &doc["controls"][1]["id"]);
    for (const char* text : {"[{\"data\": 1}]", "{}", "\"data\"", "null"}) {
        INFO(text);
        const nlohmann::json other = nlohmann::json::parse(text);
        const fulcrum::sdk::Proposal odd = fulcrum::sdk::Proposal::borrowing(other);
        CHECK(odd.find("/data") == nullptr);
        CHECK(odd.find("/data/records") == nullptr);
    }
    const nlohmann::json list = nlohmann::json::parse(R"([{"data": 1}])");
    CHECK(fulcrum::sdk::Proposal::borrowing(list).find("/0/data") == &list[0]["data"]);
}

TEST_CASE("the SDK finds members of small and large objects alike", "[sdk]") {
    // Objects of up to 32 members are scanned, larger ones searched: keys of
    // equal length, prefixes of one another, and the first and last members.
    for (const int members : {1, 2, 31, 32, 33, 200}) {
        nlohmann::json doc = nlohmann::json::object();
        for (int i = 0; i < members; ++i) {
            doc["k" + std::to_string(i)] = i;
            doc["obj"]["k" + std::to_string(i)] = {{"v", i}};
            doc["twin"]["k" + std::to_string(i)] = -i; // the same names in another section
        }
        const fulcrum::sdk::Proposal proposal = fulcrum::sdk::Proposal::borrowing(doc);
        INFO(members << " members");
        for (int i = 0; i < members; ++i) {
            const std::string key = "k" + std::to_string(i);
            REQUIRE(proposal.find("/" + key) != nullptr);
            CHECK(*proposal.find("/" + key) == i);
            CHECK(proposal.number("/obj/" + key + "/v") == static_cast<double>(i));
            CHECK(proposal.number("/twin/" + key) == static_cast<double>(-i));
        }
        for (const std::string& absent :
             std::vector<std::string>{"/k", "/k" + std::to_string(members), "/K0", "/k0x", "/obj/k0/w", "/obj/",
                                      "/obj/k" + std::to_string(members), "/obj/K0", "/obj/k0x", "/twin/v", "/obj/k",
                                      "/twin/k" + std::to_string(members + 1)}) {
            CHECK(proposal.find(absent) == nullptr);
        }
    }
}

TEST_CASE("the SDK tells apart members of the same name in many sections", "[sdk]") {
    // Sixty-four sections each with a member "x": a lookup settles the
    // section before the member (an index keyed on the member alone, or on a
    // hash of both that is not checked, would mix them up).
    nlohmann::json doc = nlohmann::json::object();
    for (int i = 0; i < 64; ++i) {
        doc["s" + std::to_string(i)]["x"] = i;
    }
    const fulcrum::sdk::Proposal proposal = fulcrum::sdk::Proposal::borrowing(doc);
    for (int i = 0; i < 64; ++i) {
        INFO(i);
        CHECK(proposal.number("/s" + std::to_string(i) + "/x") == static_cast<double>(i));
        CHECK(proposal.find("/s" + std::to_string(i) + "/y") == nullptr);
    }
    CHECK(proposal.find("/s64/x") == nullptr);
}

TEST_CASE("the SDK reads each control by id: status and entry, first entry standing", "[sdk]") {
    // Controls are indexed once when the Proposal is made; a rule asks by id.
    using sdk::ControlStatus;
    const sdk::Proposal listed(nlohmann::json::parse(R"({"controls": [
        {"id": "mfa", "status": "in_place"}, "not an entry", {"id": "backup", "status": "planned"},
        {"id": "dlp", "status": "none"}, {"id": "mfa", "status": "none"}, {"id": "siem", "status": "maybe"},
        {"status": "in_place"}]})"));
    CHECK(listed.control("mfa") == ControlStatus::in_place); // the first of two entries
    CHECK(listed.control_pointer("mfa") == "/controls/0");
    CHECK(listed.control("backup") == ControlStatus::planned);
    CHECK(listed.control_pointer("backup") == "/controls/2"); // indexes count entries that are not objects
    CHECK(listed.control("dlp") == ControlStatus::none);
    CHECK(listed.control("siem") == ControlStatus::none); // an unknown status is no control
    CHECK(listed.control_pointer("siem") == "/controls/5");
    CHECK(listed.control("waf") == ControlStatus::none); // listed controls, this one not among them
    CHECK(listed.control_pointer("waf") == "/controls");
    const sdk::Proposal copy = listed; // the index points into the document both share
    CHECK(copy.control_pointer("dlp") == "/controls/3");

    for (const char* doc : {R"({})", R"({"controls": null})", R"({"controls": {"mfa": "in_place"}})"}) {
        INFO(doc);
        const nlohmann::json tree = nlohmann::json::parse(doc);
        const sdk::Proposal borrowed = sdk::Proposal::borrowing(tree);
        CHECK(borrowed.control("mfa") == ControlStatus::unknown); // no list: the proposal does not say
        CHECK(borrowed.control_pointer("mfa") == "/controls");
    }
}
