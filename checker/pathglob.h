/*
 * Glob patterns over "/"-separated relative paths, for the configuration's include and
 * exclude lists: fnmatch(3) within each path segment ("*", "?", "[...]" never cross a "/"),
 * plus "**" as a whole segment for any number of segments, and a pattern that matches a
 * directory matches everything below it. Pure string work; owns nothing.
 */
#ifndef SOCKCHECK_PATHGLOB_H
#define SOCKCHECK_PATHGLOB_H

#include <stdbool.h>

/*
 * Whether pattern is well-formed. On false, *why_out is a static phrase saying what is wrong
 * ("an unterminated '['"). Refused: the empty pattern, an absolute one, a '[' without its
 * ']', a trailing '\', and "**" that is not a whole segment ("a**").
 */
bool pathglob_check(const char *pattern, const char **why_out);

/*
 * Whether the relative path (no leading "/" or "./") is matched by pattern, or lies below a
 * directory the pattern matches. A leading "./" in the pattern is ignored. Patterns are
 * assumed well-formed (pathglob_check).
 */
bool pathglob_match(const char *pattern, const char *path);

#endif
