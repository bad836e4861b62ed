// The parts of a proposal's HTML page, each writing one section. Split from
// html_report.cpp so that each file holds one idea: the frame and the order
// there, the CIO and CISO views here, quantification in html_quant.cpp.
#pragma once

#include "review/review.hpp"

#include <sstream>
#include <string>

namespace fulcrum::html {

// Prefix for every id in one proposal's article, unique within the page.
struct Ids {
    std::string prefix;
    std::string operator()(const std::string& name) const { return prefix + "-" + name; }
};

std::string severity_badge(int likelihood, int impact);
std::string range_text(const std::string& currency, const Range& range);

void write_cio_view(std::ostringstream& out, const Review& review, const Ids& ids);
void write_ciso_view(std::ostringstream& out, const Review& review, const Ids& ids);
void write_risk_details(std::ostringstream& out, const Review& review, const Ids& ids);

// The joint plan: the quantified plan and loss exceedance when the review
// carries quantification, else the conditions' cost against the budget.
void write_joint_plan(std::ostringstream& out, const Review& review, const Ids& ids);
// Expected annual loss of one risk in each state, or "" without quantification.
std::string risk_loss_text(const Review& review, const std::string& risk_id);

} // namespace fulcrum::html
