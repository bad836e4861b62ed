// Every example rendered in every format by the fulcrum program, SARIF and
// OSCAL validated against the official schemas in FULCRUM_REFERENCE_DATA
// (SARIF 2.1.0 errata01, draft-04; OSCAL 1.2.1 assessment results, draft-07),
// and -o choosing the format from the file extension.
//
// valijson compiles "pattern" with std::regex, which has no Unicode property
// classes: OSCAL's token pattern ^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$ throws.
// load_oscal_schema() rewrites \p{L} to [A-Za-z] and \p{N} to [0-9] and keeps
// every other pattern as it is. That is stricter than the schema for
// non-ASCII letters (Fulcrum emits only ASCII tokens), so a document that
// passes here passes the real pattern too.
#include "test_support.hpp"

#include <boost/filesystem.hpp>
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <regex>
#include <unistd.h>

using namespace fulcrum::test;
using nlohmann::json;
namespace fs = boost::filesystem;

namespace {

size_t rewrite_unicode_classes(json& node) {
    size_t rewritten = 0;
    if (node.is_object()) {
        for (auto& [key, value] : node.items()) {
            if (key == "pattern" && value.is_string()) {
                const std::string before = value.get<std::string>();
                std::string after = std::regex_replace(before, std::regex(R"(\\p\{L\})"), "[A-Za-z]");
                after = std::regex_replace(after, std::regex(R"(\\p\{N\})"), "[0-9]");
                rewritten += after != before ? 1 : 0;
                value = after;
            } else {
                rewritten += rewrite_unicode_classes(value);
            }
        }
    } else if (node.is_array()) {
        for (auto& item : node) {
            rewritten += rewrite_unicode_classes(item);
        }
    }
    return rewritten;
}

class Schema {
public:
    Schema(const json& schema, valijson::SchemaParser::Version version) : m_source(schema) {
        valijson::SchemaParser parser(version);
        valijson::adapters::NlohmannJsonAdapter adapter(m_source);
        parser.populateSchema(adapter, m_schema);
    }

    // Empty when valid, else the first few errors as "<path>: <what>".
    std::string errors(const json& doc) const {
        valijson::Validator validator;
        valijson::ValidationResults results;
        valijson::adapters::NlohmannJsonAdapter adapter(doc);
        if (validator.validate(m_schema, adapter, &results)) {
            return {};
        }
        std::string out;
        valijson::ValidationResults::Error error;
        for (int n = 0; n < 8 && results.popError(error); ++n) {
            for (const auto& part : error.context) {
                out += part;
            }
            out += ": " + error.description + "\n";
        }
        return out;
    }

private:
    json m_source;
    valijson::Schema m_schema;
};

std::unique_ptr<Schema> load_sarif_schema(const std::string& dir) {
    return std::make_unique<Schema>(json::parse(read_text(dir + "/sarif-2.1.0/sarif-schema-2.1.0.json")),
                                    valijson::SchemaParser::kDraft4);
}

std::unique_ptr<Schema> load_oscal_schema(const std::string& dir) {
    json schema = json::parse(read_text(dir + "/oscal-schemas-1.2.1/oscal_assessment-results_schema.json"));
    REQUIRE(rewrite_unicode_classes(schema) > 0);
    return std::make_unique<Schema>(schema, valijson::SchemaParser::kDraft7);
}

std::vector<std::string> examples() {
    std::vector<std::string> out;
    for (fs::directory_iterator it(fs::path(FULCRUM_SOURCE_DIR) / "examples/proposals"), end; it != end; ++it) {
        const std::string ext = it->path().extension().string();
        if (ext == ".yaml" || ext == ".yml" || ext == ".json") {
            out.push_back("examples/proposals/" + it->path().filename().string());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

// Runs fulcrum from the source tree, so that artifact URIs read
// examples/proposals/..., with a fixed SOURCE_DATE_EPOCH.
RunResult fulcrum_in_source_tree(const std::vector<std::string>& args) {
    const fs::path old = fs::current_path();
    fs::current_path(FULCRUM_SOURCE_DIR);
    setenv("SOURCE_DATE_EPOCH", "1767225600", 1); // 2026-01-01T00:00:00Z
    RunResult result = run_fulcrum(args);
    unsetenv("SOURCE_DATE_EPOCH");
    fs::current_path(old);
    return result;
}

} // namespace

TEST_CASE("every example renders to JSON, Markdown, HTML, SARIF and OSCAL, and the last two validate", "[reports]") {
    const std::string reference = reference_data_dir();
    if (reference.empty()) {
        WARN("skipped: FULCRUM_REFERENCE_DATA is not set, so the SARIF and OSCAL schemas are not available");
        return;
    }
    const auto sarif_schema = load_sarif_schema(reference);
    const auto oscal_schema = load_oscal_schema(reference);
    const std::string out = scratch_dir("report-formats");
    const auto files = examples();
    REQUIRE(files.size() >= 6);
    for (const auto& example : files) {
        const std::string stem = fs::path(example).stem().string();
        INFO(example);
        const std::string base = out + "/" + stem;
        const RunResult run =
            fulcrum_in_source_tree({"review", example, "-o", base + ".json", "-o", base + ".md", "-o", base + ".html",
                                    "-o", base + ".sarif", "-o", base + ".oscal.json"});
        INFO(run.err);
        REQUIRE((run.exit_code == 0 || run.exit_code == 1));
        CHECK(run.out.empty()); // every output went to its file

        const json review = json::parse(read_text(base + ".json"));
        const size_t risks = review["ciso"]["risks"].size();
        CHECK(read_text(base + ".md").rfind("# ", 0) == 0);
        const std::string html = read_text(base + ".html");
        CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
        CHECK(html.find("<script") == std::string::npos);

        const json sarif = json::parse(read_text(base + ".sarif"));
        const std::string sarif_errors = sarif_schema->errors(sarif);
        INFO(sarif_errors);
        CHECK(sarif_errors.empty());
        CHECK(sarif["runs"][0]["results"].size() == risks);
        CHECK(sarif["runs"][0]["artifacts"][0]["location"]["uri"] == example);
        for (const auto& result : sarif["runs"][0]["results"]) {
            const auto& region = result["locations"][0]["physicalLocation"]["region"];
            CHECK(region["startLine"].get<int>() >= 1);
        }

        const json oscal = json::parse(read_text(base + ".oscal.json"));
        const std::string oscal_errors = oscal_schema->errors(oscal);
        INFO(oscal_errors);
        CHECK(oscal_errors.empty());
        const auto& result = oscal["assessment-results"]["results"][0];
        CHECK(result.value("risks", json::array()).size() == risks);
        CHECK(oscal["assessment-results"]["metadata"]["last-modified"] == "2026-01-01T00:00:00Z");
    }
}

TEST_CASE("SARIF locations point at the evidence's line in the example file", "[reports]") {
    const std::string example = "examples/proposals/crm-saas-migration.yaml";
    const RunResult run = fulcrum_in_source_tree({"review", example, "--format", "sarif"});
    REQUIRE(run.exit_code <= 1);
    const json sarif = json::parse(run.out);
    const std::string text = read_text(source_path(example));
    std::vector<std::string> lines;
    for (size_t start = 0; start <= text.size();) {
        const size_t end = text.find('\n', start);
        lines.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        start = end == std::string::npos ? text.size() + 1 : end + 1;
    }
    size_t checked = 0;
    for (const auto& result : sarif["runs"][0]["results"]) {
        const std::string pointer = result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"];
        const auto& region = result["locations"][0]["physicalLocation"]["region"];
        const int line = region["startLine"];
        const int column = region["startColumn"];
        REQUIRE(line >= 1);
        REQUIRE(static_cast<size_t>(line) <= lines.size());
        const std::string last = pointer.substr(pointer.rfind('/') + 1);
        const std::string at = lines[line - 1].substr(static_cast<size_t>(column - 1));
        INFO(pointer << " at " << line << ":" << column << ": " << lines[line - 1]);
        // A member's key is where the line points (absent fields fall back to an ancestor).
        if (!last.empty() && !std::isdigit(static_cast<unsigned char>(last[0])) && at.rfind(last + ":", 0) == 0) {
            ++checked;
        }
    }
    CHECK(checked >= 5);
}

TEST_CASE("SARIF: a proposal inside the working folder is relative to %SRCROOT%, one outside is a file URI",
          "[reports]") {
    const std::string outside = "/tmp/fulcrum-sarif-" + std::to_string(::getpid()) + ".yaml";
    write_text(outside, read_text(source_path("examples/proposals/crm-saas-migration.yaml")));
    const RunResult run =
        fulcrum_in_source_tree({"review", "examples/proposals/crm-saas-migration.yaml", outside, "--format", "sarif"});
    std::remove(outside.c_str());
    REQUIRE(run.exit_code <= 1);
    const json artifacts = json::parse(run.out)["runs"][0]["artifacts"];
    REQUIRE(artifacts.size() == 2);
    CHECK(artifacts[0]["location"]["uri"] == "examples/proposals/crm-saas-migration.yaml");
    CHECK(artifacts[0]["location"]["uriBaseId"] == "%SRCROOT%");
    // SARIF 2.1.0 (3.4.4): a uriBaseId only beside a relative reference.
    CHECK(artifacts[1]["location"]["uri"] == "file://" + outside);
    CHECK_FALSE(artifacts[1]["location"].contains("uriBaseId"));
    const json results = json::parse(run.out)["runs"][0]["results"];
    for (const auto& result : results) {
        const auto& location = result["locations"][0]["physicalLocation"]["artifactLocation"];
        CHECK(location.contains("uriBaseId") == (location["uri"].get<std::string>().rfind("file:", 0) != 0));
    }
}

TEST_CASE("the rewritten OSCAL schema still checks token patterns", "[reports]") {
    const std::string reference = reference_data_dir();
    if (reference.empty()) {
        WARN("skipped: FULCRUM_REFERENCE_DATA is not set, so the OSCAL schema is not available");
        return;
    }
    const auto schema = load_oscal_schema(reference);
    const RunResult run =
        fulcrum_in_source_tree({"review", "examples/proposals/crm-saas-migration.yaml", "--format", "oscal"});
    REQUIRE(run.exit_code <= 1);
    json doc = json::parse(run.out);
    REQUIRE(schema->errors(doc).empty());
    doc["assessment-results"]["results"][0]["props"][0]["name"] = "1 not a token";
    CHECK_FALSE(schema->errors(doc).empty());
    doc = json::parse(run.out);
    doc["assessment-results"]["results"][0]["uuid"] = "not-a-uuid";
    CHECK_FALSE(schema->errors(doc).empty());
}

TEST_CASE("output files take the format from the extension; plain .json takes --format", "[reports]") {
    const std::string out = scratch_dir("report-outputs");
    const RunResult run = fulcrum_in_source_tree(
        {"review", "examples/proposals/crm-saas-migration.yaml", "--format", "sarif", "-o", out + "/plain.json", "-o",
         out + "/page.HTML", "-o", out + "/r.sarif.json", "-o", out + "/ar.oscal.json", "-o", out + "/notes.md"});
    INFO(run.err);
    REQUIRE(run.exit_code <= 1);
    CHECK(run.out.empty());
    CHECK(json::parse(read_text(out + "/plain.json"))["version"] == "2.1.0");
    CHECK(json::parse(read_text(out + "/r.sarif.json"))["version"] == "2.1.0");
    CHECK(json::parse(read_text(out + "/ar.oscal.json")).contains("assessment-results"));
    CHECK(read_text(out + "/page.HTML").rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(read_text(out + "/notes.md").rfind("# Move customer support", 0) == 0);

    const RunResult json_default =
        fulcrum_in_source_tree({"review", "examples/proposals/crm-saas-migration.yaml", "-o", out + "/review.json"});
    REQUIRE(json_default.exit_code <= 1);
    CHECK(json::parse(read_text(out + "/review.json"))["schema"] == "fulcrum/review@1");
}

TEST_CASE("an unknown --format is a usage error naming the formats", "[reports]") {
    const RunResult run =
        run_fulcrum({"review", source_path("examples/proposals/crm-saas-migration.yaml"), "--format", "pdf"});
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("json, markdown, html, sarif or oscal") != std::string::npos);
}

TEST_CASE("OSCAL and SARIF are the same on a second run", "[reports]") {
    const std::string example = "examples/proposals/crm-saas-migration.yaml";
    const RunResult first = fulcrum_in_source_tree({"review", example, "--format", "oscal"});
    const RunResult second = fulcrum_in_source_tree({"review", example, "--format", "oscal"});
    REQUIRE(first.exit_code <= 1);
    CHECK(first.out == second.out);
    CHECK(fulcrum_in_source_tree({"review", example, "--format", "sarif"}).out ==
          fulcrum_in_source_tree({"review", example, "--format", "sarif"}).out);
}
