#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/plugins_check.hpp"
#include "cli/plugins_sign.hpp"
#include "cli/session.hpp"
#include "util/error.hpp"

#include <boost/program_options.hpp>

#include <iostream>
#include <sstream>

namespace fulcrum {

namespace po = boost::program_options;

namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) {
        out += (out.empty() ? "" : ",") + s;
    }
    return out;
}

int list_plugins(const std::vector<std::string>& args) {
    SessionOptions session_options;
    std::string format = "text";
    po::options_description options("Options");
    options.add_options()("help,h", "show this help")("format,f", po::value(&format)->value_name("FORMAT"),
                                                      "text (default) or json");
    add_session_options(options, session_options);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(options).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw usage_error(std::string("plugins list: ") + e.what());
    }
    if (vm.count("help")) {
        std::cout << "Usage: fulcrum plugins list [options]\n\nLists the plugins fulcrum would load.\n\n" << options;
        return k_exit_ok;
    }
    if (format != "text" && format != "json") {
        throw usage_error("--format " + format + ": expected text or json");
    }
    Session session = open_session(session_options);
    auto provenance = [&](size_t i) {
        return i < session.plugins.provenance.size() ? session.plugins.provenance[i] : PluginProvenance{};
    };
    if (format == "json") {
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        for (size_t i = 0; i < session.plugins.loaded.size(); ++i) {
            const auto& p = session.plugins.loaded[i];
            const Manifest& m = p->manifest();
            out.push_back({{"id", m.id},
                           {"name", m.name},
                           {"vendor", m.vendor},
                           {"version", m.version},
                           {"categories", m.categories},
                           {"abi_version", std::to_string(m.abi_major) + "." + std::to_string(m.abi_minor)},
                           {"thread_safe", m.thread_safe},
                           {"rules", m.rules.size()},
                           {"path", p->path()},
                           {"sha256", provenance(i).sha256},
                           {"trust", to_string(provenance(i).trust)},
                           {"isolation", to_string(provenance(i).isolation)},
                           {"status", "ok"}});
        }
        for (const auto& f : session.plugins.failed) {
            out.push_back({{"id", f.id}, {"path", f.path}, {"status", "failed"}, {"error", f.error}});
        }
        write_output("-", out.dump(2) + "\n");
    } else {
        std::ostringstream text;
        for (size_t i = 0; i < session.plugins.loaded.size(); ++i) {
            const auto& p = session.plugins.loaded[i];
            const Manifest& m = p->manifest();
            text << m.id << " " << m.version << "  " << m.name << " (" << m.vendor << ")\n"
                 << "    categories: " << join(m.categories) << "; rules: " << m.rules.size()
                 << "; thread-safe: " << (m.thread_safe ? "yes" : "no")
                 << "\n    trust: " << to_string(provenance(i).trust) << " (" << provenance(i).trust_detail
                 << "); runs: " << to_string(provenance(i).isolation) << "\n    " << p->path() << "\n";
        }
        for (const auto& f : session.plugins.failed) {
            text << f.id << "  FAILED: " << f.error << "\n    " << f.path << "\n";
        }
        write_output("-", text.str());
    }
    return session.plugins.failed.empty() ? k_exit_ok : k_exit_plugin_failed;
}

} // namespace

int run_plugins(const std::vector<std::string>& args) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        std::cout << "Usage: fulcrum plugins list [--format text|json] [options]\n"
                     "       fulcrum plugins check FILE      run the conformance kit on a plugin\n"
                     "       fulcrum plugins keygen NAME     make a key pair for signing plugins\n"
                     "       fulcrum plugins sign FILE --key NAME.key\n"
                     "       fulcrum plugins verify FILE     check a plugin as fulcrum would before loading it\n";
        return args.empty() ? k_exit_usage : k_exit_ok;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (args[0] == "list") {
        return list_plugins(rest);
    }
    if (args[0] == "check") {
        return run_plugins_check(rest);
    }
    if (args[0] == "keygen") {
        return run_plugins_keygen(rest);
    }
    if (args[0] == "sign") {
        return run_plugins_sign(rest);
    }
    if (args[0] == "verify") {
        return run_plugins_verify(rest);
    }
    throw usage_error("plugins: unknown subcommand '" + args[0] + "' (try fulcrum plugins --help)");
}

} // namespace fulcrum
