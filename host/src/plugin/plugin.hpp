// A loaded plugin as the rest of the host sees it: a manifest and a call that
// takes proposal JSON and gives back contribution JSON text, or an error.
// How the plugin runs (in this process, or in a worker) is hidden behind it.
#pragma once

#include "plugin/manifest.hpp"

#include <string>
#include <string_view>

namespace fulcrum {

struct CallResult {
    bool ok = false;
    std::string output; // contribution JSON text when ok
    std::string error;  // why not, when !ok
};

class Plugin {
public:
    virtual ~Plugin() = default;
    virtual const Manifest& manifest() const = 0;
    virtual const std::string& path() const = 0;
    // Never throws: every failure comes back as !ok with a reason.
    virtual CallResult evaluate(std::string_view proposal_json) = 0;
};

} // namespace fulcrum
