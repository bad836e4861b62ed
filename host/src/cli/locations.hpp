// Where an installed (or built) fulcrum finds its plugins and configs: both
// sit beside the program, as bin/fulcrum, lib/fulcrum/plugins/ and
// share/fulcrum/. The build tree uses the same layout, so a fresh build runs
// with no flags too.
#pragma once

#include <string>

namespace fulcrum {

struct Locations {
    std::string prefix;     // the folder holding bin/
    std::string plugin_dir; // <prefix>/lib/fulcrum/plugins
    std::string config_dir; // <prefix>/share/fulcrum
};

// Overridable with FULCRUM_PREFIX, for relocated installs.
Locations locate_installation();

} // namespace fulcrum
