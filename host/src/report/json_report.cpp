#include "report/json_report.hpp"

#include "quant/quant_json.hpp"
#include "report/json_writer.hpp"

namespace fulcrum {

using ojson = nlohmann::ordered_json;

namespace {

// Quantified parts are rare in a batch and small: printed from their trees.
std::string compact(const ojson& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void write_range(JsonWriter& w, const Range& r) {
    w.begin_object().field("low", r.low).field("likely", r.likely).field("high", r.high).end_object();
}

void write_residual(JsonWriter& w, int likelihood, int impact) {
    w.begin_object()
        .field("likelihood", likelihood)
        .field("impact", impact)
        .key("severity")
        .word(to_string(severity_of(likelihood, impact)))
        .end_object();
}

// The members of a mitigation, inside an object the caller opens and closes.
void write_mitigation_members(JsonWriter& w, const Mitigation& m) {
    w.field("id", m.id).field("title", m.title);
    if (!m.control.empty()) {
        w.field("control", m.control);
    }
    w.key("status").word(to_string(m.status));
    w.key("cost").begin_object().field("one_time", m.cost.one_time).field("annual", m.cost.annual).end_object();
    w.key("residual");
    write_residual(w, m.residual_likelihood, m.residual_impact);
}

void write_risk(JsonWriter& w, const Risk& r, const quant::RiskQuant* quant) {
    w.begin_object()
        .field("id", r.id)
        .field("plugin", r.plugin)
        .field("raised_by", r.raised_by)
        .field("title", r.title);
    if (!r.concern.empty()) {
        w.field("concern", r.concern);
    }
    w.key("severity")
        .word(to_string(severity_of(r.likelihood, r.impact)))
        .field("likelihood", r.likelihood)
        .field("impact", r.impact);
    w.key("residual");
    write_residual(w, r.residual_likelihood, r.residual_impact);
    w.field("rationale", r.rationale).field("evidence", r.evidence);
    w.key("refs").raw(r.refs.json()); // printed once, when the list was made
    w.key("mitigations").begin_array();
    for (const auto& m : r.mitigations) {
        w.begin_object();
        write_mitigation_members(w, m);
        w.end_object();
    }
    w.end_array();
    if (r.fair) {
        w.key("fair").begin_object().key("frequency");
        write_range(w, r.fair->frequency);
        w.key("magnitude");
        write_range(w, r.fair->magnitude);
        w.end_object();
    }
    if (quant != nullptr) {
        w.key("quant").raw(compact(quant::risk_quant_json(*quant)));
    }
    w.end_object();
}

void write_benefit(JsonWriter& w, const Benefit& b) {
    w.begin_object()
        .field("id", b.id)
        .field("plugin", b.plugin)
        .field("title", b.title)
        .field("dimension", b.dimension)
        .field("score", b.score)
        .field("rationale", b.rationale)
        .field("evidence", b.evidence);
    if (b.annual_value) {
        w.key("annual_value");
        write_range(w, *b.annual_value);
    }
    w.end_object();
}

// The quantified figures of a risk, when the review has them (the last, as
// a tree would have kept them, when an id repeats).
const quant::RiskQuant* quant_of(const Review& review, const std::string& risk_id) {
    const quant::RiskQuant* found = nullptr;
    if (review.quant) {
        for (const auto& rq : review.quant->risks) {
            found = rq.risk_id == risk_id ? &rq : found;
        }
    }
    return found;
}

} // namespace

void append_review_json(std::string& out, const Review& review) {
    JsonWriter w(std::move(out));
    write_review_json(w, review);
    out = w.take();
}

void write_review_json(JsonWriter& w, const Review& review) {
    w.begin_object().field("schema", "fulcrum/review@1");
    w.key("proposal")
        .begin_object()
        .field("id", review.proposal_id)
        .field("title", review.proposal_title)
        .field("source", review.source)
        .end_object();
    w.key("policy").begin_object().field("name", review.policy).field("appetite", review.appetite).end_object();
    w.key("plugins").begin_array();
    for (const auto& run : review.plugins) {
        w.begin_object().field("id", run.id).field("version", run.version).key("category");
        if (run.categories.empty()) {
            w.null();
        } else {
            w.value(run.categories.front());
        }
        w.field("categories", run.categories).key("status").word(to_string(run.status));
        if (!run.error.empty()) {
            w.field("error", run.error);
        }
        if (run.unverified) {
            w.field("trust", "unverified"); // docs/security.md: loaded only because of --allow-untrusted
        }
        w.end_object();
    }
    w.end_array();
    w.field("complete", review.complete).field("currency", review.currency);

    w.key("cio").begin_object().field("benefit_score", review.benefit_score).key("benefits").begin_array();
    for (const auto& b : review.benefits) {
        write_benefit(w, b);
    }
    w.end_array();
    if (review.has_annual_value) {
        w.key("annual_value");
        write_range(w, review.annual_value);
    }
    w.end_object();

    w.key("ciso")
        .begin_object()
        .field("risk_score", review.risk_score)
        .field("inherent_risk_score", review.inherent_risk_score)
        .field("risk_score_after_conditions", review.planned_risk_score)
        .key("risks")
        .begin_array();
    for (const auto& r : review.risks) {
        write_risk(w, r, quant_of(review, r.id));
    }
    w.end_array().end_object();

    w.key("joint").begin_object().key("decision").word(to_string(review.decision)).key("conditions").begin_array();
    for (const auto& c : review.conditions) {
        w.begin_object();
        write_mitigation_members(w, c.mitigation);
        w.field("risk", c.risk_id);
        if (!c.same_control_as.empty()) {
            w.field("same_control_as", c.same_control_as); // paid for there: not in conditions_cost again
        }
        w.end_object();
    }
    w.end_array();
    w.key("conditions_cost")
        .begin_object()
        .field("one_time", review.conditions_cost.one_time)
        .field("annual", review.conditions_cost.annual)
        .end_object();
    w.key("questions").begin_array();
    for (const auto& q : review.questions) {
        w.begin_object()
            .field("rule", q.rule)
            .field("plugin", q.plugin)
            .field("field", q.field)
            .field("text", q.text)
            .end_object();
    }
    w.end_array().field("rationale", review.rationale);
    if (review.quant) {
        w.key("plan").raw(compact(quant::plan_json(*review.quant)));
    }
    w.end_object();
    if (review.quant) {
        w.key("quant").raw(compact(quant::review_quant_json(*review.quant)));
    }
    w.field("warnings", review.warnings).end_object();
}

ojson review_to_json(const Review& review) {
    std::string text;
    append_review_json(text, review);
    return ojson::parse(text);
}

} // namespace fulcrum
