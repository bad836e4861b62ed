// Risks of applications built on language models: what the OWASP Top 10 for
// LLM Applications (2025) lists, weighed by who can reach the model, what it
// reads and what it can do.
#include "ai_rules.hpp"

namespace fulcrum::ai {

namespace {

using sdk::Mitigation;
using sdk::Risk;

// Outside content the model is given as input, as the use case describes it.
bool outside_input(const AiFacts& f) {
    return mentions(f.use_case,
                    {"inbox", "attach", "incoming", "inbound", "upload", "submitted", "browse", "web search",
                     "web page", "emails from", "customer email", "read email", "reads email", "reading email"});
}

bool indirect_input(const AiFacts& f) {
    return untrusted(f.retrieval) || outside_input(f);
}

// Retrieval sources that hold records about people or business cases rather
// than reference documents.
bool sensitive_sources(const std::vector<std::string>& sources) {
    return any_mentions(sources, {"customer", "patient", "employee", "hr_", "email", "ticket", "crm", "case_file",
                                  "claim_file", "medical", "record", "contract", "chat_log", "transcript", "note"});
}

bool financial(const std::vector<std::string>& tools) {
    return any_mentions(tools, {"payment", "refund", "transfer_funds", "wire", "purchase", "place_order",
                                "create_order", "invoice", "payout", "issue_credit", "charge"});
}

bool writes(const std::vector<std::string>& tools) {
    return any_mentions(tools, {"delete", "update", "write", "send", "email", "post", "publish", "execute", "shell",
                                "deploy", "approve", "cancel", "book", "modify", "close"});
}

// Impact of the worst action the tools allow: moving money 5, changing
// records or contacting people 4, creating new items 3, reading what the
// data allows.
int action_impact(const AiFacts& f) {
    if (financial(f.tools)) {
        return 5;
    }
    if (writes(f.tools)) {
        return 4;
    }
    if (any_mentions(f.tools, {"create", "add", "log", "open"})) {
        return 3;
    }
    return std::clamp(f.data_impact - 1, 2, 3);
}

std::string tool_words(const AiFacts& f) {
    return std::to_string(f.tools.size()) + (f.tools.size() == 1 ? " tool (" : " tools (") + list_words(f.tools) + ")";
}

void prompt_injection(const AiFacts& f, Sink& out) {
    const auto& rule = rules::prompt_injection;
    if (f.audience.empty()) {
        out.ask(rule, f.field("audience"),
                "Who can type into or send content to " + system_name(f) +
                    ": only staff, signed-in customers, or anyone on the internet?");
    }
    const bool indirect = indirect_input(f);
    int l = f.audience == "public" ? 4 : f.audience == "customers" ? 3 : 2;
    l = level(l + (indirect ? 1 : 0));
    int i = std::max(2, f.data_impact - 1);
    if (!f.tools.empty()) {
        i = std::max(i, action_impact(f));
    }
    i = level(i + (f.decision == "automated" ? 1 : 0));

    std::string why =
        subject_name(f) + " follows instructions written in plain text, and " + audience_words(f) + " can write to it";
    if (untrusted(f.retrieval)) {
        why += ", along with content it retrieves from " + list_words(f.retrieval);
    } else if (outside_input(f)) {
        why += ", along with documents and messages from outside that it is given to read";
    }
    why += ". Anyone who controls that text can try to override the organisation's instructions; no model is immune, "
           "which is why OWASP ranks prompt injection first among LLM risks.";
    why += f.tools.empty() ? " The damage is bounded by what the model can see, here " + data_words(f) +
                                 (f.decides() ? ", and planted instructions can steer its recommendations." : ".")
                           : " It can also use " + tool_words(f) +
                                 ", so a successful injection acts in the organisation's name rather than only "
                                 "answering wrongly.";
    if (f.audience.empty()) {
        why += " The proposal does not say who can reach it; the level assumes staff only.";
    }

    Risk risk(rule);
    risk.likelihood(l).impact(i).rationale(why);
    f.cite(risk, {"audience", "retrieval_sources", "tools", "use_case", "model_type"});
    cite_data(f, risk);
    risk.evidence(f.p->control_pointer("prompt_injection_guardrails"))
        .mitigation(Mitigation("injection-guardrails",
                               f.small_org() ? "Turn on the provider's prompt-attack filters and keep untrusted "
                                               "content apart from instructions"
                                             : "A guardrail layer that screens inputs and outputs for injected "
                                               "instructions, with untrusted content kept apart from instructions")
                        .control("prompt_injection_guardrails")
                        .cost(10000 * f.scale, 8000 * f.scale)
                        .leaves(lower(l, 2), i))
        .mitigation(Mitigation("red-team-testing",
                               "Adversarial (red-team) testing before launch and after each model or prompt change")
                        .cost(12000 * f.scale, 6000 * f.scale)
                        .leaves(lower(l, 1), i));
    if (!f.tools.empty()) {
        risk.mitigation(Mitigation("approve-actions", "Human approval before the assistant acts on an instruction "
                                                      "that changes data, moves money or contacts someone")
                            .control("human_review")
                            .cost(8000 * f.scale, 4000 * f.scale)
                            .leaves(l, lower(i, 2)));
    }
    const Range magnitude =
        (!f.tools.empty() || f.data_impact >= 4) ? f.breach : Range{5000 * f.scale, 40000 * f.scale, 250000 * f.scale};
    risk.fair(frequency(l), magnitude);
    out.add(std::move(risk));
}

void output_handling(const AiFacts& f, Sink& out) {
    const auto& rule = rules::output_handling;
    if (f.outputs.empty() && f.tools.empty()) {
        out.ask(rule, f.field("output_targets"),
                "Where does " + firstparty::possessive(system_name(f)) +
                    " output go: only shown to a person, sent to customers, or fed into other systems such as web "
                    "pages, databases or code?");
        return;
    }
    const bool exec = any_mentions(f.outputs, {"code", "shell", "script", "sql", "query", "command"});
    const bool store = !f.tools.empty() || any_mentions(f.outputs, {"database", "crm", "erp", "api", "record", "ticket",
                                                                    "workflow", "system"});
    const bool render = any_mentions(f.outputs, {"html", "web", "browser", "markdown", "page", "portal", "chat"});
    const bool send = any_mentions(f.outputs, {"email", "sms", "message", "letter", "customer"});
    if (!exec && !store && !render && !send) {
        return; // plain text read by a person: nothing downstream to inject into
    }
    int l = 2 + (f.external_audience() ? 1 : 0) + (indirect_input(f) ? 1 : 0) + (exec ? 1 : 0);
    l = level(l);
    const int i = exec ? 5 : store ? 4 : 3;
    std::string sinks = exec ? "code or queries that are executed" : store ? "other systems of record" : "";
    if (sinks.empty()) {
        sinks = render ? "web pages" : "messages to customers";
    }
    const std::string harm =
        exec     ? "code, queries or commands that run with the organisation's privileges"
        : store  ? "content that other systems and people then trust as the organisation's own records"
        : render ? "script that runs in the reader's browser (cross-site scripting)"
                 : "links, false claims or someone else's data in messages that go out under the organisation's name";
    Risk risk(rule);
    risk.likelihood(l).impact(i).rationale(
        firstparty::possessive(subject_name(f)) + " output flows into " + sinks +
        ". Whoever can steer the model (through its input or the content it reads), or a plain model "
        "error, can make it emit " +
        harm + ". Output must be checked like any other untrusted input before it is used.");
    f.cite(risk, {"output_targets", "tools", "audience"});
    risk.evidence(f.p->control_pointer("output_validation"))
        .mitigation(Mitigation("validate-output",
                               exec || store || render
                                   ? "Treat model output as untrusted: encode it for web pages, parameterise "
                                     "queries, validate it against a schema and allow-list commands"
                                   : "Check generated messages before they are sent: a person's review, and links "
                                     "and markup only from an allow-list")
                        .control("output_validation")
                        .cost(10000 * f.scale, 3000 * f.scale)
                        .leaves(lower(l, 2), i));
    if (exec) {
        risk.mitigation(Mitigation("sandbox-execution",
                                   "Run generated code only in a sandbox without credentials or network access")
                            .cost(15000 * f.scale, 5000 * f.scale)
                            .leaves(l, lower(i, 2)));
    }
    risk.fair(frequency(l), exec || store ? f.breach : Range{5000 * f.scale, 30000 * f.scale, 200000 * f.scale});
    out.add(std::move(risk));
}

void excessive_agency(const AiFacts& f, Sink& out) {
    const auto& rule = rules::excessive_agency;
    if (f.tools.empty()) {
        if (mentions(f.use_case, {"agent", "autonomous", "automate"})) {
            out.ask(rule, f.field("tools"),
                    "Which actions can " + system_name(f) +
                        " take on its own (for example send emails, update records, issue refunds), and which need "
                        "a person's approval?");
        }
        return;
    }
    const bool moves_money = financial(f.tools);
    const bool changes = writes(f.tools);
    const int i = action_impact(f);
    int l = 2 + (f.external_audience() ? 1 : 0) + (indirect_input(f) ? 1 : 0) + (f.tools.size() >= 5 ? 1 : 0);
    l = level(l + (f.decision == "automated" ? 1 : 0));
    Risk risk(rule);
    risk.likelihood(l).impact(i).rationale(
        subject_name(f) + " can use " + tool_words(f) + " by itself" +
        (moves_money ? ", including actions that move money"
         : changes   ? ", including actions that change records or reach other people"
         : i == 3    ? "; they create new items but change nothing that exists"
                     : "; they only read") +
        ". A model that is manipulated or simply wrong will use every permission it has; the question "
        "is not whether it will err but how much one error can do. " +
        (f.decision == "automated" ? "The proposal lets it act without a person in the loop."
                                   : "Narrow permissions and approval of consequential actions bound "
                                     "that."));
    f.cite(risk, {"tools", "decision_impact", "audience"});
    risk.evidence(f.p->control_pointer("human_review"))
        .mitigation(Mitigation("approve-actions", "Human approval before any action that changes data, moves money "
                                                  "or contacts a customer")
                        .control("human_review")
                        .cost(10000 * f.scale, 15000 * f.scale)
                        .leaves(lower(l, 2), i))
        .mitigation(Mitigation("least-privilege-tools", "Least privilege for tools: scoped credentials per tool, "
                                                        "read-only by default, limits on amounts and recipients")
                        .control("access_reviews")
                        .cost(8000 * f.scale, 3000 * f.scale)
                        .leaves(l, lower(i, 2)))
        .fair(frequency(l), moves_money ? Range{10000 * f.scale, 60000 * f.scale, 600000 * f.scale} : f.breach);
    out.add(std::move(risk));
}

void prompt_leakage(const AiFacts& f, Sink& out) {
    if (!f.external_audience()) {
        return;
    }
    const int l = f.audience == "public" ? 4 : 3;
    const int i = (!f.tools.empty() || !f.retrieval.empty()) ? 3 : 2;
    Risk risk(rules::prompt_leakage);
    risk.likelihood(l).impact(i).rationale(
        "Because " + audience_words(f) + " talk to " + system_name(f) +
        " directly, some will get it to repeat its system prompt; public jailbreak collections show it "
        "happens to every major assistant. The prompt itself is rarely the harm: what matters is "
        "what was put in it. " +
        (i == 3 ? "This one describes its tools and data sources, a map for a targeted attack."
                : "Keep credentials, internal rules and access logic out of it."));
    f.cite(risk, {"audience", "tools", "retrieval_sources"});
    risk.mitigation(Mitigation("no-secrets-in-prompts", "Keep credentials, access rules and sensitive business "
                                                        "logic out of prompts; enforce them in code")
                        .cost(3000 * f.scale, 0)
                        .leaves(l, 1))
        .mitigation(Mitigation("leak-filter", "Screen responses for text that repeats the system prompt")
                        .control("prompt_injection_guardrails")
                        .cost(3000 * f.scale, 2000 * f.scale)
                        .leaves(lower(l, 1), i))
        .fair(frequency(l), {2000 * f.scale, 15000 * f.scale, 100000 * f.scale});
    out.add(std::move(risk));
}

void vector_store(const AiFacts& f, Sink& out) {
    if (f.retrieval.empty()) {
        return;
    }
    const bool outside = untrusted(f.retrieval);
    const bool sensitive = sensitive_sources(f.retrieval);
    int l = 2 + (outside ? 2 : 0) + (sensitive ? 1 : 0) + (sensitive && f.external_audience() ? 1 : 0);
    l = level(l);
    const int i = sensitive ? std::max(3, f.data_impact) : 2;
    Risk risk(rules::vector_store);
    risk.likelihood(l).impact(i).rationale(
        subject_name(f) + " answers from an index built from " + list_words(f.retrieval) + ". " +
        (sensitive ? std::string("The index holds copies of records about people and cases outside "
                                 "their original permissions: unless each user's access is checked at "
                                 "retrieval time, ") +
                         (f.external_audience() ? "one customer can surface another's data"
                                                : "staff can surface records they may not open") +
                         "."
                   : std::string("The sources are reference documents, so the index exposes little; "
                                 "what matters is who can change them.")) +
        (outside ? " Outsiders can write some of that content, so planted text can steer the answers." : ""));
    f.cite(risk, {"retrieval_sources", "audience"});
    if (sensitive) {
        cite_data(f, risk);
    }
    risk.mitigation(Mitigation("permission-aware-retrieval", "Check the user's permission on every retrieved "
                                                             "document; keep a separate index per customer or tenant")
                        .control("permission_aware_retrieval")
                        .cost(15000 * f.scale, 5000 * f.scale)
                        .leaves(lower(l, 2), i))
        .mitigation(Mitigation("curate-index", "Index only approved sources, record where each passage came from, "
                                               "and re-index when sources change")
                        .control("data_lineage")
                        .cost(8000 * f.scale, 4000 * f.scale)
                        .leaves(lower(l, 1), i))
        .mitigation(Mitigation("encrypt-index", "Encrypt the vector store and restrict direct queries to it")
                        .control("encryption_at_rest")
                        .cost(4000 * f.scale, 2000 * f.scale)
                        .leaves(l, lower(i, 1)))
        .fair(frequency(l), sensitive ? f.breach : Range{5000 * f.scale, 30000 * f.scale, 150000 * f.scale});
    out.add(std::move(risk));
}

void hallucination(const AiFacts& f, Sink& out) {
    if (!f.external_audience() && !f.decides()) {
        return;
    }
    const int l = f.retrieval.empty() ? 4 : 3;
    int i = f.external_audience() ? 4 : f.decides() ? 3 : 2;
    i = level(i + (f.about_people() ? 1 : 0) + (f.regulated ? 1 : 0));
    std::string why = subject_name(f) + " will sometimes state wrong facts with full confidence" +
                      (f.retrieval.empty() ? ", and nothing ties its answers to approved sources"
                                           : "; grounding in retrieved documents reduces this but does not end it") +
                      ". ";
    if (f.external_audience()) {
        why += "Its answers go to " + audience_words(f) +
               ", and the organisation answers for them: in Moffatt v. Air Canada (2024) a tribunal held the airline "
               "to a refund policy its chatbot had invented.";
    } else {
        why += "Staff who act on its output inherit its errors, and reviewers tend to trust fluent text.";
    }
    if (f.regulated) {
        why += " In a regulated sector a wrong answer can also be a compliance breach.";
    }
    Risk risk(rules::hallucination);
    risk.likelihood(l).impact(i).rationale(why);
    f.cite(risk, {"audience", "decision_impact", "retrieval_sources", "use_case"});
    if (f.regulated) {
        risk.evidence("/organization/sector");
    }
    risk.mitigation(Mitigation("measure-accuracy",
                               f.small_org() ? "A test set of 50-100 real questions with checked answers, rerun "
                                               "before launch and after every change"
                                             : "Measure factual accuracy against an agreed test set before launch "
                                               "and after each change; ground answers in approved sources with "
                                               "citations")
                        .control("model_evaluation")
                        .cost(10000 * f.scale, 6000 * f.scale)
                        .leaves(lower(l, 2), i))
        .mitigation(Mitigation("review-answers", "A person checks answers before they reach customers or drive a "
                                                 "decision")
                        .control("human_review")
                        .cost(5000 * f.scale, 20000 * f.scale)
                        .leaves(l, lower(i, 2)))
        .mitigation(Mitigation("disclose-ai", "Tell users the answers are AI-generated and link to the "
                                              "authoritative source")
                        .control("ai_disclosure")
                        .cost(2000 * f.scale, 500 * f.scale)
                        .leaves(l, lower(i, 1)))
        .fair(frequency(l), Range{5000 * f.scale, 30000 * f.scale, 300000 * f.scale}.scaled(f.regulated ? 2.0 : 1.0));
    out.add(std::move(risk));
}

void cost_runaway(const AiFacts& f, Sink& out) {
    const auto& rule = rules::cost_runaway;
    if (!f.third_party() && !f.external_audience()) {
        return;
    }
    const auto opex = f.p->number("/costs/opex_annual");
    if (!opex && f.third_party()) {
        out.ask(rule, "/costs/opex_annual",
                "What will model usage cost per month at the expected volume, and what spending cap will you set "
                "with the provider?");
    }
    int l = f.audience == "public" ? 4 : f.audience == "customers" ? 3 : 2;
    l = level(l + (f.tools.empty() ? 0 : 1));
    const double annual = run_cost(*f.p);
    int i = f.audience == "public" ? 3 : 2;
    i = level(i + (annual >= 500000 ? 1 : 0));
    const double month = annual / 12;
    Risk risk(rule);
    risk.likelihood(l).impact(i).rationale(
        std::string(f.third_party() ? "Every request is billed by the model provider"
                                    : "Every request costs compute the organisation pays for") +
        ", and " + audience_words(f) + " decide how many requests there are" +
        (f.tools.empty() ? "" : "; an agent that calls tools can also loop on its own") +
        ". Without per-user limits and a spending cap, abuse, a runaway loop or a successful launch can "
        "multiply a month's bill (about " +
        money(*f.p, month) +
        (opex ? " at the stated run cost" : ", a typical figure for an organisation of this size") +
        ") within days, or take the service down.");
    f.cite(risk, {"model_source", "audience", "tools"});
    if (opex) {
        risk.evidence("/costs/opex_annual");
    }
    risk.mitigation(Mitigation("usage-limits", "Per-user rate limits, token caps per request, and a hard monthly "
                                               "spending cap with alerts at 50, 80 and 100%")
                        .control("rate_limiting")
                        .cost(4000 * f.scale, 2000 * f.scale)
                        .leaves(lower(l, 2), lower(i, 1)))
        .mitigation(Mitigation("usage-alerts", "Alert on unusual usage per user and per API key")
                        .control("logging_monitoring")
                        .cost(3000 * f.scale, 2000 * f.scale)
                        .leaves(lower(l, 1), i))
        .fair(frequency(l), {month * 0.5, month * 2, month * 10});
    out.add(std::move(risk));
}

} // namespace

void llm_risks(const AiFacts& f, Sink& out) {
    if (!f.llm) {
        out.ask(rules::prompt_injection, f.field("model_type"),
                "Is " + system_name(f) +
                    " a large language model (it reads and writes free text) or a predictive model (it scores, "
                    "classifies or forecasts)? Several risks depend on it.");
        return;
    }
    if (!*f.llm) {
        return;
    }
    prompt_injection(f, out);
    output_handling(f, out);
    excessive_agency(f, out);
    prompt_leakage(f, out);
    vector_store(f, out);
    hallucination(f, out);
    cost_runaway(f, out);
}

} // namespace fulcrum::ai
