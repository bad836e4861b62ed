// Batch records read back (host/src/batch/record.cpp): the review member
// skipped without parsing it, and every field the portfolio needs checked,
// each error naming the record and the member at fault.
#include "batch/record.hpp"
#include "util/error.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <functional>
#include <string>

using namespace fulcrum;
using nlohmann::json;

namespace {

json portfolio_member() {
    return {{"id", "crm"},
            {"title", "CRM to SaaS"},
            {"decision", "approve_with_conditions"},
            {"benefit_score", 71},
            {"risk_score", 38},
            {"complete", true},
            {"expected_net_value", 125000.5},
            {"innovation_cost", 40000},
            {"security_cost", 12000},
            {"currency", "EUR"},
            {"risks", {"cloud.mfa", "cloud.exit-plan"}}};
}

// The review's text is awkward on purpose: brackets and quotes inside
// strings, escapes, a nested member of the same name.
const char* const k_review = R"({"schema":"fulcrum/review@1","joint":{"rationale":"a } and a ] and \"quotes\" \\"},)"
                             R"("x":[{"review":"}"},"[",{}],"n":-1.5e3,"t":"\"]}\"","u":"\\"})";

std::string message_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST_CASE("a record is read without its review, wherever the review is", "[batch][records]") {
    const std::string envelope =
        R"("index":7,"input":"cmdb.jsonl","line":8,"status":"ok","portfolio":)" + portfolio_member().dump();
    const json expected = json::parse("{" + envelope + "}");
    for (const std::string& line : {
             "{" + envelope + ",\"review\":" + k_review + "}",                   // last, as fulcrum batch writes it
             "{\"review\":" + std::string(k_review) + "," + envelope + "}",      // first
             "{ \"review\" : " + std::string(k_review) + " , " + envelope + " }" // first, with blanks
         }) {
        INFO(line);
        const auto record = parse_record_line(line);
        REQUIRE(record);
        CHECK(*record == expected);
    }
    // In the middle.
    const std::string middle = R"({"index":7,"review":)" + std::string(k_review) + R"(,"status":"ok"})";
    CHECK(*parse_record_line(middle) == json({{"index", 7}, {"status", "ok"}}));
    // The only member.
    CHECK(*parse_record_line("{\"review\":" + std::string(k_review) + "}") == json::object());
    // No review at all (an error record).
    CHECK(*parse_record_line(R"({"index":1,"status":"invalid","error":"x"})") ==
          json({{"index", 1}, {"status", "invalid"}, {"error", "x"}}));
}

TEST_CASE("a record line that is not whole JSON is refused, review or not", "[batch][records]") {
    const std::string whole = R"({"index":7,"status":"ok","review":)" + std::string(k_review) + "}";
    REQUIRE(parse_record_line(whole));
    CHECK_FALSE(parse_record_line(whole.substr(0, whole.size() - 1)));          // torn: the record's last brace
    CHECK_FALSE(parse_record_line(whole.substr(0, whole.size() / 2)));          // torn inside the review
    CHECK_FALSE(parse_record_line(whole + "x"));                                // something after it
    CHECK_FALSE(parse_record_line(R"({"index":7,"status":"ok" "review":{}})")); // a comma missing
    CHECK_FALSE(parse_record_line(R"({"index":,"review":{}})"));                // outside the review
    CHECK_FALSE(parse_record_line(R"({"index":1,"review":})"));                 // a review of nothing
    CHECK_FALSE(parse_record_line("not json"));
    CHECK_FALSE(parse_record_line(""));
}

TEST_CASE("a record's portfolio member is checked field by field", "[batch][records]") {
    json record = {
        {"index", 4}, {"input", "a.jsonl"}, {"line", 5}, {"status", "ok"}, {"portfolio", portfolio_member()}};
    const ReadRecord read = read_record(record, "out.jsonl:5");
    CHECK(read.index == 4);
    CHECK(read.result.origin == "a.jsonl:5");
    REQUIRE(read.result.row);
    CHECK(read.result.row->decision == Decision::approve_with_conditions);
    CHECK(read.result.row->benefit_score == 71);
    CHECK(read.result.row->expected_net_value == 125000.5);
    CHECK(read.result.row->currency == "EUR");
    CHECK(read.result.row->risk_ids.size() == 2);
    CHECK_FALSE(read.result.row->annual_loss_exposure);
    CHECK_FALSE(read.result.invalid);
    CHECK_FALSE(read.result.incomplete);

    auto broken = [&](const std::string& pointer, const json& value) {
        json copy = record;
        if (value.is_discarded()) {
            copy[json::json_pointer(pointer).parent_pointer()].erase(json::json_pointer(pointer).back());
        } else {
            copy[json::json_pointer(pointer)] = value;
        }
        return message_of([&] { read_record(copy, "out.jsonl:5"); });
    };
    const json missing = json(json::value_t::discarded);
    CHECK(broken("/portfolio/decision", "yes") ==
          "out.jsonl:5: /portfolio/decision: expected approve, approve_with_conditions, defer or reject, got \"yes\"");
    CHECK(broken("/portfolio/benefit_score", 101) ==
          "out.jsonl:5: /portfolio/benefit_score: expected an integer from 0 to 100, got 101");
    CHECK(broken("/portfolio/risk_score", "high") ==
          "out.jsonl:5: /portfolio/risk_score: expected an integer from 0 to 100, got \"high\"");
    CHECK(broken("/portfolio/expected_net_value", nullptr) ==
          "out.jsonl:5: /portfolio/expected_net_value: expected an amount from -1e30 to 1e30, got null");
    // Amounts far beyond any review's would make the portfolio's sums overflow.
    CHECK(broken("/portfolio/expected_net_value", -2e30) ==
          "out.jsonl:5: /portfolio/expected_net_value: expected an amount from -1e30 to 1e30, got -2e+30");
    CHECK(broken("/portfolio/security_cost", -1.5) ==
          "out.jsonl:5: /portfolio/security_cost: expected an amount from 0 to 1e30, got -1.5");
    CHECK(broken("/portfolio/innovation_cost", 1e300) ==
          "out.jsonl:5: /portfolio/innovation_cost: expected an amount from 0 to 1e30, got 1e+300");
    CHECK(broken("/portfolio/annual_loss_exposure", 1e31) ==
          "out.jsonl:5: /portfolio/annual_loss_exposure: expected an amount from 0 to 1e30, got 1e+31");
    CHECK(broken("/portfolio/currency", "euro") ==
          "out.jsonl:5: /portfolio/currency: expected a three-letter ISO 4217 code, got \"euro\"");
    CHECK(broken("/portfolio/risks", json::array({"cloud.mfa", 3})) ==
          "out.jsonl:5: /portfolio/risks: expected an array of rule ids, got 3");
    CHECK(broken("/portfolio/complete", "yes") ==
          "out.jsonl:5: /portfolio/complete: expected true or false, got \"yes\"");
    CHECK(broken("/portfolio/title", missing) == "out.jsonl:5: /portfolio/title: missing");
    const std::string long_value = broken("/portfolio/decision", std::string(1000, 'x'));
    CHECK(long_value.find("got \"xxxxxxxx") != std::string::npos);
    CHECK(long_value.size() < 160); // a long value is cut short
    CHECK(broken("/portfolio", missing) == "out.jsonl:5: /portfolio: missing");
    CHECK(broken("/index", -1) == "out.jsonl:5: /index: expected a non-negative integer");
    CHECK(broken("/index", missing) == "out.jsonl:5: /index: missing");
    CHECK(broken("/status", "done") == "out.jsonl:5: /status: expected ok, incomplete or invalid");
    CHECK(message_of([] { read_record(json::array(), "x:1"); }).find("x:1: not a batch record") == 0);
    // A proposal given by mistake is named as one, not as a record missing its index.
    CHECK(message_of([] {
              read_record(json{{"id", "p"}, {"technologies", json::array()}}, "cmdb.jsonl:1");
          }) ==
          "cmdb.jsonl:1: a proposal, not a batch record: review it with fulcrum batch, and give fulcrum portfolio "
          "the records that writes (-o FILE)");

    record["portfolio"]["annual_loss_exposure"] = 5400.25;
    CHECK(read_record(record, "w").result.row->annual_loss_exposure == 5400.25);
    json sketch = {{"iterations", 10000}, {"years_with_loss", 2500}, {"quantiles", json::array()}};
    for (int k = 0; k < 40; ++k) {
        sketch["quantiles"].push_back(100.0 * (k + 1));
    }
    record["portfolio"]["annual_loss_sketch"] = sketch;
    const auto with_sketch = read_record(record, "w").result.row->loss_sketch;
    CHECK(with_sketch.iterations == 10000);
    CHECK(with_sketch.years_with_loss == 2500);
    CHECK(with_sketch.quantiles.size() == 40);
    CHECK(broken("/portfolio/annual_loss_sketch/iterations", 0) ==
          "out.jsonl:5: /portfolio/annual_loss_sketch/iterations: expected a whole number from 1 to 10000000, got 0");
    CHECK(broken("/portfolio/annual_loss_sketch/years_with_loss", 10001) ==
          "out.jsonl:5: /portfolio/annual_loss_sketch/years_with_loss: expected a whole number, at most the "
          "iterations, got 10001");
    CHECK(broken("/portfolio/annual_loss_sketch/quantiles/3", "x") ==
          "out.jsonl:5: /portfolio/annual_loss_sketch/quantiles: expected an array of amounts, got \"x\"");
    CHECK(broken("/portfolio/annual_loss_sketch/quantiles/3", 1.0) ==
          "out.jsonl:5: /portfolio/annual_loss_sketch/quantiles: quantile 3 is below the one before it");
    CHECK(broken("/portfolio/annual_loss_sketch/quantiles", json(std::vector<double>(39, 1.0))) ==
          "out.jsonl:5: /portfolio/annual_loss_sketch/quantiles: expected 40 quantiles, got 39");
    CHECK(
        broken("/portfolio/annual_loss_sketch/years_with_loss", -1) ==
        "out.jsonl:5: /portfolio/annual_loss_sketch/years_with_loss: expected a whole number, at most the iterations, "
        "got -1");
    CHECK(broken("/portfolio/annual_loss_sketch/quantiles/0", 0) ==
          "out.jsonl:5: /portfolio/annual_loss_sketch/quantiles: quantile 0 is 0, though 2500 years lost something "
          "(their smallest loss)");
    // The sketch and the expected loss come from the same years.
    CHECK(broken("/portfolio/annual_loss_exposure", 0) ==
          "out.jsonl:5: /portfolio/annual_loss_sketch/years_with_loss: expected 0, as annual_loss_exposure is 0, got "
          "2500");
    CHECK(broken("/portfolio/annual_loss_sketch", 7) ==
          "out.jsonl:5: /portfolio/annual_loss_sketch: expected an object, got 7");
    record["status"] = "incomplete";
    CHECK(read_record(record, "w").result.incomplete);
    // An error record has no portfolio, and needs none.
    const json invalid = {{"index", 9}, {"input", "b.yaml"}, {"line", nullptr}, {"status", "invalid"}};
    const ReadRecord r = read_record(invalid, "w");
    CHECK(r.result.invalid);
    CHECK_FALSE(r.result.row);
    CHECK(r.result.origin == "b.yaml");
}
