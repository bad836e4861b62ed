// Golden files: every example proposal reviewed with the real plugins and the
// default policy must print exactly tests/golden/<name>.json and <name>.md.
// scripts/update-golden.sh regenerates them; read the diff before committing.
// The same reviews, and the examples themselves, must match the published
// schemas (docs/schema/review.schema.json, docs/schema/proposal.schema.json),
// and the proposal schema must agree with fulcrum's own validator.
#include "plugin/schema_check.hpp"
#include "proposal/document.hpp"
#include "proposal/proposal.hpp"
#include "test_support.hpp"
#include "util/error.hpp"

#include <boost/filesystem.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

using fulcrum::test::fixture_plugin_dir;
using fulcrum::test::read_text;
using fulcrum::test::run_fulcrum;
using fulcrum::test::RunResult;
using fulcrum::test::source_path;
using nlohmann::json;
namespace fs = boost::filesystem;

namespace {

// Runs fulcrum from the source tree with paths relative to it, so that the
// `source` a review names is the same on every machine.
class InSourceTree {
public:
    InSourceTree() : m_old(fs::current_path()) {
        fs::current_path(FULCRUM_SOURCE_DIR);
        if (const char* prefix = std::getenv("FULCRUM_PREFIX")) {
            m_prefix = prefix;
            unsetenv("FULCRUM_PREFIX"); // the build tree's own plugins, as update-golden.sh uses
        }
    }
    ~InSourceTree() {
        fs::current_path(m_old);
        if (!m_prefix.empty()) {
            setenv("FULCRUM_PREFIX", m_prefix.c_str(), 1);
        }
    }
    InSourceTree(const InSourceTree&) = delete;
    InSourceTree& operator=(const InSourceTree&) = delete;

private:
    fs::path m_old;
    std::string m_prefix;
};

bool is_proposal_file(const fs::path& p) {
    const std::string ext = p.extension().string();
    return fs::is_regular_file(p) && (ext == ".yaml" || ext == ".yml" || ext == ".json");
}

// Paths relative to the source tree, sorted.
std::vector<std::string> files_in(const std::string& relative_dir, bool recursive = false) {
    std::vector<std::string> out;
    const fs::path root(FULCRUM_SOURCE_DIR);
    if (recursive) {
        for (fs::recursive_directory_iterator it(root / relative_dir), end; it != end; ++it) {
            if (is_proposal_file(it->path())) {
                out.push_back(fs::relative(it->path(), root).string());
            }
        }
    } else {
        for (fs::directory_iterator it(root / relative_dir), end; it != end; ++it) {
            if (is_proposal_file(it->path())) {
                out.push_back(fs::relative(it->path(), root).string());
            }
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> examples() {
    return files_in("examples/proposals");
}

std::string stem_of(const std::string& path) {
    return fs::path(path).stem().string();
}

RunResult review(const std::string& example, const std::string& format, const std::vector<std::string>& extra = {}) {
    InSourceTree here;
    std::vector<std::string> args = {"review", example, "--format", format};
    args.insert(args.end(), extra.begin(), extra.end());
    if (!extra.empty()) {
        const auto& trust = fulcrum::test::fixture_plugin_options();
        args.insert(args.end(), trust.begin(), trust.end());
    }
    return run_fulcrum(args);
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        out.push_back(line);
    }
    return out;
}

// "" when equal, else where and how the texts first differ.
std::string first_difference(const std::string& golden_path, const std::string& expected, const std::string& got) {
    if (expected == got) {
        return {};
    }
    const auto want = lines_of(expected);
    const auto have = lines_of(got);
    size_t i = 0;
    while (i < want.size() && i < have.size() && want[i] == have[i]) {
        ++i;
    }
    std::ostringstream out;
    out << golden_path << ":" << (i + 1) << ": first difference\n"
        << "  expected: " << (i < want.size() ? want[i] : "<end of file>") << "\n"
        << "  got:      " << (i < have.size() ? have[i] : "<end of file>") << "\n";
    if (i == want.size() && i == have.size()) {
        out << "  (the texts differ only in their final newline)\n";
    }
    out << "If the change is intended, run scripts/update-golden.sh " << FULCRUM_BINARY_DIR
        << " and read the diff of tests/golden/ before committing it.";
    return out.str();
}

const fulcrum::CompiledSchema& review_schema() {
    static const fulcrum::CompiledSchema schema(json::parse(read_text(source_path("docs/schema/review.schema.json"))));
    return schema;
}

const fulcrum::CompiledSchema& proposal_schema() {
    static const fulcrum::CompiledSchema schema(
        json::parse(read_text(source_path("docs/schema/proposal.schema.json"))));
    return schema;
}

} // namespace

TEST_CASE("there are examples to review", "[golden]") {
    CHECK_FALSE(examples().empty());
}

TEST_CASE("every example's JSON review matches its golden file", "[golden]") {
    for (const auto& example : examples()) {
        const std::string golden = "tests/golden/" + stem_of(example) + ".json";
        const RunResult r = review(example, "json");
        INFO(example << "\nstderr: " << r.err);
        CHECK(r.exit_code == 0);
        if (!fs::exists(source_path(golden))) {
            FAIL_CHECK("no golden file " << golden << "; run scripts/update-golden.sh " << FULCRUM_BINARY_DIR);
            continue;
        }
        const std::string difference = first_difference(golden, read_text(source_path(golden)), r.out);
        if (!difference.empty()) {
            FAIL_CHECK(difference);
        }
    }
}

TEST_CASE("every example's Markdown review matches its golden file", "[golden]") {
    for (const auto& example : examples()) {
        const std::string golden = "tests/golden/" + stem_of(example) + ".md";
        const RunResult r = review(example, "markdown");
        INFO(example << "\nstderr: " << r.err);
        CHECK(r.exit_code == 0);
        if (!fs::exists(source_path(golden))) {
            FAIL_CHECK("no golden file " << golden << "; run scripts/update-golden.sh " << FULCRUM_BINARY_DIR);
            continue;
        }
        const std::string difference = first_difference(golden, read_text(source_path(golden)), r.out);
        if (!difference.empty()) {
            FAIL_CHECK(difference);
        }
    }
}

TEST_CASE("every golden file belongs to an example", "[golden]") {
    std::vector<std::string> stems;
    for (const auto& example : examples()) {
        stems.push_back(stem_of(example));
    }
    for (fs::directory_iterator it(source_path("tests/golden")), end; it != end; ++it) {
        const std::string stem = it->path().stem().string();
        INFO(it->path().string() << ": no example proposal of that name; run scripts/update-golden.sh");
        CHECK(std::find(stems.begin(), stems.end(), stem) != stems.end());
    }
}

TEST_CASE("the first differing line is reported", "[golden]") {
    const std::string d = first_difference("g.json", "a\nb\nc\n", "a\nB\nc\n");
    CHECK(d.rfind("g.json:2: first difference\n  expected: b\n  got:      B\n", 0) == 0);
    CHECK(d.find("scripts/update-golden.sh") != std::string::npos);
    CHECK(first_difference("g.json", "a\n", "a\n").empty());
    CHECK(first_difference("g.json", "a\n", "a\nextra\n").find("g.json:2:") == 0);
    CHECK(first_difference("g.json", "a\n", "a").find("final newline") != std::string::npos);
}

TEST_CASE("every example's review matches the review schema", "[golden]") {
    for (const auto& example : examples()) {
        const RunResult r = review(example, "json");
        INFO(example << "\nstderr: " << r.err);
        json doc;
        REQUIRE_NOTHROW(doc = json::parse(r.out));
        const std::string problem = review_schema().check(doc);
        INFO("docs/schema/review.schema.json: " << problem);
        CHECK(problem.empty());
    }
}

TEST_CASE("reviews with failed plugins and several proposals match the review schema", "[golden]") {
    REQUIRE_FALSE(examples().empty());
    const RunResult r =
        review(examples().front(), "json",
               {"--plugin-dir", fixture_plugin_dir("throws"), "--plugin-dir", fixture_plugin_dir("newer_abi")});
    CHECK(r.exit_code == 4);
    const json doc = json::parse(r.out);
    CHECK(doc.at("complete") == false);
    CHECK(review_schema().check(doc) == "");

    // Several proposals print an array of reviews, each of which must match.
    InSourceTree here;
    std::vector<std::string> args = {"review"};
    const auto all = examples();
    args.insert(args.end(), all.begin(), all.end());
    const json many = json::parse(run_fulcrum(args).out);
    if (all.size() > 1) {
        REQUIRE(many.is_array());
        for (const auto& one : many) {
            CHECK(review_schema().check(one) == "");
        }
    }
}

TEST_CASE("the review schema refuses what fulcrum never prints", "[golden]") {
    REQUIRE_FALSE(examples().empty());
    const json good = json::parse(review(examples().front(), "json").out);
    REQUIRE(review_schema().check(good) == "");
    json bad = good;
    bad["joint"]["decision"] = "maybe";
    CHECK(review_schema().check(bad) != "");
    bad = good;
    bad["undocumented"] = true;
    CHECK(review_schema().check(bad) != "");
    bad = good;
    bad["cio"]["benefit_score"] = 101;
    CHECK(review_schema().check(bad) != "");
    bad = good;
    bad.erase("complete");
    CHECK(review_schema().check(bad) != "");
}

TEST_CASE("every example proposal matches the proposal schema", "[golden]") {
    for (const auto& example : examples()) {
        const json doc = fulcrum::load_document(source_path(example));
        const std::string problem = proposal_schema().check(doc);
        INFO(example << ": docs/schema/proposal.schema.json: " << problem);
        CHECK(problem.empty());
    }
}

TEST_CASE("the proposal schema and fulcrum's validator agree on every fixture", "[golden]") {
    // Every file that parses: both accept it or both refuse it.
    std::vector<std::string> files = examples();
    const auto fixtures = files_in("tests/fixtures/proposals", true);
    files.insert(files.end(), fixtures.begin(), fixtures.end());
    size_t refused = 0;
    for (const auto& file : files) {
        json doc;
        try {
            doc = fulcrum::load_document(source_path(file));
        } catch (const fulcrum::Error&) {
            continue; // a syntax error: no document for either to judge
        }
        bool validator_accepts = true;
        std::string why;
        try {
            fulcrum::validate_proposal(doc, file);
        } catch (const fulcrum::Error& e) {
            validator_accepts = false;
            why = e.what();
        }
        const std::string problem = proposal_schema().check(doc);
        INFO(file << "\nvalidator: " << (validator_accepts ? "accepts" : why)
                  << "\nschema: " << (problem.empty() ? "accepts" : problem));
        CHECK(validator_accepts == problem.empty());
        refused += validator_accepts ? 0 : 1;
    }
    CHECK(refused >= 5); // the bad fixtures are really there
}

TEST_CASE("every example gets the findings a board would expect of it", "[golden][examples]") {
    struct Expected {
        const char* example;
        const char* decision;
        std::vector<const char*> risks;  // must be in the register
        std::vector<const char*> absent; // must not be: the proposal answers them or they do not apply
    };
    const std::vector<Expected> table = {
        {"ai-agent-emotion-scoring",
         "reject",
         {"ai.prohibited-practice", "ai.automated-decisions", "ai.bias-discrimination"},
         {}},
        {"ai-claims-triage",
         "approve_with_conditions",
         {"ai.training-data-privacy", "ai.explainability", "ai.bias-discrimination", "ai.prompt-injection"},
         {"ai.prohibited-practice"}},
        {"ai-marketing-copy",
         "defer",
         {"ai.provider-data-exposure", "ai.security-ownership"},
         {"ai.automated-decisions"}},
        {"ai-predictive-maintenance",
         "approve",
         {"ai.model-supply-chain"},
         {"ai.automated-decisions", "ai.training-data-privacy", "ai.bias-discrimination"}},
        {"ai-support-assistant",
         "approve_with_conditions",
         {"ai.output-handling", "ai.system-prompt-leakage", "ai.hallucination", "ai.prompt-injection"},
         {"ai.automated-decisions"}},
        {"bigdata-bank-fraud-analytics",
         "approve_with_conditions",
         {"bigdata.breach-blast-radius", "bigdata.re-identification", "bigdata.cross-border-transfer",
          "ai.automated-decisions"},
         {}},
        {"bigdata-factory-sensor-lake",
         "approve_with_conditions",
         {"bigdata.lake-backup", "bigdata.security-ownership"},
         {"bigdata.special-category-data", "bigdata.re-identification", "bigdata.subject-rights"}},
        {"bigdata-hospital-patient-lake",
         "approve_with_conditions",
         {"bigdata.special-category-data", "bigdata.re-identification", "bigdata.shadow-copies",
          "cloud.availability-dr"},
         {}},
        {"bigdata-retail-demand-forecasting",
         "approve",
         {},
         {"bigdata.special-category-data", "bigdata.re-identification", "bigdata.subject-rights"}},
        {"bigdata-startup-customer-lake", "defer", {"bigdata.security-ownership", "bigdata.minimisation"}, {}},
        {"cloud-bank-mortgage-iaas",
         "approve_with_conditions",
         {"cloud.privileged-access", "cloud.vendor-lock-in", "cloud.key-management", "cloud.shared-responsibility"},
         {"cloud.identity-mfa", "cloud.processor-terms", "cloud.security-ownership"}},
        {"cloud-clinic-patient-messaging",
         "defer",
         {"cloud.identity-mfa", "cloud.processor-terms", "cloud.supply-chain", "cloud.saas-data-backup"},
         {}},
        {"cloud-engineering-wiki-saas",
         "approve",
         {"cloud.misconfiguration"},
         {"cloud.processor-terms", "cloud.data-residency", "cloud.key-management", "cloud.security-ownership"}},
        {"cloud-small-bookkeeping-saas",
         "approve_with_conditions",
         {"cloud.security-ownership", "cloud.saas-data-backup", "cloud.incident-response"},
         {}},
        {"crm-saas-migration",
         "approve_with_conditions",
         {"cloud.vendor-lock-in", "cloud.data-residency", "cloud.saas-data-backup", "cloud.identity-mfa"},
         {"cloud.security-ownership"}},
        {"cross-insurer-claims-platform",
         "approve_with_conditions",
         {"bigdata.special-category-data", "ai.explainability", "ai.bias-discrimination", "cloud.key-management",
          "ai.vendor-lock-in", "ai.cross-border-transfer"},
         {}},
    };
    std::vector<std::string> covered;
    for (const auto& expected : table) {
        covered.push_back(std::string("examples/proposals/") + expected.example + ".yaml");
    }
    CHECK(covered == examples()); // every example, and no more

    for (const auto& expected : table) {
        INFO(expected.example);
        const RunResult run = review(std::string("examples/proposals/") + expected.example + ".yaml", "json");
        REQUIRE(run.exit_code == 0);
        const json doc = json::parse(run.out);
        CHECK(doc["joint"]["decision"] == expected.decision);
        std::vector<std::string> ids;
        for (const auto& risk : doc["ciso"]["risks"]) {
            ids.push_back(risk["id"].get<std::string>());
        }
        for (const char* id : expected.risks) {
            INFO("expected risk " << id);
            CHECK(std::find(ids.begin(), ids.end(), id) != ids.end());
        }
        for (const char* id : expected.absent) {
            INFO("unexpected risk " << id);
            CHECK(std::find(ids.begin(), ids.end(), id) == ids.end());
        }
        // Each control in the conditions is paid for once.
        double one_time = 0;
        std::vector<std::string> paid;
        for (const auto& condition : doc["joint"]["conditions"]) {
            const std::string control = condition.value("control", "");
            if (!condition.contains("same_control_as")) {
                one_time += condition["cost"]["one_time"].get<double>();
                CHECK((control.empty() || std::find(paid.begin(), paid.end(), control) == paid.end()));
                paid.push_back(control);
            } else {
                CHECK(std::find(paid.begin(), paid.end(), control) != paid.end());
            }
        }
        CHECK(doc["joint"]["conditions_cost"]["one_time"].get<double>() == Approx(one_time));
    }
}

TEST_CASE("a cross-category proposal merges shared concerns once, citing every plugin", "[golden][examples]") {
    const RunResult run = review("examples/proposals/cross-insurer-claims-platform.yaml", "json");
    REQUIRE(run.exit_code == 0);
    const json doc = json::parse(run.out);
    std::vector<std::string> plugins;
    for (const auto& p : doc["plugins"]) {
        plugins.push_back(p["id"].get<std::string>());
    }
    std::sort(plugins.begin(), plugins.end());
    CHECK(plugins == std::vector<std::string>{"ai", "bigdata", "cloud"});
    const auto raised_by = [&](const std::string& id) {
        for (const auto& risk : doc["ciso"]["risks"]) {
            if (risk["id"] == id) {
                auto by = risk["raised_by"].get<std::vector<std::string>>();
                std::sort(by.begin(), by.end());
                return by;
            }
        }
        return std::vector<std::string>{};
    };
    CHECK(raised_by("ai.vendor-lock-in") == std::vector<std::string>{"ai", "cloud"});
    CHECK(raised_by("ai.cross-border-transfer") == std::vector<std::string>{"ai", "bigdata", "cloud"});
    // Merged, not repeated: no other entry is the same concern.
    for (const char* duplicate : {"cloud.vendor-lock-in", "cloud.data-residency", "bigdata.cross-border-transfer"}) {
        INFO(duplicate);
        CHECK(raised_by(duplicate).empty());
    }
}
