/*
 * The front end: parses one unit with libclang and lowers it into facts. No libclang type
 * appears in this header: everything past the front end works on facts alone.
 */
#ifndef SOCKCHECK_FE_H
#define SOCKCHECK_FE_H

#include "digest.h"
#include "facts.h"
#include "sc.h"
#include "units.h"

#include <stdbool.h>
#include <stddef.h>

struct fe;

/* A front end holding one libclang index; use one per thread. Free with fe_free. */
struct fe *fe_new(void);
void fe_free(struct fe *fe);

/*
 * Deeply nested code (10,000 "else if"s, long chains of casts or unary operators) makes
 * clang's parser and constant evaluator, and this front end, recurse once per level, at up
 * to ~10 KB of stack each: more than the 8 MB thread libclang parses on by default. So the
 * unit must be parsed and lowered on a thread with this much stack (extract.c's workers),
 * and main() sets LIBCLANG_NOTHREADS so that libclang parses on the calling thread (its crash
 * recovery works the same there). Only the pages touched are ever committed; the reservation is
 * virtual. Measured (LLVM 14, x86-64): 1 GiB takes 10,000 levels of every construct tried and
 * 100,000 of most. clang has no depth limit for these (-fbracket-depth counts brackets only), and
 * 'clang -fsyntax-only' itself crashes on 30,000 nested whiles.
 */
#define FE_STACK_BYTES ((size_t)1 << 30)

/*
 * Parses unit and returns its facts (the caller frees them with facts_free). Compile errors
 * do not fail: they are kept in facts->diags and whatever parsed is lowered. Returns NULL and
 * fills err (SC_ERROR_IO, SC_ERROR_PARSE_FAILED) when the unit could not be parsed at all.
 * The work runs on the calling thread: give it FE_STACK_BYTES of stack for deeply nested
 * code; with LIBCLANG_NOTHREADS set (main sets it) libclang parses on that thread too.
 */
struct facts *fe_extract(struct fe *fe, const struct unit *unit,
                         struct sc_error *err) SC_MUST_CHECK;

/* A file a unit read, and the digest of the bytes that were parsed (the facts cache's manifest). */
struct fe_input {
    char *path; /* absolute */
    char digest[DIGEST_HEX_SIZE];
};

struct fe_inputs {
    struct fe_input *items; /* the main file first, then every file it included */
    size_t count;
    size_t cap; /* private */
    /* false when the unit looked for a file that did not exist ("file not found"): creating
     * that file later changes the facts, and no digest of existing files can tell. */
    bool complete;
};

/*
 * Digests the caller already knows (the facts cache's memo): headers shared by many units are
 * then digested once per run, not once per unit.
 */
struct fe_digest_memo {
    /* Fills digest_out and returns true when path's content is known not to have changed
     * since it was digested. */
    bool (*lookup)(void *ctx, const char *path, char digest_out[DIGEST_HEX_SIZE]);
    /* Offers the digest of the bytes of path that were just parsed. */
    void (*remember)(void *ctx, const char *path, const char digest[DIGEST_HEX_SIZE]);
    void *ctx;
};

/*
 * fe_extract, and also the files the unit read into *inputs_out (released with
 * fe_inputs_fini, also on failure). memo may be NULL.
 */
struct facts *fe_extract_inputs(struct fe *fe, const struct unit *unit,
                                struct fe_inputs *inputs_out, const struct fe_digest_memo *memo,
                                struct sc_error *err) SC_MUST_CHECK;
void fe_inputs_fini(struct fe_inputs *inputs);

/* The libclang version string (for --version and cache keys); the caller frees it. */
char *fe_clang_version(void);

#endif
