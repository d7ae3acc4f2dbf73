// Per-thread nice values: in C because Swift's Glibc module does not expose gettid(), and
// setpriority(PRIO_PROCESS, tid, ...) on Linux applies to that one thread.
#define _GNU_SOURCE
#include "thread_priority.h"

#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

int tz_thread_nice(void) {
#if defined(__linux__)
    errno = 0;
    int nice = getpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid));
    return errno == 0 ? nice : -100;
#else
    return -100;
#endif
}

int tz_set_thread_nice(int nice) {
#if defined(__linux__)
    return setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), nice);
#else
    (void)nice;
    return -1;
#endif
}
