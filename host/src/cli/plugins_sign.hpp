// `fulcrum plugins keygen|sign|verify`: the vendor's and the user's side of
// plugin signatures (docs/plugin-guide.md, docs/security.md).
#pragma once

#include <string>
#include <vector>

namespace fulcrum {

int run_plugins_keygen(const std::vector<std::string>& args);
int run_plugins_sign(const std::vector<std::string>& args);
int run_plugins_verify(const std::vector<std::string>& args);

} // namespace fulcrum
