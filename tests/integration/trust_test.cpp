// Plugin trust end to end: a plugin signed with a trusted key loads with no
// flags; a tampered one (one byte changed after signing), a swapped one, an
// unsigned one and one that others could write are each refused with a clear
// message and exit 4; --allow-untrusted loads only the unsigned one, and the
// review says so.
#include "plugin/in_process.hpp"
#include "plugin/isolated_plugin.hpp"
#include "plugin/trust_file.hpp"
#include "test_support.hpp"

#include <boost/filesystem.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <sys/stat.h>

using namespace fulcrum::test;
using nlohmann::json;
namespace fs = boost::filesystem;

namespace {

const std::string k_example = "examples/proposals/crm-saas-migration.yaml";

// A vendor's plugin (a copy of the cloud plugin, outside the install's own
// folder so that nothing trusts it by location), a key pair and a policy
// that trusts the key.
struct Vendor {
    std::string dir;
    std::string plugins;
    std::string plugin;
    std::string policy;
    std::string public_key;
};

Vendor make_vendor(const std::string& name) {
    Vendor v;
    v.dir = scratch_dir(name);
    v.plugins = v.dir + "/plugins";
    fs::create_directories(v.plugins);
    v.plugin = v.plugins + "/cloud.so";
    fs::copy_file(binary_path("lib/fulcrum/plugins/cloud.so"), v.plugin);
    const RunResult keygen = run_fulcrum({"plugins", "keygen", v.dir + "/acme"});
    REQUIRE(keygen.exit_code == 0);
    v.public_key = read_text(v.dir + "/acme.pub");
    v.public_key.erase(v.public_key.find_last_not_of('\n') + 1);
    const RunResult sign = run_fulcrum({"plugins", "sign", v.plugin, "--key", v.dir + "/acme.key"});
    INFO(sign.err);
    REQUIRE(sign.exit_code == 0);
    json config = json::parse(read_text(source_path("configs/default.json")));
    config["trust"] = {{"keys", {{"acme", v.public_key}}}};
    v.policy = v.dir + "/policy.json";
    write_text(v.policy, config.dump(2));
    return v;
}

RunResult review(const Vendor& v, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {
        "review", source_path(k_example), "--no-default-plugins", "--plugin-dir", v.plugins, "--config", v.policy};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_fulcrum(args);
}

json cloud_entry(const RunResult& r) {
    // Held in a local: a range-for over a member of a temporary would read freed memory.
    const json review = json::parse(r.out);
    for (const auto& p : review.at("plugins")) {
        if (p.at("id") == "cloud") {
            return p;
        }
    }
    return json();
}

void change_one_byte(const std::string& path, long offset) {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(offset);
    const char c = static_cast<char>(f.get());
    f.seekp(offset);
    f.put(static_cast<char>(c ^ 0x01));
}

} // namespace

TEST_CASE("a plugin signed with a trusted key loads with no flags", "[trust]") {
    const Vendor v = make_vendor("trust-signed");
    const RunResult r = review(v);
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 0);
    const json cloud = cloud_entry(r);
    CHECK(cloud.at("status") == "ok");
    CHECK_FALSE(cloud.contains("trust"));

    const RunResult list = run_fulcrum({"plugins", "list", "--format", "json", "--no-default-plugins", "--plugin-dir",
                                        v.plugins, "--config", v.policy});
    REQUIRE(list.exit_code == 0);
    const json entry = json::parse(list.out).at(0);
    CHECK(entry.at("trust") == "signed");
    CHECK(entry.at("isolation") == "process"); // not first-party: isolated by default

    const RunResult verify = run_fulcrum({"plugins", "verify", v.plugin, "--config", v.policy});
    CHECK(verify.exit_code == 0);
    CHECK(verify.out.find("trust       signed (by key acme)") != std::string::npos);
    // The same file, checked against the public key alone.
    CHECK(run_fulcrum({"plugins", "verify", v.plugin, "--key", v.dir + "/acme.pub"}).exit_code == 0);
    CHECK(run_fulcrum({"plugins", "verify", v.plugin}).exit_code == 4);
}

TEST_CASE("a plugin changed by one byte after signing is refused, flags or not", "[trust]") {
    const Vendor v = make_vendor("trust-tampered");
    change_one_byte(v.plugin, static_cast<long>(fs::file_size(v.plugin) / 2));
    for (const bool allow : {false, true}) {
        const RunResult r =
            review(v, allow ? std::vector<std::string>{"--allow-untrusted"} : std::vector<std::string>{});
        INFO("stderr: " << r.err);
        CHECK(r.exit_code == 4);
        const json cloud = cloud_entry(r);
        CHECK(cloud.at("status") == "failed");
        CHECK(cloud.at("error").get<std::string>().find("refused: cloud.so.sig was made for other bytes") !=
              std::string::npos);
        CHECK(cloud.at("error").get<std::string>().find("the file was changed after it was signed") !=
              std::string::npos);
        CHECK(r.err.find("plugin cloud (" + v.plugin + ") failed to load: refused") != std::string::npos);
    }
    const RunResult verify = run_fulcrum({"plugins", "verify", v.plugin, "--config", v.policy});
    CHECK(verify.exit_code == 4);
    CHECK(verify.out.find("REFUSED: cloud.so.sig was made for other bytes") != std::string::npos);
    CHECK(verify.out.find("to pin it") == std::string::npos); // never suggest pinning a tampered file
}

TEST_CASE("a plugin without a signature is refused unless --allow-untrusted, and the review says so", "[trust]") {
    const Vendor v = make_vendor("trust-unsigned");
    fs::remove(v.plugin + ".sig");
    const RunResult refused = review(v);
    CHECK(refused.exit_code == 4);
    CHECK(cloud_entry(refused).at("error").get<std::string>().find(
              "refused: not verified: no pin in the config's trust.sha256 and no signature (cloud.so.sig is "
              "missing). Sign it (fulcrum plugins sign)") != std::string::npos);

    const RunResult allowed = review(v, {"--allow-untrusted"});
    INFO("stderr: " << allowed.err);
    CHECK(allowed.exit_code == 0);
    const json cloud = cloud_entry(allowed);
    CHECK(cloud.at("status") == "ok");
    CHECK(cloud.at("trust") == "unverified");
    CHECK(allowed.err.find("is not verified") != std::string::npos);
    CHECK(allowed.err.find("loaded only because of --allow-untrusted") != std::string::npos);
}

TEST_CASE("a signature by a key the config does not trust verifies nothing", "[trust]") {
    const Vendor v = make_vendor("trust-unknown-key");
    json config = json::parse(read_text(v.policy));
    config["trust"]["keys"] = {{"other", std::string(64, 'a')}}; // a key, but not the signer's
    write_text(v.policy, config.dump());
    const RunResult r = review(v);
    CHECK(r.exit_code == 4);
    CHECK(cloud_entry(r).at("error").get<std::string>().find("signed by a key the config does not trust") !=
          std::string::npos);
}

TEST_CASE("a plugin or folder that others can write is refused, flags or not", "[trust]") {
    const Vendor v = make_vendor("trust-writable");
    ::chmod(v.plugin.c_str(), 0666);
    for (const bool allow : {false, true}) {
        const RunResult r =
            review(v, allow ? std::vector<std::string>{"--allow-untrusted"} : std::vector<std::string>{});
        CHECK(r.exit_code == 4);
        CHECK(cloud_entry(r).at("error").get<std::string>().find(
                  "refused: " + v.plugin + " is writable by anyone (mode 0666); run chmod go-w " + v.plugin) !=
              std::string::npos);
    }
    ::chmod(v.plugin.c_str(), 0644);
    CHECK(review(v).exit_code == 0);

    ::chmod(v.plugins.c_str(), 0777);
    const RunResult folder = review(v);
    CHECK(folder.exit_code == 4);
    CHECK(cloud_entry(folder).at("error").get<std::string>().find(v.plugins + " is writable by anyone (mode 0777)") !=
          std::string::npos);
    ::chmod(v.plugins.c_str(), 0775);
    CHECK(cloud_entry(review(v)).at("error").get<std::string>().find(v.plugins + " is writable by its group") !=
          std::string::npos);
    ::chmod(v.plugins.c_str(), 0755);
}

TEST_CASE("a SHA-256 pin trusts exactly the pinned bytes", "[trust]") {
    Vendor v = make_vendor("trust-pinned");
    fs::remove(v.plugin + ".sig");
    const std::string digest = fulcrum::to_hex(fulcrum::PluginImage::read(v.plugin).sha256());
    json config = json::parse(read_text(v.policy));
    config["trust"] = {{"sha256", {{"cloud.so", digest}}}};
    write_text(v.policy, config.dump());
    const RunResult pinned = review(v);
    INFO("stderr: " << pinned.err);
    CHECK(pinned.exit_code == 0);

    change_one_byte(v.plugin, 100);
    const RunResult changed = review(v, {"--allow-untrusted"});
    CHECK(changed.exit_code == 4);
    CHECK(cloud_entry(changed).at("error").get<std::string>().find("does not match the pin for 'cloud.so'") !=
          std::string::npos);
}

TEST_CASE("a plugin swapped after verification cannot slip in", "[trust]") {
    // The host reads the file once into a sealed copy, judges the copy, and
    // loads the copy. Swap the path in between: what loads is what was judged.
    const std::string dir = scratch_dir("trust-swapped");
    const std::string path = dir + "/plugin.so";
    const std::string evil = dir + "/evil.so";
    fs::copy_file(fixture_plugin_dir("scripted") + "/scripted.so", path);
    fs::copy_file(binary_path("lib/fulcrum/plugins/cloud.so"), evil);

    fulcrum::PluginImage for_process = fulcrum::PluginImage::read(path);
    fulcrum::PluginImage for_worker = fulcrum::PluginImage::read(path);
    REQUIRE(std::rename(evil.c_str(), path.c_str()) == 0);
    CHECK(fulcrum::PluginImage::read(path).sha256() != for_process.sha256());

    fulcrum::LoadOutcome in_process = fulcrum::load_in_process(for_process.load_path(), json::object());
    REQUIRE(in_process.plugin);
    CHECK(in_process.plugin->manifest().id == "scripted");

    fulcrum::IsolationLimits limits;
    fulcrum::IsolatedLoad isolated = fulcrum::load_isolated(std::move(for_worker), path, json::object(), limits,
                                                            binary_path("libexec/fulcrum/fulcrum-worker"));
    INFO(isolated.error);
    REQUIRE(isolated.plugin);
    CHECK(isolated.plugin->manifest().id == "scripted");
    // A restarted worker loads the same sealed copy, not the file now at the path.
    isolated.plugin->retire_workers();
    CHECK(isolated.plugin->evaluate("{\"id\": \"x\", \"title\": \"x\", \"technologies\": []}").ok);
    CHECK(isolated.plugin->manifest().id == "scripted");
    CHECK(isolated.plugin->workers_started() == 2);
}

TEST_CASE("signing tools refuse what would leak or lose a key", "[trust]") {
    const std::string dir = scratch_dir("trust-keys");
    REQUIRE(run_fulcrum({"plugins", "keygen", dir + "/k"}).exit_code == 0);
    struct stat st {};
    REQUIRE(::stat((dir + "/k.key").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    const RunResult again = run_fulcrum({"plugins", "keygen", dir + "/k"});
    CHECK(again.exit_code == 2);
    CHECK(again.err.find("not replaced") != std::string::npos);

    const std::string plugin = dir + "/p.so";
    fs::copy_file(fixture_plugin_dir("scripted") + "/scripted.so", plugin);
    ::chmod((dir + "/k.key").c_str(), 0644);
    const RunResult leaky = run_fulcrum({"plugins", "sign", plugin, "--key", dir + "/k.key"});
    CHECK(leaky.exit_code == 2);
    CHECK(leaky.err.find("readable by others; run chmod 600") != std::string::npos);
    CHECK_FALSE(fs::exists(plugin + ".sig"));
    ::chmod((dir + "/k.key").c_str(), 0600);
    CHECK(run_fulcrum({"plugins", "sign", plugin, "--key", dir + "/k.key"}).exit_code == 0);
    CHECK(fs::exists(plugin + ".sig"));
    CHECK(run_fulcrum({"plugins", "sign", plugin}).exit_code == 2);
    CHECK(run_fulcrum({"plugins", "verify"}).exit_code == 2);
}
