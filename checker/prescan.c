#include "prescan.h"

#include "path.h"
#include "prescan_text.h"
#include "srcfile.h"
#include "xalloc.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NO_FILE SIZE_MAX

void prescan_add_socket_api(struct name_set *set)
{
    /* close and closesocket too: a function that closes a socket it was given tracks it,
     * and may have a summary (it may hand it to a call that enables reuse). */
    static const char *const names[] = {
        "socket",  "bind",  "listen",      "setsockopt", "accept",     "accept4",
        "connect", "close", "closesocket", "WSASocketA", "WSASocketW", "tcp_tw_recycle",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        name_set_add(set, names[i]);
}

/* ---- the files of a run ------------------------------------------------------------------ */

enum file_kind { FILE_MISSING, FILE_REGULAR, FILE_DIRECTORY, FILE_SPECIAL };

struct ps_file {
    char *path;
    enum file_kind kind;
    const char *what; /* FILE_SPECIAL: "a FIFO", "a character device" ... */
    bool scanned;     /* text holds the scan (FILE_REGULAR, read on first use) */
    bool unreadable;  /* could not be read: a unit including it may matter */
    struct prescan_text text;
    size_t visited; /* the last unit walk that reached it (1-based serial) */
    size_t at;      /* where in that unit's files */
};

struct ps_unit {
    size_t *files; /* indices into prescan.files, the main file first */
    bool *nested;  /* per file: included inside a body (directly or not) */
    size_t nfiles, files_cap;
    struct prescan_idents args;
    bool always; /* it cannot tell: the unit may matter */
};

struct prescan {
    struct ps_file *files;
    size_t nfiles, files_cap;
    size_t *slots; /* open addressing by path: index + 1, 0 empty */
    size_t nslots;
    struct ps_unit *units;
    size_t nunits, units_cap;
    /* The last prescan_query: its sets (borrowed) and, per file, whether it answered, as it
     * stands and anywhere in it (for files included inside a body). */
    const struct name_set *mentioned, *defined;
    bool *hits, *hits_anywhere;
};

struct prescan *prescan_new(void)
{
    struct prescan *ps = xcalloc(1, sizeof *ps);
    ps->nslots = 256;
    ps->slots = xcalloc(ps->nslots, sizeof *ps->slots);
    return ps;
}

void prescan_free(struct prescan *ps)
{
    if (!ps)
        return;
    for (size_t i = 0; i < ps->nfiles; i++) {
        free(ps->files[i].path);
        prescan_text_fini(&ps->files[i].text);
    }
    for (size_t i = 0; i < ps->nunits; i++) {
        free(ps->units[i].files);
        free(ps->units[i].nested);
        prescan_idents_fini(&ps->units[i].args);
    }
    free(ps->files);
    free(ps->slots);
    free(ps->units);
    free(ps->hits);
    free(ps->hits_anywhere);
    free(ps);
}

static size_t hash_path(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static void rehash(struct prescan *ps)
{
    free(ps->slots);
    ps->nslots *= 2;
    ps->slots = xcalloc(ps->nslots, sizeof *ps->slots);
    for (size_t i = 0; i < ps->nfiles; i++) {
        size_t s = hash_path(ps->files[i].path) & (ps->nslots - 1);
        while (ps->slots[s])
            s = (s + 1) & (ps->nslots - 1);
        ps->slots[s] = i + 1;
    }
}

static const char *special_kind(mode_t mode)
{
    if (S_ISFIFO(mode))
        return "a FIFO";
    if (S_ISCHR(mode))
        return "a character device";
    if (S_ISBLK(mode))
        return "a block device";
    if (S_ISSOCK(mode))
        return "a socket";
    return "not a file";
}

/* The file at path (taken), looked at with stat(2) the first time: stat never opens it, so a
 * FIFO cannot block the scan. */
static size_t file_at(struct prescan *ps, char *path)
{
    size_t s = hash_path(path) & (ps->nslots - 1);
    for (; ps->slots[s]; s = (s + 1) & (ps->nslots - 1)) {
        if (strcmp(ps->files[ps->slots[s] - 1].path, path) == 0) {
            free(path);
            return ps->slots[s] - 1;
        }
    }
    struct ps_file *f = XPUSH(ps->files, ps->nfiles, ps->files_cap);
    memset(f, 0, sizeof *f);
    f->path = path;
    struct stat st;
    if (stat(path, &st) != 0)
        f->kind = FILE_MISSING;
    else if (S_ISREG(st.st_mode))
        f->kind = FILE_REGULAR;
    else if (S_ISDIR(st.st_mode))
        f->kind = FILE_DIRECTORY;
    else
        f->kind = FILE_SPECIAL, f->what = special_kind(st.st_mode);
    ps->slots[s] = ps->nfiles;
    if (ps->nfiles * 2 > ps->nslots)
        rehash(ps);
    return ps->nfiles - 1;
}

/* Reads and scans a regular file once; its text is let go, its names kept. */
static void scan_file(struct ps_file *f)
{
    if (f->scanned)
        return;
    f->scanned = true;
    size_t len = 0;
    char *raw = srcfile_read(f->path, &len);
    if (!raw) {
        f->unreadable = true;
        return;
    }
    prescan_text_scan(raw, len, &f->text);
    free(raw);
}

/* ---- one unit ---------------------------------------------------------------------------- */

/* Where one unit's headers are searched. */
struct search {
    char **quote_dirs; /* -iquote, then -I: searched for "x.h" after the includer's dir */
    size_t nquote, quote_cap;
    size_t nangle_from; /* quote_dirs[nangle_from..] are the -I dirs, searched for <x.h> */
    size_t serial;      /* this walk's mark on the files it reached */
    size_t *queue;      /* positions in the unit's files still to scan */
    size_t nqueue, queue_cap;
};

/* The value of a search-path flag at args[*i] ("-Idir" or "-I dir"), advancing *i past a
 * separate value; NULL when args[*i] is not flag. */
static const char *flag_value(const struct unit *unit, size_t *i, const char *flag)
{
    size_t fl = strlen(flag);
    const char *arg = unit->args[*i];
    if (strncmp(arg, flag, fl) != 0)
        return NULL;
    if (arg[fl])
        return arg + fl;
    if (*i + 1 >= unit->nargs)
        return NULL;
    return unit->args[++*i];
}

/* Appends the directories of every flag of flags (joined or separate spellings). */
static void add_dirs(struct search *sp, const struct unit *unit, const char *const *flags)
{
    for (size_t i = 0; i < unit->nargs; i++) {
        for (const char *const *f = flags; *f; f++) {
            const char *v = flag_value(unit, &i, *f);
            if (!v)
                continue;
            /* "--include-directory=DIR"; "-I=DIR" is sysroot-relative: taken as DIR, which
             * at worst scans a header too many. */
            v += v[0] == '=';
            *XPUSH(sp->quote_dirs, sp->nquote, sp->quote_cap) =
                path_join_normalise(unit->directory, v);
            break;
        }
    }
}

/* Whether dir holds the system's own headers (the compiler's and the distribution's). */
static bool is_system_dir(const char *dir)
{
    return strncmp(dir, "/usr/", 5) == 0 || strcmp(dir, "/usr") == 0;
}

/* Appends the -isystem (and $CPATH, $C_INCLUDE_PATH) directories that are not the system's:
 * a project that marks its own or a vendored library's headers as system headers still has
 * its macros scanned. */
static void add_system_dirs(struct search *sp, const struct unit *unit)
{
    static const char *const flags[] = {"-isystem", "-isystem-after", NULL};
    size_t from = sp->nquote;
    add_dirs(sp, unit, flags);
    static const char *const vars[] = {"CPATH", "C_INCLUDE_PATH"};
    for (size_t v = 0; v < sizeof vars / sizeof vars[0]; v++) {
        const char *list = getenv(vars[v]);
        while (list && *list) {
            size_t n = strcspn(list, ":");
            if (n) {
                char *dir = xstrndup(list, n);
                *XPUSH(sp->quote_dirs, sp->nquote, sp->quote_cap) =
                    path_join_normalise(unit->directory, dir);
                free(dir);
            }
            list += n + (list[n] == ':');
        }
    }
    size_t kept = from;
    for (size_t i = from; i < sp->nquote; i++) {
        if (is_system_dir(sp->quote_dirs[i]))
            free(sp->quote_dirs[i]);
        else
            sp->quote_dirs[kept++] = sp->quote_dirs[i];
    }
    sp->nquote = kept;
}

/* The search path in clang's order: -iquote directories (for "x.h" only), then -I and
 * -idirafter ones (for both forms), then -isystem ones outside /usr; the compiler's own
 * directories and the system's hold system headers and are left out. */
static void read_search_paths(struct search *sp, const struct unit *unit)
{
    static const char *const quote_flags[] = {"-iquote", NULL};
    static const char *const angle_flags[] = {"-I", "--include-directory", "-idirafter", NULL};
    add_dirs(sp, unit, quote_flags);
    sp->nangle_from = sp->nquote;
    add_dirs(sp, unit, angle_flags);
    add_system_dirs(sp, unit);
}

static int refuse(const struct ps_file *f, const char *from, unsigned line, struct sc_error *err)
{
    if (from)
        sc_error_set(err, SC_ERROR_IO, from, line,
                     "not a regular file (%s): %s, included from %s:%u; libclang would read it "
                     "without end: remove the include or exclude the unit",
                     f->what, f->path, from, line);
    else
        sc_error_set(err, SC_ERROR_IO, f->path, 0,
                     "not a regular file (%s): %s; libclang would read it without end: remove "
                     "it or exclude the unit",
                     f->what, f->path);
    return -1;
}

/* Queues file i for the unit unless the walk reached it before. */
/* Queues file i for the unit unless the walk reached it before: as it is, or, nested, inside a
 * body (its braces then tell nothing: every name it spells counts). A file reached again
 * nested is queued again, for the files it includes. */
static void reach(struct prescan *ps, struct ps_unit *u, struct search *sp, size_t i, bool nested)
{
    struct ps_file *f = &ps->files[i];
    if (f->visited == sp->serial && (u->nested[f->at] || !nested))
        return;
    if (f->visited == sp->serial) {
        u->nested[f->at] = true;
    } else {
        f->visited = sp->serial;
        f->at = u->nfiles;
        size_t cap = u->files_cap;
        *XPUSH(u->files, u->nfiles, u->files_cap) = i;
        if (u->files_cap != cap)
            u->nested = xrealloc(u->nested, u->files_cap * sizeof *u->nested);
        u->nested[f->at] = nested;
    }
    *XPUSH(sp->queue, sp->nqueue, sp->queue_cap) = f->at;
}

/* The file a candidate path names: NO_FILE when there is none (a directory is skipped, as
 * clang skips it); -1 with err when it is not a regular file. */
static int try_candidate(struct prescan *ps, char *path, size_t *found, const char *from,
                         unsigned line, struct sc_error *err)
{
    size_t i = file_at(ps, path);
    *found = NO_FILE;
    if (ps->files[i].kind == FILE_SPECIAL)
        return refuse(&ps->files[i], from, line, err);
    if (ps->files[i].kind == FILE_REGULAR)
        *found = i;
    return 0;
}

/* Resolves one #include of the file `from` (the project header it names, or none). */
static int resolve(struct prescan *ps, const struct search *sp, const char *from,
                   const struct prescan_include *inc, size_t *found, struct sc_error *err)
{
    *found = NO_FILE;
    if (path_is_absolute(inc->name))
        return try_candidate(ps, path_join_normalise(NULL, inc->name), found, from, inc->line, err);
    if (inc->quoted) {
        char *dir = path_join_normalise(from, "..");
        char *p = path_join_normalise(dir, inc->name);
        free(dir);
        if (try_candidate(ps, p, found, from, inc->line, err) < 0 || *found != NO_FILE)
            return *found != NO_FILE ? 0 : -1;
    }
    for (size_t i = inc->quoted ? 0 : sp->nangle_from; i < sp->nquote; i++) {
        char *p = path_join_normalise(sp->quote_dirs[i], inc->name);
        if (try_candidate(ps, p, found, from, inc->line, err) < 0)
            return -1;
        if (*found != NO_FILE)
            return 0;
    }
    return 0;
}

/* Scans the unit's files in turn, queueing the project headers each includes. */
static int walk_unit(struct prescan *ps, struct ps_unit *u, struct search *sp, struct sc_error *err)
{
    for (size_t q = 0; q < sp->nqueue; q++) {
        size_t at = sp->queue[q], fi = u->files[at];
        scan_file(&ps->files[fi]);
        u->always |= ps->files[fi].unreadable || ps->files[fi].text.include_unknown;
        /* ps->files may move when it grows: everything is reached by index. */
        for (size_t k = 0; k < ps->files[fi].text.nincludes; k++) {
            const struct prescan_include *inc = &ps->files[fi].text.includes[k];
            bool nested = u->nested[at] || inc->nested;
            size_t found;
            if (resolve(ps, sp, ps->files[fi].path, inc, &found, err) < 0)
                return -1;
            if (found != NO_FILE)
                reach(ps, u, sp, found, nested);
        }
    }
    return 0;
}

/* The main file, then -include and -imacros files, as if the first line included them. */
static int start_unit(struct prescan *ps, struct ps_unit *u, struct search *sp,
                      const struct unit *unit, struct sc_error *err)
{
    size_t main_file = file_at(ps, xstrdup(unit->path));
    if (ps->files[main_file].kind == FILE_SPECIAL)
        return refuse(&ps->files[main_file], NULL, 0, err);
    u->always |= ps->files[main_file].kind != FILE_REGULAR;
    reach(ps, u, sp, main_file, false);
    for (size_t i = 0; i < unit->nargs; i++) {
        const char *v = flag_value(unit, &i, "-include");
        if (!v)
            v = flag_value(unit, &i, "-imacros");
        if (!v)
            continue;
        size_t f = file_at(ps, path_join_normalise(unit->directory, v));
        if (ps->files[f].kind == FILE_SPECIAL)
            return refuse(&ps->files[f], unit->path, 0, err);
        if (ps->files[f].kind == FILE_REGULAR)
            reach(ps, u, sp, f, false);
    }
    return 0;
}

long prescan_add_unit(struct prescan *ps, const struct unit *unit, struct sc_error *err)
{
    struct ps_unit u = {0};
    struct search sp = {.serial = ps->nunits + 1};
    read_search_paths(&sp, unit);
    int rc = start_unit(ps, &u, &sp, unit, err);
    if (rc == 0)
        rc = walk_unit(ps, &u, &sp, err);
    for (size_t i = 0; i < sp.nquote; i++)
        free(sp.quote_dirs[i]);
    free(sp.quote_dirs);
    free(sp.queue);
    prescan_idents_of_args(unit->args, unit->nargs, &u.args);
    /* A refused unit keeps its slot, so that handles stay unit serials. */
    *XPUSH(ps->units, ps->nunits, ps->units_cap) = u;
    return rc < 0 ? -1 : (long)ps->nunits - 1;
}

void prescan_query(struct prescan *ps, const struct name_set *mentioned,
                   const struct name_set *defined)
{
    ps->mentioned = mentioned;
    ps->defined = defined;
    free(ps->hits);
    free(ps->hits_anywhere);
    ps->hits = xcalloc(ps->nfiles + 1, sizeof *ps->hits);
    ps->hits_anywhere = xcalloc(ps->nfiles + 1, sizeof *ps->hits_anywhere);
    for (size_t i = 0; i < ps->nfiles; i++) {
        const struct prescan_idents *ids = &ps->files[i].text.idents;
        ps->hits[i] = prescan_idents_match(ids, mentioned, defined, false);
        ps->hits_anywhere[i] = ps->hits[i] || prescan_idents_match(ids, mentioned, defined, true);
    }
}

bool prescan_match(const struct prescan *ps, long handle)
{
    if (handle < 0 || (size_t)handle >= ps->nunits || !ps->hits)
        return true;
    const struct ps_unit *u = &ps->units[handle];
    if (u->always || prescan_idents_match(&u->args, ps->mentioned, ps->defined, false))
        return true;
    for (size_t i = 0; i < u->nfiles; i++)
        if ((u->nested[i] ? ps->hits_anywhere : ps->hits)[u->files[i]])
            return true;
    return false;
}

/* ---- single texts and units, for tests -------------------------------------------------- */

bool prescan_may_matter(const char *text, size_t len, const struct name_set *names)
{
    struct prescan_text t;
    prescan_text_scan(text, len, &t);
    bool found = prescan_idents_match(&t.idents, names, NULL, false);
    prescan_text_fini(&t);
    return found;
}

bool prescan_may_define(const char *text, size_t len, const struct name_set *names)
{
    struct prescan_text t;
    prescan_text_scan(text, len, &t);
    bool found = prescan_idents_match(&t.idents, NULL, names, false);
    prescan_text_fini(&t);
    return found;
}

bool prescan_unit(const struct unit *unit, const struct name_set *names)
{
    struct prescan *ps = prescan_new();
    struct sc_error err;
    sc_error_clear(&err);
    long h = prescan_add_unit(ps, unit, &err);
    prescan_query(ps, names, NULL);
    bool m = h < 0 || prescan_match(ps, h);
    prescan_free(ps);
    return m;
}
