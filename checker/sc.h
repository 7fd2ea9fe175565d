/*
 * Core types shared by every module: error reports, source ranges, levels.
 * Owns no memory; every other module builds on these.
 */
#ifndef SOCKCHECK_SC_H
#define SOCKCHECK_SC_H

#include <stddef.h>

#if defined(__GNUC__)
#define SC_MUST_CHECK   __attribute__((warn_unused_result))
#define SC_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define SC_MUST_CHECK
#define SC_PRINTF(f, a)
#endif

enum sc_level { SC_LEVEL_NOTE, SC_LEVEL_WARNING, SC_LEVEL_ERROR };

/* "note", "warning", "error". */
const char *sc_level_name(enum sc_level level);

/*
 * The kinds of failure a run can meet, with the text shown when no sentence is given.
 * One list, so that every module speaks of errors the same way (libuv's UV_ERRNO_MAP).
 */
#define SC_ERROR_MAP(X)                                                                            \
    X(USAGE, "invalid command line")                                                               \
    X(IO, "cannot read the file")                                                                  \
    X(NOT_SOURCE, "the file is not C source text")                                                 \
    X(COMPDB, "invalid compilation database")                                                      \
    X(PARSE_FAILED, "the translation unit could not be parsed")                                    \
    X(COMPILE_ERRORS, "the translation unit has compile errors; results may be incomplete")        \
    X(FACTS, "invalid facts")                                                                      \
    X(OUTPUT, "cannot write the output")                                                           \
    X(CONFIG, "invalid configuration")                                                             \
    X(BASELINE, "invalid baseline")

enum sc_error_kind {
    SC_ERROR_NONE = 0,
#define SC_ERROR_ENUM(name, text) SC_ERROR_##name,
    SC_ERROR_MAP(SC_ERROR_ENUM)
#undef SC_ERROR_ENUM
};

/* The default sentence of an error kind. */
const char *sc_error_kind_text(enum sc_error_kind kind);

/*
 * A failure as the user should see it: which file, which line (0 when none), what is wrong
 * and what to do. Filled by the function that failed; the caller decides what it means.
 */
struct sc_error {
    enum sc_error_kind kind;
    char file[1024];
    unsigned line;
    char message[1024];
};

/* Fills err; message is a printf format. Never fails (text is truncated to fit). */
void sc_error_set(struct sc_error *err, enum sc_error_kind kind, const char *file, unsigned line,
                  const char *fmt, ...) SC_PRINTF(5, 6);

/* Clears err to "no error". */
void sc_error_clear(struct sc_error *err);

/*
 * A source range: 1-based line and byte column of its first character, and of one past its
 * last character on end_line. file indexes the owning unit's file table.
 */
struct sc_range {
    unsigned file;
    unsigned line;
    unsigned col;
    unsigned end_line;
    unsigned end_col;
};

#endif
