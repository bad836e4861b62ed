#include "cli/plugins_sign.hpp"

#include "cli/locations.hpp"
#include "cli/output.hpp"
#include "cli/session.hpp"
#include "plugin/trust_file.hpp"
#include "proposal/document.hpp"
#include "util/error.hpp"

#include <boost/filesystem.hpp>
#include <boost/program_options.hpp>

#include <fcntl.h>
#include <iostream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace fulcrum {

namespace po = boost::program_options;
namespace fs = boost::filesystem;

namespace {

struct Parsed {
    po::variables_map vm;
    std::vector<std::string> positional;
};

Parsed parse(const std::vector<std::string>& args, const po::options_description& options, const std::string& command) {
    Parsed out;
    po::options_description hidden;
    hidden.add_options()("positional", po::value(&out.positional));
    po::options_description all;
    all.add(options).add(hidden);
    po::positional_options_description positional;
    positional.add("positional", -1);
    try {
        po::store(po::command_line_parser(args).options(all).positional(positional).run(), out.vm);
        po::notify(out.vm);
    } catch (const po::error& e) {
        throw usage_error(command + ": " + e.what() + " (see fulcrum " + command + " --help)");
    }
    return out;
}

// Writes `text` to a new file that only its owner can read; refuses to
// replace an existing one, since a lost signing key cannot be recovered.
void write_private(const std::string& path, const std::string& text, mode_t mode) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) {
        throw usage_error(path + ": cannot create (" + std::strerror(errno) +
                          (errno == EEXIST ? "; not replaced" : "") + ")");
    }
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ::fchmod(fd, mode);
    if (::close(fd) != 0 || !ok) {
        throw usage_error(path + ": cannot write");
    }
}

std::string one_file(const Parsed& parsed, const std::string& command) {
    if (parsed.positional.size() != 1) {
        throw usage_error(command + ": expected one plugin file (see fulcrum " + command + " --help)");
    }
    return parsed.positional[0];
}

PluginImage read_image(const std::string& file) {
    if (!fs::is_regular_file(file)) {
        throw usage_error(file + ": no such file");
    }
    try {
        return PluginImage::read(file);
    } catch (const std::exception& e) {
        throw usage_error(e.what());
    }
}

} // namespace

int run_plugins_keygen(const std::vector<std::string>& args) {
    po::options_description options("Options");
    options.add_options()("help,h", "show this help");
    const Parsed parsed = parse(args, options, "plugins keygen");
    if (parsed.vm.count("help")) {
        std::cout << "Usage: fulcrum plugins keygen NAME\n\n"
                     "Makes an Ed25519 key pair for signing plugins: NAME.key (secret, readable by you alone;\n"
                     "keep it off build machines you do not control) and NAME.pub (give it to your users).\n\n"
                  << options;
        return k_exit_ok;
    }
    if (parsed.positional.size() != 1) {
        throw usage_error("plugins keygen: expected one NAME (see fulcrum plugins keygen --help)");
    }
    const std::string name = parsed.positional[0];
    const KeyPair pair = generate_key_pair();
    const std::string public_key = to_base64(pair.public_key.data(), pair.public_key.size());
    write_private(name + ".key", secret_key_file_text(pair), 0600);
    write_private(name + ".pub", public_key + "\n", 0644);
    const std::string key_name = fs::path(name).filename().string();
    std::cout << "wrote " << name << ".key (secret) and " << name << ".pub\n"
              << "users trust plugins you sign by adding to their config:\n"
              << "  \"trust\": {\"keys\": {\"" << key_name << "\": \"" << public_key << "\"}}\n";
    return k_exit_ok;
}

int run_plugins_sign(const std::vector<std::string>& args) {
    std::string key_file;
    std::string output;
    po::options_description options("Options");
    options.add_options()("help,h", "show this help")                                                          //
        ("key,k", po::value(&key_file)->value_name("FILE"), "the secret key file from fulcrum plugins keygen") //
        ("output,o", po::value(&output)->value_name("FILE"), "where to write the signature (default: FILE.sig)");
    const Parsed parsed = parse(args, options, "plugins sign");
    if (parsed.vm.count("help")) {
        std::cout << "Usage: fulcrum plugins sign FILE --key NAME.key\n\n"
                     "Writes FILE.sig, a detached Ed25519 signature of the plugin's SHA-256. Ship it\n"
                     "beside the plugin; fulcrum checks it before loading the plugin.\n\n"
                  << options;
        return k_exit_ok;
    }
    const std::string file = one_file(parsed, "plugins sign");
    if (key_file.empty()) {
        throw usage_error("plugins sign: --key FILE is required (make one with fulcrum plugins keygen)");
    }
    struct stat key_stat {};
    if (::stat(key_file.c_str(), &key_stat) != 0) {
        throw usage_error("--key " + key_file + ": no such file");
    }
    if (key_stat.st_mode & (S_IRWXG | S_IRWXO)) {
        throw usage_error("--key " + key_file + ": the secret key is readable by others; run chmod 600 " + key_file);
    }
    KeyPair signer;
    try {
        signer = parse_secret_key_file(read_file(key_file));
    } catch (const std::runtime_error& e) {
        throw usage_error("--key " + key_file + ": " + e.what());
    }
    const PluginImage image = read_image(file);
    const std::string sig = output.empty() ? file + ".sig" : output;
    write_output(sig, make_signature_text(image.sha256(), signer));
    std::cout << "signed " << file << "\n  sha256 " << to_hex(image.sha256()) << "\n  key    "
              << to_base64(signer.public_key.data(), signer.public_key.size()) << "\n  wrote  " << sig << "\n";
    return k_exit_ok;
}

int run_plugins_verify(const std::vector<std::string>& args) {
    SessionOptions session_options;
    std::vector<std::string> keys;
    po::options_description options("Options");
    options.add_options()("help,h", "show this help") //
        ("key,k", po::value(&keys)->value_name("KEY")->composing(),
         "also trust this public key (base64, hex, or a .pub file); repeatable") //
        ("config", po::value(&session_options.config)->value_name("FILE"),
         "policy whose trust section applies (default: share/fulcrum/default.json of the install)");
    const Parsed parsed = parse(args, options, "plugins verify");
    if (parsed.vm.count("help")) {
        std::cout << "Usage: fulcrum plugins verify FILE [--config FILE] [--key KEY]\n\n"
                     "Checks a plugin file as fulcrum would before loading it: who may write it, its\n"
                     "SHA-256 against the config's pins, its signature against the trusted keys.\n"
                     "Exit 0 when it would load without --allow-untrusted, 4 when it would not.\n\n"
                  << options;
        return k_exit_ok;
    }
    const std::string file = one_file(parsed, "plugins verify");
    const Policy policy = open_policy(session_options);
    TrustSettings trust = read_trust_settings(policy.raw, policy.source);
    for (const auto& key : keys) {
        std::string text = key;
        if (fs::is_regular_file(key)) {
            text = read_file(key);
            text.erase(text.find_last_not_of(" \n\r\t") + 1);
        }
        const auto parsed_key = parse_public_key(text);
        if (!parsed_key) {
            throw usage_error("--key " + key + ": not an Ed25519 public key (base64 or hex, or a .pub file)");
        }
        trust.keys.push_back({"--key " + fs::path(key).filename().string(), *parsed_key});
    }
    const PluginImage image = read_image(file);
    const std::string file_name = fs::path(file).filename().string();
    std::optional<std::string> signature;
    if (fs::exists(file + ".sig")) {
        signature = read_file(file + ".sig");
    }
    const bool first_party = is_directly_in(file, locate_installation().plugin_dir);
    const TrustVerdict verdict = judge_trust({file_name, image.sha256(), first_party, signature}, trust);
    const std::string permissions = unsafe_permissions(file);

    std::cout << file << "\n  sha256      " << to_hex(image.sha256()) << "\n  signature   "
              << (signature ? file_name + ".sig" : std::string("none")) << "\n  permissions "
              << (permissions.empty() ? "ok: only root or you can change it" : "REFUSED: " + permissions) << "\n";
    const bool trusted = permissions.empty() && !verdict.refused && verdict.basis != TrustBasis::unverified;
    if (verdict.refused) {
        std::cout << "  trust       REFUSED: " << verdict.detail << "\n";
    } else {
        std::cout << "  trust       " << to_string(verdict.basis) << " (" << verdict.detail << ")\n";
    }
    if (trusted) {
        std::cout << "  verdict     loads without --allow-untrusted\n";
    } else if (verdict.refused || !permissions.empty()) {
        std::cout << "  verdict     refused, even with --allow-untrusted\n";
    } else {
        // Only a file nothing speaks against is worth pinning.
        std::cout << "  verdict     loads only with --allow-untrusted\n  to pin it   \"trust\": {\"sha256\": {\""
                  << file_name << "\": \"" << to_hex(image.sha256()) << "\"}}\n";
    }
    return trusted ? k_exit_ok : k_exit_plugin_failed;
}

} // namespace fulcrum
