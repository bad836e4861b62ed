/*
 * Fulcrum plugin ABI: the only contract between the host and a plugin.
 *
 * Plain C, so that a plugin built with any compiler or standard library loads
 * into any host. Data crosses as UTF-8 JSON text. (Since 1.1 a plugin may also
 * offer the same evaluation on C++ JSON trees, and since 1.2 with the findings
 * as C++ values, which the host uses only when both were built against the
 * same C++ library; see evaluate_tree and evaluate_findings. Since 1.3 a risk
 * may leave out its `refs`: the host gives it those of its rule in the
 * manifest's catalog.)
 * The table below only ever
 * grows at its end: the host reads `struct_size` to learn which entries a
 * plugin provides, and treats a missing optional entry as "not supported".
 *
 * Ownership: every string a plugin returns belongs to the plugin and stays
 * valid until the next call on the same instance (or, for instance-free
 * entries, until the library is unloaded). The host copies what it keeps.
 */
#ifndef FULCRUM_PLUGIN_H
#define FULCRUM_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A major bump breaks compatibility; a minor bump only appends entries. */
#define FULCRUM_ABI_VERSION_MAJOR 1
#define FULCRUM_ABI_VERSION_MINOR 3
#define FULCRUM_ABI_VERSION ((FULCRUM_ABI_VERSION_MAJOR << 16) | FULCRUM_ABI_VERSION_MINOR)

/* The name of the one symbol every plugin exports. */
#define FULCRUM_PLUGIN_ENTRY_SYMBOL "fulcrum_plugin_entry"

#if defined(_WIN32)
#define FULCRUM_PLUGIN_EXPORT __declspec(dllexport)
#else
#define FULCRUM_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

typedef enum fulcrum_status {
    FULCRUM_OK = 0,
    FULCRUM_ERR_INVALID_ARGUMENT = 1, /* the host passed something unusable */
    FULCRUM_ERR_INVALID_INPUT = 2,    /* the proposal or config is not what the plugin needs */
    FULCRUM_ERR_INTERNAL = 3,         /* the plugin failed; see last_error */
    FULCRUM_ERR_UNSUPPORTED = 4
} fulcrum_status;

/* One configured plugin instance. Opaque to the host. */
typedef struct fulcrum_instance fulcrum_instance;

typedef struct fulcrum_plugin_api {
    /* sizeof(fulcrum_plugin_api) as the plugin was compiled. Always first. */
    uint32_t struct_size;
    /* FULCRUM_ABI_VERSION as the plugin was compiled. */
    uint32_t abi_version;

    /* JSON object: id, name, vendor, version, description, categories[],
     * abi_version ("1.3"), thread_safe, config_schema, rules[]. Static text. */
    const char* (*manifest)(void);

    /* Make an instance from the plugin's config (a JSON object, "{}" for
     * none). On failure *out may still be set so that last_error can be read;
     * the host then destroys it. */
    fulcrum_status (*create)(const char* config_json, fulcrum_instance** out);

    void (*destroy)(fulcrum_instance* instance);

    /* Evaluate one proposal (JSON text of `proposal_len` bytes). On success
     * *out_json points at a contribution: {benefits[], risks[], questions[]}. */
    fulcrum_status (*evaluate)(fulcrum_instance* instance, const char* proposal_json, size_t proposal_len,
                               const char** out_json, size_t* out_len);

    /* Text of the last failure on this instance, or NULL (instance may be NULL
     * for failures that happened before an instance existed). */
    const char* (*last_error)(fulcrum_instance* instance);

    /* Since 1.1; optional (NULL, or absent from an older table). */

    /* Static text naming the C++ library build behind evaluate_tree: the
     * JSON library's version and ABI options, the standard library and its
     * ABI (fulcrum/tree_abi.hpp makes it). The host calls evaluate_tree only
     * when this text equals its own, byte for byte. */
    const char* (*tree_abi)(void);

    /* evaluate() without the text: `proposal` points at a const
     * nlohmann::json holding the proposal (the plugin must not change it),
     * `contribution` at an empty nlohmann::json that the plugin fills. The
     * host checks what it receives exactly as it checks text. */
    fulcrum_status (*evaluate_tree)(fulcrum_instance* instance, const void* proposal, void* contribution);

    /* Since 1.2; optional. evaluate_tree() with the contribution as C++
     * values instead of a JSON tree: `contribution` points at an empty
     * fulcrum::sdk::findings::Contribution (fulcrum/findings.hpp) that the
     * plugin fills. Called only when tree_abi matches, as for evaluate_tree;
     * the host checks the values exactly as it checks JSON. */
    fulcrum_status (*evaluate_findings)(fulcrum_instance* instance, const void* proposal, void* contribution);
} fulcrum_plugin_api;

/* The entry point. Returns a table that lives as long as the library. */
typedef const fulcrum_plugin_api* (*fulcrum_plugin_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* FULCRUM_PLUGIN_H */
