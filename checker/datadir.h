/*
 * Where sockcheck's data files are: the directory that holds models/ (the API models shipped
 * as JSON, SPEC §2 "API models"). Owns no state. It is found relative to the executable, so
 * that an installed tree works wherever its prefix is and a binary run from the build tree
 * uses the source tree's files without being installed:
 *
 *   installed    PREFIX/bin/sockcheck      → PREFIX/share/sockcheck   (SOCKCHECK_DATA_RELDIR)
 *   build tree   BUILD/sockcheck           → SOURCE/rules             (configure-time fallback)
 *
 * `sockcheck --print-data-dir` prints the answer (a debugging aid, docs/usage.md).
 */
#ifndef SOCKCHECK_DATADIR_H
#define SOCKCHECK_DATADIR_H

/* Where to look, given where the executable is; every field may be NULL (not used). */
struct datadir_layout {
    const char *relative;    /* from the executable's directory to the installed data dir */
    const char *build_dir;   /* the build tree: an executable inside it uses source_data */
    const char *source_data; /* the source tree's data directory (SOURCE/rules) */
};

/*
 * The data directory of the running sockcheck, as an absolute, symlink-free path: the
 * executable is /proc/self/exe, else argv0 (a path, or a name looked up in PATH), and the
 * layout the build was configured with. Returns NULL when the executable or no data
 * directory can be found (an installed tree whose share/sockcheck was removed, a build-tree
 * binary copied elsewhere). Heap string; the caller frees it.
 */
char *datadir_find(const char *argv0);

/*
 * The same search for an executable at exe (an existing file): exe's directory joined with
 * layout->relative when that is a directory, else layout->source_data when exe lies inside
 * layout->build_dir and source_data is a directory, else NULL. Heap string; the caller frees.
 */
char *datadir_find_from(const char *exe, const struct datadir_layout *layout);

#endif
