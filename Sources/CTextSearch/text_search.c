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

// Rows prefetched ahead of the one being searched, and the first lines of each: a case's text
// is about 750 bytes, a match is usually within its first few hundred, and the processor's own
// prefetcher follows a longer read. (Chosen by timing 2 to 8 rows and 6 to 16 lines.)
enum { LOOK_AHEAD = 8, PREFETCH_LINES = 6 };

static inline void prefetch_span(const uint8_t *base, ptrdiff_t from, ptrdiff_t to) {
    ptrdiff_t line = from & ~(ptrdiff_t)63;
    for (int k = 0; line < to && k < PREFETCH_LINES; line += 64, k++) __builtin_prefetch(base + line, 0, 3);
}

// The bytes between the first and the last of the needle, once those two agree.
static inline int middle_matches(const uint8_t *p, const uint8_t *needle, ptrdiff_t m) {
    return m <= 2 || memcmp(p + 1, needle + 1, (size_t)(m - 2)) == 0;
}

typedef ptrdiff_t (*find_fn)(const uint8_t *, ptrdiff_t, ptrdiff_t, const uint8_t *, ptrdiff_t);

// Every kernel below is called with 2 <= m <= to - from.

// Any processor: the C library's memchr finds each candidate first byte.
static ptrdiff_t find_portable(const uint8_t *base, ptrdiff_t from, ptrdiff_t to, const uint8_t *needle, ptrdiff_t m) {
    const uint8_t *p = base + from, *end = base + to - m + 1;
    while (p < end) {
        p = memchr(p, needle[0], (size_t)(end - p));
        if (!p) return -1;
        if (p[m - 1] == needle[m - 1] && middle_matches(p, needle, m)) return p - base;
        p++;
    }
    return -1;
}

#if defined(__x86_64__)
// Compares the needle's first and last bytes 16 (SSE2) or 32 (AVX2) positions at a time and
// checks the rest only where both agree: Chinese text shares a handful of lead bytes, so a
// first-byte search alone would stop on nearly every character.
static ptrdiff_t find_sse2(const uint8_t *base, ptrdiff_t from, ptrdiff_t to, const uint8_t *needle, ptrdiff_t m) {
    const __m128i first = _mm_set1_epi8((char)needle[0]), last = _mm_set1_epi8((char)needle[m - 1]);
    ptrdiff_t i = from;
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
    return i + m <= to ? find_portable(base, i, to, needle, m) : -1;
}

__attribute__((target("avx2")))
static ptrdiff_t find_avx2(const uint8_t *base, ptrdiff_t from, ptrdiff_t to, const uint8_t *needle, ptrdiff_t m) {
    const __m256i first = _mm256_set1_epi8((char)needle[0]), last = _mm256_set1_epi8((char)needle[m - 1]);
    ptrdiff_t i = from;
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
    return i + m <= to ? find_portable(base, i, to, needle, m) : -1;
}

static int has_avx2(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2");
}
#endif

// The fastest kernel this processor runs. Checked per call: a cached choice would be state
// shared by the search threads, and the check reads a word the runtime set up at start.
static find_fn best_kernel(void) {
#if defined(__x86_64__)
    return has_avx2() ? find_avx2 : find_sse2;
#else
    return find_portable;
#endif
}

static inline ptrdiff_t find_with(find_fn kernel, const uint8_t *base, ptrdiff_t from, ptrdiff_t to,
                                  const uint8_t *needle, ptrdiff_t m) {
    if (m <= 0) return from;
    if (to - from < m) return -1;
    if (m == 1) {
        const void *p = memchr(base + from, needle[0], (size_t)(to - from));
        return p ? (const uint8_t *)p - base : -1;
    }
    return kernel(base, from, to, needle, m);
}

ptrdiff_t tz_find(const uint8_t *base, ptrdiff_t from, ptrdiff_t to, const uint8_t *needle, ptrdiff_t m) {
    return find_with(best_kernel(), base, from, to, needle, m);
}

ptrdiff_t tz_find_with_kernel(int kernel, const uint8_t *base, ptrdiff_t from, ptrdiff_t to,
                              const uint8_t *needle, ptrdiff_t m) {
    switch (kernel) {
    case 0: return find_with(find_portable, base, from, to, needle, m);
#if defined(__x86_64__)
    case 1: return find_with(find_sse2, base, from, to, needle, m);
    case 2: return has_avx2() ? find_with(find_avx2, base, from, to, needle, m) : -2;
#endif
    default: return -2;
    }
}

ptrdiff_t tz_rows_containing(const uint8_t *base, const ptrdiff_t *starts, const int32_t *rows, ptrdiff_t count,
                             const uint8_t *needle, ptrdiff_t m, int32_t *hits, int32_t *misses) {
    find_fn kernel = best_kernel();
    ptrdiff_t found = 0, missed = 0;
    for (ptrdiff_t k = 0; k < LOOK_AHEAD && k < count; k++) prefetch_span(base, starts[rows[k]], starts[rows[k] + 1]);
    for (ptrdiff_t k = 0; k < count; k++) {
        if (k + LOOK_AHEAD < count) {
            int32_t next = rows[k + LOOK_AHEAD];
            prefetch_span(base, starts[next], starts[next + 1]);
        }
        int32_t r = rows[k];
        if (find_with(kernel, base, starts[r], starts[r + 1], needle, m) >= 0) hits[found++] = r;
        else if (misses) misses[missed++] = r;
    }
    return found;
}
