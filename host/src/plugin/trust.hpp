// Whether a plugin file may be loaded: SHA-256 pins and Ed25519 signatures
// (libsodium) from the config's `trust` section, and the install's own plugin
// folder. docs/security.md states the threat model this answers.
#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fulcrum {

using Digest = std::array<unsigned char, 32>;
using PublicKey = std::array<unsigned char, 32>;
using SecretKey = std::array<unsigned char, 64>;

struct TrustedKey {
    std::string name;
    PublicKey key{};
};

struct TrustSettings {
    // Plugin file name ("acme.so") or the name without ".so" -> SHA-256 (lower-case hex).
    std::map<std::string, std::string> pins;
    std::vector<TrustedKey> keys;
};

// Reads `trust` from a policy document (absent: nothing pinned, no keys).
// Throws fulcrum::Error (exit 3) naming `source` and the field at fault.
TrustSettings read_trust_settings(const nlohmann::json& policy, const std::string& source);

std::string to_hex(const unsigned char* data, size_t size);
template <size_t N> std::string to_hex(const std::array<unsigned char, N>& bytes) {
    return to_hex(bytes.data(), N);
}
std::string to_base64(const unsigned char* data, size_t size);

// A public key written as base64 (44 characters) or hex (64), else nullopt.
std::optional<PublicKey> parse_public_key(const std::string& text);

struct KeyPair {
    PublicKey public_key{};
    SecretKey secret_key{};
};

KeyPair generate_key_pair();
// The secret key file `fulcrum plugins keygen` writes and `sign` reads.
std::string secret_key_file_text(const KeyPair& pair);
// Throws std::runtime_error when `text` is not a secret key file.
KeyPair parse_secret_key_file(const std::string& text);

// A detached signature (<plugin>.so.sig): the file's SHA-256 signed with
// Ed25519 under a domain string, so a signature made for anything else
// never verifies as a plugin signature.
struct Signature {
    Digest sha256{};
    PublicKey key{};
    std::array<unsigned char, 64> signature{};
};

std::string make_signature_text(const Digest& sha256, const KeyPair& signer);
// Throws std::runtime_error when `text` is not a signature file.
Signature parse_signature_text(const std::string& text);
// True when the signature was made by its key over its digest.
bool signature_valid(const Signature& signature);

// Why a plugin is trusted, or that it is not.
enum class TrustBasis { first_party, pinned, signed_by_key, unverified };
const char* to_string(TrustBasis basis);

struct TrustEvidence {
    std::string file_name; // "acme.so"
    Digest sha256{};
    bool in_first_party_folder = false;
    std::optional<std::string> signature_text; // the .sig file beside it, if any
};

struct TrustVerdict {
    // Refused whatever the flags: the file contradicts its pin or signature.
    bool refused = false;
    TrustBasis basis = TrustBasis::unverified;
    std::string detail; // who vouches ("key acme-2025"), or why nobody does / why refused
};

TrustVerdict judge_trust(const TrustEvidence& evidence, const TrustSettings& settings);

} // namespace fulcrum
