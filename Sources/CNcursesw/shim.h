// The one place allhands touches ncursesw's C API directly.
//
// SwiftPM ignores the -D flags `pkg-config ncursesw` prints, so they are repeated here, and
// NCURSES_WIDECHAR is set before curses.h so the wide-character API (cchar_t, add_wch,
// get_wch) is declared. Macros and globals Swift cannot import are wrapped in inline functions.
#ifndef ALLHANDS_CNCURSESW_SHIM_H
#define ALLHANDS_CNCURSESW_SHIM_H

#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 600
#endif
#define NCURSES_WIDECHAR 1

#include <locale.h>
#include <stdio.h>
#include <langinfo.h>
#include <string.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/// setlocale(LC_ALL, "") as every curses program must; if the environment's locale is not
/// UTF-8 (LANG unset in CI, say), falls back to C.UTF-8 for character classification so
/// wcwidth and wide output still work. Returns 1 when the character set is UTF-8.
static inline int ah_setlocale(void) {
    setlocale(LC_ALL, "");
    const char *codeset = nl_langinfo(CODESET);
    if (codeset && strcmp(codeset, "UTF-8") == 0) return 1;
    if (setlocale(LC_CTYPE, "C.UTF-8") || setlocale(LC_CTYPE, "en_US.UTF-8")) return 1;
    return 0;
}

static inline int ah_wcwidth(int c) { return wcwidth((wchar_t)c); }

static inline WINDOW *ah_stdscr(void) { return stdscr; }
static inline int ah_lines(void) { return LINES; }
static inline int ah_cols(void) { return COLS; }
static inline void ah_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }

static inline attr_t ah_a_normal(void) { return A_NORMAL; }
static inline attr_t ah_a_bold(void) { return A_BOLD; }
static inline attr_t ah_a_reverse(void) { return A_REVERSE; }
static inline attr_t ah_a_underline(void) { return A_UNDERLINE; }
static inline attr_t ah_a_dim(void) { return A_DIM; }

static inline int ah_key_f(int n) { return KEY_F(n); }
static inline mmask_t ah_button1_clicked(void) { return BUTTON1_CLICKED | BUTTON1_PRESSED; }
static inline mmask_t ah_button4_pressed(void) { return BUTTON4_PRESSED; }
#ifdef BUTTON5_PRESSED
static inline mmask_t ah_button5_pressed(void) { return BUTTON5_PRESSED; }
#else
static inline mmask_t ah_button5_pressed(void) { return 0; }
#endif

/// Writes one cell holding a whole grapheme cluster of up to CCHARW_MAX scalars with attributes
/// and a colour pair. setcchar keeps only the base and the non-spacing characters after it, which
/// would cut a flag, a skin tone or a ZWJ sequence in two, so the cell is built from the base and
/// its other scalars are set directly: ncurses then sends every scalar of the cluster, in order.
static inline int ah_put_cell(int y, int x, const wchar_t *chars, int count, attr_t attrs, short pair) {
    if (count < 1) return ERR;
    wchar_t base[2] = { chars[0], L'\0' };
    cchar_t cell;
    if (setcchar(&cell, base, attrs, pair, NULL) != OK) return ERR;
    int n = count < CCHARW_MAX ? count : CCHARW_MAX;
    for (int i = 1; i < n; i++) cell.chars[i] = chars[i];
    return mvadd_wch(y, x, &cell);
}

/// Sends a cluster longer than a curses cell can hold (a family emoji has seven scalars) straight
/// to the terminal at (y, x), after a refresh drew its base in that cell. The cursor is then put
/// back at a known place with absolute addressing, so ncurses never moves relative to a column
/// the terminal may have counted differently.
static inline int ah_emit_cluster(int y, int x, const char *utf8, attr_t attrs, short pair) {
    vid_attr(attrs, pair, NULL);
    mvcur(-1, -1, y, x);
    int rc = putp(utf8);
    mvcur(-1, -1, 0, 0);
    fflush(NULL);  // putp writes through stdio, which ncurses' own flush does not empty
    return rc;
}

/// get_wch: returns OK with a character, KEY_CODE_YES with a key code, or ERR on timeout.
static inline int ah_get_wch(int *out) {
    wint_t c = 0;
    int rc = get_wch(&c);
    *out = (int)c;
    return rc;
}

#endif
