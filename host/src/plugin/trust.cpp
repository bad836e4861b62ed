#include "plugin/trust.hpp"

#include "util/error.hpp"

#include <sodium.h>

#include <stdexcept>

namespace fulcrum {

using nlohmann::json;

namespace {

constexpr const char* k_signature_format = "fulcrum-plugin-signature@1";
constexpr const char* k_key_format = "fulcrum-signing-key@1";

void ensure_sodium() {
    static const int status = sodium_init();
    if (status < 0) {
        throw std::runtime_error("libsodium could not be initialised");
    }
}

template <size_t N> bool decode_base64(const std::string& text, std::array<unsigned char, N>& out) {
    size_t length = 0;
    return sodium_base642bin(out.data(), N, text.data(), text.size(), nullptr, &length, nullptr,
                             sodium_base64_VARIANT_ORIGINAL) == 0 &&
           length == N;
}

template <size_t N> bool decode_hex(const std::string& text, std::array<unsigned char, N>& out) {
    size_t length = 0;
    return text.size() == 2 * N &&
           sodium_hex2bin(out.data(), N, text.data(), text.size(), nullptr, &length, nullptr) == 0 && length == N;
}

std::string lower(std::string text) {
    for (char& c : text) {
        if (c >= 'A' && c <= 'F') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return text;
}

std::string signed_message(const Digest& sha256) {
    return std::string(k_signature_format) + "\n" + to_hex(sha256) + "\n";
}

std::string string_field(const json& doc, const char* key) {
    auto it = doc.find(key);
    if (it == doc.end() || !it->is_string()) {
        throw std::runtime_error(std::string("field '") + key + "' is missing or not a string");
    }
    return it->get<std::string>();
}

[[noreturn]] void bad(const std::string& source, const std::string& pointer, const std::string& expected,
                      const json& got) {
    throw input_error(source + ": " + pointer + ": expected " + expected + ", got " + got.dump().substr(0, 80));
}

std::string stem_of(const std::string& file_name) {
    const std::string suffix = ".so";
    if (file_name.size() > suffix.size() &&
        file_name.compare(file_name.size() - suffix.size(), suffix.size(), suffix) == 0) {
        return file_name.substr(0, file_name.size() - suffix.size());
    }
    return file_name;
}

} // namespace

std::string to_hex(const unsigned char* data, size_t size) {
    std::string out(size * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), data, size);
    out.pop_back();
    return out;
}

std::string to_base64(const unsigned char* data, size_t size) {
    std::string out(sodium_base64_encoded_len(size, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
    out.pop_back();
    return out;
}

std::optional<PublicKey> parse_public_key(const std::string& text) {
    PublicKey key{};
    if (decode_hex(text, key) || decode_base64(text, key)) {
        return key;
    }
    return std::nullopt;
}

TrustSettings read_trust_settings(const json& policy, const std::string& source) {
    TrustSettings out;
    if (!policy.is_object() || !policy.contains("trust")) {
        return out;
    }
    const json& trust = policy["trust"];
    if (!trust.is_object()) {
        bad(source, "/trust", "an object with sha256 and keys", trust);
    }
    for (const auto& [key, value] : trust.items()) {
        if (key != "sha256" && key != "keys") {
            bad(source, "/trust/" + key, "sha256 or keys", json(key));
        }
    }
    if (trust.contains("sha256")) {
        const json& pins = trust["sha256"];
        if (!pins.is_object()) {
            bad(source, "/trust/sha256", "an object of plugin file name -> SHA-256", pins);
        }
        for (const auto& [name, digest] : pins.items()) {
            Digest parsed{};
            if (!digest.is_string() || !decode_hex(digest.get<std::string>(), parsed)) {
                bad(source, "/trust/sha256/" + name, "a SHA-256 digest in hex (64 characters)", digest);
            }
            out.pins[name] = lower(digest.get<std::string>());
        }
    }
    if (trust.contains("keys")) {
        const json& keys = trust["keys"];
        if (!keys.is_object() && !keys.is_array()) {
            bad(source, "/trust/keys", "an object of key name -> Ed25519 public key, or a list of keys", keys);
        }
        size_t index = 0;
        for (const auto& [name, value] : keys.items()) {
            const std::string pointer = "/trust/keys/" + name;
            const auto key = value.is_string() ? parse_public_key(value.get<std::string>()) : std::nullopt;
            if (!key) {
                bad(source, pointer, "an Ed25519 public key in base64 (44 characters) or hex (64)", value);
            }
            out.keys.push_back({keys.is_array() ? "key " + std::to_string(index) : name, *key});
            ++index;
        }
    }
    return out;
}

KeyPair generate_key_pair() {
    ensure_sodium();
    KeyPair pair;
    crypto_sign_keypair(pair.public_key.data(), pair.secret_key.data());
    return pair;
}

std::string secret_key_file_text(const KeyPair& pair) {
    json doc = {{"format", k_key_format},
                {"algorithm", "ed25519"},
                {"public_key", to_base64(pair.public_key.data(), pair.public_key.size())},
                {"secret_key", to_base64(pair.secret_key.data(), pair.secret_key.size())}};
    return doc.dump(2) + "\n";
}

KeyPair parse_secret_key_file(const std::string& text) {
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::exception&) {
        throw std::runtime_error("not a Fulcrum signing key (not JSON)");
    }
    if (!doc.is_object() || doc.value("format", "") != k_key_format) {
        throw std::runtime_error(std::string("not a Fulcrum signing key (format is not ") + k_key_format + ")");
    }
    KeyPair pair;
    if (!decode_base64(string_field(doc, "public_key"), pair.public_key) ||
        !decode_base64(string_field(doc, "secret_key"), pair.secret_key)) {
        throw std::runtime_error("the key file's keys are not base64 of the right length");
    }
    // An Ed25519 secret key ends with its public key; a mismatch means a damaged file.
    if (!std::equal(pair.public_key.begin(), pair.public_key.end(), pair.secret_key.begin() + 32)) {
        throw std::runtime_error("the key file's public and secret keys do not belong together");
    }
    return pair;
}

std::string make_signature_text(const Digest& sha256, const KeyPair& signer) {
    ensure_sodium();
    const std::string message = signed_message(sha256);
    std::array<unsigned char, 64> signature{};
    crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                         message.size(), signer.secret_key.data());
    json doc = {{"format", k_signature_format},
                {"algorithm", "ed25519"},
                {"sha256", to_hex(sha256)},
                {"key", to_base64(signer.public_key.data(), signer.public_key.size())},
                {"signature", to_base64(signature.data(), signature.size())}};
    return doc.dump(2) + "\n";
}

Signature parse_signature_text(const std::string& text) {
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::exception&) {
        throw std::runtime_error("not JSON");
    }
    if (!doc.is_object() || doc.value("format", "") != k_signature_format) {
        throw std::runtime_error(std::string("its format is not ") + k_signature_format);
    }
    if (doc.value("algorithm", "") != "ed25519") {
        throw std::runtime_error("its algorithm is not ed25519");
    }
    Signature out;
    if (!decode_hex(lower(string_field(doc, "sha256")), out.sha256)) {
        throw std::runtime_error("its sha256 is not 64 hex characters");
    }
    if (!decode_base64(string_field(doc, "key"), out.key)) {
        throw std::runtime_error("its key is not an Ed25519 public key in base64");
    }
    if (!decode_base64(string_field(doc, "signature"), out.signature)) {
        throw std::runtime_error("its signature is not 64 bytes of base64");
    }
    return out;
}

bool signature_valid(const Signature& signature) {
    ensure_sodium();
    const std::string message = signed_message(signature.sha256);
    return crypto_sign_verify_detached(signature.signature.data(),
                                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                       signature.key.data()) == 0;
}

const char* to_string(TrustBasis basis) {
    switch (basis) {
    case TrustBasis::first_party:
        return "first-party";
    case TrustBasis::pinned:
        return "pinned";
    case TrustBasis::signed_by_key:
        return "signed";
    case TrustBasis::unverified:
        return "unverified";
    }
    return "unverified";
}

TrustVerdict judge_trust(const TrustEvidence& evidence, const TrustSettings& settings) {
    const std::string digest = to_hex(evidence.sha256);
    const std::string sig_name = evidence.file_name + ".sig";
    auto pin = settings.pins.find(evidence.file_name);
    if (pin == settings.pins.end()) {
        pin = settings.pins.find(stem_of(evidence.file_name));
    }
    if (pin != settings.pins.end()) {
        if (pin->second == digest) {
            return {false, TrustBasis::pinned, "its SHA-256 is in the config's trust.sha256"};
        }
        return {true, TrustBasis::unverified,
                "its SHA-256 " + digest + " does not match the pin for '" + pin->first + "' in trust.sha256 (" +
                    pin->second + "): the file is not the one that was pinned"};
    }
    if (evidence.signature_text) {
        Signature signature;
        try {
            signature = parse_signature_text(*evidence.signature_text);
        } catch (const std::exception& e) {
            return {true, TrustBasis::unverified, sig_name + " is not a usable signature: " + e.what()};
        }
        if (signature.sha256 != evidence.sha256) {
            return {true, TrustBasis::unverified,
                    sig_name + " was made for other bytes (SHA-256 " + to_hex(signature.sha256) +
                        "): the file was changed after it was signed"};
        }
        if (!signature_valid(signature)) {
            return {true, TrustBasis::unverified, sig_name + " does not verify: the signature is forged or damaged"};
        }
        for (const auto& key : settings.keys) {
            if (key.key == signature.key) {
                return {false, TrustBasis::signed_by_key, "by key " + key.name};
            }
        }
        if (evidence.in_first_party_folder) {
            return {false, TrustBasis::first_party, "in the install's own plugin folder"};
        }
        return {false, TrustBasis::unverified,
                "signed by a key the config does not trust (" + to_base64(signature.key.data(), signature.key.size()) +
                    "); add it to trust.keys"};
    }
    if (evidence.in_first_party_folder) {
        return {false, TrustBasis::first_party, "in the install's own plugin folder"};
    }
    return {false, TrustBasis::unverified,
            "no pin in the config's trust.sha256 and no signature (" + sig_name + " is missing)"};
}

} // namespace fulcrum
