// util/line_reader: JSON Lines read a line at a time, each held only up to a limit.
#include "util/line_reader.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace fulcrum;

namespace {

struct Line {
    std::string kept;
    uint64_t length;
    bool operator==(const Line& other) const { return kept == other.kept && length == other.length; }
};

std::vector<Line> lines_of(const std::string& text, uint64_t max_bytes) {
    std::istringstream in(text);
    LineReader reader(in.rdbuf());
    std::vector<Line> out;
    std::string line;
    while (const auto length = reader.next(line, max_bytes)) {
        out.push_back({line, *length});
    }
    return out;
}

} // namespace

TEST_CASE("lines are read whole up to the limit, and measured past it", "[line_reader]") {
    CHECK(lines_of("", 10).empty());
    CHECK(lines_of("a\n\nbc", 10) == std::vector<Line>{{"a", 1}, {"", 0}, {"bc", 2}}); // a last line without '\n'
    CHECK(lines_of("abc\n", 10) == std::vector<Line>{{"abc", 3}});
    CHECK(lines_of("\n", 10) == std::vector<Line>{{"", 0}});
    // Past the limit, the first limit + 1 bytes are kept and the rest only counted.
    CHECK(lines_of("abcdef\nxy", 3) == std::vector<Line>{{"abcd", 6}, {"xy", 2}});
    CHECK(lines_of("abc\n", 3) == std::vector<Line>{{"abc", 3}});
}

TEST_CASE("the reader says whether a line ended, so that a torn last line is told apart", "[line_reader]") {
    std::istringstream in("{\"a\":1}\n{\"b\":");
    LineReader reader(in.rdbuf());
    std::string line;
    REQUIRE(reader.next(line, 100));
    CHECK(reader.ended());
    REQUIRE(reader.next(line, 100));
    CHECK(line == "{\"b\":");
    CHECK_FALSE(reader.ended());
    CHECK_FALSE(reader.next(line, 100));
}

TEST_CASE("lines longer than the reader's buffer come out whole", "[line_reader]") {
    // Lines of many lengths around the 64 KiB the reader takes at a time.
    std::string text;
    std::vector<Line> expected;
    for (size_t size : {65535u, 1u, 65536u, 0u, 200000u, 7u, 131072u}) {
        const std::string line(size, static_cast<char>('a' + size % 26));
        text += line + "\n";
        expected.push_back({line, size});
    }
    CHECK(lines_of(text, 1000000) == expected);
    const auto bounded = lines_of(text, 100000);
    REQUIRE(bounded.size() == expected.size());
    CHECK(bounded[4].length == 200000);
    CHECK(bounded[4].kept == std::string(100001, static_cast<char>('a' + 200000 % 26)));
    CHECK(bounded[5] == expected[5]); // the next line starts where it should
}

TEST_CASE("a reader given its stream keeps it open until the reader goes", "[line_reader]") {
    // fulcrum portfolio and the batch's JSON Lines inputs hand their files over.
    LineReader reader(std::make_unique<std::istringstream>("first\nsecond"));
    std::string line;
    REQUIRE(reader.next(line, 100));
    CHECK(line == "first");
    REQUIRE(reader.next(line, 100));
    CHECK(line == "second");
    CHECK_FALSE(reader.next(line, 100));
}
