/*
 * One translation unit's facts: its file table, its functions' IR, and what the compiler
 * said about it. Serialises to JSON and back without loss (facts_to_json/facts_from_json),
 * which is what lets facts be cached per unit and tested without parsing C.
 */
#ifndef SOCKCHECK_FACTS_H
#define SOCKCHECK_FACTS_H

#include "ir.h"
#include "sc.h"

#include <stdbool.h>
#include <stddef.h>

/* A compiler diagnostic of error severity, kept to report the unit as incomplete. */
struct facts_diag {
    unsigned file; /* index into files */
    unsigned line;
    unsigned col;
    char *message;
};

struct facts {
    char **files; /* file table; files[0] is the unit's main file; absolute paths */
    size_t nfiles;
    size_t files_cap; /* private */
    struct ir_function *functions;
    size_t nfunctions;
    size_t functions_cap; /* private */
    bool target_windows;  /* _WIN32 is defined in the unit (SCK010; SCK001 does not apply) */
    struct facts_diag *diags;
    size_t ndiags;
    size_t diags_cap; /* private */
    /* Limits the front end met (code nested too deeply to lower): the unit was analysed,
     * but not all of it. Reported as warnings, like compile errors. */
    struct facts_diag *warnings;
    size_t nwarnings;
    size_t warnings_cap; /* private */
};

#define FACTS_FORMAT_VERSION 5

/* A new, empty unit's facts; free with facts_free. */
struct facts *facts_new(void);
/* Releases the facts and everything in them; NULL is a no-op. */
void facts_free(struct facts *facts);
/* The index of path in the file table, adding it when new. */
unsigned facts_intern_file(struct facts *facts, const char *path);
/* Appends a zeroed function and returns it (owned by facts). */
struct ir_function *facts_add_function(struct facts *facts);
/* Appends an error diagnostic (message copied). */
void facts_add_diag(struct facts *facts, unsigned file, unsigned line, unsigned col,
                    const char *message);

/* Appends a warning: part of the unit was not analysed, and why (message copied). */
void facts_add_warning(struct facts *facts, unsigned file, unsigned line, unsigned col,
                       const char *message);

/* The facts as JSON text (a format documented in docs/ir.md); the caller frees it. Equal
 * facts give equal bytes. NULL only when cJSON cannot allocate. */
char *facts_to_json(const struct facts *facts);
/*
 * Facts from JSON text of len bytes. Returns NULL and fills err (with the line of a syntax
 * error, or the member that is wrong) on bad input. The caller frees the result.
 */
struct facts *facts_from_json(const char *text, size_t len, struct sc_error *err) SC_MUST_CHECK;

#endif
