// Reading a batch record back: what --resume and `fulcrum portfolio` take
// from the files other runs (or other machines) wrote. Kept apart from the
// writing so that the fuzz build reads hostile records with this code alone.
#include "batch/record.hpp"

#include "proposal/proposal.hpp"
#include "quant/loss_sketch.hpp"
#include "quant/quantify.hpp"
#include "util/error.hpp"
#include "util/json_text.hpp"

#include <cmath>

namespace fulcrum {

namespace {

// No figure of a review comes near it (a proposal's amounts are at most 1e15,
// a plugin's 1e18), and sums of any number of records below it stay finite.
constexpr double k_max_amount = quant::k_max_sketch_loss;

std::optional<Decision> decision_from(const std::string& text) {
    for (Decision d : {Decision::approve, Decision::approve_with_conditions, Decision::defer, Decision::reject}) {
        if (text == to_string(d)) {
            return d;
        }
    }
    return std::nullopt;
}

// The members of a record's `portfolio`, each checked for its type: a
// record is read back from a file another run (or another machine) wrote.
class RecordFields {
public:
    RecordFields(const nlohmann::json& object, std::string where) : m_object(object), m_where(std::move(where)) {}

    const nlohmann::json& at(const char* name, bool (nlohmann::json::*is)() const noexcept,
                             const char* expected) const {
        const auto it = m_object.find(name);
        if (it == m_object.end()) {
            throw input_error(m_where + "/" + name + ": missing");
        }
        if (!((*it).*is)()) {
            fail(name, expected, *it);
        }
        return *it;
    }
    std::string text(const char* name) const {
        return at(name, &nlohmann::json::is_string, "a string").get<std::string>();
    }
    // An amount of money: a number within +-1e30, or from 0 when `signed_` is false.
    double amount(const char* name, bool signed_) const {
        const char* expected = signed_ ? "an amount from -1e30 to 1e30" : "an amount from 0 to 1e30";
        const auto& value = at(name, &nlohmann::json::is_number, expected);
        const double x = value.get<double>();
        if (!(std::fabs(x) <= k_max_amount) || (!signed_ && x < 0)) {
            fail(name, expected, value);
        }
        return x;
    }
    int score(const char* name) const {
        const auto& value = at(name, &nlohmann::json::is_number_integer, "an integer from 0 to 100");
        if (value.get<int64_t>() < 0 || value.get<int64_t>() > 100) {
            fail(name, "an integer from 0 to 100", value);
        }
        return value.get<int>();
    }
    [[noreturn]] void fail(const char* name, const char* expected, const nlohmann::json& got) const {
        throw input_error(m_where + "/" + name + ": expected " + expected + ", got " + show_json(got, 40));
    }

private:
    const nlohmann::json& m_object;
    std::string m_where;
};

// `annual_loss_sketch`: the iterations simulated, how many lost anything and
// the quantiles of their losses at the levels of quant/loss_sketch.hpp.
void read_sketch(const nlohmann::json& object, PortfolioRow& row) {
    const char* where = "/portfolio/annual_loss_sketch";
    const RecordFields s(object, where);
    const std::string iterations_wanted = "a whole number from 1 to " + std::to_string(quant::k_max_iterations);
    const auto& iterations = s.at("iterations", &nlohmann::json::is_number_integer, iterations_wanted.c_str());
    if (iterations.get<int64_t>() < 1 || iterations.get<uint64_t>() > quant::k_max_iterations) {
        s.fail("iterations", iterations_wanted.c_str(), iterations);
    }
    const auto& with_loss = s.at("years_with_loss", &nlohmann::json::is_number_integer, "a whole number");
    if (with_loss.get<int64_t>() < 0 || with_loss.get<uint64_t>() > iterations.get<uint64_t>()) {
        s.fail("years_with_loss", "a whole number, at most the iterations", with_loss);
    }
    quant::LossSketch sketch;
    sketch.iterations = iterations.get<uint64_t>();
    sketch.years_with_loss = with_loss.get<uint64_t>();
    const char* amounts = "an array of amounts";
    for (const auto& q : s.at("quantiles", &nlohmann::json::is_array, amounts)) {
        if (!q.is_number()) {
            s.fail("quantiles", amounts, q);
        }
        sketch.quantiles.push_back(q.get<double>());
    }
    if (const std::string problem = quant::sketch_problem(sketch); !problem.empty()) {
        throw input_error(std::string(where) + "/quantiles: " + problem);
    }
    // The sketch and the expected loss come from the same simulated years.
    if (row.annual_loss_exposure && (*row.annual_loss_exposure > 0) != (sketch.years_with_loss > 0)) {
        s.fail("years_with_loss",
               *row.annual_loss_exposure > 0 ? "more than 0, as annual_loss_exposure is above 0"
                                             : "0, as annual_loss_exposure is 0",
               with_loss);
    }
    row.loss_sketch = std::move(sketch);
}

} // namespace

PortfolioRow row_from_record(const nlohmann::json& record) {
    const auto it = record.find("portfolio");
    if (it == record.end() || !it->is_object()) {
        throw input_error("/portfolio: " + std::string(it == record.end() ? "missing" : "expected an object"));
    }
    const RecordFields p(*it, "/portfolio");
    PortfolioRow row;
    row.id = p.text("id");
    row.title = p.text("title");
    const auto decision = decision_from(p.text("decision"));
    if (!decision) {
        p.fail("decision", "approve, approve_with_conditions, defer or reject", it->at("decision"));
    }
    row.decision = *decision;
    row.benefit_score = p.score("benefit_score");
    row.risk_score = p.score("risk_score");
    row.complete = p.at("complete", &nlohmann::json::is_boolean, "true or false").get<bool>();
    row.expected_net_value = p.amount("expected_net_value", true);
    row.innovation_cost = p.amount("innovation_cost", false);
    row.security_cost = p.amount("security_cost", false);
    row.currency = p.text("currency");
    if (!is_currency_code(row.currency)) {
        p.fail("currency", "a three-letter ISO 4217 code", it->at("currency"));
    }
    if (it->contains("annual_loss_exposure")) {
        row.annual_loss_exposure = p.amount("annual_loss_exposure", false);
    }
    if (it->contains("annual_loss_sketch")) {
        read_sketch(p.at("annual_loss_sketch", &nlohmann::json::is_object, "an object"), row);
    }
    for (const auto& id : p.at("risks", &nlohmann::json::is_array, "an array of rule ids")) {
        if (!id.is_string()) {
            p.fail("risks", "an array of rule ids", id);
        }
        row.risk_ids.push_back(id.get<std::string>());
    }
    return row;
}

ReadRecord read_record(const nlohmann::json& record, const std::string& where) {
    if (!record.is_object()) {
        throw input_error(where + ": not a batch record (expected an object, as fulcrum batch writes)");
    }
    const auto index = record.find("index");
    if (index == record.end() && !record.contains("status") && record.contains("technologies")) {
        throw input_error(where + ": a proposal, not a batch record: review it with fulcrum batch, and give "
                                  "fulcrum portfolio the records that writes (-o FILE)");
    }
    if (index == record.end() || !index->is_number_integer() ||
        (!index->is_number_unsigned() && index->get<int64_t>() < 0)) {
        throw input_error(where +
                          ": /index: " + (index == record.end() ? "missing" : "expected a non-negative integer"));
    }
    const auto status = record.find("status");
    const std::string text = status != record.end() && status->is_string() ? status->get<std::string>() : "";
    if (text != "ok" && text != "incomplete" && text != "invalid") {
        throw input_error(where + ": /status: " +
                          (status == record.end() ? std::string("missing") : "expected ok, incomplete or invalid"));
    }
    ReadRecord out;
    out.index = index->get<uint64_t>();
    const auto input = record.find("input");
    out.result.origin = input != record.end() && input->is_string() ? input->get<std::string>() : "";
    const auto line = record.find("line");
    if (line != record.end() && line->is_number_integer() && line->get<int64_t>() > 0) {
        out.result.origin += ":" + std::to_string(line->get<uint64_t>());
    }
    out.result.invalid = text == "invalid";
    out.result.incomplete = text == "incomplete";
    if (!out.result.invalid) {
        try {
            out.result.row = row_from_record(record);
            out.result.row->index = out.index;
            out.result.row->complete = out.result.row->complete && !out.result.incomplete;
        } catch (const Error& e) {
            throw input_error(where + ": " + e.what());
        }
    }
    return out;
}

} // namespace fulcrum
