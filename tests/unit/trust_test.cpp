// Trust decisions (host/src/plugin/trust.cpp) and the plugin file on disk
// (trust_file.cpp): pins, Ed25519 signatures, the sealed copy that is loaded,
// and who may write a plugin or its folders.
#include "plugin/trust.hpp"
#include "plugin/trust_file.hpp"
#include "test_support.hpp"
#include "util/error.hpp"

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdio>
#include <sys/stat.h>
#include <unistd.h>

using namespace fulcrum;
using fulcrum::test::read_text;
using fulcrum::test::scratch_dir;
using fulcrum::test::write_text;
using nlohmann::json;

namespace {

Digest digest_of(unsigned char fill) {
    Digest d{};
    d.fill(fill);
    return d;
}

TrustSettings trusting(const KeyPair& pair) {
    TrustSettings settings;
    settings.keys.push_back({"acme", pair.public_key});
    return settings;
}

std::string error_of(const json& policy) {
    try {
        read_trust_settings(policy, "policy.json");
    } catch (const Error& e) {
        CHECK(e.exit_code() == k_exit_invalid_input);
        return e.what();
    }
    return "";
}

} // namespace

TEST_CASE("trust settings: pins and keys in every accepted spelling", "[trust]") {
    const KeyPair a = generate_key_pair();
    const KeyPair b = generate_key_pair();
    const std::string hex_key = to_hex(b.public_key);
    const json policy = {{"trust",
                          {{"sha256", {{"acme.so", std::string(64, 'A')}}},
                           {"keys", {{"acme", to_base64(a.public_key.data(), 32)}, {"other", hex_key}}}}}};
    const TrustSettings s = read_trust_settings(policy, "policy.json");
    REQUIRE(s.pins.size() == 1);
    CHECK(s.pins.at("acme.so") == std::string(64, 'a')); // stored lower-case
    REQUIRE(s.keys.size() == 2);
    CHECK(s.keys[0].name == "acme");
    CHECK(s.keys[0].key == a.public_key);
    CHECK(s.keys[1].key == b.public_key);

    const TrustSettings list = read_trust_settings({{"trust", {{"keys", {hex_key}}}}}, "p.json");
    REQUIRE(list.keys.size() == 1);
    CHECK(list.keys[0].key == b.public_key);
    CHECK(read_trust_settings(json::object(), "p.json").keys.empty());
}

TEST_CASE("trust settings: a wrong field is named with its pointer", "[trust]") {
    CHECK(error_of({{"trust", {{"sha256", {{"a.so", "abc"}}}}}}).find("policy.json: /trust/sha256/a.so: expected") !=
          std::string::npos);
    CHECK(error_of({{"trust", {{"keys", {{"k", "not a key"}}}}}}).find("/trust/keys/k: expected an Ed25519") !=
          std::string::npos);
    CHECK(error_of({{"trust", {{"pins", json::object()}}}}).find("/trust/pins: expected sha256 or keys") !=
          std::string::npos);
    CHECK(error_of({{"trust", "yes"}}).find("/trust: expected an object") != std::string::npos);
}

TEST_CASE("public keys parse from base64 or hex and nothing else", "[trust]") {
    const KeyPair pair = generate_key_pair();
    CHECK(parse_public_key(to_base64(pair.public_key.data(), 32)) == pair.public_key);
    CHECK(parse_public_key(to_hex(pair.public_key)) == pair.public_key);
    CHECK_FALSE(parse_public_key(to_hex(pair.public_key).substr(2)));
    CHECK_FALSE(parse_public_key(to_base64(pair.secret_key.data(), 64)));
    CHECK_FALSE(parse_public_key(""));
}

TEST_CASE("a secret key file round-trips and a damaged one is refused", "[trust]") {
    const KeyPair pair = generate_key_pair();
    const KeyPair back = parse_secret_key_file(secret_key_file_text(pair));
    CHECK(back.public_key == pair.public_key);
    CHECK(back.secret_key == pair.secret_key);

    json doc = json::parse(secret_key_file_text(pair));
    doc["public_key"] = to_base64(generate_key_pair().public_key.data(), 32);
    CHECK_THROWS_WITH(parse_secret_key_file(doc.dump()), Catch::Contains("do not belong together"));
    CHECK_THROWS_WITH(parse_secret_key_file("{}"), Catch::Contains("not a Fulcrum signing key"));
    CHECK_THROWS(parse_secret_key_file("not json"));
}

TEST_CASE("a signature verifies for its digest and key only", "[trust]") {
    const KeyPair pair = generate_key_pair();
    const Signature sig = parse_signature_text(make_signature_text(digest_of(7), pair));
    CHECK(sig.sha256 == digest_of(7));
    CHECK(sig.key == pair.public_key);
    CHECK(signature_valid(sig));

    Signature other_digest = sig;
    other_digest.sha256[0] ^= 1;
    CHECK_FALSE(signature_valid(other_digest));
    Signature other_key = sig;
    other_key.key = generate_key_pair().public_key;
    CHECK_FALSE(signature_valid(other_key));
    Signature flipped = sig;
    flipped.signature[10] ^= 0x80;
    CHECK_FALSE(signature_valid(flipped));

    CHECK_THROWS_WITH(parse_signature_text("{\"format\": \"other\"}"), Catch::Contains("format"));
    CHECK_THROWS(parse_signature_text("garbage"));
}

TEST_CASE("judging trust: pins, signatures, the first-party folder, and nothing", "[trust]") {
    const KeyPair acme = generate_key_pair();
    const KeyPair stranger = generate_key_pair();
    const Digest file = digest_of(1);
    TrustSettings settings = trusting(acme);

    SECTION("a matching pin, by file name or by stem") {
        settings.pins["acme.so"] = to_hex(file);
        CHECK(judge_trust({"acme.so", file, false, std::nullopt}, settings).basis == TrustBasis::pinned);
        TrustSettings by_stem;
        by_stem.pins["acme"] = to_hex(file);
        CHECK(judge_trust({"acme.so", file, false, std::nullopt}, by_stem).basis == TrustBasis::pinned);
    }
    SECTION("a pin that does not match is refused, whatever else vouches for the file") {
        settings.pins["acme.so"] = to_hex(digest_of(2));
        const TrustVerdict v = judge_trust({"acme.so", file, true, make_signature_text(file, acme)}, settings);
        CHECK(v.refused);
        CHECK(v.detail.find("does not match the pin for 'acme.so'") != std::string::npos);
    }
    SECTION("signed by a trusted key") {
        const TrustVerdict v = judge_trust({"acme.so", file, false, make_signature_text(file, acme)}, settings);
        CHECK_FALSE(v.refused);
        CHECK(v.basis == TrustBasis::signed_by_key);
        CHECK(v.detail == "by key acme");
    }
    SECTION("signed by a key nobody trusts: unverified, not refused") {
        const TrustVerdict v = judge_trust({"acme.so", file, false, make_signature_text(file, stranger)}, settings);
        CHECK_FALSE(v.refused);
        CHECK(v.basis == TrustBasis::unverified);
        CHECK(v.detail.find("a key the config does not trust") != std::string::npos);
    }
    SECTION("a signature made for other bytes: the file was changed after signing") {
        const TrustVerdict v = judge_trust({"acme.so", file, true, make_signature_text(digest_of(9), acme)}, settings);
        CHECK(v.refused);
        CHECK(v.detail.find("acme.so.sig was made for other bytes") != std::string::npos);
    }
    SECTION("a forged signature: right digest, signature bytes not the key's") {
        json forged = json::parse(make_signature_text(file, acme));
        forged["signature"] = json::parse(make_signature_text(file, stranger))["signature"];
        const TrustVerdict v = judge_trust({"acme.so", file, false, forged.dump()}, settings);
        CHECK(v.refused);
        CHECK(v.detail.find("does not verify") != std::string::npos);
    }
    SECTION("an unreadable signature file") {
        const TrustVerdict v = judge_trust({"acme.so", file, false, std::string("junk")}, settings);
        CHECK(v.refused);
        CHECK(v.detail.find("acme.so.sig is not a usable signature") != std::string::npos);
    }
    SECTION("the install's own folder, with nothing else said") {
        const TrustVerdict v = judge_trust({"cloud.so", file, true, std::nullopt}, settings);
        CHECK_FALSE(v.refused);
        CHECK(v.basis == TrustBasis::first_party);
    }
    SECTION("nothing vouches: unverified, and the message says what is missing") {
        const TrustVerdict v = judge_trust({"acme.so", file, false, std::nullopt}, settings);
        CHECK_FALSE(v.refused);
        CHECK(v.basis == TrustBasis::unverified);
        CHECK(v.detail.find("acme.so.sig is missing") != std::string::npos);
    }
}

TEST_CASE("a plugin image hashes what it read (SHA-256 known answer)", "[trust]") {
    const std::string dir = scratch_dir("trust-image-hash");
    write_text(dir + "/abc.so", "abc");
    const PluginImage image = PluginImage::read(dir + "/abc.so");
    // FIPS 180-2, appendix B.1: SHA-256("abc").
    CHECK(to_hex(image.sha256()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(image.size() == 3);
    CHECK(image.starts_with("ab"));
    CHECK_FALSE(image.starts_with("\x7f"
                                  "ELF"));
    CHECK(image.mentions("bc"));
    CHECK_FALSE(image.mentions("fulcrum_plugin_entry"));
    CHECK(image.load_path() == "/proc/self/fd/" + std::to_string(image.fd()));
    CHECK_THROWS_WITH(PluginImage::read(dir + "/missing.so"), Catch::Contains("cannot open"));
    CHECK_THROWS_WITH(PluginImage::read(dir), Catch::Contains("not a regular file"));
}

TEST_CASE("a plugin image keeps the bytes it hashed when the file changes", "[trust]") {
    const std::string dir = scratch_dir("trust-image-swap");
    const std::string path = dir + "/plugin.so";
    write_text(path, "the verified bytes");
    const PluginImage image = PluginImage::read(path);
    REQUIRE(image.sealed());

    // Swapped for another file, then that file written in place: neither
    // reaches the image, whose name is what gets loaded.
    write_text(dir + "/evil.so", "the attacker's bytes");
    REQUIRE(std::rename((dir + "/evil.so").c_str(), path.c_str()) == 0);
    write_text(path, "written in place, too");
    CHECK(read_text(image.load_path()) == "the verified bytes");

    // Sealed: not even a process holding the descriptor can change it.
    const std::string attempt = "x";
    CHECK(::pwrite(image.fd(), attempt.data(), attempt.size(), 0) < 0);
    CHECK(errno == EPERM);
    CHECK(read_text(image.load_path()) == "the verified bytes");
}

TEST_CASE("plugin files and folders writable by others are refused", "[trust]") {
    const std::string dir = scratch_dir("trust-permissions");
    const std::string folder = dir + "/plugins";
    ::mkdir(folder.c_str(), 0755);
    const std::string file = folder + "/p.so";
    write_text(file, "x");
    ::chmod(file.c_str(), 0644);
    CHECK(unsafe_permissions(file) == "");

    ::chmod(file.c_str(), 0666);
    CHECK(unsafe_permissions(file).find(file + " is writable by anyone (mode 0666); run chmod go-w") !=
          std::string::npos);
    ::chmod(file.c_str(), 0664);
    CHECK(unsafe_permissions(file).find("is writable by its group") != std::string::npos);
    ::chmod(file.c_str(), 0644);

    ::chmod(folder.c_str(), 0777);
    CHECK(unsafe_permissions(file).find(folder + " is writable by anyone") != std::string::npos);
    // Sticky or not, anyone could add plugins to the folder itself.
    ::chmod(folder.c_str(), 01777);
    CHECK(unsafe_permissions(file).find(folder + " is writable by anyone") != std::string::npos);
    ::chmod(folder.c_str(), 0755);

    // Higher up, a sticky folder such as /tmp lets nobody rename our entries.
    const std::string shared = dir + "/shared";
    ::mkdir(shared.c_str(), 01777);
    ::mkdir((shared + "/mine").c_str(), 0755);
    write_text(shared + "/mine/q.so", "x");
    ::chmod((shared + "/mine/q.so").c_str(), 0644);
    CHECK(unsafe_permissions(shared + "/mine/q.so") == "");
    ::chmod(shared.c_str(), 0777);
    CHECK(unsafe_permissions(shared + "/mine/q.so").find(shared + " is writable by anyone") != std::string::npos);
    ::chmod(shared.c_str(), 0755);

    if (::geteuid() == 0) {
        REQUIRE(::chown(file.c_str(), 4242, 4242) == 0);
        CHECK(unsafe_permissions(file).find("is owned by uid 4242, neither root nor you") != std::string::npos);
    }
    CHECK(is_directly_in(file, folder));
    CHECK_FALSE(is_directly_in(file, dir));
}
