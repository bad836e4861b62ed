#include "plugin/registry.hpp"

#include "fulcrum/plugin.h"
#include "plugin/in_process.hpp"
#include "plugin/isolated_plugin.hpp"
#include "plugin/trust_file.hpp"
#include "util/error.hpp"

#include <boost/filesystem.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace fulcrum {
namespace fs = boost::filesystem;

bool PluginSet::unverified(const std::string& id) const {
    for (const auto& p : provenance) {
        if (p.id == id) {
            return p.trust == TrustBasis::unverified;
        }
    }
    return false;
}

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

// A plugin loaded in process from a sealed copy. It keeps the copy open for
// as long as the library is loaded: the loader knows libraries by name, and a
// closed descriptor's number (so its /proc/self/fd name) would be reused for
// the next plugin, which the loader would then take for this one.
class LocatedPlugin final : public Plugin {
public:
    LocatedPlugin(PluginImage image, std::unique_ptr<Plugin> inner, std::string path)
        : m_image(std::move(image)), m_inner(std::move(inner)), m_path(std::move(path)) {}
    const Manifest& manifest() const override { return m_inner->manifest(); }
    const std::string& path() const override { return m_path; }
    CallResult evaluate(std::string_view proposal_json) override { return m_inner->evaluate(proposal_json); }
    bool takes_trees() const override { return m_inner->takes_trees(); }
    TreeCallResult evaluate_tree(const nlohmann::json& proposal) override { return m_inner->evaluate_tree(proposal); }
    bool takes_findings() const override { return m_inner->takes_findings(); }
    FindingsCallResult evaluate_findings(const nlohmann::json& proposal) override {
        return m_inner->evaluate_findings(proposal);
    }

private:
    PluginImage m_image; // declared first: closed after the library is unloaded
    std::unique_ptr<Plugin> m_inner;
    std::string m_path;
};

// Why the bytes cannot be a plugin, judged without running any of them.
std::string not_a_plugin(const PluginImage& image) {
    if (!image.starts_with("\x7f"
                           "ELF")) {
        return "cannot load as a shared library: not an ELF file";
    }
    if (!image.mentions(FULCRUM_PLUGIN_ENTRY_SYMBOL)) {
        return "lacks the entry symbol " FULCRUM_PLUGIN_ENTRY_SYMBOL;
    }
    return {};
}

std::optional<std::string> signature_beside(const std::string& path) {
    const std::string sig = path + ".sig";
    if (!fs::exists(sig)) {
        return std::nullopt;
    }
    std::ifstream in(sig, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str().substr(0, 65536);
}

// Loader messages name the copy (/proc/self/fd/N); users know the file.
std::string with_real_path(std::string message, const std::string& load_path, const std::string& path) {
    for (size_t at = message.find(load_path); at != std::string::npos; at = message.find(load_path, at)) {
        message.replace(at, load_path.size(), path);
        at += path.size();
    }
    return message;
}

LoadOutcome load_one(PluginImage image, const std::string& path, IsolationMode mode, const PluginSources& sources) {
    const std::string file_name = fs::path(path).filename().string();
    if (mode == IsolationMode::in_process) {
        const std::string load_path = image.load_path();
        LoadOutcome outcome = load_in_process(load_path, sources.settings);
        outcome.error = with_real_path(outcome.error, load_path, path);
        if (outcome.plugin) {
            outcome.plugin = std::make_unique<LocatedPlugin>(std::move(image), std::move(outcome.plugin), path);
        }
        return outcome;
    }
    IsolatedLoad isolated = load_isolated(std::move(image), path, sources.settings,
                                          sources.isolation.limits_for(file_name), sources.worker_program);
    LoadOutcome outcome;
    outcome.plugin = std::move(isolated.plugin);
    outcome.error = with_real_path(isolated.error, "/proc/self/fd/" + std::to_string(worker::k_image_fd), path);
    outcome.is_plugin = isolated.is_plugin;
    outcome.id = isolated.id;
    return outcome;
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
    std::map<std::string, std::string> loaded_digests; // SHA-256 -> id
    for (const auto& c : candidates) {
        boost::system::error_code ec;
        const std::string canonical = fs::canonical(c.path, ec).string();
        if (!seen_paths.insert(ec ? c.path : canonical).second) {
            continue;
        }
        const std::string stem = fs::path(c.path).stem().string();
        auto skip_or_fail = [&](const std::string& reason) {
            if (c.named) {
                set.failed.push_back({stem, c.path, reason});
            } else {
                set.warnings.push_back(c.path + ": skipped, not a Fulcrum plugin (" + reason + ")");
            }
        };
        // Read once: what is judged below is exactly what gets loaded.
        PluginImage image;
        try {
            image = PluginImage::read(c.path);
        } catch (const std::exception& e) {
            skip_or_fail(std::string("cannot load as a shared library: ") + e.what());
            continue;
        }
        if (std::string reason = not_a_plugin(image); !reason.empty()) {
            skip_or_fail(reason);
            continue;
        }
        const std::string digest = to_hex(image.sha256());
        if (auto copy = loaded_digests.find(digest); copy != loaded_digests.end()) {
            set.warnings.push_back(c.path + ": skipped, a plugin with id '" + copy->second + "' is already loaded");
            continue;
        }
        if (std::string reason = unsafe_permissions(c.path); !reason.empty()) {
            set.failed.push_back({stem, c.path, "refused: " + reason});
            continue;
        }
        const std::string file_name = fs::path(c.path).filename().string();
        const bool first_party = !sources.first_party_dir.empty() && is_directly_in(c.path, sources.first_party_dir);
        const TrustVerdict verdict =
            judge_trust({file_name, image.sha256(), first_party, signature_beside(c.path)}, sources.trust);
        if (verdict.refused) {
            set.failed.push_back({stem, c.path, "refused: " + verdict.detail});
            continue;
        }
        if (verdict.basis == TrustBasis::unverified && !sources.allow_untrusted) {
            set.failed.push_back({stem, c.path,
                                  "refused: not verified: " + verdict.detail +
                                      ". Sign it (fulcrum plugins sign) with a key listed in trust.keys, pin its "
                                      "SHA-256 in trust.sha256, or pass --allow-untrusted"});
            continue;
        }
        const IsolationMode mode = sources.isolation.mode_for(file_name, verdict.basis == TrustBasis::first_party);

        LoadOutcome outcome = load_one(std::move(image), c.path, mode, sources);
        if (!outcome.is_plugin && !c.named) {
            set.warnings.push_back(c.path + ": skipped, not a Fulcrum plugin (" + outcome.error + ")");
            continue;
        }
        const std::string id = outcome.plugin ? outcome.plugin->manifest().id : outcome.id.empty() ? stem : outcome.id;
        if (!seen_ids.insert(id).second) {
            set.warnings.push_back(c.path + ": skipped, a plugin with id '" + id + "' is already loaded");
            continue;
        }
        if (!outcome.plugin) {
            set.failed.push_back({id, c.path, outcome.error});
            continue;
        }
        set.loaded.push_back(std::move(outcome.plugin));
        set.provenance.push_back({id, digest, verdict.basis, verdict.detail, mode});
        loaded_digests[digest] = id;
        if (verdict.basis == TrustBasis::unverified) {
            set.warnings.push_back("plugin " + id + " (" + c.path + ") is not verified (" + verdict.detail +
                                   "); loaded only because of --allow-untrusted");
        }
    }
    return set;
}

} // namespace fulcrum
