#include "proposal/document.hpp"
#include "proposal/proposal.hpp"
#include "util/error.hpp"

#include <catch2/catch.hpp>

using namespace fulcrum;

namespace {

std::string error_of(const std::string& text, Syntax syntax = Syntax::yaml) {
    try {
        validate_proposal(parse_document(text, syntax, "p.yaml"), "p.yaml");
    } catch (const Error& e) {
        CHECK(e.exit_code() == k_exit_invalid_input);
        return e.what();
    }
    return "";
}

const char* const k_minimal = "id: p1\ntitle: T\ntechnologies: [{category: cloud}]\n";

} // namespace

TEST_CASE("a minimal YAML proposal validates", "[proposal]") {
    const Proposal p = validate_proposal(parse_document(k_minimal, Syntax::yaml, "p.yaml"), "p.yaml");
    CHECK(p.id == "p1");
    CHECK(p.title == "T");
    CHECK(p.categories == std::vector<std::string>{"cloud"});
    CHECK(p.currency == "USD");
    CHECK(p.warnings.empty());
}

TEST_CASE("a bad field is named by its JSON pointer with what was expected", "[proposal]") {
    const std::string text = std::string(k_minimal) + "data: {records: many}\n";
    CHECK(error_of(text) == "p.yaml: /data/records: expected a non-negative integer, got \"many\"");
}

TEST_CASE("every bad field is reported, not just the first", "[proposal]") {
    const std::string err = error_of("id: 'bad id!'\ntechnologies: []\n");
    CHECK(err.find("/id: expected an id") != std::string::npos);
    CHECK(err.find("/title: expected a non-empty string, got nothing") != std::string::npos);
    CHECK(err.find("/technologies: expected a list of at least one technology") != std::string::npos);
}

TEST_CASE("ids, categories and currencies keep their patterns at each edge", "[proposal]") {
    const auto proposal = [](const std::string& id, const std::string& category, const std::string& currency) {
        return "id: '" + id + "'\ntitle: T\ncurrency: '" + currency + "'\ntechnologies: [{category: '" + category +
               "'}]\n";
    };
    const std::string id_problem = "/id: expected an id of 1-64 letters, digits, '.', '_' or '-'";
    const std::string category_problem = "/technologies/0/category: expected a lower-case category name";
    const std::string currency_problem = "/currency: expected a three-letter ISO 4217 code";
    struct Case {
        std::string id, category, currency, problem; // problem: "" when valid
    };
    const Case cases[] = {
        {"Az09._-", "cloud", "EUR", ""},
        {std::string(64, 'x'), "c", "USD", ""},
        {std::string(65, 'x'), "cloud", "USD", id_problem},
        {"", "cloud", "USD", id_problem},
        {"a b", "cloud", "USD", id_problem},
        {"p\u00e9", "cloud", "USD", id_problem},
        {"p", "a" + std::string(31, '0'), "USD", ""},
        {"p", "a" + std::string(32, '0'), "USD", category_problem},
        {"p", "big_data-2", "USD", ""},
        {"p", "Cloud", "USD", category_problem},
        {"p", "1cloud", "USD", category_problem},
        {"p", "_cloud", "USD", category_problem},
        {"p", "", "USD", category_problem},
        {"p", "cloud", "usd", currency_problem},
        {"p", "cloud", "EU", currency_problem},
        {"p", "cloud", "EURO", currency_problem},
        {"p", "cloud", "E1R", currency_problem},
    };
    for (const Case& c : cases) {
        const std::string text = proposal(c.id, c.category, c.currency);
        INFO(text);
        const std::string err = error_of(text);
        if (c.problem.empty()) {
            CHECK(err.empty());
        } else {
            CHECK(err.find(c.problem) != std::string::npos);
        }
    }
}

TEST_CASE("enumerations list the allowed values", "[proposal]") {
    const std::string err = error_of("id: p\ntitle: T\ntechnologies: [{category: cloud, service_model: faas}]\n");
    CHECK(err == "p.yaml: /technologies/0/service_model: expected one of iaas|paas|saas, got \"faas\"");
}

TEST_CASE("YAML quoted scalars stay strings, plain ones get types", "[proposal]") {
    const auto doc = parse_document("a: '12'\nb: 12\nc: true\nd: ~\ne: 1.5\nf: yes\n", Syntax::yaml, "x");
    CHECK(doc["a"] == "12");
    CHECK(doc["b"] == 12);
    CHECK(doc["c"] == true);
    CHECK(doc["d"].is_null());
    CHECK(doc["e"] == 1.5);
    CHECK(doc["f"] == "yes");
}

TEST_CASE("invalid JSON names line and column", "[proposal]") {
    try {
        parse_document("{\n  \"id\": \"x\",\n  \"title\": oops\n}", Syntax::json, "p.json");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(std::string(e.what()).rfind("p.json:3:", 0) == 0);
        CHECK(std::string(e.what()).find("invalid JSON") != std::string::npos);
    }
}

TEST_CASE("invalid YAML names line and column", "[proposal]") {
    try {
        parse_document("id: x\ntitle: [unclosed\n", Syntax::yaml, "p.yaml");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(std::string(e.what()).rfind("p.yaml:", 0) == 0);
        CHECK(std::string(e.what()).find("invalid YAML") != std::string::npos);
    }
}

TEST_CASE("unknown fields are kept and warned about", "[proposal]") {
    const std::string text = std::string(k_minimal) + "budget_owner: finance\ndata: {colour: blue}\n";
    const Proposal p = validate_proposal(parse_document(text, Syntax::yaml, "p.yaml"), "p.yaml");
    REQUIRE(p.warnings.size() == 2);
    CHECK(p.warnings[0].find("/budget_owner: unknown field") != std::string::npos);
    CHECK(p.warnings[1].find("/data/colour: unknown field") != std::string::npos);
    CHECK(p.doc["budget_owner"] == "finance");
}

TEST_CASE("fields are found in objects of any size", "[proposal]") {
    // Small objects are walked member by member, large ones searched: the
    // same bad field is named, and the same good one read, either way.
    for (const int extra : {0, 31, 32, 33, 100}) {
        std::string text = std::string(k_minimal) + "data: {records: many";
        for (int i = 0; i < extra; ++i) {
            text += ", x" + std::to_string(i) + ": 1";
        }
        text += "}\n";
        INFO(extra << " unknown fields");
        CHECK(error_of(text) == "p.yaml: /data/records: expected a non-negative integer, got \"many\"");
        std::string top = "currency: EUR\n";
        for (int i = 0; i < extra; ++i) {
            top += "y" + std::to_string(i) + ": 1\n";
        }
        const Proposal p = validate_proposal(parse_document(top + k_minimal, Syntax::yaml, "p.yaml"), "p.yaml");
        CHECK(p.currency == "EUR");
        CHECK(p.id == "p1");
        CHECK(p.warnings.size() == static_cast<size_t>(extra));
    }
}

TEST_CASE("null means unknown and is accepted for optional fields", "[proposal]") {
    const std::string text = std::string(k_minimal) + "data: {records: null, classification: ~}\nvendor: null\n";
    CHECK_NOTHROW(validate_proposal(parse_document(text, Syntax::yaml, "p.yaml"), "p.yaml"));
}

TEST_CASE("controls are read by id and status", "[proposal]") {
    const std::string text =
        std::string(k_minimal) + "controls: [{id: mfa, status: in_place}, {id: backup, status: planned}]\n";
    const Proposal p = validate_proposal(parse_document(text, Syntax::yaml, "p.yaml"), "p.yaml");
    CHECK(p.control("mfa") == ControlStatus::in_place);
    CHECK(p.control("backup") == ControlStatus::planned);
    CHECK(p.control("dr_plan") == ControlStatus::none);
    CHECK(error_of(std::string(k_minimal) + "controls: [{id: mfa, status: maybe}]\n") ==
          "p.yaml: /controls/0/status: expected one of in_place|planned|none, got \"maybe\"");
}

TEST_CASE("fields deep in the proposal are named by their full pointer, escaped", "[proposal]") {
    // Pointers are spelled out only for a message, from the frames that led
    // to the field: each level must appear, and '~' and '/' in names escaped
    // as RFC 6901 says.
    CHECK(error_of("id: p1\ntitle: T\ntechnologies: [{category: cloud}, {category: ai, training_data: [a, 5]}]\n") ==
          "p.yaml: /technologies/1/training_data/1: expected a string, got 5");
    CHECK(error_of(std::string(k_minimal) + "business_case: {benefits: [{dimension: growth}, {dimension: growth, "
                                            "annual_value: {low: 1, likely: -2, high: 3}}]}\n") ==
          "p.yaml: /business_case/benefits/1/annual_value/likely: expected a non-negative number, got -2");
    CHECK(error_of(std::string(k_minimal) + "controls: [{id: mfa, status: none}, {status: none}]\n") ==
          "p.yaml: /controls/1/id: expected a control id such as mfa, got nothing");
    const std::string text = std::string(k_minimal) + "a/b~c: 1\norganization: {x/y: 1, name: N}\n";
    const Proposal p = validate_proposal(parse_document(text, Syntax::yaml, "p.yaml"), "p.yaml");
    REQUIRE(p.warnings.size() == 2);
    CHECK(p.warnings[0] == "/a~1b~0c: unknown field, kept but not used by Fulcrum itself");
    CHECK(p.warnings[1] == "/organization/x~1y: unknown field, kept but not used by Fulcrum itself");
}
