#ifndef TAIZHANG_TEXT_SEARCH_H
#define TAIZHANG_TEXT_SEARCH_H

#include <stddef.h>
#include <stdint.h>

/// Offset of the first occurrence of `needle` (`m` bytes) in `base[from, to)`, or -1. An empty
/// needle is found at `from`.
ptrdiff_t tz_find(const uint8_t *base, ptrdiff_t from, ptrdiff_t to, const uint8_t *needle, ptrdiff_t m);

/// Sorts `rows[0, count)` by whether their span of `base` holds `needle`: row r's span is
/// `base[starts[r], starts[r + 1])`. Writes the rows that do to `hits` and, when `misses` is
/// not null, the rows that do not to `misses`, both in the order given. Returns the number of
/// hits; the number of misses is `count` minus that.
ptrdiff_t tz_rows_containing(const uint8_t *base, const ptrdiff_t *starts, const int32_t *rows, ptrdiff_t count,
                             const uint8_t *needle, ptrdiff_t m, int32_t *hits, int32_t *misses);

/// `tz_find` with a chosen kernel, so tests can check each one on any machine that runs it:
/// 0 the portable one, 1 SSE2, 2 AVX2. Returns -2 when this machine cannot run that kernel.
ptrdiff_t tz_find_with_kernel(int kernel, const uint8_t *base, ptrdiff_t from, ptrdiff_t to,
                              const uint8_t *needle, ptrdiff_t m);

#endif
