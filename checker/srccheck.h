/*
 * Is this file C source text? The check made on each unit's main file before libclang sees it
 * (SPEC §6): a file that cannot be opened, is not a regular file, is too large, or holds NUL
 * bytes (a binary, an object file, UTF-16 text) gets a clear error instead of a parse that
 * hangs, fails obscurely or "succeeds" on garbage. Non-UTF-8 text is C source as far as
 * compilers care (Latin-1 comments, byte strings) and passes. Owns nothing; reads the file
 * and never writes it.
 */
#ifndef SOCKCHECK_SRCCHECK_H
#define SOCKCHECK_SRCCHECK_H

#include "sc.h"
#include "srcfile.h" /* SRCFILE_MAX_BYTES */

#include <stddef.h>

/*
 * Checks that path names a readable regular file of at most SRCFILE_MAX_BYTES bytes with no
 * NUL byte in it. Returns 0, or -1 with err filled: kind SC_ERROR_IO (cannot open or read,
 * not a regular file) or SC_ERROR_NOT_SOURCE (binary, too large), err->file = path, err->line
 * the line of the first NUL byte when that is the reason, and a sentence that says what to do.
 * Never blocks on a FIFO or device: it is refused before it is read.
 */
int srccheck_file(const char *path, struct sc_error *err) SC_MUST_CHECK;

/*
 * The same for text already in memory (len bytes): -1 with err (file = name) when it holds
 * a NUL byte. For callers that read the file themselves, and for tests.
 */
int srccheck_text(const char *name, const char *text, size_t len,
                  struct sc_error *err) SC_MUST_CHECK;

#endif
