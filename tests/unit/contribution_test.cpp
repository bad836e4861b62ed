// Reading a plugin's output (host/src/plugin/contribution.cpp): nothing a
// plugin returns is trusted; every refusal names where the problem is.
#include "plugin/contribution.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace fulcrum;
using nlohmann::json;

namespace {

json valid() {
    return json::parse(R"({
      "benefits": [{"id": "cloud.scale", "title": "Scale", "dimension": "growth", "score": 60,
                    "rationale": "Elastic.", "evidence": ["/technologies/0"],
                    "annual_value": {"low": 1, "likely": 2, "high": 3}}],
      "risks": [{"id": "cloud.mfa", "title": "No MFA", "likelihood": 4, "impact": 3, "rationale": "Phishing.",
                 "evidence": ["/controls/0", "/data/classification"], "refs": {"csf": ["PR.AA-01"]},
                 "concern": "identity",
                 "mitigations": [{"id": "enforce-mfa", "title": "Enforce MFA", "control": "mfa",
                                  "cost": {"one_time": 100, "annual": 50}, "residual": {"likelihood": 1, "impact": 3}},
                                 {"id": "training", "title": "Train staff",
                                  "cost": {"one_time": 10, "annual": 0}, "residual": {"likelihood": 3, "impact": 3}}],
                 "fair": {"frequency": {"low": 0.1, "likely": 0.3, "high": 1},
                          "magnitude": {"low": 1000, "likely": 5000, "high": 90000}}}],
      "questions": [{"rule": "cloud.residency", "field": "/data/residency", "text": "Where may the data live?"}]
    })");
}

std::string reason_of(const std::variant<Contribution, std::string>& result) {
    const auto* reason = std::get_if<std::string>(&result);
    return reason ? *reason : std::string();
}

// The refusal of `doc` as text; the same document handed over as a tree (the
// tree ABI) must be refused for the same reason, or accepted as well.
std::string refusal(const json& doc, const std::string& plugin = "cloud", const Limits& limits = Limits{}) {
    const std::string by_text = reason_of(read_contribution(doc.dump(), plugin, limits));
    CHECK(reason_of(read_contribution_tree(doc, plugin, limits)) == by_text);
    return by_text;
}

} // namespace

TEST_CASE("a valid contribution is read field by field", "[contribution]") {
    auto result = read_contribution(valid().dump(), "cloud");
    REQUIRE(std::holds_alternative<Contribution>(result));
    const Contribution& c = std::get<Contribution>(result);
    REQUIRE(c.benefits.size() == 1);
    CHECK(c.benefits[0].plugin == "cloud");
    CHECK(c.benefits[0].score == 60);
    REQUIRE(c.benefits[0].annual_value);
    CHECK(c.benefits[0].annual_value->likely == 2);
    REQUIRE(c.risks.size() == 1);
    const Risk& r = c.risks[0];
    CHECK(r.plugin == "cloud");
    CHECK(r.raised_by == std::vector<std::string>{"cloud"});
    CHECK(r.concern == "identity");
    CHECK(r.likelihood == 4);
    CHECK(r.impact == 3);
    CHECK(r.evidence == std::vector<std::string>{"/controls/0", "/data/classification"});
    CHECK(r.refs.list() == Refs{{"csf", {"PR.AA-01"}}});
    REQUIRE(r.mitigations.size() == 2);
    CHECK(r.mitigations[0].control == "mfa");
    CHECK(r.mitigations[0].cost.one_time == 100);
    CHECK(r.mitigations[0].cost.annual == 50);
    CHECK(r.mitigations[0].residual_likelihood == 1);
    CHECK(r.mitigations[1].control.empty());
    REQUIRE(r.fair);
    CHECK(r.fair->magnitude.high == 90000);
    REQUIRE(c.questions.size() == 1);
    CHECK(c.questions[0].plugin == "cloud");
    CHECK(c.questions[0].field == "/data/residency");
}

TEST_CASE("an empty contribution is valid", "[contribution]") {
    CHECK(refusal(json{{"benefits", json::array()}, {"risks", json::array()}, {"questions", json::array()}}) == "");
}

TEST_CASE("text that is not JSON is refused", "[contribution]") {
    auto result = read_contribution("risks: none", "cloud");
    REQUIRE(std::holds_alternative<std::string>(result));
    CHECK(std::get<std::string>(result).rfind("returned text that is not JSON: ", 0) == 0);
    CHECK(std::holds_alternative<std::string>(read_contribution("", "cloud")));
    CHECK(std::holds_alternative<std::string>(read_contribution("{\"benefits\": [", "cloud")));
}

TEST_CASE("schema violations are refused with the pointer of the deepest problem", "[contribution]") {
    const std::string prefix = "returned a contribution that fails the contribution schema at ";
    json doc = valid();
    doc["risks"][0]["likelihood"] = 9;
    CHECK(refusal(doc).rfind(prefix + "/risks/0/likelihood: ", 0) == 0);

    doc = valid();
    doc["risks"][0]["mitigations"] = json::array(); // every risk needs a priced mitigation
    CHECK(refusal(doc).rfind(prefix + "/risks/0/mitigations: ", 0) == 0);

    doc = valid();
    doc["risks"][0]["mitigations"][1].erase("cost");
    CHECK(refusal(doc).rfind(prefix + "/risks/0/mitigations/1", 0) == 0);

    doc = valid();
    doc["benefits"][0]["dimension"] = "happiness";
    CHECK(refusal(doc).rfind(prefix + "/benefits/0/dimension: ", 0) == 0);

    doc = valid();
    doc["risks"][0]["evidence"] = {"data.records"}; // not a JSON pointer
    CHECK(refusal(doc).rfind(prefix + "/risks/0/evidence/0: ", 0) == 0);

    doc = valid();
    doc.erase("questions");
    CHECK(refusal(doc).rfind(prefix + "/: ", 0) == 0);

    doc = valid();
    doc["verdict"] = "approve"; // plugins contribute findings, never decisions
    CHECK(refusal(doc).rfind(prefix + "/", 0) == 0);

    CHECK(refusal(json::array()).rfind(prefix + "/: ", 0) == 0);
}

TEST_CASE("rule ids must be under the plugin's own id", "[contribution]") {
    CHECK(refusal(valid(), "cloud") == "");
    CHECK(refusal(valid(), "ai") ==
          "returned an invalid contribution at /benefits/0: rule id 'cloud.scale' is not under the plugin's id 'ai'");
    // A plugin id that is a prefix of another's is not enough: "clou" does not own "cloud.*".
    CHECK(refusal(valid(), "clou").find("is not under the plugin's id 'clou'") != std::string::npos);
    json doc = valid();
    doc["benefits"] = json::array();
    doc["risks"] = json::array();
    CHECK(refusal(doc, "ai") == "returned an invalid contribution at /questions/0: rule id 'cloud.residency' is not "
                                "under the plugin's id 'ai'");
}

TEST_CASE("ids and tokens hold their own characters only", "[contribution]") {
    // Rule ids are <plugin>.<name>; mitigation ids take [a-z0-9_.-], concern
    // keys [a-z0-9_-]; each starts with a letter or digit. A NUL byte (which
    // JSON can carry as \u0000) is no character of any of them.
    const std::string nul("enforce\0mfa", 11);
    struct Case {
        const char* field;
        std::string value;
        bool accepted;
    };
    const Case cases[] = {
        {"id", "cloud.mfa-2_b.c", true}, {"id", "cloud.Mfa", false},           {"id", "cloud.", false},
        {"id", "cloud..mfa", false},     {"id", "cloud.m fa", false},          {"id", "cloud.mf" + nul, false},
        {"mitigation", "a.b_c-d", true}, {"mitigation", "-mfa", false},        {"mitigation", "MFA", false},
        {"mitigation", nul, false},      {"mitigation", "mfa\u00e9", false},   {"concern", "identity_and-access", true},
        {"concern", "id.entity", false}, {"concern", "identity" + nul, false},
    };
    for (const Case& c : cases) {
        json doc = valid();
        const std::string field = c.field;
        std::string at;
        if (field == "id") {
            doc["risks"][0]["id"] = c.value;
            at = "/risks/0/id";
        } else if (field == "mitigation") {
            doc["risks"][0]["mitigations"][0]["id"] = c.value;
            at = "/risks/0/mitigations/0/id";
        } else {
            doc["risks"][0]["concern"] = c.value;
            at = "/risks/0/concern";
        }
        INFO(field << " " << json(c.value).dump());
        const std::string reason = refusal(doc);
        if (c.accepted) {
            CHECK(reason.empty());
        } else {
            CHECK(reason.find(" at " + at) != std::string::npos);
        }
    }
}

TEST_CASE("a mitigation may not leave more risk than the risk has", "[contribution]") {
    json doc = valid();
    doc["risks"][0]["mitigations"][1]["residual"] = {{"likelihood", 5}, {"impact", 1}};
    CHECK(refusal(doc) ==
          "returned an invalid contribution at /risks/0/mitigations/1/residual: a mitigation leaves more risk than the "
          "risk has");
    doc["risks"][0]["mitigations"][1]["residual"] = {{"likelihood", 4}, {"impact", 3}}; // equal is allowed
    CHECK(refusal(doc) == "");
}

TEST_CASE("FAIR ranges must be ordered low <= likely <= high", "[contribution]") {
    json doc = valid();
    doc["risks"][0]["fair"]["magnitude"]["low"] = 6000;
    CHECK(refusal(doc) ==
          "returned an invalid contribution at /risks/0/fair/magnitude: expected low <= likely <= high");
    doc = valid();
    doc["risks"][0]["fair"]["frequency"]["high"] = 0.2;
    CHECK(refusal(doc) ==
          "returned an invalid contribution at /risks/0/fair/frequency: expected low <= likely <= high");
}

TEST_CASE("a contribution handed over as a tree is read as its text is", "[contribution][tree]") {
    auto by_tree = read_contribution_tree(valid(), "cloud");
    auto by_text = read_contribution(valid().dump(), "cloud");
    REQUIRE(std::holds_alternative<Contribution>(by_tree));
    REQUIRE(std::holds_alternative<Contribution>(by_text));
    const Contribution& tree = std::get<Contribution>(by_tree);
    const Contribution& text = std::get<Contribution>(by_text);
    REQUIRE(tree.risks.size() == 1);
    CHECK(tree.risks[0].id == text.risks[0].id);
    CHECK(tree.risks[0].rationale == text.risks[0].rationale);
    CHECK(tree.risks[0].refs == text.risks[0].refs);
    CHECK(tree.risks[0].mitigations.size() == 2);
    CHECK(tree.risks[0].fair->frequency.likely == text.risks[0].fair->frequency.likely);
    CHECK(tree.benefits[0].annual_value->high == 3);
    CHECK(tree.questions[0].text == "Where may the data live?");
}

TEST_CASE("a tree past a fixed limit is refused as its text would be, naming where", "[contribution][tree]") {
    json long_text = valid();
    long_text["risks"][0]["rationale"] = std::string(16001, 'x');
    CHECK(refusal(long_text).rfind("returned a contribution past a limit at /risks/0/rationale: a string of 16001 "
                                   "bytes",
                                   0) == 0);
    json deep = valid();
    json nested = json::array();
    for (int i = 0; i < 10; ++i) {
        nested = json::array({nested});
    }
    deep["extra"] = nested;
    CHECK(refusal(deep).find("nested deeper than the limit of 8") != std::string::npos);
    Limits one_risk_at_most;
    one_risk_at_most.contribution_risks = 0;
    CHECK(refusal(valid(), "cloud", one_risk_at_most) ==
          "returned a contribution past a limit at /risks: 1 risks, more than the limit of 0 "
          "(limits.contribution_risks)");
}

TEST_CASE("a tree holding what text cannot say is refused by name", "[contribution][tree]") {
    json bad_utf8 = valid();
    bad_utf8["risks"][0]["title"] = std::string("No \xff MFA");
    const std::string utf8_reason = reason_of(read_contribution_tree(bad_utf8, "cloud"));
    CHECK(utf8_reason.rfind("returned a contribution that cannot be written as JSON: ", 0) == 0);
    CHECK(utf8_reason.find("UTF-8") != std::string::npos);

    json not_a_number = valid();
    not_a_number["risks"][0]["mitigations"][0]["cost"]["annual"] = std::nan("");
    CHECK(reason_of(read_contribution_tree(not_a_number, "cloud")) ==
          "returned a contribution that fails the contribution schema at /risks/0/mitigations/0/cost/annual: "
          "expected a non-negative number no larger than 1e18");
    // Past a proposal's largest amount: the review's sums, and the records
    // fulcrum portfolio reads back, must stay within reach.
    json huge = valid();
    huge["risks"][0]["mitigations"][0]["cost"]["one_time"] = 1e300;
    CHECK(reason_of(read_contribution_tree(huge, "cloud")) ==
          "returned a contribution that fails the contribution schema at /risks/0/mitigations/0/cost/one_time: "
          "expected a non-negative number no larger than 1e18");
}

namespace {

namespace values = fulcrum::sdk::findings;

// valid() as C++ values, as the SDK hands them over through the findings ABI.
values::Contribution valid_values() {
    values::Contribution c;
    values::Benefit scale;
    scale.id = "cloud.scale";
    scale.title = "Scale";
    scale.dimension = "growth";
    scale.score = 60;
    scale.rationale = "Elastic.";
    scale.evidence = {"/technologies/0"};
    scale.annual_value = fulcrum::sdk::Range{1, 2, 3};
    c.benefits.push_back(scale);
    values::Risk mfa;
    mfa.id = "cloud.mfa";
    mfa.title = "No MFA";
    mfa.likelihood = 4;
    mfa.impact = 3;
    mfa.rationale = "Phishing.";
    mfa.evidence = {"/controls/0", "/data/classification"};
    mfa.refs = {{"csf", {"PR.AA-01"}}};
    mfa.concern = "identity";
    mfa.mitigations.push_back({"enforce-mfa", "Enforce MFA", "mfa", values::Cost{100, 50}, values::Residual{1, 3}});
    mfa.mitigations.push_back({"training", "Train staff", std::nullopt, values::Cost{10, 0}, values::Residual{3, 3}});
    mfa.fair = values::Fair{{0.1, 0.3, 1}, {1000, 5000, 90000}};
    c.risks.push_back(mfa);
    c.questions.push_back({"cloud.residency", "/data/residency", "Where may the data live?"});
    return c;
}

// The refusal of `c` handed over as values; its JSON handed over as a tree
// must be refused for the same reason, or accepted as well. (The tests above
// hold trees to their text; values with bad UTF-8 have no text.)
std::string values_refusal(const values::Contribution& c, const Limits& limits = Limits{}) {
    const std::string by_values = reason_of(read_contribution_findings(c, "cloud", limits));
    CHECK(by_values == reason_of(read_contribution_tree(values::to_json(c), "cloud", limits)));
    return by_values;
}

} // namespace

TEST_CASE("the SDK's values say in JSON what the schema says", "[contribution][findings]") {
    CHECK(values::to_json(valid_values()) == valid());
    CHECK(values::to_json(values::Contribution{}) == json::parse(R"({"benefits": [], "risks": [], "questions": []})"));
    values::Risk unset;
    unset.id = "cloud.x";
    CHECK(values::to_json(unset) ==
          json::parse(R"({"id": "cloud.x", "title": "", "evidence": [], "refs": {}, "mitigations": []})"));
}

TEST_CASE("references handed over as values are read as their JSON object is", "[contribution][findings]") {
    values::Contribution c = valid_values();
    // Out of order, one framework twice: as a JSON object, in order of name
    // with the last list standing.
    c.risks[0].refs = {{"sp800_53", {"ac-2"}}, {"csf", {"PR.AA-01"}}, {"sp800_53", {"ac-3", "ac-6"}}, {"atlas", {}}};
    auto by_tree = read_contribution_tree(values::to_json(c), "cloud");
    auto by_values = read_contribution_findings(std::move(c), "cloud");
    REQUIRE(std::holds_alternative<Contribution>(by_values));
    REQUIRE(std::holds_alternative<Contribution>(by_tree));
    const SharedRefs& refs = std::get<Contribution>(by_values).risks.at(0).refs;
    CHECK(refs.list() == Refs{{"atlas", {}}, {"csf", {"PR.AA-01"}}, {"sp800_53", {"ac-3", "ac-6"}}});
    CHECK(refs == std::get<Contribution>(by_tree).risks.at(0).refs);
}

TEST_CASE("a contribution handed over as values is read as its JSON is", "[contribution][findings]") {
    auto by_values = read_contribution_findings(valid_values(), "cloud");
    auto by_tree = read_contribution_tree(valid(), "cloud");
    REQUIRE(std::holds_alternative<Contribution>(by_values));
    REQUIRE(std::holds_alternative<Contribution>(by_tree));
    const Contribution& v = std::get<Contribution>(by_values);
    const Contribution& t = std::get<Contribution>(by_tree);
    REQUIRE(v.benefits.size() == 1);
    CHECK(v.benefits[0].id == t.benefits[0].id);
    CHECK(v.benefits[0].plugin == "cloud");
    CHECK(v.benefits[0].dimension == t.benefits[0].dimension);
    CHECK(v.benefits[0].score == t.benefits[0].score);
    CHECK(v.benefits[0].evidence == t.benefits[0].evidence);
    CHECK(v.benefits[0].annual_value->high == t.benefits[0].annual_value->high);
    REQUIRE(v.risks.size() == 1);
    const Risk& r = v.risks[0];
    CHECK(r.raised_by == t.risks[0].raised_by);
    CHECK(r.title == t.risks[0].title);
    CHECK(r.likelihood == 4);
    CHECK(r.impact == 3);
    CHECK(r.rationale == t.risks[0].rationale);
    CHECK(r.evidence == t.risks[0].evidence);
    CHECK(r.refs == t.risks[0].refs);
    CHECK(r.concern == "identity");
    REQUIRE(r.mitigations.size() == 2);
    CHECK(r.mitigations[0].control == "mfa");
    CHECK(r.mitigations[1].control.empty());
    CHECK(r.mitigations[0].cost.one_time == 100);
    CHECK(r.mitigations[1].residual_likelihood == 3);
    CHECK(r.fair->magnitude.high == 90000);
    REQUIRE(v.questions.size() == 1);
    CHECK(v.questions[0].plugin == "cloud");
    CHECK(v.questions[0].field == "/data/residency");
    CHECK(v.questions[0].text == t.questions[0].text);
}

TEST_CASE("values a rule left unset are refused as the missing members", "[contribution][findings]") {
    auto without = [](auto&& unset) {
        values::Contribution c = valid_values();
        unset(c);
        return values_refusal(c);
    };
    const std::string at = "returned a contribution that fails the contribution schema at ";
    CHECK(without([](values::Contribution& c) { c.risks[0].likelihood.reset(); }) ==
          at + "/risks/0: missing required property 'likelihood'");
    CHECK(without([](values::Contribution& c) { c.risks[0].impact.reset(); }) ==
          at + "/risks/0: missing required property 'impact'");
    CHECK(without([](values::Contribution& c) { c.risks[0].rationale.reset(); }) ==
          at + "/risks/0: missing required property 'rationale'");
    CHECK(without([](values::Contribution& c) { c.risks[0].mitigations[1].cost.reset(); }) ==
          at + "/risks/0/mitigations/1: missing required property 'cost'");
    CHECK(without([](values::Contribution& c) { c.risks[0].mitigations[0].residual.reset(); }) ==
          at + "/risks/0/mitigations/0: missing required property 'residual'");
    CHECK(without([](values::Contribution& c) { c.benefits[0].score.reset(); }) ==
          at + "/benefits/0: missing required property 'score'");
    CHECK(without([](values::Contribution& c) { c.benefits[0].rationale.reset(); }) ==
          at + "/benefits/0: missing required property 'rationale'");
}

TEST_CASE("values break the schema where their JSON would, with the same reason", "[contribution][findings]") {
    using Change = void (*)(values::Contribution&);
    const Change changes[] = {
        [](values::Contribution& c) { c.risks[0].id = "Cloud.MFA"; },
        [](values::Contribution& c) { c.risks[0].id = "other.mfa"; },
        [](values::Contribution& c) { c.benefits[0].id = "cloud"; },
        [](values::Contribution& c) { c.questions[0].rule = "ai.residency"; },
        [](values::Contribution& c) { c.risks[0].title.clear(); },
        [](values::Contribution& c) { c.risks[0].rationale = std::string(4001, 'x'); },
        [](values::Contribution& c) { c.risks[0].rationale = std::string(16001, 'x'); },
        [](values::Contribution& c) { c.risks[0].likelihood = 6; },
        [](values::Contribution& c) { c.risks[0].impact = 0; },
        [](values::Contribution& c) { c.benefits[0].score = 101; },
        [](values::Contribution& c) { c.benefits[0].dimension = "happiness"; },
        [](values::Contribution& c) { c.risks[0].evidence.clear(); },
        [](values::Contribution& c) { c.risks[0].evidence.assign(33, "/data"); },
        [](values::Contribution& c) { c.benefits[0].evidence = {"data/records"}; },
        [](values::Contribution& c) { c.questions[0].field = "/a~2b"; },
        [](values::Contribution& c) {
            c.risks[0].refs = {{"csf", {""}}};
        },
        [](values::Contribution& c) {
            c.risks[0].refs = {{"csf", std::vector<std::string>(33, "PR.AA-01")}};
        },
        [](values::Contribution& c) {
            c.risks[0].refs = {{"csf", {""}}, {"csf", {"PR.AA-01"}}};
        },
        [](values::Contribution& c) { c.risks[0].concern = "Identity"; },
        [](values::Contribution& c) { c.risks[0].mitigations.clear(); },
        [](values::Contribution& c) { c.risks[0].mitigations[0].id = "-mfa"; },
        [](values::Contribution& c) { c.risks[0].mitigations[0].control = std::string(65, 'c'); },
        [](values::Contribution& c) { c.risks[0].mitigations[0].cost->annual = -1; },
        [](values::Contribution& c) { c.risks[0].mitigations[0].cost->annual = std::nan(""); },
        [](values::Contribution& c) { c.risks[0].mitigations[0].cost->one_time = INFINITY; },
        [](values::Contribution& c) { c.risks[0].mitigations[0].residual->impact = 4; },
        [](values::Contribution& c) { c.risks[0].fair->magnitude.low = 6000; },
        [](values::Contribution& c) { c.benefits[0].annual_value->likely = 9; },
        [](values::Contribution& c) { c.risks[0].title = "No \xff MFA"; },
        [](values::Contribution& c) {
            c.risks[0].refs = {{"c\xc3", {"x"}}};
        },
        [](values::Contribution& c) {
            const values::Risk risk = c.risks[0];
            c.risks.assign(201, risk);
        },
    };
    size_t refused = 0;
    for (const Change change : changes) {
        values::Contribution c = valid_values();
        change(c);
        INFO(values::to_json(c).dump(-1, ' ', false, json::error_handler_t::replace).substr(0, 400));
        refused += values_refusal(c).empty() ? 0 : 1;
    }
    CHECK(refused == std::size(changes) - 1); // a repeated framework counts once in JSON: the last one stands

    Limits no_questions;
    no_questions.contribution_questions = 0;
    CHECK(values_refusal(valid_values(), no_questions) ==
          "returned a contribution past a limit at /questions: 1 questions, more than the limit of 0 "
          "(limits.contribution_questions)");
}

TEST_CASE("a risk may leave its references to its rule's catalog entry", "[contribution][catalog]") {
    // Absent or empty, they are none here; the reviewer then gives the
    // catalog's (Manifest::cite_catalog). Text, tree and values agree.
    json doc = valid();
    doc["risks"][0].erase("refs");
    CHECK(refusal(doc) == "");
    const auto by_text = read_contribution(doc.dump(), "cloud");
    REQUIRE(std::holds_alternative<Contribution>(by_text));
    CHECK(std::get<Contribution>(by_text).risks.at(0).refs.empty());

    doc["risks"][0]["refs"] = json::object();
    CHECK(refusal(doc) == "");
    values::Contribution c = valid_values();
    c.risks.at(0).refs.clear();
    const auto by_values = read_contribution_findings(std::move(c), "cloud");
    REQUIRE(std::holds_alternative<Contribution>(by_values));
    CHECK(std::get<Contribution>(by_values).risks.at(0).refs.empty());
}
