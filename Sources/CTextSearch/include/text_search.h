#ifndef TAIZHANG_TEXT_SEARCH_H
#define TAIZHANG_TEXT_SEARCH_H

#include <stdint.h>

/// Offset of the first occurrence of `needle` (`m` bytes, m >= 1) in `base[from, to)`, or -1.
int64_t tz_find(const uint8_t *base, int64_t from, int64_t to, const uint8_t *needle, int64_t m);

/// Sorts `rows[0, count)` by whether their span of `base` holds `needle`: row r's span is
/// `base[starts[r], starts[r + 1])`. Writes the rows that do to `hits` and, when `misses` is
/// not null, the rows that do not to `misses`, both in the order given. Returns the number of
/// hits; the number of misses is `count` minus that.
int64_t tz_rows_containing(const uint8_t *base, const int64_t *starts, const int32_t *rows, int64_t count,
                           const uint8_t *needle, int64_t m, int32_t *hits, int32_t *misses);

#endif
