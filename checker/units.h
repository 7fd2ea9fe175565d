/*
 * Translation units to analyse: each a main source file with the compiler arguments to
 * parse it with, from PATHs (files and directories), from DIR/compile_commands.json (-p),
 * and from the "-- ARGS" of the command line. Owns the unit list; the front end borrows it.
 */
#ifndef SOCKCHECK_UNITS_H
#define SOCKCHECK_UNITS_H

#include "sc.h"

#include <stdbool.h>
#include <stddef.h>

struct unit {
    char *path;      /* absolute, normalised path of the main file */
    char *directory; /* absolute working directory for relative paths in args */
    char **args;     /* compiler arguments for libclang: no compiler name, no source file,
                        no -o/-c/dependency-file flags; relative -I/-isystem/-iquote/
                        -include paths of a compilation database made absolute */
    size_t nargs;
    char *problem; /* non-NULL: the unit cannot be analysed (missing file ...): why */
    bool reported; /* its findings are reported; false for database units that PATHs did not
                      select, which are analysed only for what their functions do */
};

struct unit_list {
    struct unit *items;
    size_t count;
    size_t cap; /* private */
};

struct units_request {
    const char *const *paths; /* PATH arguments (files or directories); may be empty */
    size_t npaths;
    const char *compdb_dir;        /* -p DIR, or NULL */
    const char *const *extra_args; /* "-- ARGS", appended to every unit's arguments */
    size_t nextra;
};

/*
 * Collects the units of a request into out, in a deterministic order (compilation database
 * order, or sorted paths). With a compilation database, every unit is collected (a wrapper in
 * any of them counts: SPEC §2) and PATHs narrow which are reported: those that are a file given
 * or lie under a directory given; a file PATH that the database does
 * not list becomes a unit of its own after the database's, with only the extra arguments
 * (a new file not built yet is still checked; docs/usage.md). Units that exist in the
 * request but cannot be analysed are kept with their problem set. Returns -1 and fills err
 * when the request as a whole is invalid (no such PATH, unreadable or malformed compilation
 * database); out then holds nothing.
 */
int units_collect(const struct units_request *req, struct unit_list *out,
                  struct sc_error *err) SC_MUST_CHECK;
/* Frees every unit of list and the array; the list is empty and reusable afterwards. */
void unit_list_fini(struct unit_list *list);
/* Frees what one unit owns (path, directory, args, problem) and zeroes it. */
void unit_fini(struct unit *unit);

#endif
