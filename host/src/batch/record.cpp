#include "batch/record.hpp"

#include "cli/output.hpp"
#include "proposal/proposal.hpp"
#include "report/json_report.hpp"
#include "util/error.hpp"

#include <boost/filesystem.hpp>

#include <fstream>

namespace fulcrum {

using ojson = nlohmann::ordered_json;

namespace {

ojson envelope(const InputItem& item, const char* status) {
    ojson record;
    record["index"] = item.index;
    record["input"] = item.input;
    if (item.line != 0) {
        record["line"] = item.line;
    } else {
        record["line"] = nullptr;
    }
    record["status"] = status;
    return record;
}

RecordResult invalid(const InputItem& item, const std::string& reason) {
    ojson record = envelope(item, "invalid");
    record["exit_code"] = static_cast<int>(k_exit_invalid_input);
    record["error"] = reason;
    RecordResult out;
    out.line = record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    out.invalid = true;
    return out;
}

ojson portfolio_json(const PortfolioRow& row) {
    ojson p = {{"id", row.id},
               {"title", row.title},
               {"decision", to_string(row.decision)},
               {"benefit_score", row.benefit_score},
               {"risk_score", row.risk_score},
               {"complete", row.complete},
               {"expected_net_value", row.expected_net_value},
               {"innovation_cost", row.innovation_cost},
               {"security_cost", row.security_cost},
               {"currency", row.currency},
               {"risks", row.risk_ids}};
    if (row.annual_loss_exposure) {
        p["annual_loss_exposure"] = *row.annual_loss_exposure;
    }
    return p;
}

} // namespace

RecordResult review_record(const InputItem& item, const Reviewer& reviewer) {
    if (!item.read_error.empty()) {
        return invalid(item, item.read_error);
    }
    // The policy's input limits, as `fulcrum review` applies them (docs/proposal-format.md).
    const Limits& limits = reviewer.policy().limits;
    Proposal proposal;
    try {
        proposal =
            validate_proposal(parse_document(item.text, item.syntax, item.origin(), limits), item.origin(), limits);
    } catch (const Error& e) {
        return invalid(item, e.what());
    } catch (const std::exception& e) {
        return invalid(item, item.origin() + ": " + e.what());
    }
    const Review review = reviewer.review(proposal);
    RecordResult out;
    out.row = row_from_review(item.index, review, proposal.doc);
    out.incomplete = !review.complete;
    ojson record = envelope(item, review.complete ? "ok" : "incomplete");
    record["portfolio"] = portfolio_json(*out.row);
    // The review, the record's last member, is printed straight after the
    // rest: by far the largest part, it never becomes a tree.
    out.line = record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out.line.pop_back(); // the closing brace
    out.line += ",\"review\":";
    append_review_json(out.line, review);
    out.line += "}\n";
    return out;
}

ResumeState read_partial_output(const std::string& partial_path) {
    ResumeState state;
    if (!boost::filesystem::exists(partial_path)) {
        return state;
    }
    state.found = true;
    std::ifstream in(partial_path, std::ios::binary);
    std::string line;
    uint64_t good_bytes = 0;
    uint64_t line_number = 0;
    while (std::getline(in, line)) {
        ++line_number;
        const bool complete_line = !in.eof();
        nlohmann::json record;
        try {
            record = nlohmann::json::parse(line);
        } catch (const nlohmann::json::exception&) {
            if (!complete_line) {
                break; // torn last line: the previous run died mid-write
            }
            throw input_error(partial_path + ":" + std::to_string(line_number) +
                              ": not a batch record; cannot resume from this file");
        }
        if (!complete_line) {
            break; // a whole record but no newline: redo it to be safe
        }
        if (!record.is_object() || !record.contains("index") || !record["index"].is_number_unsigned()) {
            throw input_error(partial_path + ":" + std::to_string(line_number) + ": record without an index");
        }
        const uint64_t index = record["index"].get<uint64_t>();
        std::string origin = record.value("input", "");
        if (record.contains("line") && record["line"].is_number_unsigned()) {
            origin += ":" + std::to_string(record["line"].get<uint64_t>());
        }
        if (!state.done.emplace(index, origin).second) {
            throw input_error(partial_path + ":" + std::to_string(line_number) + ": record " + std::to_string(index) +
                              " appears twice");
        }
        RecordResult r;
        r.row = row_from_record(record);
        r.invalid = record.value("status", "") == "invalid";
        r.incomplete = record.value("status", "") == "incomplete";
        state.results.push_back(std::move(r));
        good_bytes += line.size() + 1;
    }
    in.close();
    boost::filesystem::resize_file(partial_path, good_bytes);
    return state;
}

void write_summary(const std::string& path, const Portfolio& portfolio) {
    const auto extension = boost::filesystem::path(path).extension();
    write_output(path, extension == ".csv"    ? portfolio.to_csv()
                       : extension == ".html" ? portfolio.to_html()
                                              : portfolio.to_json().dump(2) + "\n");
}

} // namespace fulcrum
