/*
 * Text from files sockcheck did not write (a key of .sockcheck.json, a function name in a
 * model, a path) ends up in messages on a terminal. A control character in it would be
 * obeyed there: an escape sequence can rewrite the screen, retitle the window or hide the
 * rest of the line. Messages pass through here before they are printed.
 */
#ifndef SOCKCHECK_TEXTSAFE_H
#define SOCKCHECK_TEXTSAFE_H

/*
 * A copy of s (the caller frees it) in which every C0 control character, DEL and every C1
 * control character written in UTF-8 (U+0080 to U+009F) is replaced by '?'. Everything else,
 * other UTF-8 and bytes that are not UTF-8, is kept as it is.
 */
char *textsafe_copy(const char *s);

#endif
