// References are real: every framework id a first-party rule cites must exist
// in the public catalogs of FULCRUM_REFERENCE_DATA (derived/ indexes of NIST
// CSF 2.0, SP 800-53 rev5, MITRE ATLAS and the OWASP Top 10 for LLM
// Applications 2025), and none may be withdrawn.
#include "plugin_harness.hpp"
#include "test_support.hpp"

#include <boost/filesystem.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

using namespace fulcrum::test;
using nlohmann::json;
namespace fs = boost::filesystem;

namespace {

// The first-party plugins this source tree builds (plugins/CMakeLists.txt
// builds a folder when it has <id>_plugin.cpp).
std::vector<std::string> first_party_plugins() {
    std::vector<std::string> out;
    for (const char* id : {"cloud", "ai", "bigdata"}) {
        const std::string name(id);
        if (fs::exists(source_path("plugins/" + name + "/" + name + "_plugin.cpp"))) {
            out.push_back(name);
        }
    }
    return out;
}

json load(const std::string& dir, const std::string& file) {
    return json::parse(read_text(dir + "/derived/" + file));
}

// The ids each catalog knows, and whether each is usable (active, not withdrawn).
struct Catalogs {
    std::map<std::string, bool> csf;      // id -> active
    std::map<std::string, bool> sp800_53; // id -> not withdrawn
    std::set<std::string> atlas;          // techniques and sub-techniques
    std::set<std::string> owasp_llm;
};

Catalogs read_catalogs(const std::string& dir) {
    // Each document is kept in a local: a loop over a member of a temporary
    // would outlive it.
    Catalogs c;
    const json csf = load(dir, "csf2-index.json");
    for (const auto& item : csf.at("items")) {
        c.csf[item.at("id").get<std::string>()] = item.value("active", false);
    }
    const json sp800_53 = load(dir, "sp800-53r5-control-index.json");
    for (const auto& control : sp800_53.at("controls")) {
        c.sp800_53[control.at("id").get<std::string>()] = !control.value("withdrawn", false);
    }
    const json atlas = load(dir, "ATLAS.json");
    for (const auto& matrix : atlas.at("matrices")) {
        for (const auto& t : matrix.at("techniques")) {
            c.atlas.insert(t.at("id").get<std::string>());
        }
    }
    const json owasp = load(dir, "owasp-llm-top10-2025-index.json");
    for (const auto& entry : owasp.at("entries")) {
        c.owasp_llm.insert(entry.at("id").get<std::string>());
    }
    return c;
}

std::vector<std::string> ids_of(const json& rule, const char* framework) {
    std::vector<std::string> out;
    if (rule.contains("refs") && rule["refs"].contains(framework)) {
        for (const auto& id : rule["refs"][framework]) {
            out.push_back(id.is_string() ? id.get<std::string>() : id.dump());
        }
    }
    return out;
}

// Every problem with one rule's references, each naming the rule and the id.
std::vector<std::string> problems_of(const json& rule, const Catalogs& c) {
    const std::string id = rule.value("id", "?");
    std::vector<std::string> out;
    for (const auto& ref : ids_of(rule, "csf")) {
        auto it = c.csf.find(ref);
        if (it == c.csf.end()) {
            out.push_back(id + ": CSF id '" + ref + "' is not in CSF 2.0");
        } else if (!it->second) {
            out.push_back(id + ": CSF id '" + ref + "' is not active in CSF 2.0 (a CSF 1.1 id?)");
        }
    }
    for (const auto& ref : ids_of(rule, "sp800_53")) {
        auto it = c.sp800_53.find(ref);
        if (it == c.sp800_53.end()) {
            out.push_back(id + ": SP 800-53 id '" + ref + "' is not in rev5 (OSCAL form, e.g. 'ia-2.1')");
        } else if (!it->second) {
            out.push_back(id + ": SP 800-53 id '" + ref + "' is withdrawn in rev5");
        }
    }
    for (const auto& ref : ids_of(rule, "atlas")) {
        if (c.atlas.count(ref) == 0) {
            out.push_back(id + ": ATLAS id '" + ref + "' is not an ATLAS technique or sub-technique");
        }
    }
    for (const auto& ref : ids_of(rule, "owasp_llm")) {
        if (c.owasp_llm.count(ref) == 0) {
            out.push_back(id + ": OWASP LLM id '" + ref + "' is not in the 2025 Top 10 (form 'LLM01:2025')");
        }
    }
    if (rule.value("kind", "") == "risk") {
        if (ids_of(rule, "csf").empty()) {
            out.push_back(id + ": a risk rule must cite at least one CSF 2.0 subcategory");
        }
        if (ids_of(rule, "sp800_53").empty()) {
            out.push_back(id + ": a risk rule must cite at least one SP 800-53 control");
        }
    }
    return out;
}

} // namespace

TEST_CASE("every reference cited by a first-party rule exists in the public catalogs", "[references]") {
    const std::string dir = reference_data_dir();
    if (dir.empty()) {
        WARN("skipped: FULCRUM_REFERENCE_DATA is not set, so rule references cannot be checked against the public "
             "catalogs (scripts/test.sh sets it to ../shared/reference)");
        return;
    }
    const Catalogs catalogs = read_catalogs(dir);
    REQUIRE(catalogs.csf.size() > 100);
    REQUIRE(catalogs.sp800_53.size() > 1000);
    REQUIRE(catalogs.atlas.size() > 100);
    REQUIRE(catalogs.owasp_llm.size() == 10);
    const auto plugins = first_party_plugins();
    REQUIRE_FALSE(plugins.empty());
    int checked = 0;
    for (const auto& plugin : plugins) {
        for (const auto& rule : plugin_manifest(plugin).rules) {
            for (const auto& problem : problems_of(rule, catalogs)) {
                FAIL_CHECK(plugin << " plugin, rule " << problem);
            }
            ++checked;
        }
    }
    CHECK(checked > 0);
}

TEST_CASE("the reference check finds bad, withdrawn and missing ids", "[references]") {
    const std::string dir = reference_data_dir();
    if (dir.empty()) {
        WARN("skipped: FULCRUM_REFERENCE_DATA is not set");
        return;
    }
    const Catalogs catalogs = read_catalogs(dir);
    const json bad = {{"id", "x.bad"},
                      {"kind", "risk"},
                      {"refs",
                       {{"csf", {"PR.AC-01", "PR.ZZ-99"}},
                        {"sp800_53", {"ac-2.10", "IA-2"}},
                        {"atlas", {"AML.T9999"}},
                        {"owasp_llm", {"LLM11:2025"}}}}};
    const auto problems = problems_of(bad, catalogs);
    auto mentions = [&](const std::string& text) {
        for (const auto& p : problems) {
            if (p.find(text) != std::string::npos) {
                return true;
            }
        }
        return false;
    };
    CHECK(mentions("x.bad: CSF id 'PR.AC-01' is not active")); // CSF 1.1, gone in 2.0
    CHECK(mentions("'PR.ZZ-99' is not in CSF 2.0"));
    CHECK(mentions("'ac-2.10' is withdrawn"));
    CHECK(mentions("'IA-2' is not in rev5"));
    CHECK(mentions("'AML.T9999'"));
    CHECK(mentions("'LLM11:2025'"));
    CHECK(problems_of({{"id", "x.bare"}, {"kind", "risk"}, {"refs", json::object()}}, catalogs).size() == 2);
    CHECK(problems_of({{"id", "x.good"},
                       {"kind", "risk"},
                       {"refs", {{"csf", {"PR.AA-01"}}, {"sp800_53", {"ia-2.1"}}, {"atlas", {"AML.T0051.000"}}}}},
                      catalogs)
              .empty());
}
