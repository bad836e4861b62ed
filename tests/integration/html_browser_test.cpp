// The HTML reports as a browser renders them: Debian's chromium, headless,
// opens a proposal report (titled <script>alert(1)</script>) and a portfolio
// page. No console message at all (the pages carry no script, and their
// Content-Security-Policy turns any blocked load or inline script into a
// console message), the charts in the rendered DOM, the title inert, and a
// screenshot of each saved under <build>/test-artifacts/browser/.
// Skipped, saying so, when chromium is not installed (scripts/setup.sh --test
// installs it).
#include "report/portfolio.hpp"
#include "test_support.hpp"

#include <boost/filesystem.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <regex>
#include <sys/wait.h>

using namespace fulcrum;
using namespace fulcrum::test;
using nlohmann::json;
namespace fs = boost::filesystem;

namespace {

std::string chromium_path() {
    const char* configured = std::getenv("FULCRUM_CHROMIUM");
    const std::string path = configured && *configured ? configured : "/usr/bin/chromium";
    if (fs::exists(path)) {
        return path;
    }
    // CI (.ci/run) sets FULCRUM_REQUIRE_CHROMIUM: there a skip would pass unchecked.
    const char* required = std::getenv("FULCRUM_REQUIRE_CHROMIUM");
    if (required && *required && std::string(required) != "0") {
        FAIL("no chromium at " << path
                               << ", and FULCRUM_REQUIRE_CHROMIUM is set (scripts/setup.sh --test installs it)");
    }
    return "";
}

std::string quoted(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

struct Rendered {
    int exit_code = -1;
    std::string dom;
    std::string log;
};

// One headless run with a fresh profile: --dump-dom, or --screenshot when
// `screenshot` is set. Console messages go to the log through --enable-logging.
Rendered run_chromium(const std::string& chromium, const std::string& page, const std::string& work,
                      const std::string& screenshot = "") {
    static int run = 0;
    const std::string profile = work + "/profile-" + std::to_string(++run);
    const std::string dom = work + "/dom-" + std::to_string(run) + ".html";
    const std::string log = work + "/chromium-" + std::to_string(run) + ".log";
    std::string command = "timeout 120 " + quoted(chromium) +
                          " --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking"
                          " --disable-component-update --disable-sync --hide-scrollbars --enable-logging=stderr"
                          " --v=0 --user-data-dir=" +
                          quoted(profile);
    if (screenshot.empty()) {
        command += " --dump-dom";
    } else {
        command += " --window-size=1440,3000 --screenshot=" + quoted(screenshot);
    }
    command += " " + quoted("file://" + page) + " > " + quoted(dom) + " 2> " + quoted(log);
    const int status = std::system(command.c_str());
    Rendered out;
    out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    out.dom = read_text(dom);
    out.log = read_text(log);
    return out;
}

std::vector<std::string> console_lines(const std::string& log) {
    std::vector<std::string> out;
    const std::regex console(R"([^\n]*:CONSOLE[^\n]*)");
    for (auto it = std::sregex_iterator(log.begin(), log.end(), console); it != std::sregex_iterator(); ++it) {
        out.push_back(it->str());
    }
    return out;
}

size_t count(const std::string& text, const std::string& needle) {
    size_t n = 0;
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
        ++n;
    }
    return n;
}

void check_screenshot(const std::string& path) {
    REQUIRE(fs::exists(path));
    const std::string png = read_text(path);
    CHECK(png.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
    CHECK(png.size() > 50000); // a blank page compresses to a few kilobytes
}

Decision decision_of(const std::string& name) {
    for (Decision d : {Decision::approve, Decision::approve_with_conditions, Decision::defer, Decision::reject}) {
        if (name == to_string(d)) {
            return d;
        }
    }
    FAIL("unknown decision " << name);
    return Decision::defer;
}

} // namespace

TEST_CASE("the proposal report renders in Chromium: no console messages, charts, inert title", "[browser]") {
    const std::string chromium = chromium_path();
    if (chromium.empty()) {
        WARN("skipped: no chromium at /usr/bin/chromium or $FULCRUM_CHROMIUM (scripts/setup.sh --test installs it)");
        return;
    }
    const std::string work = scratch_dir("browser-proposal");
    const std::string artifacts = binary_path("test-artifacts/browser");
    fs::create_directories(artifacts);
    std::string proposal = read_text(source_path("examples/proposals/crm-saas-migration.yaml"));
    proposal =
        std::regex_replace(proposal, std::regex("\ntitle: [^\n]*\n"), "\ntitle: \"<script>alert(1)</script>\"\n");
    REQUIRE(proposal.find("<script>alert(1)</script>") != std::string::npos);
    write_text(work + "/xss.yaml", proposal);
    const std::string page = work + "/report.html";
    const RunResult review = run_fulcrum({"review", work + "/xss.yaml", "-o", page});
    INFO(review.err);
    REQUIRE(review.exit_code <= 1);

    const Rendered rendered = run_chromium(chromium, page, work);
    INFO(rendered.log.substr(0, 2000));
    REQUIRE(rendered.exit_code == 0);
    REQUIRE(rendered.dom.find("</html>") != std::string::npos);
    CHECK(console_lines(rendered.log).empty());
    // The title is text in the heading, and no script element exists.
    CHECK(rendered.dom.find("<h1 id=\"p1-title\">&lt;script&gt;alert(1)&lt;/script&gt;</h1>") != std::string::npos);
    CHECK(rendered.dom.find("<script") == std::string::npos);
    // The four charts, with their accessible names.
    CHECK(count(rendered.dom, "role=\"img\"") == 4);
    for (const std::string id : {"p1-quadrant", "p1-benefits-chart", "p1-heat-map", "p1-loss-exceedance"}) {
        INFO(id);
        CHECK(rendered.dom.find("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"chart\" id=\"" + id) !=
              std::string::npos);
    }
    CHECK(count(rendered.dom, "<polyline class=\"curve\"") == 3);

    const std::string shot = artifacts + "/proposal-report.png";
    fs::remove(shot);
    const Rendered screenshot = run_chromium(chromium, page, work, shot);
    CHECK(screenshot.exit_code == 0);
    CHECK(console_lines(screenshot.log).empty());
    check_screenshot(shot);
}

TEST_CASE("a page that breaks the rules is caught: the console check can fail", "[browser]") {
    const std::string chromium = chromium_path();
    if (chromium.empty()) {
        WARN("skipped: no chromium at /usr/bin/chromium or $FULCRUM_CHROMIUM");
        return;
    }
    const std::string work = scratch_dir("browser-control");
    // The report's own security policy, with a script and a remote image that it must block.
    const std::string page =
        "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:\"></head><body><img src=\"https://example.invalid/x.png\" "
        "alt=\"\"><script>document.title = 'ran';</script></body></html>";
    write_text(work + "/bad.html", page);
    const Rendered rendered = run_chromium(chromium, work + "/bad.html", work);
    REQUIRE(rendered.exit_code == 0);
    CHECK(console_lines(rendered.log).size() >= 2);
    CHECK(rendered.dom.find("<title>ran</title>") == std::string::npos);
}

TEST_CASE("the portfolio page renders in Chromium with every example on its quadrant", "[browser]") {
    const std::string chromium = chromium_path();
    if (chromium.empty()) {
        WARN("skipped: no chromium at /usr/bin/chromium or $FULCRUM_CHROMIUM (scripts/setup.sh --test installs it)");
        return;
    }
    const std::string work = scratch_dir("browser-portfolio");
    const std::string artifacts = binary_path("test-artifacts/browser");
    fs::create_directories(artifacts);
    std::vector<std::string> args = {"review"};
    for (fs::directory_iterator it(fs::path(FULCRUM_SOURCE_DIR) / "examples/proposals"), end; it != end; ++it) {
        args.push_back(it->path().string());
    }
    const size_t proposals = args.size() - 1;
    REQUIRE(proposals >= 6);
    const RunResult review = run_fulcrum(args);
    INFO(review.err);
    REQUIRE(review.exit_code <= 1);
    std::vector<PortfolioEntry> entries;
    for (const auto& r : json::parse(review.out)) {
        PortfolioEntry e;
        e.id = r["proposal"]["id"];
        e.title = r["proposal"]["title"];
        e.decision = decision_of(r["joint"]["decision"]);
        e.benefit_score = r["cio"]["benefit_score"];
        e.risk_score = r["ciso"]["risk_score"];
        e.complete = r["complete"];
        e.currency = r["currency"];
        if (r.contains("quant")) {
            e.annual_loss_exposure = r["quant"]["expected_annual_loss"]["residual"].get<double>();
        }
        entries.push_back(e);
    }
    PortfolioPageOptions options;
    options.title = "Technology proposals, Q1 board";
    const std::string page = work + "/portfolio.html";
    write_text(page, portfolio_to_html(entries, options));

    const Rendered rendered = run_chromium(chromium, page, work);
    INFO(rendered.log.substr(0, 2000));
    REQUIRE(rendered.exit_code == 0);
    CHECK(console_lines(rendered.log).empty());
    CHECK(rendered.dom.find("id=\"portfolio-quadrant\"") != std::string::npos);
    CHECK(count(rendered.dom, "<circle class=\"point\"") == proposals);
    CHECK(count(rendered.dom, "</td><th scope=\"row\">") == proposals);

    const std::string shot = artifacts + "/portfolio-report.png";
    fs::remove(shot);
    const Rendered screenshot = run_chromium(chromium, page, work, shot);
    CHECK(screenshot.exit_code == 0);
    check_screenshot(shot);
}
