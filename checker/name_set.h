/*
 * A set of identifiers, sorted for binary search: what the prescan looks for (prescan.h).
 * Owns copies of its names.
 */
#ifndef SOCKCHECK_NAME_SET_H
#define SOCKCHECK_NAME_SET_H

#include <stdbool.h>
#include <stddef.h>

/* A set of identifiers (sorted, for binary search). */
struct name_set {
    char **names; /* private */
    size_t count; /* read-only */
    size_t cap;   /* private */
};

void name_set_init(struct name_set *set);
/* Releases the names; the set is empty and reusable afterwards. */
void name_set_fini(struct name_set *set);
/* Adds a copy of name (once). */
void name_set_add(struct name_set *set, const char *name);
/* Whether the len bytes at name are one of the set's names. */
bool name_set_has(const struct name_set *set, const char *name, size_t len);
/* The i-th name in sorted order (borrowed until the set changes); i < count. */
const char *name_set_name(const struct name_set *set, size_t i);
/* Adds a copy of every name of from. */
void name_set_add_all(struct name_set *set, const struct name_set *from);

#endif
