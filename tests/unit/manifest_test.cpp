// Checking what a plugin says about itself (host/src/plugin/manifest.cpp):
// every refusal names the field at fault.
#include "plugin/manifest.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

using namespace fulcrum;
using nlohmann::json;

namespace {

json valid() {
    return {{"id", "cloud"},
            {"name", "Cloud adoption"},
            {"vendor", "Fulcrum"},
            {"version", "0.1.0"},
            {"description", "Benefit and risk of cloud adoption"},
            {"categories", {"cloud", "saas"}},
            {"abi_version", "1.0"},
            {"thread_safe", true},
            {"config_schema", {{"type", "object"}}},
            {"rules", {{{"id", "cloud.mfa"}, {"kind", "risk"}}}}};
}

std::string error_of(const std::string& text) {
    try {
        parse_manifest(text);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "";
}

std::string error_of(const json& doc) {
    return error_of(doc.dump());
}

json without(const char* key) {
    json m = valid();
    m.erase(key);
    return m;
}

json with(const char* key, json value) {
    json m = valid();
    m[key] = std::move(value);
    return m;
}

} // namespace

TEST_CASE("a valid manifest is read", "[manifest]") {
    const Manifest m = parse_manifest(valid().dump());
    CHECK(m.id == "cloud");
    CHECK(m.name == "Cloud adoption");
    CHECK(m.vendor == "Fulcrum");
    CHECK(m.version == "0.1.0");
    CHECK(m.description == "Benefit and risk of cloud adoption");
    CHECK(m.categories == std::vector<std::string>{"cloud", "saas"});
    CHECK(m.abi_major == 1);
    CHECK(m.abi_minor == 0);
    CHECK(m.thread_safe);
    CHECK(m.config_schema == json{{"type", "object"}});
    CHECK(m.rules.size() == 1);
    CHECK(m.handles("saas"));
    CHECK_FALSE(m.handles("ai"));
}

TEST_CASE("optional manifest fields have safe defaults", "[manifest]") {
    json m = valid();
    for (const char* key : {"description", "thread_safe", "config_schema", "rules"}) {
        m.erase(key);
    }
    const Manifest parsed = parse_manifest(m.dump());
    CHECK(parsed.description.empty());
    CHECK_FALSE(parsed.thread_safe); // calls are serialised unless the plugin says otherwise
    CHECK(parsed.config_schema == json::object());
    CHECK(parsed.rules == json::array());
}

TEST_CASE("required manifest fields are named when missing or wrong", "[manifest]") {
    for (const char* key : {"id", "name", "vendor", "version", "abi_version"}) {
        INFO(key);
        const std::string expected = std::string("manifest field '") + key + "' is missing or not a non-empty string";
        CHECK(error_of(without(key)) == expected);
        CHECK(error_of(with(key, "")) == expected);
        CHECK(error_of(with(key, 7)) == expected);
    }
    CHECK(error_of(without("categories")) == "manifest field 'categories' is missing or empty");
    CHECK(error_of(with("categories", json::array())) == "manifest field 'categories' is missing or empty");
    CHECK(error_of(with("categories", "cloud")) == "manifest field 'categories' is missing or empty");
    CHECK(error_of(with("categories", {"cloud", 3})) == "manifest field 'categories' holds something other than names");
}

TEST_CASE("the manifest id is a lower-case name that can prefix rule ids", "[manifest]") {
    CHECK(error_of(with("id", "Cloud")) == "manifest id 'Cloud' is not lower-case letters, digits, '_' or '-'");
    CHECK(error_of(with("id", "cloud.v2")) == "manifest id 'cloud.v2' is not lower-case letters, digits, '_' or '-'");
    CHECK(error_of(with("id", "9cloud")) != "");
    CHECK(error_of(with("id", std::string(65, 'a'))) != "");
    CHECK(error_of(with("id", std::string(64, 'a'))) == "");
    CHECK(error_of(with("id", "my_vendor-cloud2")) == "");
}

TEST_CASE("abi_version must be MAJOR.MINOR", "[manifest]") {
    CHECK(error_of(with("abi_version", "1")) == "manifest abi_version '1' is not MAJOR.MINOR");
    CHECK(error_of(with("abi_version", "one.zero")) == "manifest abi_version 'one.zero' is not MAJOR.MINOR");
    const Manifest m = parse_manifest(with("abi_version", "2.7").dump());
    CHECK(m.abi_major == 2);
    CHECK(m.abi_minor == 7);
}

TEST_CASE("optional manifest fields of the wrong type are refused by name", "[manifest]") {
    CHECK(error_of(with("thread_safe", "yes")) == "manifest field 'thread_safe' is not true or false");
    CHECK(error_of(with("config_schema", "none")) == "manifest field 'config_schema' is not a JSON Schema object");
    CHECK(error_of(with("rules", json::object())) == "manifest field 'rules' is not an array");
}

TEST_CASE("a manifest that is not a JSON object is refused", "[manifest]") {
    CHECK(error_of(std::string("")).rfind("manifest is not valid JSON: ", 0) == 0);
    CHECK(error_of(std::string("{id: cloud}")).rfind("manifest is not valid JSON: ", 0) == 0);
    CHECK(error_of(std::string("[]")) == "manifest is not a JSON object");
    CHECK(error_of(std::string("\"cloud\"")) == "manifest is not a JSON object");
}

TEST_CASE("abi_version with anything after MAJOR.MINOR is refused", "[manifest]") {
    for (const char* bad : {"1.0junk", "1.0.7", "-1.0", "1.-2", " 1.0", "1. 0"}) {
        INFO(bad);
        CHECK(error_of(with("abi_version", bad)) ==
              std::string("manifest abi_version '") + bad + "' is not MAJOR.MINOR");
    }
}

TEST_CASE("a description that is not text is refused by name", "[manifest]") {
    CHECK(error_of(with("description", 42)) == "manifest field 'description' is not a string");
    CHECK(error_of(with("description", "")) == "");
}

TEST_CASE("categories must be names a proposal can use", "[manifest]") {
    // Proposals name categories in lower case ([a-z][a-z0-9_-]{0,31}); a
    // plugin claiming "Cloud" would silently never run.
    CHECK(error_of(with("categories", {"cloud", "Cloud"})) ==
          "manifest category 'Cloud' is not a lower-case category name such as cloud, ai or bigdata");
    CHECK(error_of(with("categories", {"big data"})) != "");
    CHECK(error_of(with("categories", {std::string(33, 'a')})) != "");
    CHECK(error_of(with("categories", {"cloud", "big_data", "iot-2"})) == "");
}

TEST_CASE("the catalog's references are read once and given to risks that leave theirs out", "[manifest][catalog]") {
    json m = valid();
    m["rules"] = {{{"id", "cloud.mfa"}, {"kind", "risk"}, {"refs", {{"sp800_53", {"ia-2"}}, {"csf", {"PR.AA-01"}}}}},
                  {{"id", "cloud.backup"}, {"kind", "risk"}, {"refs", json::object()}},
                  {{"id", "cloud.mfa"}, {"kind", "risk"}, {"refs", {{"csf", {"a later entry"}}}}},
                  {{"id", "cloud.speed"}, {"kind", "benefit"}}};
    const Manifest manifest = parse_manifest(m.dump());

    Contribution c;
    c.risks.resize(4);
    c.risks[0].id = "cloud.mfa"; // no references of its own: the catalog's
    c.risks[1].id = "cloud.mfa"; // its own stand
    c.risks[1].refs = SharedRefs(Refs{{"gdpr", {"Art. 32"}}});
    c.risks[2].id = "cloud.backup"; // catalogued with none
    c.risks[3].id = "cloud.other";  // not catalogued: none
    manifest.cite_catalog(c);

    // In order of framework, as a JSON object holds them; the first entry of an id stands.
    CHECK(c.risks[0].refs.list() == Refs{{"csf", {"PR.AA-01"}}, {"sp800_53", {"ia-2"}}});
    CHECK(c.risks[0].refs.json() == R"({"csf":["PR.AA-01"],"sp800_53":["ia-2"]})");
    CHECK(c.risks[1].refs.list() == Refs{{"gdpr", {"Art. 32"}}});
    CHECK(c.risks[2].refs.empty());
    CHECK(c.risks[2].refs.json() == "{}");
    CHECK(c.risks[3].refs.empty());
}

TEST_CASE("catalog references beyond a contribution's limits are refused, naming the rule", "[manifest][catalog]") {
    const auto catalog_with = [](json refs) {
        json m = valid();
        m["rules"] = {{{"id", "cloud.ok"}, {"kind", "risk"}, {"refs", {{"csf", {"PR.AA-01"}}}}},
                      {{"id", "cloud.mfa"}, {"kind", "risk"}, {"refs", std::move(refs)}}};
        return m;
    };
    // The contribution reader's own checks and words, at the entry's pointer.
    const std::string at = "manifest rule 'cloud.mfa': /rules/1/refs";
    CHECK(error_of(catalog_with({"PR.AA-01"})) == at + ": expected an object");
    CHECK(error_of(catalog_with({{"csf", "PR.AA-01"}})) == at + "/csf: expected an array");
    CHECK(error_of(catalog_with({{"csf", std::vector<std::string>(33, "PR.AA-01")}})) ==
          at + "/csf: expected at most 32 items, got 33");
    CHECK(error_of(catalog_with({{"csf", {""}}})) == at + "/csf/0: expected a non-empty string");
    CHECK(error_of(catalog_with({{"csf", {std::string(65, 'x')}}})) == at + "/csf/0: expected at most 64 characters");
    CHECK(error_of(catalog_with({{"csf", {7}}})) == at + "/csf/0: expected a string");
    CHECK(error_of(catalog_with({{std::string(65, 'f'), {"x"}}})) ==
          at + "/" + std::string(65, 'f') + ": expected at most 64 characters");
    CHECK(error_of(catalog_with({{"", {"x"}}})) == at + "/: expected a non-empty string");
    // At the limits, and counted in characters, not bytes.
    CHECK(error_of(catalog_with({{"csf", std::vector<std::string>(32, "\xc3\xa9" + std::string(63, 'x'))}})) == "");
}
