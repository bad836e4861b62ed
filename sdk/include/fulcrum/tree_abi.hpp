// The identity of the C++ library build behind the tree ABI (plugin.h,
// evaluate_tree). A host and a plugin may hand each other nlohmann::json
// trees only when they agree on everything that shapes those objects in
// memory: the JSON library's version and ABI options, the standard library,
// its ABI and debug mode, and the sizes of the types involved. Any difference
// and the host keeps to JSON text, which is always safe. The same identity
// covers evaluate_findings, so it names the layout of fulcrum/findings.hpp
// too: k_findings_layout, bumped whenever a member is added there, and the
// sizes of its structs.
#pragma once

#include "fulcrum/findings.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>

#define FULCRUM_TREE_ABI_STR_(x) #x
#define FULCRUM_TREE_ABI_STR(x) FULCRUM_TREE_ABI_STR_(x)

#if defined(__GLIBCXX__)
#if defined(_GLIBCXX_DEBUG)
#define FULCRUM_TREE_ABI_DEBUG_ " debug"
#else
#define FULCRUM_TREE_ABI_DEBUG_ ""
#endif
#define FULCRUM_TREE_ABI_STDLIB_                                                                                       \
    "libstdc++ " FULCRUM_TREE_ABI_STR(__GLIBCXX__) " cxx11-abi " FULCRUM_TREE_ABI_STR(_GLIBCXX_USE_CXX11_ABI)          \
        FULCRUM_TREE_ABI_DEBUG_
#elif defined(_LIBCPP_VERSION)
#define FULCRUM_TREE_ABI_STDLIB_                                                                                       \
    "libc++ " FULCRUM_TREE_ABI_STR(_LIBCPP_VERSION) " abi " FULCRUM_TREE_ABI_STR(_LIBCPP_ABI_VERSION)
#else
#define FULCRUM_TREE_ABI_STDLIB_ "unknown standard library"
#endif

namespace fulcrum::tree_abi {

inline constexpr int k_findings_layout = 1;

// For example "nlohmann::json_abi_v3_11_2 3.11.2 sizes 16/32/48/24; libstdc++
// 20230528 cxx11-abi 1; findings 1 sizes 248/184/136". Static text.
inline const char* identity() noexcept {
    static const std::string text = [] {
        try {
            return std::string(FULCRUM_TREE_ABI_STR(NLOHMANN_JSON_NAMESPACE)) + " " +
                   std::to_string(NLOHMANN_JSON_VERSION_MAJOR) + "." + std::to_string(NLOHMANN_JSON_VERSION_MINOR) +
                   "." + std::to_string(NLOHMANN_JSON_VERSION_PATCH) + " sizes " +
                   std::to_string(sizeof(nlohmann::json)) + "/" + std::to_string(sizeof(std::string)) + "/" +
                   std::to_string(sizeof(nlohmann::json::object_t)) + "/" +
                   std::to_string(sizeof(nlohmann::json::array_t)) + "; " + FULCRUM_TREE_ABI_STDLIB_ + "; findings " +
                   std::to_string(k_findings_layout) + " sizes " + std::to_string(sizeof(sdk::findings::Risk)) + "/" +
                   std::to_string(sizeof(sdk::findings::Benefit)) + "/" +
                   std::to_string(sizeof(sdk::findings::Mitigation));
        } catch (...) {
            return std::string(); // never matches a host's identity
        }
    }();
    return text.c_str();
}

} // namespace fulcrum::tree_abi
