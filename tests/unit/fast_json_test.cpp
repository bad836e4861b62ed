// The fast JSON path (host/src/proposal/fast_json.cpp) against the full
// parser it stands in front of: whenever the fast path gives a tree, the full
// parser gives the same one, every member of the same type; whenever the full
// parser refuses a text, the fast path gives nothing. And the documents
// Fulcrum is given every day take the fast path, or it would save nothing.
#include "proposal/document.hpp"
#include "proposal/fast_json.hpp"
#include "proposal/limits.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <boost/filesystem.hpp>

#include <optional>

using namespace fulcrum;
using fulcrum::test::read_text;
using fulcrum::test::source_path;
using nlohmann::json;

namespace {

// Equal, and of the same types throughout (1 and 1u compare equal).
bool same_tree(const json& a, const json& b) {
    if (a.type() != b.type() || a != b) {
        return false;
    }
    if (a.is_object()) {
        for (auto it = a.begin(); it != a.end(); ++it) {
            if (!same_tree(it.value(), b.at(it.key()))) {
                return false;
            }
        }
    } else if (a.is_array()) {
        for (size_t i = 0; i < a.size(); ++i) {
            if (!same_tree(a[i], b[i])) {
                return false;
            }
        }
    }
    return true;
}

// What the full parser makes of `text`: the tree, or nothing when it refuses.
std::optional<json> full(const std::string& text, const Limits& limits) {
    try {
        return parse_json_full(text, limits);
    } catch (const json::parse_error&) {
    } catch (const DocumentProblem&) {
    }
    return std::nullopt;
}

// Checks the promise for one text; true when the fast path took it.
bool agrees(const std::string& text, const Limits& limits = Limits{}) {
    INFO("text: " << text.substr(0, 200));
    const std::optional<json> fast = parse_json_fast(text, limits);
    const std::optional<json> reference = full(text, limits);
    if (fast) {
        REQUIRE(reference);
        CHECK(same_tree(*fast, *reference));
    }
    return fast.has_value();
}

} // namespace

TEST_CASE("the fast path builds the tree the full parser builds", "[fast_json]") {
    const char* taken[] = {
        R"({"a":1,"b":-2,"c":0,"d":-0,"e":1.5,"f":1e3,"g":-1.25E-2,"h":true,"i":false,"j":null,"k":[],"l":{}})",
        R"("plain")",
        "42",
        "  [1, 2 ,3 ]\n\t\r ",
        R"("quote \" backslash \\ slash \/ controls \n\t\r\b\f")",
        "\"\xc3\xa9t\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\x92\"",
        R"({"nested":{"deeper":[{"x":[[]]},"y"]},"z":0.1})",
        "123456789012345678",
        "-123456789012345678",
        "1.7976931348623157e308",
        "5e-324",
        "0.30000000000000004",
    };
    for (const char* text : taken) {
        CHECK(agrees(text));
    }
}

TEST_CASE("the fast path gives up on what it does not handle, and the full parser handles it", "[fast_json]") {
    const char* full_only[] = {
        R"("\u00e9 and \ud83d\udd12")", // \u escapes
        "1234567890123456789",          // 19 digits: unsigned
        "18446744073709551616",         // past uint64: a double
        "-9223372036854775808",         // int64's least
        "1e-400",                       // underflows to 0
        "\xef\xbb\xbf{}",               // a byte order mark, skipped
    };
    for (const char* text : full_only) {
        INFO(text);
        CHECK_FALSE(agrees(text));
        CHECK(full(text, Limits{}));
    }
    // Nesting deeper than the fast path recurses, within the limit.
    Limits deep;
    deep.depth = 1000;
    const std::string nested = std::string(200, '[') + std::string(200, ']');
    CHECK_FALSE(agrees(nested, deep));
    CHECK(full(nested, deep));
}

TEST_CASE("the fast path refuses every text the full parser refuses", "[fast_json]") {
    const std::string refused[] = {
        "",
        " ",
        R"({"a":1,"a":2})",
        "[1,]",
        R"({"a":1,})",
        "[01]",
        "-",
        "1.",
        ".5",
        "1e",
        "1e+",
        "+1",
        "tru",
        "nulll",
        "[1] x",
        R"({"a" 1})",
        "{1:2}",
        R"(["open)",
        R"(["bad escape \x"])",
        R"(["trailing backslash \)",
        "\"tab \t inside\"",
        "\"bad \xff byte\"",
        "\"cut \xc3\"",
        "\"surrogate \xed\xa0\x80\"",
        "\"overlong \xc0\xaf\"",
        "1e400",
        "-1e400",
        "[1 2]",
        "{\"a\":1 \"b\":2}",
        "// comment\n{}",
    };
    for (const auto& text : refused) {
        INFO(text);
        CHECK_FALSE(full(text, Limits{}));
        CHECK_FALSE(agrees(text));
    }
}

TEST_CASE("the fast path keeps every limit, at its value and one past it", "[fast_json]") {
    struct Case {
        const char* at_limit;
        const char* past_limit;
        size_t Limits::*limit;
        size_t value;
    };
    const Case cases[] = {
        {"[[[1]]]", "[[[[1]]]]", &Limits::depth, 3},
        {"[1,2]", "[1,2,3]", &Limits::values, 3},
        {"[1,2]", "[1,2,3]", &Limits::array_items, 2},
        {R"({"a":1,"b":2})", R"({"a":1,"b":2,"c":3})", &Limits::array_items, 2},
        {R"("abc")", R"("abcd")", &Limits::string_bytes, 3},
        {R"({"abc":1})", R"({"abcd":1})", &Limits::string_bytes, 3},
        {R"("a\nc")", R"("a\ncd")", &Limits::string_bytes, 3},
    };
    for (const Case& c : cases) {
        Limits limits;
        limits.*c.limit = c.value;
        INFO(c.at_limit << " / " << c.past_limit << " at " << c.value);
        CHECK(agrees(c.at_limit, limits));
        CHECK(full(c.at_limit, limits));
        CHECK_FALSE(agrees(c.past_limit, limits));
        CHECK_FALSE(full(c.past_limit, limits));
    }
    // A value is one byte, a string or key its bytes besides: ["ab"] is 4.
    Limits bytes;
    bytes.proposal_bytes = 4;
    CHECK(agrees(R"(["ab"])", bytes));
    CHECK_FALSE(agrees(R"(["abc"])", bytes));
    CHECK_FALSE(full(R"(["abc"])", bytes));
    CHECK_FALSE(agrees(R"({"k":"ab"})", bytes));
    CHECK_FALSE(full(R"({"k":"ab"})", bytes));
}

TEST_CASE("every example proposal takes the fast path, and every damaged copy agrees", "[fast_json]") {
    namespace fs = boost::filesystem;
    size_t documents = 0;
    for (const auto& entry : fs::directory_iterator(source_path("examples/proposals"))) {
        if (entry.path().extension() != ".yaml") {
            continue;
        }
        // The example as the JSON text a batch would be given.
        const std::string text =
            parse_document(read_text(entry.path().string()), Syntax::yaml, entry.path().string()).dump();
        INFO(entry.path().filename().string());
        CHECK(agrees(text));
        ++documents;
        // Cut short, and one byte changed for one that breaks or bends the
        // grammar, at positions through the whole text.
        const char swaps[] = {'"', '\\', ',', '}', ']', '0', 'e', '-', ' ', '\x01', '\xff', ':', '.'};
        for (size_t at = 0; at < text.size(); at += 7) {
            agrees(text.substr(0, at));
            std::string bent = text;
            bent[at] = swaps[at % sizeof swaps];
            agrees(bent);
        }
    }
    CHECK(documents >= 10);
}

TEST_CASE("the fast path reads a string's special bytes wherever they stand", "[fast_json]") {
    // Strings are scanned sixteen bytes at a time up to the first quote,
    // backslash or control character: put each at every position of strings
    // of every length up to three blocks, with UTF-8 before and after it.
    const std::string specials[] = {"\\\"", "\\\\", "\\n", "\\/", "\x01", "\x1f", "\xc3\xa9", "\xff", "\x7f", "\"x"};
    size_t taken = 0;
    for (const auto& special : specials) {
        for (size_t size = 1; size <= 48; ++size) {
            for (size_t at = 0; at < size; ++at) {
                const std::string body = std::string(at, 'a') + special + std::string(size - at - 1, 'z');
                taken += agrees("{\"k\": \"" + body + "\"}") ? 1 : 0;
                taken += agrees("[\"\xe2\x82\xac" + body + "\xc3\xa9\"]") ? 1 : 0;
            }
        }
    }
    CHECK(taken > 0); // the valid ones took the fast path
}
