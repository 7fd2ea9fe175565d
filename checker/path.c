#include "path.h"

#include "strbuf.h"
#include "xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool path_is_absolute(const char *path)
{
    return path && path[0] == '/';
}

/* Whether the component [start, start+len) is exactly name. */
static bool component_is(const char *start, size_t len, const char *name)
{
    return len == strlen(name) && memcmp(start, name, len) == 0;
}

/*
 * Drops the last component of a normalised path held in sb ("/a/b" → "/a", "/a" → "",
 * "a/b" → "a", "a" → ""). The empty absolute result is turned into "/" by the caller.
 */
static void drop_last_component(struct strbuf *sb)
{
    char *slash = strrchr(sb->data, '/');
    size_t keep = slash ? (size_t)(slash - sb->data) : 0;
    sb->data[keep] = '\0';
    sb->len = keep;
}

/*
 * Lexical normalisation of src, component by component. ncomp counts the components in the
 * result and nup the leading ".." of a relative result, which nothing can remove.
 * Caller frees.
 */
static char *normalise(const char *src)
{
    bool absolute = src[0] == '/';
    struct strbuf out;
    size_t ncomp = 0, nup = 0;
    const char *p = src;

    strbuf_init(&out);
    while (*p) {
        while (*p == '/')
            p++;
        const char *start = p;
        while (*p && *p != '/')
            p++;
        size_t len = (size_t)(p - start);
        if (len == 0 || component_is(start, len, "."))
            continue;
        if (component_is(start, len, "..")) {
            if (ncomp > nup) {
                drop_last_component(&out);
                ncomp--;
                continue;
            }
            if (absolute) /* ".." of "/" is "/" */
                continue;
            nup++;
        }
        if (absolute || ncomp > 0)
            strbuf_putc(&out, '/');
        strbuf_add(&out, start, len);
        ncomp++;
    }
    if (out.len == 0) {
        strbuf_fini(&out);
        return xstrdup(absolute ? "/" : ".");
    }
    return strbuf_take(&out);
}

char *path_join_normalise(const char *base_dir, const char *path)
{
    if (path_is_absolute(path) || !base_dir || !base_dir[0])
        return normalise(path);
    char *joined = xasprintf("%s/%s", base_dir, path);
    char *result = normalise(joined);
    free(joined);
    return result;
}

char *path_real(const char *path)
{
    /* realpath(path, NULL) mallocs its result (POSIX.1-2008), so free() releases it. */
    return realpath(path, NULL);
}

bool path_is_within(const char *root, const char *abs)
{
    if (strcmp(root, "/") == 0)
        return abs[0] == '/';
    size_t len = strlen(root);
    /* A common prefix is not enough: "/a/bc" does not lie under "/a/b". */
    return strncmp(root, abs, len) == 0 && (abs[len] == '\0' || abs[len] == '/');
}

char *path_relative_to(const char *root, const char *abs)
{
    if (!path_is_within(root, abs))
        return NULL;
    if (strcmp(root, abs) == 0)
        return xstrdup(".");
    size_t len = strcmp(root, "/") == 0 ? 0 : strlen(root);
    return xstrdup(abs + len + 1);
}

/* Whether dir holds an entry named ".git" (a directory, or the file of a worktree). */
static bool has_git_entry(const char *dir)
{
    struct stat st;
    char *probe = xasprintf("%s/.git", strcmp(dir, "/") == 0 ? "" : dir);
    bool found = lstat(probe, &st) == 0;
    free(probe);
    return found;
}

char *path_find_git_root(const char *start_dir)
{
    char *dir;
    if (path_is_absolute(start_dir)) {
        dir = normalise(start_dir);
    } else {
        char *cwd = path_cwd();
        if (!cwd)
            return NULL;
        dir = path_join_normalise(cwd, start_dir);
        free(cwd);
    }
    for (;;) {
        if (has_git_entry(dir))
            return dir;
        if (strcmp(dir, "/") == 0)
            break;
        char *slash = strrchr(dir, '/');
        slash[slash == dir ? 1 : 0] = '\0'; /* "/a" → "/", "/a/b" → "/a" */
    }
    free(dir);
    return NULL;
}

char *path_cwd(void)
{
    size_t size = 256;
    for (;;) {
        char *buf = xmalloc(size);
        if (getcwd(buf, size))
            return buf;
        int saved = errno;
        free(buf);
        if (saved != ERANGE || size > ((size_t)1 << 24)) {
            errno = saved;
            return NULL;
        }
        size *= 2;
    }
}
