/*
 * Allocation that cannot fail: on exhaustion it prints "sockcheck: out of memory" and exits
 * with status 2. This is the single exit() below main (STYLE §3.2): running out of memory is
 * not bad input, and no caller could do anything useful with it.
 */
#ifndef SOCKCHECK_XALLOC_H
#define SOCKCHECK_XALLOC_H

#include <stddef.h>

/* malloc/calloc/realloc that never return NULL; the caller frees with free(). */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
/* A heap copy of s (NULL gives NULL); the caller frees it. */
char *xstrdup(const char *s);
/* A heap copy of the first len bytes of s, NUL-terminated; the caller frees it. */
char *xstrndup(const char *s, size_t len);
/* A heap string formatted like printf; the caller frees it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grows *items (of item_size bytes each) so that it holds at least need items. */
void xgrow(void **items, size_t *cap, size_t need, size_t item_size);

/* Appends one item to a (items, count, cap) array: XPUSH(list.items, list.count, list.cap). */
#define XPUSH(items, count, cap)                                                                   \
    (xgrow((void **)&(items), &(cap), (count) + 1, sizeof *(items)), &(items)[(count)++])

#endif
