/*
 * File-system paths as strings: lexical joining and normalising, the relation "lies under",
 * realpath, the current directory and the enclosing git repository. Owns no state; every
 * returned string is a fresh heap copy that the caller frees with free(). Symlinks are only
 * resolved by path_real(); everything else is pure string work.
 */
#ifndef SOCKCHECK_PATH_H
#define SOCKCHECK_PATH_H

#include <stdbool.h>

/*
 * base_dir + path (path may be absolute, then base_dir is ignored; base_dir may be NULL),
 * normalised lexically: "//", "." and ".." removed (".." above "/" stays at "/"; a relative
 * result keeps its leading ".."); no symlink resolution. A relative result that is empty is
 * ".". Caller frees.
 */
char *path_join_normalise(const char *base_dir, const char *path);

/* realpath(3) of path; NULL if it does not exist or cannot be resolved. Caller frees. */
char *path_real(const char *path);

/*
 * abs relative to root ("src/a.c"), "/"-separated, when abs is root or below it; NULL
 * otherwise ("/a/bc" does not lie under "/a/b"). Both arguments absolute and normalised.
 * "" never: root itself gives ".". Caller frees.
 */
char *path_relative_to(const char *root, const char *abs);

/*
 * The nearest ancestor of start_dir (itself included) holding a ".git" entry (a directory,
 * or the file of a worktree or submodule); NULL if none. A relative start_dir is taken
 * against the current directory. Caller frees.
 */
char *path_find_git_root(const char *start_dir);

/* The process's current directory; NULL on failure (errno set by getcwd). Caller frees. */
char *path_cwd(void);

/*
 * Whether abs is root or lies below it ("/a/b/c" within "/a/b"; "/a/bc" is not). Both
 * absolute and normalised, as for path_relative_to(), which this answers without allocating.
 */
bool path_is_within(const char *root, const char *abs);

/* Whether path is absolute (starts with '/'). */
bool path_is_absolute(const char *path);

#endif
