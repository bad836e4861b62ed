// Small text helpers (host/src/util/format.cpp).
#include "util/format.hpp"

#include <catch2/catch.hpp>

using namespace fulcrum;

TEST_CASE("a CSV field is quoted when it holds a comma, a quote or a line break", "[format]") {
    // RFC 4180: such fields are quoted and their quotes doubled; the portfolio
    // and the simulation tables both write through this one function.
    CHECK(csv_field("Cloud CRM") == "Cloud CRM");
    CHECK(csv_field("") == "");
    CHECK(csv_field("CRM, phase 2") == "\"CRM, phase 2\"");
    CHECK(csv_field("the \"new\" CRM") == "\"the \"\"new\"\" CRM\"");
    CHECK(csv_field("two\nlines") == "\"two\nlines\"");
    CHECK(csv_field("carriage\rreturn") == "\"carriage\rreturn\"");
    CHECK(csv_field("\"") == "\"\"\"\"");
}
