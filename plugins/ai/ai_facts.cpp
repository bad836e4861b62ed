#include "ai_facts.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace fulcrum::ai {

namespace {

std::string lower_case(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::vector<std::string> strings(const Technology& tech, const char* name) {
    std::vector<std::string> out;
    if (const auto* list = tech.list(name)) {
        for (const auto& item : *list) {
            if (item.is_string()) {
                out.push_back(lower_case(item.get<std::string>()));
            }
        }
    }
    return out;
}

std::optional<bool> generative(const Technology& tech, const std::string& use_case, bool agentic) {
    if (const auto type = tech.text("model_type")) {
        const std::string t = lower_case(*type);
        return t == "llm" || t == "generative" || t == "multimodal_llm";
    }
    if (agentic) {
        return true;
    }
    if (mentions(use_case, {"llm", "gpt", "chat", "assistant", "copilot", "summar", "draft", "generat", "agent",
                            "question answering", "writing", "conversational", "rag "})) {
        return true;
    }
    if (mentions(use_case, {"scor", "classif", "forecast", "predict", "detect", "recommend", "ranking"})) {
        return false;
    }
    return std::nullopt;
}

} // namespace

bool mentions(const std::string& text, std::initializer_list<const char*> words) {
    return std::any_of(words.begin(), words.end(), [&](const char* w) { return text.find(w) != std::string::npos; });
}

bool any_mentions(const std::vector<std::string>& items, std::initializer_list<const char*> words) {
    return std::any_of(items.begin(), items.end(), [&](const std::string& item) { return mentions(item, words); });
}

bool untrusted(const std::vector<std::string>& sources) {
    return any_mentions(sources,
                        {"web",    "internet",  "email", "upload",   "ticket",         "chat",           "social",
                         "forum",  "review",    "scrap", "crawl",    "third_party",    "third-party",    "partner",
                         "public", "open_data", "crowd", "feedback", "user_generated", "user-generated", "inbound"});
}

bool AiFacts::has(std::string_view name) const {
    const sdk::json* value = tech.doc->is_object() ? sdk::member(*tech.doc, name) : nullptr;
    return value != nullptr && !value->is_null();
}

void AiFacts::cite(sdk::Risk& risk, std::initializer_list<const char*> names) const {
    for (const char* name : names) {
        if (has(name)) {
            risk.evidence(field(name));
        }
    }
}

AiFacts gather(const Proposal& p, const Technology& tech, const Settings& settings) {
    AiFacts f;
    f.p = &p;
    f.tech = tech;
    f.settings = settings;
    f.source = tech.text("model_source").value_or("");
    f.decision = tech.text("decision_impact").value_or("");
    f.individuals = tech.flag("affects_individuals");
    f.audience = lower_case(tech.text("audience").value_or(""));
    f.use_case = lower_case(tech.text("use_case").value_or(""));
    f.fine_tuned = tech.flag("fine_tuned").value_or(false);
    f.tools = strings(tech, "tools");
    f.retrieval = strings(tech, "retrieval_sources");
    f.outputs = strings(tech, "output_targets");
    f.training = strings(tech, "training_data");
    f.llm = generative(tech, f.use_case, !f.tools.empty() || !f.retrieval.empty());
    f.prohibited = find_prohibited_practice(f.use_case);
    f.area = find_high_risk_area(f.use_case);

    f.size = p.text("/organization/size").value_or("medium");
    f.regulated = firstparty::regulated(p);
    f.scale = firstparty::cost_scale(p);
    f.data_impact = firstparty::data_impact(p);
    f.breach = firstparty::breach_magnitude(p);
    f.personal = firstparty::personal_data(p);
    f.special = firstparty::special_categories(p);
    f.records = p.number("/data/records").value_or(0);
    return f;
}

std::optional<Practice> find_prohibited_practice(const std::string& u) {
    if (mentions(u, {"emotion"}) && !mentions(u, {"medical", "safety"}) &&
        mentions(u, {"employee", "staff", "worker", "workplace", "call centre", "call-centre", "call center",
                     "agent performance", "agent voice", "student", "classroom", "school", "candidate", "interview"})) {
        return Practice{"emotion recognition in the workplace or in education", "Art. 5(1)(f)"};
    }
    if (mentions(u, {"social scor"})) {
        return Practice{"social scoring", "Art. 5(1)(c)"};
    }
    if (mentions(u, {"biometric categori"}) ||
        (mentions(u, {"face", "facial", "voice", "biometric"}) &&
         mentions(u, {"ethnic", "race", "sexual orientation", "political", "religio", "trade union"}))) {
        return Practice{"biometric categorisation that infers sensitive traits", "Art. 5(1)(g)"};
    }
    if (mentions(u, {"scrap"}) && mentions(u, {"face", "facial"})) {
        return Practice{"untargeted scraping of facial images", "Art. 5(1)(e)"};
    }
    if (mentions(u, {"predictive policing", "predict crime", "crime risk", "criminal risk", "reoffend"})) {
        return Practice{"predicting criminal offences from profiling", "Art. 5(1)(d)"};
    }
    if (mentions(u, {"subliminal", "exploit vulnerab", "manipulative"})) {
        return Practice{"manipulative or exploitative techniques", "Art. 5(1)(a)-(b)"};
    }
    return std::nullopt;
}

std::optional<Practice> find_high_risk_area(const std::string& u) {
    if (mentions(u, {"biometric", "facial recognition", "face recognition", "voice identification", "emotion"})) {
        return Practice{"biometric identification or emotion recognition", "Annex III point 1"};
    }
    if (mentions(u, {"critical infrastructure", "safety component", "power grid", "water supply", "gas supply",
                     "road traffic"})) {
        return Practice{"a safety component of critical infrastructure", "Annex III point 2"};
    }
    if (mentions(u,
                 {"admission", "student", "exams", "proctor", "learning outcome", "essay grading", "exam grading"})) {
        return Practice{"education: admission, assessment or proctoring", "Annex III point 3"};
    }
    if (mentions(u, {"recruit", "hiring", "cv screening", "cvs", "resume screening", "résumé", "candidate",
                     "job applica", "employee promotion", "promotion decision", "employee termination", "dismissal",
                     "employee performance", "performance management", "task allocation", "workforce monitoring"})) {
        return Practice{"employment: recruitment, promotion, termination or monitoring of workers",
                        "Annex III point 4"};
    }
    if (mentions(u, {"benefit eligibility", "social benefit", "welfare", "public assistance"})) {
        return Practice{"eligibility for public assistance benefits", "Annex III point 5(a)"};
    }
    if (mentions(u, {"credit scor", "creditworth", "credit decision", "credit limit", "credit application",
                     "credit risk", "loan", "lending", "mortgage"})) {
        return Practice{"creditworthiness assessment or credit scoring", "Annex III point 5(b)"};
    }
    if (mentions(u, {"underwrit", "pricing", "premium", "risk assess"}) && mentions(u, {"life", "health"})) {
        return Practice{"risk assessment and pricing in life and health insurance", "Annex III point 5(c)"};
    }
    if (mentions(u, {"emergency call", "emergency dispatch", "emergency triage", "patient triage"})) {
        return Practice{"triage of emergency calls or patients", "Annex III point 5(d)"};
    }
    if (mentions(u, {"law enforcement", "police", "criminal"})) {
        return Practice{"law enforcement", "Annex III point 6"};
    }
    if (mentions(u, {"immigration", "asylum", "border control", "visa application"})) {
        return Practice{"migration, asylum or border control", "Annex III point 7"};
    }
    if (mentions(u, {"court case", "courts", "judicial", "sentencing", "election", "voting"})) {
        return Practice{"administration of justice or democratic processes", "Annex III point 8"};
    }
    return std::nullopt;
}

Tier declared_tier(const AiFacts& f) {
    const std::string t = lower_case(f.tech.text("eu_ai_act_tier").value_or(""));
    if (t == "prohibited") {
        return Tier::prohibited;
    }
    if (t == "high") {
        return Tier::high;
    }
    if (t == "limited") {
        return Tier::limited;
    }
    return Tier::minimal;
}

std::vector<std::string> eu_evidence(const Proposal& p) {
    std::vector<std::string> out;
    if (p.lists("/compliance", "eu_ai_act") || p.lists("/compliance", "gdpr")) {
        out.push_back("/compliance");
    }
    if (const auto* residency = p.find("/data/residency"); residency && residency->is_array()) {
        for (const auto& r : *residency) {
            if (r.is_string() && lower_case(r.get<std::string>()).compare(0, 2, "eu") == 0) {
                out.push_back("/data/residency");
                break;
            }
        }
    }
    if (p.text("/currency").value_or("") == "EUR") {
        out.push_back("/currency");
    }
    return out;
}

std::optional<bool> eu_scope(const AiFacts& f) {
    if (f.settings.eu_ai_act == "always") {
        return true;
    }
    if (f.settings.eu_ai_act == "never") {
        return false;
    }
    if (!eu_evidence(*f.p).empty()) {
        return true;
    }
    const auto* compliance = f.p->find("/compliance");
    if ((compliance && compliance->is_array() && !compliance->empty()) || f.p->find("/data/residency")) {
        return false;
    }
    return std::nullopt;
}

Range frequency(int likelihood) {
    static const double k_likely[] = {0.02, 0.05, 0.15, 0.4, 1.0};
    const double likely = k_likely[level(likelihood) - 1];
    return {likely / 3, likely, likely * 3};
}

Range enforcement_frequency(int likelihood) {
    // Fines are rare events even for clear breaches: the CMS GDPR Enforcement
    // Tracker counted about two thousand fines across the EU in the
    // regulation's first six years, against millions of controllers.
    static const double k_likely[] = {0.002, 0.005, 0.01, 0.03, 0.1};
    const double likely = k_likely[level(likelihood) - 1];
    return {likely / 3, likely, likely * 3};
}

double revenue(const Proposal& p) {
    if (const auto r = p.number("/organization/annual_revenue"); r && *r > 0) {
        return *r;
    }
    const std::string size = p.text("/organization/size").value_or("medium");
    return size == "small" ? 5e6 : size == "large" ? 1e9 : size == "enterprise" ? 1e10 : 1e8;
}

Range fine_magnitude(const Proposal& p, double fraction, double fixed_cap) {
    // Both the GDPR (Art. 83) and the AI Act (Art. 99) cap fines at the higher
    // of a fixed sum and a share of turnover; the AI Act takes the lower for
    // SMEs (Art. 99(6)). Actual fines and remediation sit far below the cap.
    const double share = fraction * revenue(p);
    const bool small = p.text("/organization/size").value_or("medium") == "small";
    const double cap = small ? std::min(share, fixed_cap) : std::max(share, fixed_cap);
    return {cap * 0.005, cap * 0.04, cap * 0.3};
}

double run_cost(const Proposal& p) {
    const double cost = firstparty::annual_cost(p);
    if (cost > 0) {
        return cost;
    }
    const std::string size = p.text("/organization/size").value_or("medium");
    return size == "small" ? 20000 : size == "large" ? 500000 : size == "enterprise" ? 2e6 : 100000;
}

void cite_data(const AiFacts& f, sdk::Risk& risk) {
    // Only the fields that raise the impact: an empty list or a "false"
    // proves nothing to the reader.
    for (const char* pointer : {"/data/classification", "/data/records"}) {
        if (f.p->find(pointer)) {
            risk.evidence(pointer);
        }
    }
    if (f.personal) {
        risk.evidence("/data/personal_data");
    }
    if (f.special) {
        risk.evidence("/data/special_categories");
    }
}

std::string data_words(const AiFacts& f) {
    std::string words = f.p->text("/data/classification").value_or("internal") + " data";
    if (f.special) {
        words += " with special-category personal data";
    } else if (f.personal) {
        words += " with personal data";
    }
    if (f.records > 0) {
        words += " (" + grouped(f.records) + " records)";
    }
    return words;
}

std::string system_name(const AiFacts& f) {
    const auto name = f.tech.text("name");
    return name && !name->empty() ? firstparty::clipped(*name) : "the AI system";
}

std::string subject_name(const AiFacts& f) {
    std::string name = system_name(f);
    name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
    return name;
}

std::string audience_words(const AiFacts& f) {
    if (f.audience == "public") {
        return "anyone on the internet";
    }
    if (f.audience == "customers") {
        return "customers";
    }
    if (f.audience == "internal") {
        return "staff";
    }
    return "its users";
}

std::string list_words(const std::vector<std::string>& items) {
    std::string out;
    const size_t shown = std::min<size_t>(items.size(), 3);
    for (size_t i = 0; i < shown; ++i) {
        std::string item = items[i];
        std::replace(item.begin(), item.end(), '_', ' ');
        out += (i == 0 ? "" : i + 1 == shown && items.size() <= 3 ? " and " : ", ") + item;
    }
    if (items.size() > 3) {
        out += " and " + std::to_string(items.size() - 3) + " more";
    }
    return out;
}

std::string money(const Proposal& p, double amount) {
    // Two significant figures are as precise as these estimates deserve.
    double rounded = amount;
    if (amount >= 100) {
        const double unit = std::pow(10.0, std::floor(std::log10(amount)) - 1);
        rounded = std::round(amount / unit) * unit;
    }
    return p.text("/currency").value_or("USD") + " " + grouped(rounded);
}

std::string grouped(double count) {
    std::string digits = std::to_string(static_cast<long long>(std::llround(count)));
    for (int pos = static_cast<int>(digits.size()) - 3; pos > 0; pos -= 3) {
        digits.insert(static_cast<size_t>(pos), ",");
    }
    return digits;
}

int level(int value) {
    return std::clamp(value, 1, 5);
}

int lower(int value, int by) {
    return std::clamp(value - by, 1, 5);
}

} // namespace fulcrum::ai
