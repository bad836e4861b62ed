// Whether this build runs under AddressSanitizer (scripts/sanitize.sh).
// ASan reserves terabytes of shadow address space at start, so an address
// space limit (RLIMIT_AS) makes every later allocation fail: the worker skips
// its memory limit in such a build, and the tests of that limit are skipped.
#pragma once

namespace fulcrum {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool k_address_sanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool k_address_sanitizer = true;
#else
inline constexpr bool k_address_sanitizer = false;
#endif
#else
inline constexpr bool k_address_sanitizer = false;
#endif

} // namespace fulcrum
