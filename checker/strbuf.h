/*
 * A growable NUL-terminated string (curl's dynbuf, without the cap: every producer of
 * text here is bounded by its input). Storage is owned by the strbuf until strbuf_take().
 */
#ifndef SOCKCHECK_STRBUF_H
#define SOCKCHECK_STRBUF_H

#include <stddef.h>

struct strbuf {
    char *data; /* read-only; always NUL-terminated once anything was added */
    size_t len; /* read-only */
    size_t cap; /* private */
};

void strbuf_init(struct strbuf *sb);
/* Releases the storage; the strbuf is empty and reusable afterwards. */
void strbuf_fini(struct strbuf *sb);
void strbuf_add(struct strbuf *sb, const char *bytes, size_t len);
void strbuf_puts(struct strbuf *sb, const char *s);
void strbuf_putc(struct strbuf *sb, char c);
void strbuf_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the string to the caller (free() it); the strbuf is left empty. Never NULL. */
char *strbuf_take(struct strbuf *sb);

#endif
