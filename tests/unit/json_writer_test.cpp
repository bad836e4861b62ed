// The streaming JSON writer (host/src/report/json_writer.cpp) must print
// exactly what nlohmann's dump() prints for the same values: batch records
// are written with it, and reviews from `fulcrum review` through the tree.
#include "report/json_writer.hpp"

#include "model/findings.hpp"
#include "review/review.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

using namespace fulcrum;
using ojson = nlohmann::ordered_json;

namespace {

std::string dumped(const ojson& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

template <typename T> std::string written(const T& value) {
    JsonWriter w;
    w.value(value);
    return w.take();
}

} // namespace

TEST_CASE("the writer escapes strings as dump() does", "[json_writer]") {
    const std::string texts[] = {
        "",
        "plain",
        "quote \" and backslash \\ and slash /",
        "tab\tnewline\nreturn\rfeed\fbackspace\b",
        std::string("nul \0 and unit separator \x1f", sizeof "nul \0 and unit separator \x1f" - 1),
        "delete \x7f stays",
        "\xc3\xa9t\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\x92",
        "bad \xff byte and \xc3 cut",
        "\xed\xa0\x80 surrogate"};
    for (const auto& text : texts) {
        INFO(dumped(ojson(text)));
        CHECK(written(text) == dumped(ojson(text)));
    }
}

TEST_CASE("the writer finds a byte to escape wherever it stands in a long text", "[json_writer]") {
    // Plain texts are scanned sixteen or eight bytes at a time, the last
    // block overlapping the one before: put each kind of byte that needs a
    // look at every position of texts of every length up to three blocks.
    const std::string specials[] = {"\"",       "\\",           "\n",   "\x1f", std::string(1, '\0'),
                                    "\xc3\xa9", "\xe2\x82\xac", "\xff", "\x7f"};
    for (const auto& special : specials) {
        for (size_t size = 1; size <= 48; ++size) {
            for (size_t at = 0; at < size; ++at) {
                const std::string text = std::string(at, 'a') + special + std::string(size - at - 1, 'z');
                INFO("at " << at << ": " << dumped(ojson(text)));
                CHECK(written(text) == dumped(ojson(text)));
            }
        }
    }
}

TEST_CASE("the writer prints numbers as dump() does", "[json_writer]") {
    const double doubles[] = {0.0,
                              -0.0,
                              1.0,
                              5000.0,
                              0.1,
                              1.0 / 3.0,
                              2.5e-7,
                              1e21,
                              123456789.125,
                              -42.5,
                              -42.0,
                              40000.0,
                              1e14,
                              999999999999999.0,
                              1e15,
                              -1e15,
                              4503599627370496.0,
                              std::numeric_limits<double>::max(),
                              std::numeric_limits<double>::denorm_min(),
                              std::nan(""),
                              std::numeric_limits<double>::infinity()};
    for (double d : doubles) {
        INFO(d);
        CHECK(written(d) == dumped(ojson(d)));
    }
    CHECK(written(0) == "0");
    CHECK(written(-17) == dumped(ojson(-17)));
    CHECK(written(std::numeric_limits<int64_t>::min()) == dumped(ojson(std::numeric_limits<int64_t>::min())));
    CHECK(written(std::numeric_limits<uint64_t>::max()) == dumped(ojson(std::numeric_limits<uint64_t>::max())));
    CHECK(written(size_t{42}) == "42");
    CHECK(written(true) == "true");
    CHECK(written(false) == "false");
}

TEST_CASE("numbers printed again print as dump() does", "[json_writer]") {
    // The writer keeps the texts of fractional numbers it has printed, in a
    // table of 64 by bit pattern: a number met again, and one that takes the
    // place of another, must still print as dump() prints it. Six hundred
    // numbers of every length, drawn 20,000 times in turn, meet both often.
    std::mt19937_64 random(7);
    std::vector<double> numbers = {
        0.0, -0.0, 0.05, 0.15, 1.0 / 3.0, 2.5e-7, 1e21, -1e-300, std::numeric_limits<double>::denorm_min()};
    std::uniform_real_distribution<double> any(-1e7, 1e7);
    while (numbers.size() < 600) {
        const double x = any(random);
        numbers.push_back(numbers.size() % 3 == 0 ? std::round(x * 100) / 100 : x);
    }
    std::uniform_int_distribution<size_t> pick(0, numbers.size() - 1);
    JsonWriter w;
    w.begin_array();
    ojson expected = ojson::array();
    for (int i = 0; i < 20000; ++i) {
        const double d = numbers[pick(random)];
        INFO(d);
        REQUIRE(written(d) == dumped(ojson(d)));
        w.value(d);
        expected.push_back(d);
    }
    w.end_array();
    CHECK(w.take() == dumped(expected));
}

TEST_CASE("the writer places commas and colons as dump() does", "[json_writer]") {
    JsonWriter w;
    w.begin_object()
        .field("a", 1)
        .key("empty_object")
        .begin_object()
        .end_object()
        .key("empty_array")
        .begin_array()
        .end_array()
        .key("list")
        .begin_array()
        .value("x")
        .begin_object()
        .field("k", 2.5)
        .end_object()
        .null()
        .begin_array()
        .end_array()
        .end_array()
        .field("texts", std::vector<std::string>{"p", "q"})
        .key("raw")
        .raw(R"({"z":[1,2]})")
        .end_object();
    const std::string out = w.take();
    const ojson expected = {{"a", 1},
                            {"empty_object", ojson::object()},
                            {"empty_array", ojson::array()},
                            {"list", {"x", {{"k", 2.5}}, nullptr, ojson::array()}},
                            {"texts", {"p", "q"}},
                            {"raw", {{"z", {1, 2}}}}};
    CHECK(out == dumped(expected));
}

TEST_CASE("names from data are escaped; names written in the code are copied", "[json_writer]") {
    JsonWriter w;
    const std::string from_data = "a \"quoted\"\tname\\";
    w.begin_object().key(from_data).value(1).field(std::string_view("ctrl\x01"), 2).key("plain").value(3).end_object();
    const std::string out = w.take();
    const ojson expected = {{from_data, 1}, {"ctrl\x01", 2}, {"plain", 3}};
    CHECK(out == dumped(expected));
}

TEST_CASE("the review's vocabulary is copied as words and prints as dump() does", "[json_writer]") {
    // word() skips the scan for escapes, so every word the review writes
    // with it must be plain: these are all the values of those enums.
    std::vector<std::string> words;
    for (const Severity s : {Severity::info, Severity::low, Severity::medium, Severity::high, Severity::critical}) {
        words.emplace_back(to_string(s));
    }
    for (const MitigationStatus s :
         {MitigationStatus::in_place, MitigationStatus::planned, MitigationStatus::recommended}) {
        words.emplace_back(to_string(s));
    }
    for (const Decision d : {Decision::approve, Decision::approve_with_conditions, Decision::defer, Decision::reject}) {
        words.emplace_back(to_string(d));
    }
    for (const PluginStatus s : {PluginStatus::ok, PluginStatus::failed, PluginStatus::not_applicable}) {
        words.emplace_back(to_string(s));
    }
    JsonWriter w;
    w.begin_array();
    for (const std::string& word : words) {
        INFO(word);
        CHECK(written(word) == dumped(word));
        w.word(word);
    }
    w.end_array();
    CHECK(w.take() == dumped(words));
}

TEST_CASE("the writer appends to the text it is given and grows past its room", "[json_writer]") {
    // Longer than the room the writer starts with, and than the spare room
    // any escape reserved: every growth keeps what was written.
    const std::string long_text(5000, 'x');
    const std::string escapes(3000, '\n');
    JsonWriter w(std::string("prefix "));
    w.begin_array();
    for (int i = 0; i < 40; ++i) {
        w.value(long_text).value(escapes).value(i);
    }
    w.end_array();
    ojson expected = ojson::array();
    for (int i = 0; i < 40; ++i) {
        expected.push_back(long_text);
        expected.push_back(escapes);
        expected.push_back(i);
    }
    CHECK(w.take() == "prefix " + dumped(expected));
    CHECK(w.take().empty()); // taken once
}
