// Identifiers that stay the same from run to run, so that two reports of the
// same proposal can be compared line by line and tools can track a finding.
#pragma once

#include <string>

namespace fulcrum {

// A name-based UUID (RFC 4122 version 5, SHA-1) of `name` in Fulcrum's own
// namespace, itself UUIDv5(URL namespace, "urn:fulcrum:report-ids").
std::string stable_uuid(const std::string& name);

} // namespace fulcrum
