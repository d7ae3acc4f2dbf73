// The queue filter's byte search. It is written in C for two things Swift cannot say:
// prefetching (each row is a short span somewhere in a buffer of 100+ MB, and without a hint
// every row waits for memory) and choosing AVX2 at run time (Swift's SIMD types compile to
// the SSE2 baseline on x86-64). On a 200 000-case ledger this was about four times faster
// than the same loop in Swift.
#include "text_search.h"

#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

// Rows prefetched ahead of the one being searched, and at most this many lines of each: a
// case's text is about 750 bytes, and most needles are found (or not) within it.
enum { LOOK_AHEAD = 4, PREFETCH_LINES = 16 };

static inline void prefetch_span(const uint8_t *base, int64_t from, int64_t to) {
    int64_t line = from & ~(int64_t)63;
    for (int k = 0; line < to && k < PREFETCH_LINES; line += 64, k++) __builtin_prefetch(base + line, 0, 3);
}

// The bytes between the first and the last of the needle, once those two agree.
static inline int middle_matches(const uint8_t *p, const uint8_t *needle, int64_t m) {
    return m <= 2 || memcmp(p + 1, needle + 1, (size_t)(m - 2)) == 0;
}

static int64_t find_tail(const uint8_t *base, int64_t i, int64_t to, const uint8_t *needle, int64_t m) {
    for (; i + m <= to; i++) {
        if (base[i] == needle[0] && base[i + m - 1] == needle[m - 1] && middle_matches(base + i, needle, m)) return i;
    }
    return -1;
}

#if defined(__x86_64__)
// Compares the needle's first and last bytes 16 (SSE2) or 32 (AVX2) positions at a time and
// checks the rest only where both agree: Chinese text shares a handful of lead bytes, so a
// first-byte search alone would stop on nearly every character.
static int64_t find_sse2(const uint8_t *base, int64_t from, int64_t to, const uint8_t *needle, int64_t m) {
    const __m128i first = _mm_set1_epi8((char)needle[0]), last = _mm_set1_epi8((char)needle[m - 1]);
    int64_t i = from;
    for (; i + 16 + m - 1 <= to; i += 16) {
        __m128i a = _mm_loadu_si128((const __m128i *)(base + i));
        __m128i b = _mm_loadu_si128((const __m128i *)(base + i + m - 1));
        unsigned mask = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last)));
        while (mask) {
            int k = __builtin_ctz(mask);
            if (middle_matches(base + i + k, needle, m)) return i + k;
            mask &= mask - 1;
        }
    }
    return find_tail(base, i, to, needle, m);
}

__attribute__((target("avx2")))
static int64_t find_avx2(const uint8_t *base, int64_t from, int64_t to, const uint8_t *needle, int64_t m) {
    const __m256i first = _mm256_set1_epi8((char)needle[0]), last = _mm256_set1_epi8((char)needle[m - 1]);
    int64_t i = from;
    for (; i + 32 + m - 1 <= to; i += 32) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(base + i));
        __m256i b = _mm256_loadu_si256((const __m256i *)(base + i + m - 1));
        unsigned mask = (unsigned)_mm256_movemask_epi8(_mm256_and_si256(_mm256_cmpeq_epi8(a, first), _mm256_cmpeq_epi8(b, last)));
        while (mask) {
            int k = __builtin_ctz(mask);
            if (middle_matches(base + i + k, needle, m)) return i + k;
            mask &= mask - 1;
        }
    }
    return find_tail(base, i, to, needle, m);
}

typedef int64_t (*find_fn)(const uint8_t *, int64_t, int64_t, const uint8_t *, int64_t);

static find_fn chosen_find(void) {
    // Checked on each call: a cached choice would be shared state between the search threads,
    // and the check is one load of a word the runtime set up at start.
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") ? find_avx2 : find_sse2;
}
#endif

static inline int64_t find_with(
#if defined(__x86_64__)
    find_fn find,
#endif
    const uint8_t *base, int64_t from, int64_t to, const uint8_t *needle, int64_t m) {
    if (m <= 0) return from;
    if (to - from < m) return -1;
    if (m == 1) {
        const void *p = memchr(base + from, needle[0], (size_t)(to - from));
        return p ? (const uint8_t *)p - base : -1;
    }
#if defined(__x86_64__)
    return find(base, from, to, needle, m);
#else
    return find_tail(base, from, to, needle, m);
#endif
}

int64_t tz_find(const uint8_t *base, int64_t from, int64_t to, const uint8_t *needle, int64_t m) {
#if defined(__x86_64__)
    return find_with(chosen_find(), base, from, to, needle, m);
#else
    return find_with(base, from, to, needle, m);
#endif
}

int64_t tz_rows_containing(const uint8_t *base, const int64_t *starts, const int32_t *rows, int64_t count,
                           const uint8_t *needle, int64_t m, int32_t *hits, int32_t *misses) {
#if defined(__x86_64__)
    find_fn find = chosen_find();
#endif
    int64_t found = 0, missed = 0;
    for (int64_t k = 0; k < LOOK_AHEAD && k < count; k++) prefetch_span(base, starts[rows[k]], starts[rows[k] + 1]);
    for (int64_t k = 0; k < count; k++) {
        if (k + LOOK_AHEAD < count) {
            int32_t next = rows[k + LOOK_AHEAD];
            prefetch_span(base, starts[next], starts[next + 1]);
        }
        int32_t r = rows[k];
#if defined(__x86_64__)
        int64_t at = find_with(find, base, starts[r], starts[r + 1], needle, m);
#else
        int64_t at = find_with(base, starts[r], starts[r + 1], needle, m);
#endif
        if (at >= 0) hits[found++] = r;
        else if (misses) misses[missed++] = r;
    }
    return found;
}
