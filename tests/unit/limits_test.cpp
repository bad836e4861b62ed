// Limits on hostile documents (host/src/proposal/limits.cpp and their use in
// document.cpp and proposal.cpp): each limit holds at its value and fails one
// past it, naming the limit and the JSON pointer where it was crossed.
#include "proposal/document.hpp"
#include "proposal/limits.hpp"
#include "proposal/proposal.hpp"
#include "review/policy.hpp"
#include "test_support.hpp"
#include "util/error.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <fcntl.h>
#include <unistd.h>

using namespace fulcrum;
using nlohmann::json;

namespace {

// The message a document fails with, or "" when it parses.
std::string problem(const std::string& text, Syntax syntax, const Limits& limits = Limits{}) {
    try {
        parse_document(text, syntax, "t", limits);
        return "";
    } catch (const Error& e) {
        CHECK(e.exit_code() == k_exit_invalid_input);
        return e.what();
    }
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string nested(size_t levels, const std::string& open, const std::string& close) {
    std::string out;
    for (size_t i = 0; i < levels; ++i) {
        out += open;
    }
    for (size_t i = 0; i < levels; ++i) {
        out += close;
    }
    return out;
}

} // namespace

TEST_CASE("a 100,000-level nested JSON array is refused at the depth limit", "[limits]") {
    const std::string err = problem(nested(100000, "[", "]"), Syntax::json);
    CHECK(contains(err, "t: /0/0/0/0/"));
    CHECK(contains(err, "nested deeper than the limit of 64 arrays and objects (limits.depth)"));
    const std::string objects = problem(nested(100000, "{\"a\":", "}"), Syntax::json);
    CHECK(contains(objects, "t: /a/a/a/"));
    CHECK(contains(objects, "(limits.depth)"));
}

TEST_CASE("depth holds at the limit and fails one past it", "[limits]") {
    Limits limits;
    limits.depth = 3;
    CHECK(problem("[[[1]]]", Syntax::json, limits).empty());
    CHECK(problem("[[[[1]]]]", Syntax::json, limits) ==
          "t: /0/0/0: nested deeper than the limit of 3 arrays and objects (limits.depth)");
    CHECK(problem("- - - 1\n", Syntax::yaml, limits).empty());
    CHECK(contains(problem("a: [[[1]]]\n", Syntax::yaml, limits), "t: /a/0/0: nested deeper than the limit of 3"));
}

TEST_CASE("YAML nested 100,000 levels deep is refused, not a stack overflow", "[limits]") {
    const std::string err = problem(nested(100000, "[", "]"), Syntax::yaml);
    CHECK(contains(err, "t:1:"));
    CHECK(contains(err, "(limits.depth)"));
}

TEST_CASE("strings and keys longer than the limit are refused with their pointer", "[limits]") {
    Limits limits;
    limits.string_bytes = 5;
    CHECK(problem(R"({"a": ["12345"]})", Syntax::json, limits).empty());
    CHECK(problem(R"({"a": ["123456"]})", Syntax::json, limits) ==
          "t: /a/0: a string of 6 bytes, longer than the limit of 5 (limits.string_bytes)");
    CHECK(problem(R"({"abcdef": 1})", Syntax::json, limits) ==
          "t: /abcdef: a key of 6 bytes, longer than the limit of 5 (limits.string_bytes)");
    CHECK(contains(problem("a: '123456'\n", Syntax::yaml, limits), "t: /a: a string of 6 bytes"));
    // Bytes, not characters: "é" is two bytes of UTF-8.
    CHECK(contains(problem("[\"\xC3\xA9\xC3\xA9\xC3\xA9\"]", Syntax::json, limits), "a string of 6 bytes"));
}

TEST_CASE("arrays and objects with more items than the limit are refused", "[limits]") {
    Limits limits;
    limits.array_items = 3;
    CHECK(problem("[1, 2, 3]", Syntax::json, limits).empty());
    CHECK(problem(R"({"x": [1, 2, 3, 4]})", Syntax::json, limits) ==
          "t: /x/3: more than the limit of 3 items in one array or object (limits.array_items)");
    CHECK(contains(problem(R"({"a":1,"b":2,"c":3,"d":4})", Syntax::json, limits), "t: /d: more than the limit of 3"));
    CHECK(contains(problem("[1, 2, 3, 4]\n", Syntax::yaml, limits), "t: /3: more than the limit of 3"));
}

TEST_CASE("documents with more values than the limit are refused", "[limits]") {
    Limits limits;
    limits.values = 4; // the array itself and three items
    CHECK(problem("[1, 2, 3]", Syntax::json, limits).empty());
    CHECK(problem("[1, 2, 3, 4]", Syntax::json, limits) ==
          "t: /3: more than the limit of 4 values in one document (limits.values)");
}

TEST_CASE("a YAML billion laughs stops at a limit instead of expanding", "[limits]") {
    // Ten levels of ten aliases each: 10^10 values once expanded.
    std::string text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (int i = 1; i <= 9; ++i) {
        const std::string prev = "*a" + std::to_string(i - 1);
        text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev;
        for (int k = 1; k < 10; ++k) {
            text += ", " + prev;
        }
        text += "]\n";
    }
    const auto start = std::chrono::steady_clock::now();
    const std::string err = problem(text, Syntax::yaml);
    const auto took = std::chrono::steady_clock::now() - start;
    CHECK(contains(err, "(limits.values)"));
    CHECK(took < std::chrono::seconds(10));
    // With a high value limit, the expanded bytes stop it all the same.
    Limits bytes;
    bytes.values = 100000000;
    bytes.proposal_bytes = 100000;
    CHECK(contains(problem(text, Syntax::yaml, bytes), "once YAML aliases are expanded (limits.proposal_bytes)"));
}

TEST_CASE("a YAML node that contains its own alias is refused at the depth limit", "[limits]") {
    CHECK(contains(problem("a: &x [1, *x]\n", Syntax::yaml), "(limits.depth)"));
    CHECK(contains(problem("&x {k: *x}\n", Syntax::yaml), "t: /k/k/k/"));
}

TEST_CASE("duplicate keys are refused with the key's pointer", "[limits]") {
    CHECK(problem(R"({"data": {"records": 1, "records": 2}})", Syntax::json) ==
          "t: /data/records: duplicate key (each key may appear once in an object)");
    CHECK(problem("data:\n  records: 1\n  records: 2\n", Syntax::yaml) ==
          "t: /data/records: duplicate key (each key may appear once in an object)");
    CHECK(problem(R"({"a": {"x": 1}, "b": {"x": 1}})", Syntax::json).empty()); // same key, other objects
}

TEST_CASE("numbers beyond a double and NaN or infinity are refused", "[limits]") {
    CHECK(problem(R"({"data": {"records": 1e400}})", Syntax::json) ==
          "t: /data/records: the number 1e400 is too large for any field (numbers must be finite, at most about "
          "1.8e308)");
    CHECK(contains(problem("[-1e400]", Syntax::json), "t: /0: the number -1e400 is too large"));
    CHECK(contains(problem("[NaN]", Syntax::json), "invalid JSON"));
    CHECK(contains(problem("[Infinity]", Syntax::json), "invalid JSON"));
    CHECK(contains(problem("records: 1e400\n", Syntax::yaml), "t: /records: the number 1e400 is too large"));
    for (const char* special : {".inf", "-.Inf", "+.INF", ".nan", ".NaN"}) {
        CHECK(contains(problem(std::string("x: ") + special + "\n", Syntax::yaml),
                       std::string("t: /x: NaN and infinite numbers are not accepted, got ") + special));
    }
    // Quoted, the same text is a string like any other.
    CHECK(parse_document("x: '.nan'\n", Syntax::yaml, "t")["x"] == ".nan");
    // Tiny numbers round to zero or a subnormal; that is no error.
    CHECK(parse_document("[1e-400]", Syntax::json, "t")[0].get<double>() == 0.0);
    CHECK(parse_document("x: 1e-400\n", Syntax::yaml, "t")["x"].get<double>() == 0.0);
}

TEST_CASE("integers past 64 bits become doubles, which the proposal's fields bound", "[limits]") {
    const json doc = parse_document("[1180591620717411303424]", Syntax::json, "t"); // 2^70
    REQUIRE(doc[0].is_number_float());
    CHECK(doc[0].get<double>() == 1180591620717411303424.0);
    CHECK(parse_document("x: 1180591620717411303424\n", Syntax::yaml, "t")["x"].is_number_float());
}

TEST_CASE("invalid UTF-8 is found at its byte", "[limits]") {
    CHECK(invalid_utf8_at("plain ascii") == std::string::npos);
    CHECK(invalid_utf8_at("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF") == std::string::npos);
    CHECK(invalid_utf8_at("ab\xFF") == 2);
    CHECK(invalid_utf8_at("\xC0\x80") == 0);         // overlong NUL
    CHECK(invalid_utf8_at("\xE0\x80\x80") == 0);     // overlong three-byte form
    CHECK(invalid_utf8_at("x\xED\xA0\x80") == 1);    // a UTF-16 surrogate
    CHECK(invalid_utf8_at("\xF4\x90\x80\x80") == 0); // past U+10FFFF
    CHECK(invalid_utf8_at("\xE2\x82") == 0);         // cut short
    CHECK(invalid_utf8_at("\xE2\x28\xA1") == 0);     // continuation byte missing
    CHECK(invalid_utf8_at("\x80") == 0);             // a lone continuation byte
}

TEST_CASE("invalid UTF-8 is found wherever it stands in a text of any length", "[limits]") {
    // ASCII is checked sixteen or eight bytes at a time, the last block
    // overlapping the one before.
    for (size_t size = 1; size <= 48; ++size) {
        for (size_t at = 0; at < size; ++at) {
            std::string text(size, 'a');
            text[at] = '\xFF';
            INFO("size " << size << ", at " << at);
            CHECK(invalid_utf8_at(text) == at);
            text.replace(at, 1, "\xC3\xA9");
            CHECK(invalid_utf8_at(text) == std::string::npos);
            text.resize(size); // cuts the two-byte character short when it ends the text
            CHECK(invalid_utf8_at(text) == (at + 1 == size ? at : std::string::npos));
        }
    }
}

TEST_CASE("invalid UTF-8 is refused with line and column in JSON and YAML", "[limits]") {
    CHECK(problem("id: p\ntitle: caf\xE9\n", Syntax::yaml) ==
          "t:2:11: invalid UTF-8 (byte 0xE9); proposals are UTF-8 text");
    CHECK(problem("{\"a\":\n \"\xFF\"}", Syntax::json) == "t:2:3: invalid UTF-8 (byte 0xFF); proposals are UTF-8 text");
}

TEST_CASE("text past the size limit is refused before parsing", "[limits]") {
    Limits limits;
    limits.proposal_bytes = 10;
    CHECK(problem("[1,2,3,4,5]", Syntax::json, limits) ==
          "t: 11 bytes, more than the limit of 10 bytes (limits.proposal_bytes)");
    CHECK(problem("[1,2,3,45]", Syntax::json, limits).empty());
}

TEST_CASE("a file far past the size limit is refused without being read", "[limits]") {
    const std::string dir = test::scratch_dir("limits-size");
    const std::string path = dir + "/huge.json";
    // A sparse 64 GiB file: reading it would take minutes and all the memory.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    REQUIRE(fd >= 0);
    REQUIRE(::ftruncate(fd, off_t{64} << 30) == 0);
    ::close(fd);
    const auto start = std::chrono::steady_clock::now();
    try {
        load_document(path);
        FAIL("a 64 GiB file was accepted");
    } catch (const Error& e) {
        CHECK(std::string(e.what()) == path + ": 68719476736 bytes, more than the limit of 1048576 bytes "
                                              "(limits.proposal_bytes)");
    }
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
}

TEST_CASE("a stream without a size is read only one byte past the limit", "[limits]") {
    try {
        read_file("/dev/zero", 4096);
        FAIL("an endless stream was accepted");
    } catch (const Error& e) {
        CHECK(std::string(e.what()) == "/dev/zero: more than the limit of 4096 bytes (limits.proposal_bytes)");
    }
    CHECK_THROWS_WITH(read_file("/", 100), "/: cannot read: it is a folder");
    CHECK(read_file("/dev/null", 100).empty());
}

TEST_CASE("the technologies limit counts a proposal's technologies", "[limits]") {
    json doc = {{"id", "p"}, {"title", "T"}, {"technologies", json::array()}};
    for (int i = 0; i < 3; ++i) {
        doc["technologies"].push_back({{"category", "cloud"}});
    }
    Limits limits;
    limits.technologies = 3;
    CHECK_NOTHROW(validate_proposal(doc, "p.json", limits));
    doc["technologies"].push_back({{"category", "ai"}});
    CHECK_THROWS_WITH(validate_proposal(doc, "p.json", limits),
                      "p.json: /technologies: 4 technologies, more than the limit of 3 (limits.technologies)");
}

TEST_CASE("numbers too large for their field are refused by the proposal check", "[limits]") {
    const json base = {{"id", "p"}, {"title", "T"}, {"technologies", {{{"category", "cloud"}}}}};
    json doc = base;
    doc["data"] = {{"records", 1180591620717411303424.0}}; // 2^70
    CHECK_THROWS_WITH(validate_proposal(doc, "p.json"),
                      Catch::Contains("/data/records: expected a non-negative integer no larger than "
                                      "9007199254740991 (2^53 - 1), got 1.1805916207174113e+21"));
    doc["data"]["records"] = 9007199254740991ULL;
    CHECK_NOTHROW(validate_proposal(doc, "p.json"));
    doc = base;
    doc["costs"] = {{"capex", 2e15}};
    CHECK_THROWS_WITH(validate_proposal(doc, "p.json"),
                      Catch::Contains("/costs/capex: expected a non-negative number no larger than 1e15"));
}

TEST_CASE("a proposal with thousands of problems reports the first twenty", "[limits]") {
    json doc = {{"id", "p"}, {"title", "T"}, {"technologies", {{{"category", "cloud"}}}}};
    doc["compliance"] = json::array();
    for (int i = 0; i < 5000; ++i) {
        doc["compliance"].push_back(i);
    }
    try {
        validate_proposal(doc, "p.json");
        FAIL("accepted");
    } catch (const Error& e) {
        const std::string what = e.what();
        CHECK(contains(what, "p.json: /compliance/19: expected a string"));
        CHECK(!contains(what, "/compliance/20:"));
        CHECK(contains(what, "p.json: ... and 4980 more problems"));
    }
}

TEST_CASE("a policy's limits section sets the limits and names a bad one", "[limits]") {
    const Limits limits = read_limits({{"proposal_bytes", 2048}, {"depth", 8}, {"contribution_risks", 5}}, "c.json");
    CHECK(limits.proposal_bytes == 2048);
    CHECK(limits.depth == 8);
    CHECK(limits.contribution_risks == 5);
    CHECK(limits.string_bytes == Limits{}.string_bytes);
    CHECK_THROWS_WITH(read_limits({{"depth", 0}}, "c.json"),
                      "c.json: /limits/depth: expected a whole number from 1 to 1000, got 0");
    CHECK_THROWS_WITH(read_limits({{"depth", 1.5}}, "c.json"), Catch::StartsWith("c.json: /limits/depth: expected"));
    CHECK_THROWS_WITH(read_limits({{"contribution_risks", 201}}, "c.json"),
                      Catch::Contains("/limits/contribution_risks: expected a whole number from 0 to 200"));
    CHECK_THROWS_WITH(read_limits({{"size", 1}}, "c.json"), Catch::StartsWith("c.json: /limits/size: unknown limit"));
    CHECK_THROWS_WITH(read_limits(json::array(), "c.json"), Catch::StartsWith("c.json: /limits: expected an object"));

    const std::string dir = test::scratch_dir("limits-policy");
    test::write_text(dir + "/policy.json", R"({"limits": {"technologies": 2, "string_bytes": 100}})");
    const Policy policy = load_policy(dir + "/policy.json");
    CHECK(policy.limits.technologies == 2);
    CHECK(policy.limits.string_bytes == 100);
    CHECK(policy.limits.depth == 64);
}
