#include "units.h"

#include "compdb.h"
#include "path.h"
#include "xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void unit_fini(struct unit *unit)
{
    free(unit->path);
    free(unit->directory);
    for (size_t i = 0; i < unit->nargs; i++)
        free(unit->args[i]);
    free(unit->args);
    free(unit->problem);
    memset(unit, 0, sizeof *unit);
}

void unit_list_fini(struct unit_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        unit_fini(&list->items[i]);
    free(list->items);
    list->items = NULL;
    list->count = list->cap = 0;
}

/* Appends a unit for path (taken) with no arguments yet; problem (taken) may be NULL. */
static void push_unit(struct unit_list *list, char *path, const char *cwd, char *problem)
{
    struct unit *u = XPUSH(list->items, list->count, list->cap);
    memset(u, 0, sizeof *u);
    u->path = path;
    u->directory = xstrdup(cwd);
    u->problem = problem;
    u->reported = true;
}

/* ---- directories already walked ------------------------------------------------------ */

/*
 * Directories are identified by (st_dev, st_ino), not by path: a symlink back up the tree
 * (a loop) or two symlinks to one directory reach a directory already seen under a new
 * name, and must not be walked again (SPEC §6: symlink loops terminate).
 */
struct dir_id {
    dev_t dev;
    ino_t ino;
};

struct dirset {
    struct dir_id *slots;
    bool *used;
    size_t cap;
    size_t count;
};

static size_t dir_id_hash(const struct dir_id *id, size_t cap)
{
    uint64_t h = ((uint64_t)id->dev * 1099511628211u) ^ (uint64_t)id->ino;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9u;
    h ^= h >> 32;
    return (size_t)(h & (cap - 1));
}

static void dirset_place(struct dirset *set, const struct dir_id *id)
{
    size_t i = dir_id_hash(id, set->cap);
    while (set->used[i])
        i = (i + 1) & (set->cap - 1);
    set->slots[i] = *id;
    set->used[i] = true;
}

static void dirset_grow(struct dirset *set)
{
    struct dirset old = *set;
    set->cap = old.cap ? old.cap * 2 : 64;
    set->slots = xcalloc(set->cap, sizeof *set->slots);
    set->used = xcalloc(set->cap, sizeof *set->used);
    for (size_t i = 0; i < old.cap; i++)
        if (old.used[i])
            dirset_place(set, &old.slots[i]);
    free(old.slots);
    free(old.used);
}

/* Adds the directory of st; false when it was already there. */
static bool dirset_add(struct dirset *set, const struct stat *st)
{
    struct dir_id id = {st->st_dev, st->st_ino};
    if (set->cap) {
        for (size_t i = dir_id_hash(&id, set->cap); set->used[i]; i = (i + 1) & (set->cap - 1))
            if (set->slots[i].dev == id.dev && set->slots[i].ino == id.ino)
                return false;
    }
    if ((set->count + 1) * 2 > set->cap)
        dirset_grow(set);
    dirset_place(set, &id);
    set->count++;
    return true;
}

static void dirset_fini(struct dirset *set)
{
    free(set->slots);
    free(set->used);
}

/* ---- walking a directory ------------------------------------------------------------- */

/*
 * A walk in progress. Directories are read breadth-first from a queue (depth costs no C
 * stack), entries in name order, and a directory is claimed in visited when it is queued.
 * Directories reached through a symlink wait in deferred until every real directory has
 * been claimed, so a directory that is both inside the tree and the target of a symlink is
 * reported under its real path, and which name wins never depends on readdir order.
 */
struct walk {
    struct unit_list *out;
    const char *cwd;
    struct dirset visited;
    char **queue; /* directories to read, from head on */
    size_t head;
    size_t nqueue;
    size_t capqueue;
    char **deferred; /* symlinks to directories, not yet claimed */
    size_t ndeferred;
    size_t capdeferred;
};

static bool has_c_suffix(const char *name)
{
    size_t n = strlen(name);
    return n > 2 && strcmp(name + n - 2, ".c") == 0;
}

/* Queues dir (taken) unless its directory was claimed already. */
static void walk_claim(struct walk *w, char *dir, const struct stat *st)
{
    if (dirset_add(&w->visited, st))
        *XPUSH(w->queue, w->nqueue, w->capqueue) = dir;
    else
        free(dir);
}

/* Handles one directory entry: a directory to read later, a .c file, or nothing. */
static void walk_entry(struct walk *w, const char *dir, const char *name)
{
    bool hidden = name[0] == '.';
    char *child = xasprintf("%s/%s", strcmp(dir, "/") == 0 ? "" : dir, name);
    struct stat lst, st;

    if (lstat(child, &lst) != 0 || stat(child, &st) != 0) {
        /* A .c name that cannot be reached (a dangling symlink) is reported, so that a file
         * the user expects to be checked does not vanish; hidden ones are editor lock files
         * (".#a.c"). */
        if (!hidden && has_c_suffix(name)) {
            char *why = xasprintf("cannot access %s: %s", child, strerror(errno));
            push_unit(w->out, child, w->cwd, why);
            return;
        }
    } else if (S_ISDIR(st.st_mode)) {
        /* Hidden directories (.git, .cache) hold no sources of the project. */
        if (hidden) {
            free(child);
        } else if (S_ISLNK(lst.st_mode)) {
            *XPUSH(w->deferred, w->ndeferred, w->capdeferred) = child;
        } else {
            walk_claim(w, child, &st);
        }
        return;
    } else if (S_ISREG(st.st_mode) && has_c_suffix(name)) {
        push_unit(w->out, child, w->cwd, NULL);
        return;
    }
    free(child);
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir other than "." and "..", sorted; NULL when dir cannot be read. */
static char **read_names(const char *dir, size_t *count_out)
{
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            *XPUSH(names, n, cap) = xstrdup(e->d_name);
    }
    closedir(d);
    if (n > 1)
        qsort(names, n, sizeof *names, compare_strings);
    *count_out = n;
    return names ? names : xcalloc(1, sizeof *names);
}

/*
 * Reads one directory (borrowed). An unreadable directory becomes a unit with a problem, so
 * that the run reports it and still checks the rest.
 */
static void walk_dir(struct walk *w, const char *dir)
{
    size_t n = 0;
    char **names = read_names(dir, &n);
    if (!names) {
        char *why = xasprintf("cannot read directory %s: %s", dir, strerror(errno));
        push_unit(w->out, xstrdup(dir), w->cwd, why);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        walk_entry(w, dir, names[i]);
        free(names[i]);
    }
    free(names);
}

/* Claims the symlinked directories found so far, in the order they were found. */
static void walk_follow_deferred(struct walk *w)
{
    char **deferred = w->deferred;
    size_t n = w->ndeferred;
    w->deferred = NULL;
    w->ndeferred = w->capdeferred = 0;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(deferred[i], &st) == 0)
            walk_claim(w, deferred[i], &st);
        else
            free(deferred[i]);
    }
    free(deferred);
}

/* All *.c files below root (absolute, normalised; st is its stat), in no particular order. */
static void walk_tree(const char *root, const struct stat *st, const char *cwd,
                      struct unit_list *out)
{
    struct walk w = {.out = out, .cwd = cwd};
    walk_claim(&w, xstrdup(root), st);
    while (w.head < w.nqueue || w.ndeferred > 0) {
        if (w.head == w.nqueue) {
            walk_follow_deferred(&w);
            continue;
        }
        walk_dir(&w, w.queue[w.head]);
        free(w.queue[w.head]);
        w.head++;
    }
    free(w.queue);
    dirset_fini(&w.visited);
}

/* ---- collecting ---------------------------------------------------------------------- */

/*
 * The absolute, normalised form of a PATH argument, and its stat. Returns NULL and fills
 * err when it does not exist.
 */
static char *resolve_path(const char *path, const char *cwd, struct stat *st, struct sc_error *err)
{
    if (!path[0]) {
        sc_error_set(err, SC_ERROR_USAGE, NULL, 0,
                     "an empty PATH was given: name a file or a directory");
        return NULL;
    }
    char *abs = path_join_normalise(cwd, path);
    if (stat(abs, st) != 0) {
        int e = errno;
        if (e == ENOENT || e == ENOTDIR)
            sc_error_set(err, SC_ERROR_IO, path, 0, "no such file or directory: %s", path);
        else
            sc_error_set(err, SC_ERROR_IO, path, 0, "cannot access %s: %s", path, strerror(e));
        free(abs);
        return NULL;
    }
    return abs;
}

static int compare_units(const void *a, const void *b)
{
    return strcmp(((const struct unit *)a)->path, ((const struct unit *)b)->path);
}

/* Sorts by path and keeps one unit per path (a file given twice, or also inside a
 * directory given). */
static void sort_unique(struct unit_list *list)
{
    if (list->count == 0)
        return;
    qsort(list->items, list->count, sizeof *list->items, compare_units);
    size_t kept = 1;
    for (size_t i = 1; i < list->count; i++) {
        if (strcmp(list->items[i].path, list->items[kept - 1].path) == 0)
            unit_fini(&list->items[i]);
        else
            list->items[kept++] = list->items[i];
    }
    list->count = kept;
}

/* Units from PATHs alone: files as given, directories walked. */
static int collect_paths(const struct units_request *req, const char *cwd, struct unit_list *out,
                         struct sc_error *err)
{
    for (size_t i = 0; i < req->npaths; i++) {
        struct stat st;
        char *abs = resolve_path(req->paths[i], cwd, &st, err);
        if (!abs)
            return -1;
        if (S_ISDIR(st.st_mode)) {
            walk_tree(abs, &st, cwd, out);
            free(abs);
        } else {
            /* Any file is accepted: the user asked for it. What is not C source (a FIFO, a
             * device, a binary) is refused per unit by srccheck_file, with the reason. */
            push_unit(out, abs, cwd, NULL);
        }
    }
    sort_unique(out);
    return 0;
}

/* A PATH narrowing a compilation database: its lexical and real forms. */
struct narrow {
    char *abs;
    char *real; /* NULL when it cannot be resolved */
    bool is_dir;
    bool is_regular;
    bool matched; /* some unit of the database is this file or lies under this directory */
};

/* Whether a unit's path (lexical, and real when known) is or lies under one narrow path. */
static bool narrow_matches(const struct narrow *n, const char *path, const char *real)
{
    if (n->is_dir)
        return path_is_within(n->abs, path) || (n->real && real && path_is_within(n->real, real));
    return strcmp(n->abs, path) == 0 || (n->real && real && strcmp(n->real, real) == 0);
}

/* Whether the PATHs select unit u; every PATH that does is marked matched. */
static bool unit_selected(struct narrow *narrows, size_t n, const struct unit *u)
{
    /* Paths are compared lexically first, then through realpath, so that "src/a.c" given
     * through a symlinked checkout still selects the database's entry. */
    char *real = path_real(u->path);
    bool found = false;
    for (size_t i = 0; i < n; i++) {
        if (narrow_matches(&narrows[i], u->path, real)) {
            narrows[i].matched = true;
            found = true;
        }
    }
    free(real);
    return found;
}

/* Whether narrows[i] names the same file as an earlier one ("a.c" given twice). */
static bool narrow_repeats(const struct narrow *narrows, size_t i)
{
    for (size_t k = 0; k < i; k++) {
        if (strcmp(narrows[k].abs, narrows[i].abs) == 0 ||
            (narrows[k].real && narrows[i].real && strcmp(narrows[k].real, narrows[i].real) == 0))
            return true;
    }
    return false;
}

/*
 * File PATHs that no database entry is for (a new file not built yet, as pre-commit passes
 * staged files) are still checked: a unit of their own, in PATH order after the database's,
 * with no arguments but the "-- ARGS". Silently dropping them would pass a commit unchecked.
 */
static void add_unlisted_files(struct narrow *narrows, size_t n, const char *cwd,
                               struct unit_list *out)
{
    for (size_t i = 0; i < n; i++) {
        if (narrows[i].is_dir || narrows[i].matched || narrow_repeats(narrows, i))
            continue;
        char *why =
            narrows[i].is_regular ? NULL : xasprintf("%s is not a regular file", narrows[i].abs);
        push_unit(out, xstrdup(narrows[i].abs), cwd, why);
    }
}

/* Keeps the units of loaded that the PATHs select, moving them to out, in database order. */
static int narrow_units(const struct units_request *req, const char *cwd, struct unit_list *loaded,
                        struct unit_list *out, struct sc_error *err)
{
    struct narrow *narrows = xcalloc(req->npaths, sizeof *narrows);
    int rc = 0;
    for (size_t i = 0; i < req->npaths && rc == 0; i++) {
        struct stat st;
        narrows[i].abs = resolve_path(req->paths[i], cwd, &st, err);
        if (!narrows[i].abs) {
            rc = -1;
            break;
        }
        narrows[i].real = path_real(narrows[i].abs);
        narrows[i].is_dir = S_ISDIR(st.st_mode);
        narrows[i].is_regular = S_ISREG(st.st_mode);
    }
    for (size_t i = 0; i < loaded->count && rc == 0; i++) {
        loaded->items[i].reported = unit_selected(narrows, req->npaths, &loaded->items[i]);
        *XPUSH(out->items, out->count, out->cap) = loaded->items[i];
        memset(&loaded->items[i], 0, sizeof loaded->items[i]); /* moved to out */
    }
    if (rc == 0)
        add_unlisted_files(narrows, req->npaths, cwd, out);
    for (size_t i = 0; i < req->npaths; i++) {
        free(narrows[i].abs);
        free(narrows[i].real);
    }
    free(narrows);
    return rc;
}

static int collect_compdb(const struct units_request *req, const char *cwd, struct unit_list *out,
                          struct sc_error *err)
{
    if (req->npaths == 0) {
        int rc = compdb_load(req->compdb_dir, out, err);
        for (size_t i = 0; rc == 0 && i < out->count; i++)
            out->items[i].reported = true;
        return rc;
    }
    struct unit_list loaded = {0};
    int rc = compdb_load(req->compdb_dir, &loaded, err);
    if (rc == 0)
        rc = narrow_units(req, cwd, &loaded, out, err);
    unit_list_fini(&loaded);
    return rc;
}

/* Appends the "-- ARGS" of the command line to every unit, after its own arguments, so that
 * the user's -D or -I wins over the database's. */
static void append_extra_args(const struct units_request *req, struct unit_list *list)
{
    if (req->nextra == 0)
        return;
    for (size_t i = 0; i < list->count; i++) {
        struct unit *u = &list->items[i];
        u->args = xrealloc(u->args, (u->nargs + req->nextra + 1) * sizeof *u->args);
        for (size_t k = 0; k < req->nextra; k++)
            u->args[u->nargs++] = xstrdup(req->extra_args[k]);
        u->args[u->nargs] = NULL;
    }
}

int units_collect(const struct units_request *req, struct unit_list *out, struct sc_error *err)
{
    memset(out, 0, sizeof *out);
    if (!req->compdb_dir && req->npaths == 0) {
        sc_error_set(err, SC_ERROR_USAGE, NULL, 0,
                     "no input: give files or directories to check, or -p DIR with a "
                     "compile_commands.json");
        return -1;
    }
    char *cwd = path_cwd();
    if (!cwd) {
        sc_error_set(err, SC_ERROR_IO, NULL, 0, "cannot get the current directory: %s",
                     strerror(errno));
        return -1;
    }
    int rc =
        req->compdb_dir ? collect_compdb(req, cwd, out, err) : collect_paths(req, cwd, out, err);
    if (rc == 0)
        append_extra_args(req, out);
    else
        unit_list_fini(out);
    free(cwd);
    return rc;
}
