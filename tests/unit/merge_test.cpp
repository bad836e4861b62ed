// The merge (host/src/review/merge.cpp): deduplication of shared concerns,
// residual risk with the controls in place, the choice of conditions, every
// decision path, completeness and the properties of the two scores.
#include "review/merge.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace fulcrum;

namespace {

Mitigation mitigation(const std::string& id, int likelihood, int impact, double one_time = 0, double annual = 0,
                      const std::string& control = "") {
    Mitigation m;
    m.id = id;
    m.title = "Mitigation " + id;
    m.control = control;
    m.cost = {one_time, annual};
    m.residual_likelihood = likelihood;
    m.residual_impact = impact;
    return m;
}

Risk risk(const std::string& plugin, const std::string& name, int likelihood, int impact,
          std::vector<Mitigation> mitigations, const std::string& concern = "") {
    Risk r;
    r.id = plugin + "." + name;
    r.plugin = plugin;
    r.raised_by = {plugin};
    r.title = "Risk " + name;
    r.concern = concern;
    r.likelihood = likelihood;
    r.impact = impact;
    r.rationale = "Because " + plugin + " says so.";
    r.evidence = {"/" + plugin};
    r.mitigations = std::move(mitigations);
    return r;
}

Benefit benefit(const std::string& plugin, const std::string& dimension, int score) {
    Benefit b;
    b.id = plugin + "." + dimension;
    b.plugin = plugin;
    b.title = "Benefit " + dimension;
    b.dimension = dimension;
    b.score = score;
    b.rationale = "Scored.";
    b.evidence = {"/business_case"};
    return b;
}

PluginRun ok(const std::string& id, Contribution c) {
    PluginRun run;
    run.id = id;
    run.version = "1.0.0";
    run.categories = {id};
    run.status = PluginStatus::ok;
    run.contribution = std::move(c);
    return run;
}

// A contribution with a strong business case and the given risks.
Contribution with_risks(const std::string& plugin, std::vector<Risk> risks) {
    Contribution c;
    c.benefits = {benefit(plugin, "efficiency", 70)};
    c.risks = std::move(risks);
    return c;
}

Proposal proposal(std::map<std::string, ControlStatus> controls = {}) {
    Proposal p;
    p.id = "p";
    p.title = "Proposal";
    p.source = "p.yaml";
    p.categories = {"cloud", "ai"};
    p.controls = std::move(controls);
    return p;
}

Policy policy() {
    Policy p;
    p.name = "test";
    for (const char* d : {"efficiency", "customer_experience", "competitive_advantage", "growth", "cost_reduction",
                          "resilience", "compliance"}) {
        p.weights[d] = 1.0;
    }
    return p; // the balanced appetite: conditions above low, reject at critical
}

Review merge_one(const std::vector<Risk>& risks, const Proposal& p = proposal(), const Policy& pol = policy()) {
    return merge(p, {ok("cloud", with_risks("cloud", risks))}, pol);
}

std::vector<std::string> condition_ids(const Review& r) {
    std::vector<std::string> out;
    for (const auto& c : r.conditions) {
        out.push_back(c.mitigation.id);
    }
    return out;
}

} // namespace

TEST_CASE("severity bands follow likelihood x impact", "[merge]") {
    CHECK(severity_of(1, 2) == Severity::info);
    CHECK(severity_of(1, 3) == Severity::low);
    CHECK(severity_of(1, 5) == Severity::low);
    CHECK(severity_of(2, 3) == Severity::medium);
    CHECK(severity_of(3, 3) == Severity::medium);
    CHECK(severity_of(3, 4) == Severity::high);
    CHECK(severity_of(4, 4) == Severity::high);
    CHECK(severity_of(4, 5) == Severity::critical);
    CHECK(severity_of(5, 5) == Severity::critical);
}

TEST_CASE("risks sharing a concern across plugins become one entry", "[merge]") {
    Risk a = risk("cloud", "lock-in", 3, 3, {mitigation("exit-plan", 1, 2, 1000)}, "vendor-lock-in");
    a.refs = SharedRefs(Refs{{"csf", {"GV.SC-10"}}});
    Risk b = risk("ai", "model-lock-in", 4, 2, {mitigation("exit-plan", 2, 2, 9999), mitigation("abstraction", 2, 1)},
                  "vendor-lock-in");
    b.refs = SharedRefs(Refs{{"atlas", {"AML.T0010"}}, {"csf", {"GV.SC-10", "GV.SC-07"}}, {"sp800_53", {"sa-9"}}});
    Risk other = risk("ai", "prompt-injection", 2, 2, {mitigation("guardrails", 1, 1)});

    const Review r =
        merge(proposal(), {ok("cloud", with_risks("cloud", {a})), ok("ai", with_risks("ai", {b, other}))}, policy());
    REQUIRE(r.risks.size() == 2);
    const auto it = std::find_if(r.risks.begin(), r.risks.end(), [](const Risk& x) { return x.concern != ""; });
    REQUIRE(it != r.risks.end());
    const Risk& merged = *it;
    CHECK(merged.id == "cloud.lock-in"); // the first plugin's id and title stand for the concern
    CHECK(merged.raised_by == std::vector<std::string>{"cloud", "ai"});
    CHECK(merged.likelihood == 4); // the worst of each
    CHECK(merged.impact == 3);
    CHECK(merged.evidence == std::vector<std::string>{"/cloud", "/ai"});
    // Each framework once, in order of name, as in the review's JSON.
    CHECK(merged.refs.list() ==
          Refs{{"atlas", {"AML.T0010"}}, {"csf", {"GV.SC-10", "GV.SC-07"}}, {"sp800_53", {"sa-9"}}});
    REQUIRE(merged.mitigations.size() == 2); // by id: the first plugin's exit-plan is kept
    CHECK(merged.mitigations[0].id == "exit-plan");
    CHECK(merged.mitigations[0].cost.one_time == 1000);
    CHECK(merged.mitigations[1].id == "abstraction");
    CHECK(merged.rationale == "Because cloud says so. Because ai says so.");
}

TEST_CASE("the same rule raised twice without a concern is listed once", "[merge]") {
    const Risk a = risk("cloud", "mfa", 3, 3, {mitigation("mfa", 1, 3)});
    const Review r = merge_one({a, a});
    CHECK(r.risks.size() == 1);
    CHECK(r.risks[0].raised_by == std::vector<std::string>{"cloud"});
}

TEST_CASE("residual risk applies the mitigations whose controls are in place", "[merge]") {
    const std::vector<Risk> risks = {
        risk("cloud", "access", 4, 4,
             {mitigation("mfa", 1, 4, 0, 0, "mfa"), mitigation("sso", 2, 4, 0, 0, "sso"),
              mitigation("segment", 4, 2, 0, 0, "network_segmentation"), mitigation("training", 3, 4)})};
    SECTION("nothing in place: residual is inherent") {
        const Review r = merge_one(risks);
        CHECK(r.risks[0].residual_likelihood == 4);
        CHECK(r.risks[0].residual_impact == 4);
        CHECK(r.risk_score == r.inherent_risk_score);
    }
    SECTION("in-place controls combine by the lowest likelihood and impact each leaves") {
        const Review r = merge_one(risks, proposal({{"mfa", ControlStatus::in_place},
                                                    {"network_segmentation", ControlStatus::in_place},
                                                    {"sso", ControlStatus::planned}}));
        const Risk& x = r.risks[0];
        CHECK(x.residual_likelihood == 1);
        CHECK(x.residual_impact == 2);
        CHECK(x.mitigations[0].status == MitigationStatus::in_place);
        CHECK(x.mitigations[1].status == MitigationStatus::planned);
        CHECK(x.mitigations[2].status == MitigationStatus::in_place);
        CHECK(x.mitigations[3].status == MitigationStatus::recommended); // no control to look up
        CHECK(r.risk_score < r.inherent_risk_score);
        CHECK(r.conditions.empty()); // 1x2 is info: nothing left to ask for
    }
    SECTION("a control listed with status none counts for nothing") {
        const Review r = merge_one(risks, proposal({{"mfa", ControlStatus::none}}));
        CHECK(r.risks[0].residual_likelihood == 4);
        CHECK(r.risks[0].mitigations[0].status == MitigationStatus::recommended);
    }
}

TEST_CASE("conditions: one mitigation that suffices, planned first, then the cheapest", "[merge]") {
    SECTION("a planned mitigation wins over a cheaper recommended one") {
        const Review r = merge_one({risk("cloud", "leak", 3, 4,
                                         {mitigation("cheap", 1, 2, 100), mitigation("planned", 1, 2, 5000, 0, "mfa"),
                                          mitigation("weak", 3, 3, 10)})},
                                   proposal({{"mfa", ControlStatus::planned}}));
        CHECK(condition_ids(r) == std::vector<std::string>{"planned"});
        CHECK(r.conditions[0].risk_id == "cloud.leak");
        CHECK(r.conditions[0].mitigation.status == MitigationStatus::planned);
    }
    SECTION("otherwise the cheapest that brings the risk within appetite; one-time plus annual") {
        const Review r = merge_one({risk("cloud", "leak", 3, 4,
                                         {mitigation("dear", 1, 2, 3000, 3000), mitigation("cheap", 2, 1, 2000, 1000),
                                          mitigation("weak", 3, 3, 10)})});
        CHECK(condition_ids(r) == std::vector<std::string>{"cheap"});
        CHECK(r.conditions_cost.one_time == 2000);
        CHECK(r.conditions_cost.annual == 1000);
        CHECK(r.planned_risk_score < r.risk_score);
    }
    SECTION("when no single mitigation suffices, every one not in place is a condition") {
        const Review r = merge_one(
            {risk("cloud", "leak", 4, 4,
                  {mitigation("a", 3, 4, 100), mitigation("b", 4, 2, 200), mitigation("c", 1, 4, 0, 0, "mfa")})},
            proposal({{"mfa", ControlStatus::in_place}}));
        // With c in place the residual is 1x4 (low): within a balanced appetite.
        CHECK(r.conditions.empty());
        const Review s =
            merge_one({risk("cloud", "leak", 4, 4, {mitigation("a", 3, 4, 100), mitigation("b", 4, 2, 200)})});
        CHECK(condition_ids(s) == std::vector<std::string>{"a", "b"});
        CHECK(s.conditions_cost.one_time == 300);
    }
    SECTION("a risk already within appetite asks for nothing") {
        const Review r = merge_one({risk("cloud", "minor", 1, 4, {mitigation("fix", 1, 1, 100)})});
        CHECK(r.conditions.empty());
        CHECK(r.decision == Decision::approve);
    }
}

TEST_CASE("a control that answers two risks is a condition of each but paid for once", "[merge]") {
    const Review r = merge_one(
        {risk("cloud", "keys", 3, 4, {mitigation("cmk", 1, 2, 50000, 30000, "customer_managed_keys")}),
         risk("bigdata", "encryption", 3, 4, {mitigation("kms", 1, 2, 40000, 20000, "customer_managed_keys")}),
         risk("ai", "drift", 3, 4, {mitigation("eval", 1, 2, 1000, 500, "model_evaluation")})});
    REQUIRE(r.conditions.size() == 3);
    CHECK(r.conditions[0].same_control_as.empty());
    CHECK(r.conditions[1].risk_id == "bigdata.encryption");
    CHECK(r.conditions[1].same_control_as == "cloud.keys");
    CHECK(r.conditions[2].same_control_as.empty());
    CHECK(paying_condition_number(r, 1) == 1);
    CHECK(paying_condition_number(r, 2) == 3);
    // The first estimate pays; the second risk's own estimate is not added.
    CHECK(r.conditions_cost.one_time == 51000);
    CHECK(r.conditions_cost.annual == 30500);
    // Both risks still count the control as met once the conditions are.
    CHECK(r.planned_risk_score < r.risk_score);
}

TEST_CASE("each decision path", "[merge]") {
    SECTION("approve: every residual risk within appetite") {
        const Review r = merge_one({risk("cloud", "minor", 1, 2, {mitigation("fix", 1, 1)})});
        CHECK(r.decision == Decision::approve);
        CHECK(r.rationale.rfind("Approve: benefit 70/100", 0) == 0);
    }
    SECTION("approve_with_conditions: a medium risk one mitigation fixes") {
        const Review r = merge_one({risk("cloud", "leak", 3, 3, {mitigation("fix", 1, 2, 1000, 500)})});
        CHECK(r.decision == Decision::approve_with_conditions);
        CHECK(r.rationale.rfind("Approve with 1 condition costing USD 1,000 once and USD 500 a year", 0) == 0);
    }
    SECTION("defer: a benefit score below the appetite's floor") {
        Contribution c = with_risks("cloud", {risk("cloud", "leak", 3, 3, {mitigation("fix", 1, 2)})});
        c.benefits = {benefit("cloud", "efficiency", 24)};
        const Review r = merge(proposal(), {ok("cloud", c)}, policy());
        CHECK(r.decision == Decision::defer);
        CHECK(r.rationale.rfind("Defer: the business case scores 24/100, below the 25", 0) == 0);
        c.benefits = {benefit("cloud", "efficiency", 25)};
        CHECK(merge(proposal(), {ok("cloud", c)}, policy()).decision == Decision::approve_with_conditions);
    }
    SECTION("defer: too many open questions") {
        Contribution c = with_risks("cloud", {});
        for (int i = 0; i < 7; ++i) {
            c.questions.push_back({"cloud.q", "cloud", "/field" + std::to_string(i), "Question?"});
        }
        CHECK(merge(proposal(), {ok("cloud", c)}, policy()).decision == Decision::approve);
        c.questions.push_back({"cloud.q", "cloud", "/field7", "Question?"});
        const Review r = merge(proposal(), {ok("cloud", c)}, policy());
        CHECK(r.decision == Decision::defer);
        CHECK(r.rationale.rfind("Defer: 8 questions are open", 0) == 0);
    }
    SECTION("reject: a risk that stays at reject_at with every mitigation") {
        const Review r = merge_one({risk("cloud", "fatal", 5, 5, {mitigation("a", 4, 5), mitigation("b", 5, 5)})});
        CHECK(r.decision == Decision::reject);
        CHECK(r.rationale.rfind("Reject: \u201cRisk fatal\u201d stays critical or worse even with every mitigation",
                                0) == 0);
        // Mitigations together leave the lowest likelihood and the lowest impact: 4x4 is high, not critical.
        const Review s = merge_one({risk("cloud", "fatal", 5, 5, {mitigation("a", 4, 5), mitigation("b", 5, 4)})});
        CHECK(s.decision == Decision::approve_with_conditions);
    }
    SECTION("reject comes before defer") {
        Contribution c = with_risks("cloud", {risk("cloud", "fatal", 5, 5, {mitigation("a", 5, 5)})});
        c.benefits.clear();
        CHECK(merge(proposal(), {ok("cloud", c)}, policy()).decision == Decision::reject);
    }
    SECTION("the appetite moves the thresholds") {
        const std::vector<Risk> risks = {risk("cloud", "leak", 4, 4, {mitigation("fix", 3, 4)})};
        Policy averse = policy();
        averse.appetite = {"averse", Severity::info, Severity::high, 40, 5};
        Policy tolerant = policy();
        tolerant.appetite = {"tolerant", Severity::medium, Severity::critical, 15, 12};
        // 3x4 is high: above what balanced accepts unconditionally, at what averse rejects.
        CHECK(merge_one(risks).decision == Decision::approve_with_conditions);
        CHECK(merge_one(risks, proposal(), averse).decision == Decision::reject);
        const std::vector<Risk> medium = {risk("cloud", "leak", 2, 3, {mitigation("fix", 1, 2)})};
        CHECK(merge_one(medium).decision == Decision::approve_with_conditions);
        CHECK(merge_one(medium, proposal(), tolerant).decision == Decision::approve);
    }
}

TEST_CASE("a failed plugin makes the review incomplete and keeps the others' findings", "[merge]") {
    PluginRun failed;
    failed.id = "ai";
    failed.status = PluginStatus::failed;
    failed.error = "evaluate failed";
    PluginRun skipped;
    skipped.id = "bigdata";
    skipped.status = PluginStatus::not_applicable;
    const Contribution c = with_risks("cloud", {risk("cloud", "leak", 3, 3, {mitigation("fix", 1, 2)})});

    const Review whole = merge(proposal(), {ok("cloud", c), skipped}, policy());
    CHECK(whole.complete);
    const Review partial = merge(proposal(), {ok("cloud", c), failed, skipped}, policy());
    CHECK_FALSE(partial.complete);
    CHECK(partial.plugins.size() == 3);
    CHECK(partial.risks.size() == 1);
    CHECK(partial.benefits.size() == 1);
    CHECK(partial.decision == whole.decision);
    CHECK(partial.rationale == whole.rationale + " The review is incomplete: ai has failed, so the decision rests on " +
                                   "the other plugins alone.");
}

TEST_CASE("risks are listed worst residual first, then worst inherent", "[merge]") {
    const Review r = merge_one({risk("cloud", "a", 2, 2, {mitigation("x", 1, 1)}),
                                risk("cloud", "b", 5, 4, {mitigation("y", 1, 1, 0, 0, "mfa")}),
                                risk("cloud", "c", 3, 3, {mitigation("z", 1, 1)}),
                                risk("cloud", "d", 3, 3, {mitigation("z", 1, 1)})},
                               proposal({{"mfa", ControlStatus::in_place}}));
    REQUIRE(r.risks.size() == 4);
    CHECK(r.risks[0].id == "cloud.c");
    CHECK(r.risks[1].id == "cloud.d");
    CHECK(r.risks[2].id == "cloud.a");
    CHECK(r.risks[3].id == "cloud.b"); // inherent 5x4, residual 1x1
}

TEST_CASE("questions with the same field and text are asked once; annual values add up", "[merge]") {
    Contribution a = with_risks("cloud", {});
    Contribution b = with_risks("ai", {});
    a.questions = {{"cloud.q", "cloud", "/data/records", "How many records?"}};
    b.questions = {{"ai.q", "ai", "/data/records", "How many records?"}, {"ai.r", "ai", "/data/records", "Whose?"}};
    a.benefits[0].annual_value = Range{100, 200, 300};
    b.benefits[0].annual_value = Range{10, 20, 30};
    const Review r = merge(proposal(), {ok("cloud", a), ok("ai", b)}, policy());
    REQUIRE(r.questions.size() == 2);
    CHECK(r.questions[0].rule == "cloud.q");
    CHECK(r.questions[1].text == "Whose?");
    CHECK(r.has_annual_value);
    CHECK(r.annual_value.low == 110);
    CHECK(r.annual_value.likely == 220);
    CHECK(r.annual_value.high == 330);
}

TEST_CASE("benefit score: the best claim per dimension, weighted", "[merge]") {
    const std::map<std::string, double> equal = {{"efficiency", 1}, {"growth", 1}, {"cost_reduction", 1}};
    CHECK(benefit_score({}, equal) == 0);
    CHECK(benefit_score({benefit("a", "efficiency", 60)}, equal) == 60);
    // Two claims on one dimension count once, at the better score.
    CHECK(benefit_score({benefit("a", "efficiency", 60), benefit("b", "efficiency", 90)}, equal) == 90);
    CHECK(benefit_score({benefit("a", "efficiency", 60), benefit("b", "growth", 90)}, equal) == 75);
    const std::map<std::string, double> skewed = {{"efficiency", 3}, {"growth", 1}};
    CHECK(benefit_score({benefit("a", "efficiency", 60), benefit("b", "growth", 100)}, skewed) == 70);
    // A weight of zero leaves the dimension out; a dimension without a weight counts 1.
    CHECK(benefit_score({benefit("a", "efficiency", 60), benefit("b", "growth", 100)}, {{"growth", 0}}) == 60);
    CHECK(benefit_score({benefit("a", "growth", 100)}, {{"growth", 0}}) == 0);
    CHECK(benefit_score({benefit("a", "resilience", 40)}, {}) == 40);
    // Always within 0-100, and never more than the best claim or less than the worst.
    for (int x = 0; x <= 100; x += 10) {
        for (int y = 0; y <= 100; y += 10) {
            const int s = benefit_score({benefit("a", "efficiency", x), benefit("b", "growth", y)}, skewed);
            CHECK(s >= std::min(x, y));
            CHECK(s <= std::max(x, y));
        }
    }
}

TEST_CASE("risk score: the worst risk sets the floor, more risks never lower it", "[merge]") {
    CHECK(risk_score({}) == 0);
    CHECK(risk_score({{5, 5}}) == 100);
    CHECK(risk_score({{1, 1}}) == 4);
    CHECK(risk_score({{3, 4}}) == 48);
    CHECK(risk_score({{5, 5}, {5, 5}, {5, 5}}) == 100);
    // Order does not matter.
    CHECK(risk_score({{2, 3}, {4, 4}, {1, 5}}) == risk_score({{1, 5}, {4, 4}, {2, 3}}));
    std::vector<std::pair<int, int>> levels;
    for (int l = 1; l <= 5; ++l) {
        for (int i = 1; i <= 5; ++i) {
            levels.emplace_back(l, i);
        }
    }
    for (const auto& worst : levels) {
        std::vector<std::pair<int, int>> set = {worst};
        int previous = risk_score(set);
        CHECK(previous == static_cast<int>(std::lround(4.0 * worst.first * worst.second)));
        for (const auto& more : levels) {
            if (more.first * more.second > worst.first * worst.second) {
                continue; // keep `worst` the worst
            }
            set.push_back(more);
            const int score = risk_score(set);
            CHECK(score >= previous);
            CHECK(score <= 100);
            previous = score;
        }
    }
}

TEST_CASE("a business-case claim valued by two plugins counts once in the annual value", "[merge]") {
    Proposal p = proposal();
    p.doc = nlohmann::json::parse(R"({"business_case": {"benefits": [
        {"dimension": "efficiency", "annual_value": {"low": 100, "likely": 200, "high": 300}},
        {"dimension": "growth", "annual_value": {"low": 1, "likely": 2, "high": 3}}]}})");
    Contribution a = with_risks("cloud", {});
    Contribution b = with_risks("ai", {});
    // Both restate claim 0; ai also values claim 1 under another benefit, and
    // cloud adds a value of its own that cites no claim.
    a.benefits[0].annual_value = Range{100, 200, 300};
    a.benefits[0].evidence = {"/business_case/benefits/0/annual_value", "/technologies/0"};
    b.benefits[0].annual_value = Range{101, 202, 303};
    b.benefits[0].evidence = {"/business_case/benefits/0", "/business_case/benefits/1"};
    Benefit own = benefit("cloud", "resilience", 50);
    own.evidence = {"/technologies/0/regions"};
    own.annual_value = Range{10, 20, 30};
    a.benefits.push_back(own);
    Benefit bad = benefit("ai", "growth", 40);
    // Not a claim's pointer (an escape, a leading zero, past the last claim):
    // its own value counts.
    bad.evidence = {"/business_case/benefits/~9", "/business_case/benefits/01", "/business_case/benefits/2"};
    bad.annual_value = Range{1000, 1000, 1000};
    b.benefits.push_back(bad);
    const Review r = merge(p, {ok("cloud", a), ok("ai", b)}, policy());
    CHECK(r.has_annual_value);
    CHECK(r.annual_value.low == 100 + 1 + 10 + 1000);
    CHECK(r.annual_value.likely == 200 + 2 + 20 + 1000);
    CHECK(r.annual_value.high == 300 + 3 + 30 + 1000);
}

TEST_CASE("a rejection carries no conditions; an approval says which risks stay beyond the appetite", "[merge]") {
    const Review rejected = merge_one({risk("cloud", "fatal", 5, 5, {mitigation("a", 4, 5, 1000, 100)}),
                                       risk("cloud", "leak", 3, 3, {mitigation("fix", 1, 2, 1000, 500)})});
    CHECK(rejected.decision == Decision::reject);
    CHECK(rejected.conditions.empty());
    CHECK(rejected.conditions_cost.one_time == 0);
    CHECK(rejected.planned_risk_score == rejected.risk_score);
    CHECK(rejected.risks.front().mitigations.size() == 1); // what would help is still listed per risk

    const Review within = merge_one({risk("cloud", "leak", 3, 3, {mitigation("fix", 1, 2, 1000, 500)})});
    CHECK(within.rationale.find("within a balanced appetite") != std::string::npos);
    // 4x4 with a mitigation to 3x4: high stays above low, what balanced accepts without conditions.
    const Review beyond = merge_one({risk("cloud", "leak", 4, 4, {mitigation("fix", 3, 4, 1000, 500)})});
    CHECK(beyond.decision == Decision::approve_with_conditions);
    CHECK(beyond.rationale.find("within") == std::string::npos);
    CHECK(beyond.rationale.find("\u201cRisk leak\u201d stays above low, the most a balanced appetite accepts without "
                                "conditions: by approving, the board accepts that residual risk.") !=
          std::string::npos);
}

TEST_CASE("an approval that does not pay at its own figures says so once quantified", "[merge]") {
    Review r = merge_one({risk("cloud", "leak", 3, 4, {mitigation("fix", 1, 2, 100)})});
    REQUIRE(r.decision == Decision::approve_with_conditions);
    const std::string before = r.rationale;
    note_net_value(r); // not quantified: nothing to say
    CHECK(r.rationale == before);

    r.quant.emplace();
    r.quant->net_value.horizon_years = 5;
    r.quant->net_value.benefits_quantified = true;
    r.quant->net_value.with_plan.mean = 1000;
    note_net_value(r);
    CHECK(r.rationale == before); // it pays

    r.quant->net_value.with_plan.mean = -2500000;
    r.quant->net_value.with_plan.probability_negative = 0.634;
    note_net_value(r);
    CHECK(r.rationale.find("over 5 years the expected net present value with the plan is a loss of " + r.currency +
                           " 2,500,000, negative in 63% of simulations") != std::string::npos);

    Review rejected = merge_one({risk("cloud", "fatal", 5, 5, {})});
    REQUIRE(rejected.decision == Decision::reject);
    rejected.quant = r.quant;
    const std::string rejection = rejected.rationale;
    note_net_value(rejected);
    CHECK(rejected.rationale == rejection); // a rejection needs no second reason
}
