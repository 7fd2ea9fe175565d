#include "datadir.h"

#include "path.h"
#include "xalloc.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Set by CMakeLists.txt at configure time; the defaults keep a bare compile working. */
#ifndef SOCKCHECK_DATA_RELDIR
#define SOCKCHECK_DATA_RELDIR "../share/sockcheck"
#endif
#ifndef SOCKCHECK_BUILD_DIR
#define SOCKCHECK_BUILD_DIR NULL
#endif
#ifndef SOCKCHECK_SOURCE_DATA_DIR
#define SOCKCHECK_SOURCE_DATA_DIR NULL
#endif

/* The real path of dir when it is a directory; NULL otherwise. Caller frees. */
static char *real_dir(const char *dir)
{
    struct stat st;
    if (!dir || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return NULL;
    return path_real(dir);
}

/* The directory part of an absolute path ("/a/b/c" → "/a/b", "/c" → "/"). Caller frees. */
static char *parent_of(const char *abs)
{
    const char *slash = strrchr(abs, '/');
    if (!slash || slash == abs)
        return xstrdup("/");
    return xstrndup(abs, (size_t)(slash - abs));
}

/* Whether exe (a real path) lies inside dir, compared through dir's real path. */
static bool lies_within(const char *dir, const char *exe)
{
    char *real = dir ? path_real(dir) : NULL;
    bool inside = real && path_is_within(real, exe);
    free(real);
    return inside;
}

char *datadir_find_from(const char *exe, const struct datadir_layout *layout)
{
    char *exe_real = path_real(exe);
    if (!exe_real)
        return NULL;
    char *found = NULL;
    if (layout->relative) {
        char *bindir = parent_of(exe_real);
        char *candidate = path_join_normalise(bindir, layout->relative);
        found = real_dir(candidate);
        free(candidate);
        free(bindir);
    }
    /* The source tree is only for binaries of its own build tree: an installed binary whose
     * data was removed must say so, not quietly read a checkout that may be another version. */
    if (!found && layout->source_data && lies_within(layout->build_dir, exe_real))
        found = real_dir(layout->source_data);
    free(exe_real);
    return found;
}

/* name looked up in the directories of PATH, as a shell would; NULL when not found. */
static char *search_path(const char *name)
{
    const char *path = getenv("PATH");
    while (path && *path) {
        const char *colon = strchr(path, ':');
        size_t len = colon ? (size_t)(colon - path) : strlen(path);
        char *dir = len ? xstrndup(path, len) : xstrdup(".");
        char *candidate = xasprintf("%s/%s", dir, name);
        free(dir);
        if (access(candidate, X_OK) == 0)
            return candidate;
        free(candidate);
        path = colon ? colon + 1 : NULL;
    }
    return NULL;
}

/* The running executable: /proc/self/exe on Linux, else what argv0 names. Caller frees. */
static char *executable_path(const char *argv0)
{
    char *exe = path_real("/proc/self/exe");
    if (exe)
        return exe;
    if (!argv0 || !argv0[0])
        return NULL;
    if (strchr(argv0, '/'))
        return path_real(argv0);
    char *found = search_path(argv0);
    exe = found ? path_real(found) : NULL;
    free(found);
    return exe;
}

char *datadir_find(const char *argv0)
{
    const struct datadir_layout layout = {SOCKCHECK_DATA_RELDIR, SOCKCHECK_BUILD_DIR,
                                          SOCKCHECK_SOURCE_DATA_DIR};
    char *exe = executable_path(argv0);
    if (!exe)
        return NULL;
    char *dir = datadir_find_from(exe, &layout);
    free(exe);
    return dir;
}
