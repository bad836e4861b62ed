// The big-data rules, grouped by the question each group answers. Each group
// adds its findings and questions to `out`; none keeps state between calls.
#pragma once

#include "facts.hpp"

#include <fulcrum/plugin.hpp>

#include <initializer_list>
#include <string>

namespace fulcrum::bigdata {

using sdk::Contribution;
using sdk::Mitigation;
using sdk::Risk;

// May the organisation hold and use this personal data this way?
void privacy_risks(const Facts& f, Contribution& out);
// Where does the data go: other countries, third parties, people's requests, copies.
void data_flow_risks(const Facts& f, Contribution& out);
// Who can read the lake, and how would misuse be noticed.
void access_risks(const Facts& f, Contribution& out);
// How much one breach exposes, and how the data is protected at rest and in transit.
void exposure_risks(const Facts& f, Contribution& out);
// Can the lake's data be trusted, recovered and moved.
void integrity_risks(const Facts& f, Contribution& out);
// The CIO's side: what the lake does for the business.
void benefits(const Facts& f, Contribution& out);

// Adds each pointer that the proposal fills in (controls pointers always).
void cite(Risk& risk, const Facts& f, std::initializer_list<std::string_view> pointers);
// "EUR 1.2 million", in the proposal's currency.
std::string money_text(const Facts& f, double amount);

} // namespace fulcrum::bigdata
