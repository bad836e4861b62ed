// The AI plugin's evaluations, grouped by theme. Each reads the facts of one
// AI technology and adds its findings and questions to the sink.
#pragma once

#include "ai_catalog.hpp"
#include "ai_facts.hpp"

#include <set>
#include <string>

namespace fulcrum::ai {

// Collects findings for one evaluation; asks each field at most once even
// when several rules need it. Lives on the stack of evaluate(), so the
// plugin keeps no shared mutable state.
class Sink {
public:
    explicit Sink(Contribution& out) : m_out(out) {}

    void ask(const sdk::Rule& rule, const std::string& field, std::string text) {
        if (m_asked.insert(field).second) {
            m_out.ask(rule, field, std::move(text));
        }
    }
    void add(sdk::Risk&& risk) { m_out.add(std::move(risk)); }
    void add(sdk::Benefit&& benefit) { m_out.add(std::move(benefit)); }
    Contribution& contribution() { return m_out; }

private:
    Contribution& m_out;
    std::set<std::string> m_asked;
};

void llm_risks(const AiFacts& f, Sink& out);      // ai_llm_risks.cpp
void data_risks(const AiFacts& f, Sink& out);     // ai_data_risks.cpp
void decision_risks(const AiFacts& f, Sink& out); // ai_decision_risks.cpp
void regulation_risks(const AiFacts& f, Sink& out);
void benefits(const AiFacts& f, Sink& out); // ai_benefits.cpp

} // namespace fulcrum::ai
