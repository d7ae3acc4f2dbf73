#ifndef TZ_THREAD_PRIORITY_H
#define TZ_THREAD_PRIORITY_H

/// The calling thread's nice value (Linux gives each thread its own), or -100 when it cannot be
/// read. Used by the background build of the search text, which runs on as many threads as
/// there are cores and must leave the terminal's thread room to answer every key.
int tz_thread_nice(void);

/// Sets the calling thread's nice value; returns 0, or -1 when it cannot.
int tz_set_thread_nice(int nice);

#endif
