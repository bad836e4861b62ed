#include "plugin/registry.hpp"

#include "plugin/in_process.hpp"
#include "util/error.hpp"

#include <boost/filesystem.hpp>

#include <algorithm>
#include <set>

namespace fulcrum {
namespace fs = boost::filesystem;

namespace {

std::vector<std::string> libraries_in(const std::string& dir) {
    std::vector<std::string> out;
    boost::system::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (fs::is_regular_file(it->path()) && it->path().extension() == ".so") {
            out.push_back(it->path().string());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

PluginSet load_plugins(const PluginSources& sources) {
    struct Candidate {
        std::string path;
        bool named; // named explicitly rather than found in a folder
    };
    std::vector<Candidate> candidates;
    for (const auto& dir : sources.optional_dirs) {
        for (auto& file : libraries_in(dir)) {
            candidates.push_back({file, false});
        }
    }
    for (const auto& dir : sources.dirs) {
        if (!fs::is_directory(dir)) {
            throw usage_error("--plugin-dir " + dir + ": no such directory");
        }
        for (auto& file : libraries_in(dir)) {
            candidates.push_back({file, false});
        }
    }
    for (const auto& file : sources.files) {
        candidates.push_back({file, true});
    }

    PluginSet set;
    std::set<std::string> seen_paths;
    std::set<std::string> seen_ids;
    for (const auto& c : candidates) {
        boost::system::error_code ec;
        const std::string canonical = fs::canonical(c.path, ec).string();
        if (!seen_paths.insert(ec ? c.path : canonical).second) {
            continue;
        }
        LoadOutcome outcome = load_in_process(c.path, sources.settings);
        if (!outcome.is_plugin && !c.named) {
            set.warnings.push_back(c.path + ": skipped, not a Fulcrum plugin (" + outcome.error + ")");
            continue;
        }
        const std::string id = outcome.plugin       ? outcome.plugin->manifest().id
                               : outcome.id.empty() ? fs::path(c.path).stem().string()
                                                    : outcome.id;
        if (!seen_ids.insert(id).second) {
            set.warnings.push_back(c.path + ": skipped, a plugin with id '" + id + "' is already loaded");
            continue;
        }
        if (outcome.plugin) {
            set.loaded.push_back(std::move(outcome.plugin));
        } else {
            set.failed.push_back({id, c.path, outcome.error});
        }
    }
    return set;
}

} // namespace fulcrum
