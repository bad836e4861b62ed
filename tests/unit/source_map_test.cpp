// Source maps (host/src/proposal/source_map.cpp): line and column of a JSON
// pointer in YAML and JSON text, for SARIF locations.
#include "proposal/source_map.hpp"

#include <catch2/catch.hpp>

using namespace fulcrum;

namespace {

std::pair<int, int> at(const SourceMap& map, const std::string& pointer) {
    const SourcePosition p = map.locate(pointer);
    return {p.line, p.column};
}

} // namespace

TEST_CASE("YAML: members point at their key, list items at the item", "[reports]") {
    const std::string yaml = "id: crm\n"
                             "controls:\n"
                             "  - {id: sso, status: in_place}\n"
                             "  - id: mfa\n"
                             "    status: planned\n"
                             "data:\n"
                             "  classification: confidential\n";
    const SourceMap map = SourceMap::from_text(yaml, Syntax::yaml);
    CHECK(at(map, "/id") == std::make_pair(1, 1));
    CHECK(at(map, "/controls") == std::make_pair(2, 1));
    CHECK(at(map, "/controls/0") == std::make_pair(3, 5));
    CHECK(at(map, "/controls/0/status") == std::make_pair(3, 15));
    CHECK(at(map, "/controls/1") == std::make_pair(4, 5));
    CHECK(at(map, "/controls/1/status") == std::make_pair(5, 5));
    CHECK(at(map, "/data/classification") == std::make_pair(7, 3));
}

TEST_CASE("JSON: the same pointers resolve in JSON text", "[reports]") {
    const std::string json = "{\n"
                             "  \"id\": \"crm\",\n"
                             "  \"controls\": [\n"
                             "    {\"id\": \"sso\", \"status\": \"in_place\"},\n"
                             "    {\"id\": \"mfa\", \"status\": \"planned\"}\n"
                             "  ],\n"
                             "  \"data\": {\"classification\": \"confidential\", \"n\": [1, 2.5e3, true, null]}\n"
                             "}\n";
    const SourceMap map = SourceMap::from_text(json, Syntax::json);
    CHECK(at(map, "/id") == std::make_pair(2, 3));
    CHECK(at(map, "/controls/0") == std::make_pair(4, 5));
    CHECK(at(map, "/controls/1/status") == std::make_pair(5, 19));
    CHECK(at(map, "/data/classification") == std::make_pair(7, 12));
    CHECK(at(map, "/data/n/3") == std::make_pair(7, 68));
    CHECK(map.contains("/data/n/1"));
}

TEST_CASE("columns count code points, not bytes", "[reports]") {
    const SourceMap yaml = SourceMap::from_text("title: \xC3\xA9t\xC3\xA9\nx: {caf\xC3\xA9: 1, b: 2}\n", Syntax::yaml);
    CHECK(at(yaml, "/x/b") == std::make_pair(2, 14));
    const SourceMap json = SourceMap::from_text("{\"\xE2\x82\xAC\": 1, \"b\": 2}", Syntax::json);
    CHECK(at(json, "/b") == std::make_pair(1, 10));
}

TEST_CASE("keys with / and ~ and escapes follow RFC 6901", "[reports]") {
    const SourceMap json = SourceMap::from_text(R"({"a/b": {"c~d": 1}, "e\"f": 2, "\u00e9": 3})", Syntax::json);
    CHECK(json.contains("/a~1b/c~0d"));
    CHECK(json.contains("/e\"f"));
    CHECK(json.contains("/\xC3\xA9"));
    const SourceMap yaml = SourceMap::from_text("a/b:\n  c~d: 1\n", Syntax::yaml);
    CHECK(at(yaml, "/a~1b/c~0d") == std::make_pair(2, 3));
}

TEST_CASE("an absent field resolves to its nearest present ancestor", "[reports]") {
    const SourceMap map = SourceMap::from_text("vendor:\n  name: X\n", Syntax::yaml);
    CHECK_FALSE(map.contains("/vendor/exit_plan"));
    CHECK(at(map, "/vendor/exit_plan") == std::make_pair(1, 1));
    CHECK(at(map, "/vendor/name/deeper") == std::make_pair(2, 3));
    CHECK(at(map, "/nowhere") == std::make_pair(1, 1));
}

TEST_CASE("text that does not parse gives an empty map and line 1", "[reports]") {
    const SourceMap bad_json = SourceMap::from_text("{\"a\": [1, 2", Syntax::json);
    CHECK(at(bad_json, "/a/1") == std::make_pair(1, 11)); // mapped before the text ran out
    const SourceMap bad_yaml = SourceMap::from_text("a: [1, 2\nb: {", Syntax::yaml);
    CHECK(bad_yaml.size() == 0);
    CHECK(at(bad_yaml, "/a") == std::make_pair(1, 1));
}
