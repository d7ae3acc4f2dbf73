/*
 * shim.h - the C boundary between taizhang and ncursesw.
 *
 * Swift imports C functions but not C macros that take arguments, and it
 * cannot see `stdscr` as a stable symbol on every platform. Each wrapper
 * below exists for exactly one of those reasons; nothing else belongs here.
 */
#ifndef TAIZHANG_CNCURSESW_SHIM_H
#define TAIZHANG_CNCURSESW_SHIM_H

/* The wide-character API (mvaddnwstr, cchar_t) needs this before curses.h. Keys are not read
 * through ncurses: the backend reads the terminal's bytes and TaizhangTerminalCore decodes them. */
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <signal.h>
#include <sys/ioctl.h>

/* `stdscr` is a macro over a global in some builds; give Swift a function. */
static inline WINDOW *tz_stdscr(void) { return stdscr; }

/* From term.h, which is not included: its capability macros (`lines`, `columns`, ...) would
 * leak into every file that imports this module. */
struct term;
extern int setupterm(const char *, int, int *);
extern struct term *set_curterm(struct term *);
extern int del_curterm(struct term *);

/* Whether `term` can run a full-screen program, read from terminfo alone (nothing is written):
 * 1 yes; 0 terminfo does not know it; -1 known but cannot move the cursor or clear (dumb).
 * initscr would instead print its own message and exit. */
static inline int tz_terminal_usable(const char *term) {
    int err = 0;
    if (setupterm(term, 1, &err) != 0) return 0;
    char *cup = tigetstr("cup"), *clear = tigetstr("clear");
    int ok = cup != NULL && cup != (char *)-1 && clear != NULL && clear != (char *)-1;
    del_curterm(set_curterm(NULL));
    return ok ? 1 : -1;
}

/* COLOR_PAIR(n) is a macro. */
static inline int tz_color_pair(int n) { return COLOR_PAIR(n); }

/* getmaxyx is a macro that assigns to its arguments. */
static inline void tz_getmaxyx(WINDOW *w, int *rows, int *cols) {
    int r, c;
    getmaxyx(w, r, c);
    *rows = r;
    *cols = c;
}

/* The codeset name of the current locale, to decide whether to fall back to C.UTF-8. */
static inline const char *tz_codeset(void) { return nl_langinfo(CODESET); }

/* A_* attributes are built with the function-like macro NCURSES_BITS. */
static inline int tz_a_bold(void) { return (int)A_BOLD; }
static inline int tz_a_reverse(void) { return (int)A_REVERSE; }
static inline int tz_a_underline(void) { return (int)A_UNDERLINE; }

/* attrset is a macro over wattrset, itself a macro while the WINDOW struct is visible. */
static inline int tz_attrset(int attrs) { return attrset(attrs); }

/* mvaddnwstr takes wchar_t, whose width differs between platforms; take UTF-32 code points
 * (one grid cell holds one grapheme cluster, a few code points at most). */
static inline int tz_mvaddnwstr(int y, int x, const unsigned int *text, int n) {
    wchar_t buf[32];
    if (n > 31) n = 31;
    for (int i = 0; i < n; i++) buf[i] = (wchar_t)text[i];
    buf[n] = 0;
    return mvaddnwstr(y, x, buf, n);
}

/* The kernel's idea of the terminal size (TIOCGWINSZ through the variadic ioctl, which Swift
 * cannot call portably), to notice a resize even when SIGWINCH never reaches ncurses. */
static inline int tz_terminal_size(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

/* Unblocks SIGWINCH, which a parent may have blocked in the mask we inherited; ncurses needs it
 * to report KEY_RESIZE. (sigset_t manipulation is macros on some libcs.) */
static inline void tz_unblock_sigwinch(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGWINCH);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

#endif
