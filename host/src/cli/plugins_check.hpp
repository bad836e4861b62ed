// `fulcrum plugins check FILE`: the conformance kit for plugin authors.
#pragma once

#include <string>
#include <vector>

namespace fulcrum {

int run_plugins_check(const std::vector<std::string>& args);

} // namespace fulcrum
