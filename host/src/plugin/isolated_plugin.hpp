// A plugin that runs in worker processes (fulcrum-worker) behind the same
// Plugin interface as one loaded in process. Workers are started once and
// reused call after call; one that crashes, hangs, runs out of memory or
// breaks the protocol is killed and replaced by a fresh one on the next call.
// A plugin whose workers fail too many times in a row is stopped for the rest
// of the run, so that a batch is not held up by one plugin that always hangs.
#pragma once

#include "plugin/in_process.hpp"
#include "plugin/isolated_settings.hpp"
#include "plugin/plugin.hpp"
#include "plugin/trust_file.hpp"
#include "plugin/worker_process.hpp"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace fulcrum {

struct IsolatedLoad;

// One call of the conformance kit's concurrency check.
struct StressCall {
    size_t index = 0; // into the proposals given
    CallResult result;
};

// A call's result, and whether the worker died or was killed making it.
struct IsolatedCall {
    CallResult result;
    bool worker_failed = false;
};

class IsolatedPlugin final : public Plugin {
public:
    const Manifest& manifest() const override { return m_manifest; }
    const std::string& path() const override { return m_path; }
    CallResult evaluate(std::string_view proposal_json) override { return call(proposal_json).result; }
    IsolatedCall call(std::string_view proposal_json);

    // Evaluates every proposal `rounds` times from `threads` threads at once
    // inside one worker. Empty `failure` on success.
    std::vector<StressCall> stress(const std::vector<std::string>& proposals, int threads, int rounds,
                                   std::string& failure);

    // The answer of each entry point the plugin offers (text, and tree and
    // findings when it offers them) to one proposal, from one worker. Empty
    // `failure` on success.
    std::vector<worker::PathAnswer> paths(const std::string& proposal, std::string& failure);

    // Ends the idle workers, so that the next call starts a fresh one.
    void retire_workers();

    int workers_started() const;
    // Bytes its workers wrote to standard output and error, so far and after
    // the plugin is gone.
    std::shared_ptr<std::atomic<size_t>> output_bytes() const { return m_output_bytes; }
    const IsolationLimits& limits() const { return m_limits; }

    ~IsolatedPlugin() override;

private:
    friend IsolatedLoad load_isolated(PluginImage, const std::string&, const nlohmann::json&, const IsolationLimits&,
                                      const std::string&);
    IsolatedPlugin() = default;

    // Starts a worker and loads the plugin into it; nullptr and `error` on failure.
    std::unique_ptr<WorkerProcess> start_worker(std::string& error, LoadOutcome* outcome);
    std::unique_ptr<WorkerProcess> acquire(std::string& refusal);
    // One request of the conformance kit's to a worker (started if none is
    // idle): its reply frame, or none and `failure`.
    std::optional<worker::Frame> ask(worker::Kind kind, const std::string& payload, double timeout,
                                     std::string& failure);
    void release(std::unique_ptr<WorkerProcess> worker, bool worker_failed, const std::string& failure);

    PluginImage m_image;
    std::string m_path;
    std::string m_program;
    IsolationLimits m_limits;
    nlohmann::json m_settings = nlohmann::json::object(); // only this plugin's own section
    Manifest m_manifest;
    std::shared_ptr<std::atomic<size_t>> m_output_bytes = std::make_shared<std::atomic<size_t>>(0);

    mutable std::mutex m_mutex;
    std::condition_variable m_idle_changed;
    std::vector<std::unique_ptr<WorkerProcess>> m_idle;
    int m_busy = 0;
    int m_max_workers = 1;
    int m_started = 0;
    int m_consecutive_failures = 0;
    std::string m_last_failure;
    bool m_stopped = false;
};

struct IsolatedLoad {
    std::unique_ptr<IsolatedPlugin> plugin; // set on success
    std::string error;
    bool is_plugin = false; // as LoadOutcome::is_plugin
    std::string id;
};

// Loads the plugin whose verified bytes `image` holds into a first worker.
// `display_path` names it in messages; `settings` is every plugin's config
// by id, of which the worker only ever sees this plugin's own.
IsolatedLoad load_isolated(PluginImage image, const std::string& display_path, const nlohmann::json& settings,
                           const IsolationLimits& limits, const std::string& worker_program);

} // namespace fulcrum
