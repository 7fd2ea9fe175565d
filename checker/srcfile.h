/*
 * Source files as the filters see them (suppressions, line hashes, fixes): the whole
 * contents as read once in a run, with line starts. Reading a file twice could see two
 * different versions; keeping the first is also what lets --fix refuse a file that changed
 * since (fix.h). Owns the contents of every file it loaded; nothing else.
 */
#ifndef SOCKCHECK_SRCFILE_H
#define SOCKCHECK_SRCFILE_H

#include "linehash.h"

#include <stdbool.h>
#include <stddef.h>

/*
 * The largest file sockcheck reads (a larger main file is refused before parsing; larger
 * files get no suppressions, hashes or fixes). libclang keeps source offsets in 32 bits shared by
 * the file and all its headers, and the front end holds two copies of the text while it
 * parses; hand-written C is far below this, the largest generated sources (amalgamations,
 * tables) a few tens of megabytes.
 */
#define SRCFILE_MAX_BYTES ((size_t)512 << 20)

struct srcfile {
    char *abs_path; /* read-only */
    char *data;     /* read-only; NULL when the file could not be read; NUL-terminated */
    size_t len;     /* read-only */
    size_t *starts; /* read-only: line i + 1 starts at byte starts[i] */
    size_t nlines;  /* read-only; a final "\n" does not start another line */
    char (*hashes)[LINEHASH_SIZE]; /* private: primaryLocationLineHash per line, lazily */
    size_t nhashes;                /* private */
};

struct srcfile_set {
    struct srcfile **slots; /* private: open addressing by path */
    size_t cap;             /* private */
    size_t count;           /* read-only */
};

void srcfile_set_init(struct srcfile_set *set);
/* Releases every file; the set is empty afterwards. */
void srcfile_set_fini(struct srcfile_set *set);

/*
 * The file at abs_path, read on first use. Never NULL: a file that cannot be read has data
 * NULL. Borrowed: valid until srcfile_set_fini.
 */
struct srcfile *srcfile_get(struct srcfile_set *set, const char *abs_path);

/* The file if it was loaded before, else NULL. */
const struct srcfile *srcfile_find(const struct srcfile_set *set, const char *abs_path);

/*
 * Line (1-based) of the file without its "\n" or "\r\n": a pointer into data, *len_out its
 * length. NULL when the file is unreadable or has no such line.
 */
const char *srcfile_line(const struct srcfile *file, unsigned line, size_t *len_out);

/*
 * The byte offset of 1-based (line, col), col in bytes; col may be one past the end of the
 * line (the position before its line break). Returns false when there is no such position.
 */
bool srcfile_offset(const struct srcfile *file, unsigned line, unsigned col, size_t *offset_out);

/* GitHub's primaryLocationLineHash of a line ("hex:n"), or NULL when there is none. */
const char *srcfile_line_hash(struct srcfile *file, unsigned line);

/*
 * Reads a whole file into a NUL-terminated heap buffer (caller frees), or returns NULL with
 * errno set; files above SRCFILE_MAX_BYTES give NULL with errno EFBIG, and what is not a
 * regular file (FIFO, device, directory) NULL with errno EINVAL, without blocking on it.
 */
char *srcfile_read(const char *path, size_t *len_out);

/*
 * Why srcfile_read(path) failed with errnum, as a phrase for a message ("it is a directory,
 * not a file"). Borrowed: a string constant, or strerror's.
 */
const char *srcfile_read_error(const char *path, int errnum);

#endif
