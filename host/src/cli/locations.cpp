#include "cli/locations.hpp"

#include <boost/dll/runtime_symbol_info.hpp>

#include <cstdlib>

namespace fulcrum {

Locations locate_installation() {
    boost::filesystem::path prefix;
    if (const char* env = std::getenv("FULCRUM_PREFIX"); env != nullptr && *env != '\0') {
        prefix = env;
    } else {
        prefix = boost::dll::program_location().parent_path().parent_path();
    }
    Locations out;
    out.prefix = prefix.string();
    out.plugin_dir = (prefix / "lib" / "fulcrum" / "plugins").string();
    out.config_dir = (prefix / "share" / "fulcrum").string();
    return out;
}

} // namespace fulcrum
