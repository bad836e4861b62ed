// Sixteen bytes of text looked at in one step, for the loops that scan JSON
// text for the bytes they must stop at: the proposal parser, the writer's
// escapes and the UTF-8 check. Each returns a mask whose bit i stands for the
// byte at p + i. SSE2 is on every x86-64; elsewhere the callers keep to their
// word-at-a-time loops.
#pragma once

#if defined(__SSE2__)
#include <emmintrin.h>

namespace fulcrum::byte_scan {

inline __m128i load16(const char* p) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}

inline unsigned mask(__m128i bytes) {
    return static_cast<unsigned>(_mm_movemask_epi8(bytes));
}

// Bytes at or above 0x80: parts of multi-byte UTF-8 characters.
inline unsigned high(const char* p) {
    return mask(load16(p));
}

// Bytes a JSON string must escape: the quote, the backslash and those below 0x20.
inline unsigned escapes(const char* p) {
    const __m128i bytes = load16(p);
    const __m128i controls = // compared as signed bytes, those at or above 0x80 are below zero
        _mm_andnot_si128(_mm_cmplt_epi8(bytes, _mm_setzero_si128()), _mm_cmplt_epi8(bytes, _mm_set1_epi8(0x20)));
    return mask(_mm_or_si128(
        controls, _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\')))));
}

// Bytes that are not printable ASCII to be copied as they are: those
// `escapes` finds and those `high` finds, in one comparison fewer.
inline unsigned not_plain(__m128i bytes) {
    // Compared as signed bytes, those at or above 0x80 are below 0x20 too.
    return mask(_mm_or_si128(
        _mm_cmplt_epi8(bytes, _mm_set1_epi8(0x20)),
        _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\')))));
}

// Writes sixteen bytes at p, as load16 read them.
inline void store16(char* p, __m128i bytes) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(p), bytes);
}

} // namespace fulcrum::byte_scan
#endif
