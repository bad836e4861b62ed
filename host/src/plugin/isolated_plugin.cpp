#include "plugin/isolated_plugin.hpp"

#include <boost/filesystem/path.hpp>

namespace fulcrum {

using nlohmann::json;
using worker::Kind;
using worker::LoadReply;

namespace {

json own_section(const json& settings, const std::string& id) {
    json out = json::object();
    if (settings.is_object() && settings.contains(id)) {
        out[id] = settings.at(id);
    }
    return out;
}

} // namespace

IsolatedPlugin::~IsolatedPlugin() {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_idle.clear();
}

std::unique_ptr<WorkerProcess> IsolatedPlugin::start_worker(std::string& error, LoadOutcome* outcome) {
    auto worker = WorkerProcess::start({m_program, m_image.fd(), m_limits, m_output_bytes}, error);
    if (!worker) {
        return nullptr;
    }
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        ++m_started;
    }
    const WorkerReply reply = worker->call(Kind::load, json{{"settings", m_settings}}.dump(), m_limits.timeout_seconds);
    if (!reply.ok) {
        error = reply.failure + " while loading";
        return nullptr;
    }
    LoadReply loaded = worker::read_load_reply(reply.frame);
    if (!loaded.manifest) {
        error = std::move(loaded.error);
        if (outcome != nullptr && reply.frame.kind == Kind::load_failed) {
            outcome->is_plugin = loaded.is_plugin;
            outcome->id = std::move(loaded.id);
        }
        return nullptr;
    }
    Manifest manifest = std::move(*loaded.manifest);
    if (m_manifest.id.empty()) {
        m_manifest = std::move(manifest);
    } else if (manifest.id != m_manifest.id || manifest.version != m_manifest.version) {
        error = "its manifest changed between two workers (" + m_manifest.id + " " + m_manifest.version + ", then " +
                manifest.id + " " + manifest.version + ")";
        return nullptr;
    }
    return worker;
}

std::unique_ptr<WorkerProcess> IsolatedPlugin::acquire(std::string& refusal) {
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        if (m_stopped) {
            refusal = "not run: stopped after " + std::to_string(m_consecutive_failures) +
                      " failures in a row (last: " + m_last_failure + ")";
            return nullptr;
        }
        while (!m_idle.empty()) {
            std::unique_ptr<WorkerProcess> worker = std::move(m_idle.back());
            m_idle.pop_back();
            if (worker->healthy()) {
                ++m_busy;
                return worker;
            }
            // Broken while idle (stray output, or it died): replaced below.
        }
        if (m_busy < m_max_workers) {
            ++m_busy;
            return nullptr; // the caller starts a fresh worker in this slot
        }
        m_idle_changed.wait(lock);
    }
}

void IsolatedPlugin::release(std::unique_ptr<WorkerProcess> worker, bool worker_failed, const std::string& failure) {
    std::lock_guard<std::mutex> lock(m_mutex);
    --m_busy;
    if (worker) {
        m_idle.push_back(std::move(worker));
    }
    if (worker_failed) {
        ++m_consecutive_failures;
        m_last_failure = failure;
        if (m_limits.max_consecutive_failures > 0 && m_consecutive_failures >= m_limits.max_consecutive_failures) {
            m_stopped = true;
        }
    } else {
        m_consecutive_failures = 0;
    }
    m_idle_changed.notify_all();
}

IsolatedCall IsolatedPlugin::call(std::string_view proposal_json) {
    std::string refusal;
    std::unique_ptr<WorkerProcess> worker = acquire(refusal);
    if (!refusal.empty()) {
        return {{false, {}, refusal}, false};
    }
    if (!worker) {
        std::string error;
        worker = start_worker(error, nullptr);
        if (!worker) {
            const std::string failure = "its worker could not be restarted: " + error;
            release(nullptr, true, failure);
            return {{false, {}, failure}, true};
        }
    }
    WorkerReply reply = worker->call(Kind::evaluate, proposal_json, m_limits.timeout_seconds);
    if (!reply.ok) {
        worker.reset();
        release(nullptr, true, reply.failure);
        return {{false, {}, reply.failure}, true};
    }
    if (reply.frame.kind == Kind::result) {
        release(std::move(worker), false, {});
        return {{true, std::move(reply.frame.payload), {}}, false};
    }
    if (reply.frame.kind == Kind::failed) {
        release(std::move(worker), false, {});
        return {{false, {}, std::move(reply.frame.payload)}, false};
    }
    worker.reset();
    const std::string failure = "wrote malformed output: an unexpected reply to an evaluation";
    release(nullptr, true, failure);
    return {{false, {}, failure}, true};
}

std::optional<worker::Frame> IsolatedPlugin::ask(Kind kind, const std::string& payload, double timeout,
                                                 std::string& failure) {
    std::unique_ptr<WorkerProcess> worker = acquire(failure);
    if (!failure.empty()) {
        return std::nullopt;
    }
    if (!worker && !(worker = start_worker(failure, nullptr))) {
        release(nullptr, true, failure);
        return std::nullopt;
    }
    WorkerReply reply = worker->call(kind, payload, timeout);
    if (!reply.ok) {
        failure = reply.failure;
        worker.reset();
        release(nullptr, true, failure);
        return std::nullopt;
    }
    release(std::move(worker), false, {});
    return std::move(reply.frame);
}

std::vector<StressCall> IsolatedPlugin::stress(const std::vector<std::string>& proposals, int threads, int rounds,
                                               std::string& failure) {
    const double timeout = m_limits.timeout_seconds * static_cast<double>(std::max<size_t>(1, proposals.size())) *
                           static_cast<double>(rounds);
    const auto frame =
        ask(Kind::stress, json{{"proposals", proposals}, {"threads", threads}, {"rounds", rounds}}.dump(), timeout,
            failure);
    if (!frame) {
        return {};
    }
    worker::StressReply read = worker::read_stress_reply(*frame, proposals.size());
    failure = std::move(read.failure);
    std::vector<StressCall> out;
    for (auto& entry : read.entries) {
        StressCall call;
        call.index = entry.index;
        call.result.ok = entry.ok;
        (entry.ok ? call.result.output : call.result.error) = std::move(entry.text);
        out.push_back(std::move(call));
    }
    return out;
}

std::vector<worker::PathAnswer> IsolatedPlugin::paths(const std::string& proposal, std::string& failure) {
    const auto frame = ask(Kind::paths, proposal, 3 * m_limits.timeout_seconds, failure);
    if (!frame) {
        return {};
    }
    worker::PathsReply read = worker::read_paths_reply(*frame);
    failure = std::move(read.failure);
    return std::move(read.answers);
}

void IsolatedPlugin::retire_workers() {
    std::vector<std::unique_ptr<WorkerProcess>> retired;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        retired.swap(m_idle);
    }
}

int IsolatedPlugin::workers_started() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_started;
}

IsolatedLoad load_isolated(PluginImage image, const std::string& display_path, const json& settings,
                           const IsolationLimits& limits, const std::string& worker_program) {
    IsolatedLoad out;
    std::unique_ptr<IsolatedPlugin> plugin(new IsolatedPlugin());
    plugin->m_image = std::move(image);
    plugin->m_path = display_path;
    plugin->m_program = worker_program;
    plugin->m_limits = limits;
    // Until its manifest is read, the plugin's id is taken to be its file's stem.
    plugin->m_settings = own_section(settings, boost::filesystem::path(display_path).stem().string());

    LoadOutcome outcome;
    outcome.is_plugin = true; // unless the worker says otherwise: it did mention the entry symbol
    std::string error;
    std::unique_ptr<WorkerProcess> worker = plugin->start_worker(error, &outcome);
    if (worker && plugin->m_manifest.id != boost::filesystem::path(display_path).stem().string() &&
        settings.is_object() && settings.contains(plugin->m_manifest.id)) {
        // The id differs from the file name and has settings of its own: load again with those.
        plugin->m_settings = own_section(settings, plugin->m_manifest.id);
        worker.reset();
        worker = plugin->start_worker(error, &outcome);
    }
    if (!worker) {
        out.error = error;
        out.is_plugin = outcome.is_plugin;
        out.id = !outcome.id.empty() ? outcome.id : plugin->m_manifest.id;
        return out;
    }
    out.is_plugin = true;
    out.id = plugin->m_manifest.id;
    plugin->m_max_workers = limits.effective_workers(plugin->m_manifest.thread_safe);
    plugin->m_idle.push_back(std::move(worker));
    out.plugin = std::move(plugin);
    return out;
}

} // namespace fulcrum
