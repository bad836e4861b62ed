#include "batch/record.hpp"

#include "cli/output.hpp"
#include "proposal/proposal.hpp"
#include "report/json_report.hpp"
#include "report/json_writer.hpp"
#include "util/error.hpp"
#include "util/line_reader.hpp"

#include <boost/filesystem.hpp>

#include <fstream>
#include <iostream>

namespace fulcrum {

namespace {

// The members every record starts with, the object left open.
void open_envelope(JsonWriter& w, const InputItem& item, const char* status) {
    w.begin_object().field("index", item.index).field("input", item.input).key("line");
    if (item.line != 0) {
        w.value(item.line);
    } else {
        w.null();
    }
    w.field("status", status);
}

RecordResult invalid(const InputItem& item, const std::string& reason) {
    RecordResult out;
    JsonWriter w;
    open_envelope(w, item, "invalid");
    w.field("exit_code", static_cast<int>(k_exit_invalid_input)).field("error", reason).end_object();
    out.line = w.take();
    out.line += '\n';
    out.origin = item.origin();
    out.invalid = true;
    return out;
}

void write_portfolio(JsonWriter& w, const PortfolioRow& row) {
    w.begin_object()
        .field("id", row.id)
        .field("title", row.title)
        .field("decision", to_string(row.decision))
        .field("benefit_score", row.benefit_score)
        .field("risk_score", row.risk_score)
        .field("complete", row.complete)
        .field("expected_net_value", row.expected_net_value)
        .field("innovation_cost", row.innovation_cost)
        .field("security_cost", row.security_cost)
        .field("currency", row.currency)
        .field("risks", row.risk_ids);
    if (row.annual_loss_exposure) {
        w.field("annual_loss_exposure", *row.annual_loss_exposure);
    }
    if (!row.loss_sketch.empty()) { // the years, sketched, for a portfolio summed from records
        w.key("annual_loss_sketch")
            .begin_object()
            .field("iterations", row.loss_sketch.iterations)
            .field("years_with_loss", row.loss_sketch.years_with_loss)
            .key("quantiles");
        w.begin_array();
        for (double q : row.loss_sketch.quantiles) {
            w.value(q);
        }
        w.end_array().end_object();
    }
    w.end_object();
}

} // namespace

std::string portfolio_text(const PortfolioRow& row) {
    JsonWriter w;
    write_portfolio(w, row);
    return w.take();
}

RecordResult review_record(const InputItem& item, const Reviewer& reviewer, std::string buffer, RecordContent content) {
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
    out.origin = item.origin();
    out.row = row_from_review(item.index, review, proposal.doc);
    out.incomplete = !review.complete;
    buffer.clear();
    if (content == RecordContent::review) {
        buffer.reserve(32 * 1024); // half the benchmark's records fit, nine in ten once it has grown to 64 KiB
    }
    JsonWriter w(std::move(buffer));
    open_envelope(w, item, review.complete ? "ok" : "incomplete");
    w.key("portfolio");
    write_portfolio(w, *out.row);
    if (content == RecordContent::review) {
        w.key("review");
        write_review_json(w, review); // by far the largest member, printed last and never a tree
    }
    w.end_object();
    out.line = w.take();
    out.line += '\n';
    return out;
}

ResumeState read_partial_output(const std::string& partial_path) {
    ResumeState state;
    if (!boost::filesystem::exists(partial_path)) {
        return state;
    }
    state.found = true;
    std::ifstream in(partial_path, std::ios::binary);
    LineReader lines(in.rdbuf());
    std::string line;
    uint64_t good_bytes = 0;
    uint64_t line_number = 0;
    while (const std::optional<uint64_t> length = lines.next(line, k_max_record_bytes)) {
        ++line_number;
        const bool complete_line = lines.ended();
        const std::string where = partial_path + ":" + std::to_string(line_number);
        if (*length > k_max_record_bytes) {
            throw input_error(where + ": not a batch record (" + std::to_string(*length) +
                              " bytes); cannot resume from this file");
        }
        std::optional<nlohmann::json> record = parse_record_line(line);
        if (!record) {
            if (!complete_line) {
                break; // torn last line: the previous run died mid-write
            }
            throw input_error(where + ": not a batch record; cannot resume from this file");
        }
        if (!complete_line) {
            break; // a whole record but no newline: redo it to be safe
        }
        ReadRecord r = read_record(*record, where);
        if (!state.done.emplace(r.index, r.result.origin).second) {
            throw input_error(where + ": record " + std::to_string(r.index) + " appears twice");
        }
        state.results.push_back(std::move(r.result));
        good_bytes += line.size() + 1;
    }
    in.close();
    boost::filesystem::resize_file(partial_path, good_bytes);
    return state;
}

void write_summaries(const std::vector<std::string>& paths, const Portfolio& portfolio) {
    if (paths.empty()) {
        return;
    }
    if (const std::string skipped = portfolio.funding_skipped(); !skipped.empty()) {
        std::cerr << "fulcrum: warning: " << skipped << "\n";
    }
    std::string failed;
    for (const auto& path : paths) {
        const auto extension = boost::filesystem::path(path).extension();
        try {
            write_output(path, extension == ".csv"    ? portfolio.to_csv()
                               : extension == ".html" ? portfolio.to_html()
                                                      : portfolio.to_json().dump(2) + "\n");
        } catch (const Error& e) {
            failed += (failed.empty() ? "" : "; ") + std::string(e.what());
        }
    }
    if (!failed.empty()) {
        throw usage_error("--summary: " + failed);
    }
}

} // namespace fulcrum
