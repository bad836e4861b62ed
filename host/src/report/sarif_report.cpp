#include "report/sarif_report.hpp"

#include "report/ids.hpp"

#include <map>
#include <set>

namespace fulcrum {
namespace {

using ojson = nlohmann::ordered_json;

// "cloud.identity-mfa" -> "CloudIdentityMfa": SARIF's readable rule name.
std::string rule_name(const std::string& id) {
    std::string out;
    bool upper = true;
    for (char c : id) {
        if (c == '.' || c == '-' || c == '_') {
            upper = true;
        } else {
            out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
            upper = false;
        }
    }
    return out;
}

std::string refs_line(const nlohmann::json& refs) {
    std::string out;
    for (const auto& [framework, ids] : refs.items()) {
        std::string list;
        for (const auto& id : ids) {
            if (id.is_string()) {
                list += (list.empty() ? "" : ", ") + id.get<std::string>();
            }
        }
        out += (out.empty() ? "" : "; ") + framework + ": " + list;
    }
    return out;
}

ojson rule_json(const std::string& id, const std::string& plugin, const std::string& title, const std::string& summary,
                const nlohmann::json& refs) {
    const std::string references = refs_line(refs);
    std::string help = summary.empty() ? title : summary;
    if (!references.empty()) {
        help += "\nReferences: " + references + ".";
    }
    help += "\nThe result names the proposal field this risk rests on; the Fulcrum review lists the mitigations "
            "that answer it and what each costs.";
    ojson tags = ojson::array({"security", "fulcrum"});
    if (!plugin.empty()) {
        tags.push_back(plugin);
    }
    for (const auto& [framework, ids] : refs.items()) {
        tags.push_back(framework);
    }
    ojson out = {{"id", id},
                 {"name", rule_name(id)},
                 {"shortDescription", {{"text", title.empty() ? id : title}}},
                 {"fullDescription", {{"text", summary.empty() ? (title.empty() ? id : title) : summary}}},
                 {"help", {{"text", help}}},
                 {"defaultConfiguration", {{"level", "warning"}}},
                 {"properties", {{"tags", tags}, {"references", ojson::parse(refs.dump())}}}};
    if (!plugin.empty()) {
        out["properties"]["plugin"] = plugin;
    }
    return out;
}

// The catalog's risk rules, then any rule a result uses that no catalog lists.
class RuleTable {
public:
    RuleTable(const std::vector<Review>& reviews, const nlohmann::json& catalog) {
        for (const auto& entry : catalog) {
            if (!entry.is_object() || entry.value("kind", "") != "risk" || !entry.contains("id")) {
                continue;
            }
            add(entry.value("id", ""), entry.value("plugin", ""), entry.value("title", ""), entry.value("summary", ""),
                entry.value("refs", nlohmann::json::object()));
        }
        for (const auto& review : reviews) {
            for (const auto& risk : review.risks) {
                add(risk.id, risk.plugin, risk.title, "", refs_json(risk.refs));
            }
        }
    }

    int index_of(const std::string& id) const { return m_index.at(id); }
    const ojson& rules() const { return m_rules; }

private:
    void add(const std::string& id, const std::string& plugin, const std::string& title, const std::string& summary,
             const nlohmann::json& refs) {
        if (id.empty() || m_index.count(id) != 0) {
            return;
        }
        m_index[id] = static_cast<int>(m_rules.size());
        m_rules.push_back(rule_json(id, plugin, title, summary, refs.is_object() ? refs : nlohmann::json::object()));
    }

    std::map<std::string, int> m_index;
    ojson m_rules = ojson::array();
};

// An artifact location: relative URIs hang off %SRCROOT%; SARIF forbids a
// uriBaseId beside an absolute URI (a proposal outside the working folder).
ojson artifact_location(const std::string& uri) {
    ojson location = {{"uri", uri}};
    if (uri.rfind("file:", 0) != 0) {
        location["uriBaseId"] = "%SRCROOT%";
    }
    return location;
}

ojson physical_location(const std::string& uri, int artifact_index, const SourceMap* map, const std::string& pointer) {
    const SourcePosition at = map ? map->locate(pointer) : SourcePosition{1, 1};
    ojson artifact = artifact_location(uri);
    artifact["index"] = artifact_index;
    return {{"artifactLocation", artifact}, {"region", {{"startLine", at.line}, {"startColumn", at.column}}}};
}

ojson result_json(const Review& review, const Risk& risk, const RuleTable& rules, const std::string& uri,
                  int artifact_index, const SourceMap* map) {
    const Severity now = severity_of(risk.residual_likelihood, risk.residual_impact);
    const Severity inherent = severity_of(risk.likelihood, risk.impact);
    const std::string first = risk.evidence.empty() ? "" : risk.evidence.front();
    ojson location = {{"physicalLocation", physical_location(uri, artifact_index, map, first)}};
    if (!first.empty()) {
        location["logicalLocations"] = ojson::array({{{"fullyQualifiedName", first}, {"kind", "member"}}});
    }
    ojson out = {{"ruleId", risk.id},
                 {"ruleIndex", rules.index_of(risk.id)},
                 {"kind", "fail"},
                 {"level", sarif_level(now)},
                 {"message", {{"text", risk.title + ": " + risk.rationale}}},
                 {"locations", ojson::array({location})}};
    ojson related = ojson::array();
    for (size_t i = 1; i < risk.evidence.size(); ++i) {
        related.push_back({{"id", static_cast<int>(i)},
                           {"physicalLocation", physical_location(uri, artifact_index, map, risk.evidence[i])},
                           {"message", {{"text", "Also rests on " + risk.evidence[i]}}}});
    }
    if (!related.empty()) {
        out["relatedLocations"] = std::move(related);
    }
    // Proposal and rule identify a risk within a repository; lines may move.
    out["partialFingerprints"] = {{"fulcrumRisk/v1", stable_uuid("sarif:" + review.proposal_id + ":" + risk.id)}};
    ojson mitigations = ojson::array();
    for (const auto& m : risk.mitigations) {
        mitigations.push_back({{"id", m.id}, {"title", m.title}, {"status", to_string(m.status)}});
    }
    out["properties"] = {{"proposal", review.proposal_id},
                         {"decision", to_string(review.decision)},
                         {"severity", to_string(now)},
                         {"inherentSeverity", to_string(inherent)},
                         {"likelihood", risk.residual_likelihood},
                         {"impact", risk.residual_impact},
                         {"inherentLikelihood", risk.likelihood},
                         {"inherentImpact", risk.impact},
                         {"evidence", risk.evidence},
                         {"mitigations", std::move(mitigations)}};
    return out;
}

} // namespace

const char* sarif_level(Severity severity) {
    switch (severity) {
    case Severity::critical:
    case Severity::high:
        return "error";
    case Severity::medium:
        return "warning";
    case Severity::low:
    case Severity::info:
        return "note";
    }
    return "note";
}

ojson reviews_to_sarif(const std::vector<Review>& reviews, const ReportContext& context) {
    const RuleTable rules(reviews, context.rules);
    ojson artifacts = ojson::array();
    std::map<std::string, int> artifact_index;
    ojson results = ojson::array();
    ojson notifications = ojson::array();
    std::map<std::string, std::string> plugin_versions;
    bool complete = true;
    for (const auto& review : reviews) {
        const std::string uri = artifact_uri(review.source, context.base_dir);
        if (artifact_index.count(uri) == 0) {
            artifact_index[uri] = static_cast<int>(artifacts.size());
            artifacts.push_back({{"location", artifact_location(uri)}, {"roles", {"analysisTarget"}}});
        }
        const auto map = context.sources.find(review.source);
        for (const auto& risk : review.risks) {
            results.push_back(result_json(review, risk, rules, uri, artifact_index[uri],
                                          map == context.sources.end() ? nullptr : &map->second));
        }
        for (const auto& run : review.plugins) {
            plugin_versions[run.id] = run.version;
            if (run.status == PluginStatus::failed) {
                complete = false;
                notifications.push_back(
                    {{"level", "error"},
                     {"message",
                      {{"text", "Plugin " + run.id + " failed on " + review.proposal_id + ": " + run.error}}}});
            }
        }
    }
    ojson extensions = ojson::array();
    for (const auto& [id, version] : plugin_versions) {
        ojson extension = {{"name", id}};
        if (!version.empty()) {
            extension["version"] = version;
        }
        extensions.push_back(std::move(extension));
    }
    ojson tool = {{"driver",
                   {{"name", "Fulcrum"},
                    {"version", FULCRUM_VERSION},
                    {"semanticVersion", FULCRUM_VERSION},
                    {"rules", rules.rules()}}}};
    if (!extensions.empty()) {
        tool["extensions"] = std::move(extensions);
    }
    ojson invocation = {{"executionSuccessful", complete}};
    if (!notifications.empty()) {
        invocation["toolExecutionNotifications"] = std::move(notifications);
    }
    ojson run = {{"tool", std::move(tool)},
                 {"invocations", ojson::array({std::move(invocation)})},
                 {"artifacts", std::move(artifacts)},
                 {"results", std::move(results)},
                 {"columnKind", "unicodeCodePoints"}};
    return {{"$schema", "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"},
            {"version", "2.1.0"},
            {"runs", ojson::array({std::move(run)})}};
}

} // namespace fulcrum
