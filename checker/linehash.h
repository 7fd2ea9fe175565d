/*
 * GitHub's primaryLocationLineHash (REQUIREMENTS §1.5): the rolling hash that
 * github/codeql-action's upload step computes for every line of a file, so that our SARIF
 * carries the value GitHub would compute and API uploads without the action still get
 * stable alert identities. Pure: works on a buffer, owns nothing after it returns.
 */
#ifndef SOCKCHECK_LINEHASH_H
#define SOCKCHECK_LINEHASH_H

#include <stddef.h>

/* "hex:n": at most 16 hex digits, ':', a count; with the NUL. */
#define LINEHASH_SIZE 40

/*
 * The hash of every line of text (len bytes of UTF-8; invalid bytes are read as U+FFFD, as
 * node's UTF-8 decoder reads them). Lines end at "\n", "\r\n" or a lone "\r", like the
 * action counts them; a text ending in a line break has an empty last line. Returns a heap
 * array of *nlines_out entries of LINEHASH_SIZE bytes, entry i for line i + 1; the caller
 * frees it with free(). Never NULL.
 */
char (*linehash_lines(const char *text, size_t len, size_t *nlines_out))[LINEHASH_SIZE];

#endif
