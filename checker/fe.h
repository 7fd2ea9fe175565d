/*
 * The front end: parses one unit with libclang and lowers it into facts. No libclang type
 * appears in this header: everything past the front end works on facts alone.
 */
#ifndef SOCKCHECK_FE_H
#define SOCKCHECK_FE_H

#include "facts.h"
#include "sc.h"
#include "units.h"

struct fe;

/* A front end holding one libclang index; use one per thread. Free with fe_free. */
struct fe *fe_new(void);
void fe_free(struct fe *fe);

/*
 * Parses unit and returns its facts (the caller frees them with facts_free). Compile errors
 * do not fail: they are kept in facts->diags and whatever parsed is lowered. Returns NULL and
 * fills err (SC_ERROR_IO, SC_ERROR_PARSE_FAILED) when the unit could not be parsed at all.
 * The work runs on a thread of its own with a large stack (deeply nested code, fe_parse.c)
 * and fe_extract returns when it is done; with LIBCLANG_NOTHREADS set (main sets it) libclang
 * parses on that thread too.
 */
struct facts *fe_extract(struct fe *fe, const struct unit *unit,
                         struct sc_error *err) SC_MUST_CHECK;

/* The libclang version string (for --version and cache keys); the caller frees it. */
char *fe_clang_version(void);

#endif
