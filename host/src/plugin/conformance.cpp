#include "plugin/conformance.hpp"

#include "fulcrum/plugin.h"
#include "plugin/contribution.hpp"
#include "plugin/isolated_plugin.hpp"
#include "plugin/trust_file.hpp"
#include "util/format.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <regex>
#include <set>

namespace fulcrum {

using nlohmann::json;

const char* to_string(CheckStatus status) {
    switch (status) {
    case CheckStatus::pass:
        return "pass";
    case CheckStatus::fail:
        return "fail";
    case CheckStatus::skip:
        return "skip";
    }
    return "skip";
}

bool ConformanceReport::passed() const {
    return std::none_of(checks.begin(), checks.end(),
                        [](const CheckResult& c) { return c.status == CheckStatus::fail; });
}

nlohmann::ordered_json ConformanceReport::to_json() const {
    nlohmann::ordered_json out;
    out["path"] = path;
    out["sha256"] = sha256;
    if (manifest) {
        out["plugin"] = {{"id", manifest->id},
                         {"version", manifest->version},
                         {"vendor", manifest->vendor},
                         {"thread_safe", manifest->thread_safe}};
    }
    out["passed"] = passed();
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& c : checks) {
        list.push_back({{"name", c.name}, {"status", to_string(c.status)}, {"detail", c.detail}});
    }
    out["checks"] = std::move(list);
    out["latency_ms"] = {
        {"calls", latency.calls}, {"median", latency.median_ms}, {"p95", latency.p95_ms}, {"max", latency.max_ms}};
    return out;
}

namespace {

const char* const k_check_names[] = {"loads",         "abi",          "manifest",      "contributions",
                                     "deterministic", "entry_points", "thread_safety", "bad_input",
                                     "extreme",       "quiet",        "latency"};

double now_ms() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

bool starts_with(const std::string& text, const char* prefix) {
    return text.rfind(prefix, 0) == 0;
}

// Which check a load failure belongs to; the messages are in_process.cpp's.
const char* stage_of(const std::string& error) {
    if (starts_with(error, "built for plugin ABI") || starts_with(error, "function table is incomplete") ||
        starts_with(error, "entry point") || error.find("disagrees with its function table") != std::string::npos) {
        return "abi";
    }
    if (starts_with(error, "manifest") || starts_with(error, "sent a manifest")) {
        return "manifest";
    }
    return "loads";
}

std::vector<std::string> manifest_problems(const Manifest& m) {
    std::vector<std::string> out;
    if (m.description.empty()) {
        out.push_back("no description");
    }
    if (!m.rules.is_array() || m.rules.empty()) {
        out.push_back("no rule catalog (rules is empty)");
        return out;
    }
    static const std::set<std::string> dimensions = {"efficiency", "customer_experience", "competitive_advantage",
                                                     "growth",     "cost_reduction",      "resilience",
                                                     "compliance"};
    const std::regex id_pattern(m.id + "\\.[a-z0-9][a-z0-9._-]*"); // ids are [a-z0-9_-], nothing to escape
    std::set<std::string> seen;
    for (size_t i = 0; i < m.rules.size(); ++i) {
        const json& r = m.rules[i];
        const std::string at = "rules/" + std::to_string(i);
        auto text = [&](const char* key) {
            auto it = r.find(key);
            return it != r.end() && it->is_string() ? it->get<std::string>() : std::string();
        };
        if (!r.is_object()) {
            out.push_back(at + " is not an object");
            continue;
        }
        const std::string id = text("id");
        if (!std::regex_match(id, id_pattern)) {
            out.push_back(at + ": id '" + id + "' is not '" + m.id + ".<name>'");
        } else if (!seen.insert(id).second) {
            out.push_back(at + ": id '" + id + "' appears twice");
        }
        const std::string kind = text("kind");
        if (kind != "risk" && kind != "benefit") {
            out.push_back(at + ": kind is not risk or benefit");
        }
        if (text("title").empty() || text("summary").empty()) {
            out.push_back(at + ": title or summary is missing");
        }
        if (kind == "benefit" && dimensions.count(text("dimension")) == 0) {
            out.push_back(at + ": a benefit rule without a known dimension");
        }
    }
    return out;
}

std::set<std::string> catalog_ids(const Manifest& m) {
    std::set<std::string> out;
    for (const auto& r : m.rules) {
        if (r.is_object() && r.contains("id") && r["id"].is_string()) {
            out.insert(r["id"].get<std::string>());
        }
    }
    return out;
}

// The first finding whose rule the catalog does not list, or "".
std::string uncatalogued(const Contribution& c, const std::set<std::string>& catalog) {
    for (const auto& b : c.benefits) {
        if (!catalog.count(b.id)) {
            return b.id;
        }
    }
    for (const auto& r : c.risks) {
        if (!catalog.count(r.id)) {
            return r.id;
        }
    }
    for (const auto& q : c.questions) {
        if (!catalog.count(q.rule)) {
            return q.rule;
        }
    }
    return {};
}

bool handles_any(const std::string& proposal_text, const Manifest& m) {
    const json doc = json::parse(proposal_text, nullptr, false);
    if (!doc.is_object() || !doc.contains("technologies") || !doc["technologies"].is_array()) {
        return false;
    }
    for (const auto& t : doc["technologies"]) {
        if (t.is_object() && t.contains("category") && t["category"].is_string() &&
            m.handles(t["category"].get<std::string>())) {
            return true;
        }
    }
    return false;
}

std::string first_difference(const json& a, const json& b) {
    const json patch = json::diff(a, b);
    return patch.empty() ? "/" : patch[0].value("path", "/");
}

Latency latency_of(std::vector<double> samples) {
    Latency out;
    if (samples.empty()) {
        return out;
    }
    std::sort(samples.begin(), samples.end());
    out.calls = samples.size();
    out.median_ms = samples[samples.size() / 2];
    out.p95_ms = samples[std::min(samples.size() - 1, (samples.size() * 95 + 99) / 100 - 1)];
    out.max_ms = samples.back();
    return out;
}

std::string ms(double value) {
    char text[32];
    std::snprintf(text, sizeof text, value < 10 ? "%.2f ms" : "%.0f ms", value);
    return text;
}

class Checker {
public:
    Checker(const std::string& path, const ConformanceOptions& options) : m_options(options) {
        m_report.path = path;
        for (const char* name : k_check_names) {
            m_report.checks.push_back({name, CheckStatus::skip, ""});
        }
    }

    ConformanceReport run();

private:
    void set(const std::string& name, CheckStatus status, const std::string& detail) {
        for (auto& c : m_report.checks) {
            if (c.name == name) {
                c.status = status;
                c.detail = detail;
            }
        }
    }
    void skip_rest(const std::string& from, const std::string& why) {
        bool after = false;
        for (auto& c : m_report.checks) {
            after = after || c.name == from;
            if (after && c.status == CheckStatus::skip && c.detail.empty()) {
                c.detail = why;
            }
        }
    }
    bool load();
    bool contributions();
    bool deterministic();
    void entry_points();
    void thread_safety();
    void bad_input();
    void extreme();

    const ConformanceOptions& m_options;
    ConformanceReport m_report;
    std::unique_ptr<IsolatedPlugin> m_plugin;
    std::vector<ConformanceProposal> m_valid;
    std::map<std::string, json> m_baseline;
    std::vector<double> m_latencies;
};

bool Checker::load() {
    PluginImage image;
    try {
        image = PluginImage::read(m_report.path);
    } catch (const std::exception& e) {
        set("loads", CheckStatus::fail, e.what());
        return false;
    }
    m_report.sha256 = to_hex(image.sha256());
    if (!image.starts_with("\x7f"
                           "ELF") ||
        !image.mentions(FULCRUM_PLUGIN_ENTRY_SYMBOL)) {
        set("loads", CheckStatus::fail, "not a plugin: no ELF library exporting " FULCRUM_PLUGIN_ENTRY_SYMBOL);
        return false;
    }
    IsolationLimits limits = m_options.limits;
    limits.max_consecutive_failures = 0; // every input gets its own chance
    limits.workers = std::max(1, m_options.threads);
    const double start = now_ms();
    IsolatedLoad loaded =
        load_isolated(std::move(image), m_report.path, m_options.settings, limits, m_options.worker_program);
    if (!loaded.plugin) {
        const std::string stage = stage_of(loaded.error);
        if (stage != "loads") {
            set("loads", CheckStatus::pass, "the library loads and exports " FULCRUM_PLUGIN_ENTRY_SYMBOL);
        }
        if (stage == "manifest") {
            set("abi", CheckStatus::pass, "ABI accepted");
        }
        set(stage, CheckStatus::fail, loaded.error);
        return false;
    }
    m_plugin = std::move(loaded.plugin);
    const Manifest& m = m_plugin->manifest();
    m_report.manifest = m;
    set("loads", CheckStatus::pass, "loads in an isolated worker in " + ms(now_ms() - start));
    set("abi", CheckStatus::pass,
        "built for ABI " + std::to_string(m.abi_major) + "." + std::to_string(m.abi_minor) + "; this host speaks " +
            std::to_string(FULCRUM_ABI_VERSION_MAJOR) + "." + std::to_string(FULCRUM_ABI_VERSION_MINOR));
    const auto problems = manifest_problems(m);
    if (problems.empty()) {
        set("manifest", CheckStatus::pass,
            "id, name, vendor, version, description, categories and " + std::to_string(m.rules.size()) +
                " well-formed rules");
    } else {
        std::string detail = problems.front();
        if (problems.size() > 1) {
            detail += " (and " + std::to_string(problems.size() - 1) + " more)";
        }
        set("manifest", CheckStatus::fail, detail);
    }
    return true;
}

bool Checker::contributions() {
    const Manifest& m = m_plugin->manifest();
    size_t examples = 0;
    for (const auto& p : m_options.examples) {
        if (handles_any(p.text, m)) {
            m_valid.push_back(p);
            ++examples;
        }
    }
    for (auto& p : generated_proposals(m.categories)) {
        m_valid.push_back(std::move(p));
    }
    const std::set<std::string> catalog = catalog_ids(m);
    for (const auto& p : m_valid) {
        const double start = now_ms();
        IsolatedCall call = m_plugin->call(p.text);
        const double elapsed = now_ms() - start;
        if (!call.result.ok) {
            set("contributions", CheckStatus::fail,
                (call.worker_failed ? "" : "evaluate failed: ") + call.result.error + " (proposal " + p.name + ")");
            return false;
        }
        auto contribution = read_contribution(call.result.output, m.id);
        if (auto* reason = std::get_if<std::string>(&contribution)) {
            set("contributions", CheckStatus::fail, *reason + " (proposal " + p.name + ")");
            return false;
        }
        if (std::string id = uncatalogued(std::get<Contribution>(contribution), catalog); !id.empty()) {
            set("contributions", CheckStatus::fail,
                "finding " + id + " is not in the manifest's rule catalog (proposal " + p.name + ")");
            return false;
        }
        m_baseline[p.name] = json::parse(call.result.output);
        m_latencies.push_back(elapsed);
    }
    set("contributions", CheckStatus::pass,
        std::to_string(m_valid.size()) + " proposals (" + std::to_string(examples) + " examples, " +
            std::to_string(m_valid.size() - examples) +
            " generated): every contribution schema-valid, every finding in the rule catalog");
    return true;
}

bool Checker::deterministic() {
    for (const char* where : {"in the same worker", "in a fresh worker"}) {
        if (std::string(where) == "in a fresh worker") {
            m_plugin->retire_workers();
        }
        for (const auto& p : m_valid) {
            const IsolatedCall call = m_plugin->call(p.text);
            if (!call.result.ok) {
                set("deterministic", CheckStatus::fail,
                    "a second call " + std::string(where) + " failed: " + call.result.error + " (proposal " + p.name +
                        ")");
                return false;
            }
            const json again = json::parse(call.result.output, nullptr, false);
            if (again != m_baseline[p.name]) {
                set("deterministic", CheckStatus::fail,
                    "a second call " + std::string(where) + " gave a different contribution, first at " +
                        first_difference(m_baseline[p.name], again) + " (proposal " + p.name + ")");
                return false;
            }
        }
    }
    set("deterministic", CheckStatus::pass,
        "the same contribution for the same proposal, in the same worker and a fresh one");
    return true;
}

namespace {

// A contribution as the host reads it: a member that is null, an empty list
// or an empty object says nothing, so one entry point leaving it out and
// another writing it empty agree.
json without_empty(const json& value) {
    if (value.is_array()) {
        json out = json::array();
        for (const auto& item : value) {
            out.push_back(without_empty(item));
        }
        return out;
    }
    if (!value.is_object()) {
        return value;
    }
    json out = json::object();
    for (const auto& [key, member] : value.items()) {
        if (!member.is_null() && !(member.is_array() && member.empty()) && !(member.is_object() && member.empty())) {
            out[key] = without_empty(member);
        }
    }
    return out;
}

} // namespace

// In process, fulcrum calls a plugin through the richest entry point it
// offers (findings, then tree, then text); isolated, through text. Whichever
// runs, the review must be the same.
void Checker::entry_points() {
    std::set<std::string> compared;
    for (const auto& p : m_valid) {
        std::string failure;
        const std::vector<worker::PathAnswer> answers = m_plugin->paths(p.text, failure);
        if (!failure.empty()) {
            set("entry_points", CheckStatus::fail,
                "asking each entry point failed: " + failure + " (proposal " + p.name + ")");
            return;
        }
        // The text answer of the same request, from the same worker.
        const auto text = std::find_if(answers.begin(), answers.end(), [](const auto& a) { return a.path == "text"; });
        if (text == answers.end() || !text->ok) {
            set("entry_points", CheckStatus::fail,
                "the text entry point " +
                    (text == answers.end() ? std::string("gave no answer") : "failed: " + text->text) + " (proposal " +
                    p.name + ")");
            return;
        }
        const json expected = without_empty(json::parse(text->text, nullptr, false));
        for (const auto& a : answers) {
            if (a.path == "text") {
                continue;
            }
            compared.insert(a.path);
            if (!a.ok) {
                set("entry_points", CheckStatus::fail,
                    "the " + a.path + " entry point failed where the text one answered: " + a.text + " (proposal " +
                        p.name + ")");
                return;
            }
            const json got = without_empty(json::parse(a.text, nullptr, false));
            if (got != expected) {
                set("entry_points", CheckStatus::fail,
                    "the " + a.path + " entry point gave another contribution than the text one, first at " +
                        first_difference(expected, got) + " (proposal " + p.name + ")");
                return;
            }
        }
    }
    if (compared.empty()) {
        set("entry_points", CheckStatus::skip,
            "the plugin offers only the text entry point (no tree or findings entry point built for this host's "
            "C++ library to compare)");
        return;
    }
    set("entry_points", CheckStatus::pass,
        "the " + join_words({compared.begin(), compared.end()}) + " entry point" + (compared.size() > 1 ? "s" : "") +
            " give" + (compared.size() > 1 ? "" : "s") + " the text one's contribution for all " +
            std::to_string(m_valid.size()) + " proposals");
}

void Checker::thread_safety() {
    if (!m_plugin->manifest().thread_safe) {
        set("thread_safety", CheckStatus::skip, "not claimed (thread_safe: false): the host serialises its calls");
        return;
    }
    std::vector<std::string> texts;
    std::vector<std::string> names;
    for (size_t i = 0; i < m_valid.size() && i < 8; ++i) {
        texts.push_back(m_valid[i].text);
        names.push_back(m_valid[i].name);
    }
    const int threads = std::max(2, m_options.threads);
    const int rounds = 3;
    std::string failure;
    const std::vector<StressCall> calls = m_plugin->stress(texts, threads, rounds, failure);
    const std::string what = std::to_string(threads) + " threads at once";
    if (!failure.empty()) {
        set("thread_safety", CheckStatus::fail, "under " + what + ": " + failure);
        return;
    }
    if (calls.size() != texts.size() * static_cast<size_t>(threads * rounds)) {
        set("thread_safety", CheckStatus::fail, "under " + what + ": some calls never returned");
        return;
    }
    for (const auto& c : calls) {
        const std::string& name = names[c.index];
        if (!c.result.ok) {
            set("thread_safety", CheckStatus::fail,
                "under " + what + ": a call failed: " + c.result.error + " (proposal " + name + ")");
            return;
        }
        const json output = json::parse(c.result.output, nullptr, false);
        if (output != m_baseline[name]) {
            set("thread_safety", CheckStatus::fail,
                "under " + what + ": a call gave a different contribution, first at " +
                    first_difference(m_baseline[name], output) + " (proposal " + name + ")");
            return;
        }
    }
    set("thread_safety", CheckStatus::pass,
        std::to_string(threads) + " threads x " + std::to_string(rounds) + " rounds over " +
            std::to_string(texts.size()) + " proposals agree with one-at-a-time calls");
}

void Checker::bad_input() {
    std::vector<ConformanceProposal> inputs = malformed_proposals(m_plugin->manifest().categories);
    std::vector<ConformanceProposal> extreme_unused;
    std::vector<ConformanceProposal> refused_by_host;
    extreme_proposals(m_plugin->manifest().categories, extreme_unused, refused_by_host);
    size_t errors = 0;
    size_t count = 0;
    for (const std::vector<ConformanceProposal>* list : {&inputs, &refused_by_host}) {
        for (const auto& p : *list) {
            const IsolatedCall call = m_plugin->call(p.text);
            if (call.worker_failed) {
                set("bad_input", CheckStatus::fail, call.result.error + " (malformed input " + p.name + ")");
                return;
            }
            errors += call.result.ok ? 0 : 1;
            ++count;
        }
    }
    set("bad_input", CheckStatus::pass,
        "survived " + std::to_string(count) + " malformed inputs (" + std::to_string(errors) +
            " refused with an error, the rest answered)");
}

void Checker::extreme() {
    std::vector<ConformanceProposal> inputs;
    std::vector<ConformanceProposal> refused_by_host;
    extreme_proposals(m_plugin->manifest().categories, inputs, refused_by_host);
    for (const auto& p : inputs) {
        const IsolatedCall call = m_plugin->call(p.text);
        if (!call.result.ok) {
            set("extreme", CheckStatus::fail,
                (call.worker_failed ? "" : "refused a valid proposal: ") + call.result.error + " (proposal " + p.name +
                    ")");
            return;
        }
        auto contribution = read_contribution(call.result.output, m_plugin->manifest().id);
        if (auto* reason = std::get_if<std::string>(&contribution)) {
            set("extreme", CheckStatus::fail, *reason + " (proposal " + p.name + ")");
            return;
        }
    }
    set("extreme", CheckStatus::pass,
        std::to_string(inputs.size()) + " valid but extreme proposals answered with valid contributions" +
            (refused_by_host.empty() ? std::string()
                                     : " (" + std::to_string(refused_by_host.size()) +
                                           " more, past the host's own limits, went to bad_input)"));
}

ConformanceReport Checker::run() {
    if (!load()) {
        skip_rest("loads", "not run: the plugin did not load");
        return m_report;
    }
    if (contributions()) {
        if (deterministic()) {
            entry_points();
        } else {
            set("entry_points", CheckStatus::skip, "not run: answers that change from call to call cannot be compared");
        }
        thread_safety();
    } else {
        skip_rest("deterministic", "not run: the contributions check failed");
        set("entry_points", CheckStatus::skip, "not run: the contributions check failed");
        set("thread_safety", CheckStatus::skip, "not run: the contributions check failed");
    }
    bad_input();
    extreme();
    const auto output = m_plugin->output_bytes();
    m_plugin.reset(); // its workers leave, flushing what they buffered
    const size_t written = output->load();
    set("quiet", written == 0 ? CheckStatus::pass : CheckStatus::fail,
        written == 0 ? "wrote nothing to standard output or error"
                     : "wrote " + std::to_string(written) +
                           " bytes to standard output or error; in process they would land in fulcrum's own output");
    m_report.latency = latency_of(m_latencies);
    if (m_report.latency.calls == 0) {
        set("latency", CheckStatus::skip, "no successful calls to time");
    } else {
        const Latency& l = m_report.latency;
        const bool ok = l.p95_ms <= m_options.max_p95_ms;
        set("latency", ok ? CheckStatus::pass : CheckStatus::fail,
            "median " + ms(l.median_ms) + ", p95 " + ms(l.p95_ms) + ", max " + ms(l.max_ms) + " over " +
                std::to_string(l.calls) + " calls, worker round trip included (limit: p95 " + ms(m_options.max_p95_ms) +
                ")");
    }
    return m_report;
}

} // namespace

ConformanceReport check_plugin(const std::string& path, const ConformanceOptions& options) {
    return Checker(path, options).run();
}

} // namespace fulcrum
