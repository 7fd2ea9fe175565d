#include "pathglob.h"

#include "xalloc.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

/* Whether the segment [seg, seg+len) is exactly "**". */
static bool is_globstar(const char *seg, size_t len)
{
    return len == 2 && seg[0] == '*' && seg[1] == '*';
}

/* The end of the bracket expression whose '[' is at p, or NULL when it has no ']'. */
static const char *bracket_end(const char *p)
{
    const char *q = p + 1;
    if (*q == '!' || *q == '^')
        q++;
    if (*q == ']')
        q++; /* a ']' right after the opening is a member, as in fnmatch */
    while (*q && *q != ']' && *q != '/')
        q++;
    return *q == ']' ? q : NULL;
}

/* Checks one segment [seg, seg+len) of a pattern. */
static bool segment_check(const char *seg, size_t len, const char **why_out)
{
    if (is_globstar(seg, len))
        return true;
    for (size_t i = 0; i < len; i++) {
        if (seg[i] == '\\') {
            if (i + 1 >= len) {
                *why_out = "a '\\' with nothing to escape";
                return false;
            }
            i++;
        } else if (seg[i] == '[') {
            const char *end = bracket_end(seg + i);
            if (!end || end >= seg + len) {
                *why_out = "an unterminated '['";
                return false;
            }
            i = (size_t)(end - seg);
        } else if (seg[i] == '*' && i + 1 < len && seg[i + 1] == '*') {
            *why_out = "'**' that is not a whole path segment (write 'dir/**/name')";
            return false;
        }
    }
    return true;
}

bool pathglob_check(const char *pattern, const char **why_out)
{
    if (!pattern[0]) {
        *why_out = "an empty pattern";
        return false;
    }
    if (pattern[0] == '/') {
        *why_out = "an absolute path (patterns are relative to the project root)";
        return false;
    }
    const char *p = pattern;
    while (*p) {
        size_t len = strcspn(p, "/");
        if (!segment_check(p, len, why_out))
            return false;
        p += len;
        if (*p == '/')
            p++;
    }
    return true;
}

/*
 * Matches the pattern segments pat[0..npat) against the path segments path[0..npath). A
 * pattern that runs out first matches a directory, and so everything below it.
 */
static bool match_segments(char **pat, size_t npat, char **path, size_t npath)
{
    if (npat == 0)
        return true;
    if (strcmp(pat[0], "**") == 0) {
        for (size_t skip = 0; skip <= npath; skip++) {
            if (match_segments(pat + 1, npat - 1, path + skip, npath - skip))
                return true;
        }
        return false;
    }
    if (npath == 0)
        return false;
    if (fnmatch(pat[0], path[0], 0) != 0)
        return false;
    return match_segments(pat + 1, npat - 1, path + 1, npath - 1);
}

/* Splits s at "/" into heap copies (empty and "." segments dropped); caller frees. */
static char **split(const char *s, size_t *n_out)
{
    size_t n = 0, cap = 0;
    char **segs = NULL;
    while (*s) {
        size_t len = strcspn(s, "/");
        if (len > 0 && !(len == 1 && s[0] == '.'))
            *XPUSH(segs, n, cap) = xstrndup(s, len);
        s += len;
        if (*s == '/')
            s++;
    }
    *n_out = n;
    return segs;
}

static void free_segments(char **segs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(segs[i]);
    free(segs);
}

bool pathglob_match(const char *pattern, const char *path)
{
    size_t npat, npath;
    char **pat = split(pattern, &npat);
    char **segs = split(path, &npath);
    /* A pattern of only "**" or "." segments would match the root itself: everything. */
    bool ok = npat == 0 || match_segments(pat, npat, segs, npath);
    free_segments(pat, npat);
    free_segments(segs, npath);
    return ok;
}
