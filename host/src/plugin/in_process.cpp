#include "plugin/in_process.hpp"

#include "fulcrum/plugin.h"
#include "fulcrum/tree_abi.hpp"
#include "plugin/schema_check.hpp"

#include <boost/dll/shared_library.hpp>

#include <cstddef>
#include <mutex>

namespace fulcrum {
namespace {

constexpr size_t k_required_table_size = offsetof(fulcrum_plugin_api, last_error) + sizeof(void*);
constexpr size_t k_tree_table_size = offsetof(fulcrum_plugin_api, evaluate_tree) + sizeof(void*);
constexpr size_t k_findings_table_size = offsetof(fulcrum_plugin_api, evaluate_findings) + sizeof(void*);

// The tree and findings ABIs are used only when the plugin offers them and
// was built against the host's own C++ library, byte for byte
// (fulcrum/tree_abi.hpp).
bool offers_trees(const fulcrum_plugin_api* api) {
    if (api->struct_size < k_tree_table_size || api->tree_abi == nullptr || api->evaluate_tree == nullptr) {
        return false;
    }
    try {
        const char* theirs = api->tree_abi();
        const std::string ours = tree_abi::identity();
        return theirs != nullptr && !ours.empty() && ours == theirs;
    } catch (...) {
        return false;
    }
}

class InProcessPlugin final : public Plugin {
public:
    InProcessPlugin(boost::dll::shared_library library, const fulcrum_plugin_api* api, Manifest manifest,
                    std::string path)
        : m_library(std::move(library)), m_api(api), m_manifest(std::move(manifest)), m_path(std::move(path)),
          m_trees(offers_trees(api)),
          m_findings(m_trees && api->struct_size >= k_findings_table_size && api->evaluate_findings != nullptr) {}

    ~InProcessPlugin() override {
        // The instance must go before the library that made it.
        if (m_instance != nullptr) {
            m_api->destroy(m_instance);
        }
    }

    // Returns an empty string on success, else the reason.
    std::string create(const nlohmann::json& config) {
        const std::string text = config.dump();
        fulcrum_status rc = FULCRUM_ERR_INTERNAL;
        try {
            rc = m_api->create(text.c_str(), &m_instance);
        } catch (...) {
            return "create threw an exception across the C boundary";
        }
        if (rc == FULCRUM_OK && m_instance != nullptr) {
            return {};
        }
        std::string reason = last_error();
        if (m_instance != nullptr) {
            m_api->destroy(m_instance);
            m_instance = nullptr;
        }
        return "create failed (status " + std::to_string(rc) + ")" + (reason.empty() ? "" : ": " + reason);
    }

    const Manifest& manifest() const override { return m_manifest; }
    const std::string& path() const override { return m_path; }

    CallResult evaluate(std::string_view proposal_json) override {
        const char* out = nullptr;
        size_t out_len = 0;
        std::string error = call(
            [&] { return m_api->evaluate(m_instance, proposal_json.data(), proposal_json.size(), &out, &out_len); });
        if (error.empty() && out == nullptr) {
            error = "evaluate returned no output";
        }
        if (!error.empty()) {
            return {false, {}, std::move(error)};
        }
        return {true, std::string(out, out_len), {}};
    }

    bool takes_trees() const override { return m_trees; }

    TreeCallResult evaluate_tree(const nlohmann::json& proposal) override {
        if (!m_trees) {
            return {false, {}, "does not take trees"};
        }
        TreeCallResult result;
        result.error = call([&] { return m_api->evaluate_tree(m_instance, &proposal, &result.contribution); });
        result.ok = result.error.empty();
        return result;
    }

    bool takes_findings() const override { return m_findings; }

    FindingsCallResult evaluate_findings(const nlohmann::json& proposal) override {
        if (!m_findings) {
            return {false, {}, "does not take findings"};
        }
        FindingsCallResult result;
        result.error = call([&] { return m_api->evaluate_findings(m_instance, &proposal, &result.contribution); });
        result.ok = result.error.empty();
        return result;
    }

private:
    // Runs one evaluate entry, serialised unless the plugin is thread-safe;
    // empty on success, else the reason, exceptions across the C boundary
    // included.
    template <typename Entry> std::string call(Entry&& entry) {
        std::unique_lock<std::mutex> lock(m_mutex, std::defer_lock);
        if (!m_manifest.thread_safe) {
            lock.lock();
        }
        fulcrum_status rc = FULCRUM_ERR_INTERNAL;
        try {
            rc = entry();
        } catch (const std::exception& e) {
            return std::string("threw an exception across the C boundary: ") + e.what();
        } catch (...) {
            return "threw an exception across the C boundary";
        }
        if (rc == FULCRUM_OK) {
            return {};
        }
        const std::string reason = last_error();
        return "evaluate failed (status " + std::to_string(rc) + ")" + (reason.empty() ? "" : ": " + reason);
    }

    std::string last_error() const {
        const char* text = m_api->last_error(m_instance);
        return text ? std::string(text) : std::string();
    }

    boost::dll::shared_library m_library;
    const fulcrum_plugin_api* m_api;
    Manifest m_manifest;
    std::string m_path;
    fulcrum_instance* m_instance = nullptr;
    bool m_trees = false;
    bool m_findings = false; // only with m_trees: the same identity covers both
    std::mutex m_mutex;
};

} // namespace

LoadOutcome load_in_process(const std::string& path, const nlohmann::json& settings) {
    LoadOutcome out;
    boost::dll::shared_library library;
    try {
        library.load(path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
    } catch (const std::exception& e) {
        out.error = std::string("cannot load as a shared library: ") + e.what();
        return out;
    }
    if (!library.has(FULCRUM_PLUGIN_ENTRY_SYMBOL)) {
        out.error = "lacks the entry symbol " FULCRUM_PLUGIN_ENTRY_SYMBOL;
        return out;
    }
    out.is_plugin = true;
    const fulcrum_plugin_api* api = nullptr;
    try {
        api = library.get<const fulcrum_plugin_api*()>(FULCRUM_PLUGIN_ENTRY_SYMBOL)();
    } catch (...) {
        out.error = "entry point threw an exception";
        return out;
    }
    if (api == nullptr) {
        out.error = "entry point returned no function table";
        return out;
    }
    const unsigned major = api->abi_version >> 16;
    const unsigned minor = api->abi_version & 0xffffu;
    if (major != FULCRUM_ABI_VERSION_MAJOR) {
        out.error = "built for plugin ABI " + std::to_string(major) + "." + std::to_string(minor) +
                    "; this host speaks ABI " + std::to_string(FULCRUM_ABI_VERSION_MAJOR) + ".x";
        return out;
    }
    if (api->struct_size < k_required_table_size || !api->manifest || !api->create || !api->destroy || !api->evaluate ||
        !api->last_error) {
        out.error = "function table is incomplete (struct_size " + std::to_string(api->struct_size) + ")";
        return out;
    }
    Manifest manifest;
    try {
        const char* text = api->manifest();
        manifest = parse_manifest(text ? text : "");
    } catch (const std::exception& e) {
        out.error = e.what();
        return out;
    }
    out.id = manifest.id;
    if (manifest.abi_major != static_cast<int>(major) || manifest.abi_minor != static_cast<int>(minor)) {
        out.error = "manifest abi_version " + std::to_string(manifest.abi_major) + "." +
                    std::to_string(manifest.abi_minor) + " disagrees with its function table";
        return out;
    }
    const nlohmann::json config =
        settings.is_object() && settings.contains(manifest.id) ? settings.at(manifest.id) : nlohmann::json::object();
    if (std::string problem = check_against_schema(manifest.config_schema, config); !problem.empty()) {
        out.error = "config rejected by the plugin's config schema: " + problem;
        return out;
    }
    auto plugin = std::make_unique<InProcessPlugin>(std::move(library), api, std::move(manifest), path);
    if (std::string problem = plugin->create(config); !problem.empty()) {
        out.error = problem;
        return out;
    }
    out.plugin = std::move(plugin);
    return out;
}

} // namespace fulcrum
