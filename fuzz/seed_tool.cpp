// Makes seed inputs for the fuzz targets from real documents:
//   seed_tool json OUT_DIR PROPOSAL...           each proposal (JSON or YAML) as JSON
//   seed_tool contributions OUT_DIR PLUGIN.so... PROPOSAL...
//                                                what each plugin returns for each proposal
//   seed_tool worker_replies OUT_DIR PLUGIN.so... PROPOSAL...
//                                                the same, as a worker would send it to the host:
//                                                greeting, manifest and result frames
// scripts/fuzz.sh runs it on examples/proposals before fuzzing.
#include "plugin/in_process.hpp"
#include "plugin/worker_protocol.hpp"
#include "proposal/document.hpp"
#include "proposal/proposal.hpp"
#include "util/error.hpp"

#include <boost/filesystem.hpp>

#include <fstream>
#include <iostream>

namespace {

namespace fs = boost::filesystem;

void write(const fs::path& path, const std::string& text) {
    std::ofstream out(path.string(), std::ios::binary);
    out << text;
}

bool is_plugin(const std::string& arg) {
    return fs::path(arg).extension() == ".so";
}

// A worker's side of one load and one evaluation, after the byte that the fuzz
// target reads as its chunk size.
std::string worker_conversation(const fulcrum::Plugin& plugin, const std::string& contribution) {
    using fulcrum::worker::encode_frame;
    using fulcrum::worker::Kind;
    const nlohmann::json hello = {{"protocol", fulcrum::worker::k_protocol_version}, {"worker", "seed"}};
    const nlohmann::json loaded = {{"manifest", fulcrum::worker::manifest_to_json(plugin.manifest())}};
    const nlohmann::json stress = {
        {"results",
         {{{"index", 0}, {"ok", true}, {"output", contribution}}, {{"index", 1}, {"ok", false}, {"error", "no"}}}}};
    const nlohmann::json paths = {{"answers",
                                   {{{"path", "text"}, {"ok", true}, {"output", contribution}},
                                    {{"path", "findings"}, {"ok", false}, {"error", "no"}}}}};
    return std::string(1, '\x07') + encode_frame(Kind::hello, 0, hello.dump()) +
           encode_frame(Kind::loaded, 1, loaded.dump()) + encode_frame(Kind::result, 2, contribution) +
           encode_frame(Kind::stress_result, 3, stress.dump()) + encode_frame(Kind::paths_result, 4, paths.dump());
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: seed_tool json|contributions|worker_replies OUT_DIR [PLUGIN.so...] PROPOSAL...\n";
        return 2;
    }
    const std::string mode = argv[1];
    const fs::path out_dir = argv[2];
    fs::create_directories(out_dir);
    std::vector<std::unique_ptr<fulcrum::Plugin>> plugins;
    int written = 0;
    for (int i = 3; i < argc; ++i) {
        const std::string arg = argv[i];
        if (mode != "json" && is_plugin(arg)) {
            fulcrum::LoadOutcome loaded = fulcrum::load_in_process(arg, nlohmann::json::object());
            if (!loaded.plugin) {
                std::cerr << "seed_tool: " << arg << ": " << loaded.error << "\n";
                return 1;
            }
            plugins.push_back(std::move(loaded.plugin));
            continue;
        }
        fulcrum::Proposal proposal;
        try {
            proposal = fulcrum::load_proposal(arg);
        } catch (const fulcrum::Error& e) {
            std::cerr << "seed_tool: skipped: " << e.what() << "\n";
            continue;
        }
        const std::string stem = fs::path(arg).stem().string();
        if (mode == "json") {
            write(out_dir / (stem + ".json"), proposal.doc.dump(2));
            ++written;
            continue;
        }
        for (const auto& plugin : plugins) {
            const fulcrum::CallResult result = plugin->evaluate(proposal.doc.dump());
            if (!result.ok) {
                continue;
            }
            if (mode == "worker_replies") {
                write(out_dir / (plugin->manifest().id + "-" + stem + ".bin"),
                      worker_conversation(*plugin, result.output));
            } else {
                write(out_dir / (plugin->manifest().id + "-" + stem + ".json"), result.output);
            }
            ++written;
        }
    }
    std::cout << "seed_tool: " << written << " seeds in " << out_dir.string() << "\n";
    return written > 0 ? 0 : 1;
}
