/*
 * A hash map from strings to uint32_t values, for the name tables that large functions make
 * large (fe_lower's locals, the analysis' access paths): lookups cost the same with 50,000
 * names as with 5. Open addressing with linear probing; the map owns copies of its keys.
 * Entries are never removed: callers that forget a key store a value that means "none".
 * Iteration order is not defined and nothing may depend on it (STYLE §3.5).
 */
#ifndef SOCKCHECK_STRMAP_H
#define SOCKCHECK_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct strmap_entry {
    char *key; /* owned; NULL for a free slot */
    uint32_t hash;
    uint32_t value;
};

struct strmap {
    struct strmap_entry *slots; /* private: cap slots, at most half of them used */
    size_t cap;                 /* private: 0 or a power of two */
    size_t count;               /* read-only: the number of keys */
};

/* An empty map; it allocates nothing until the first strmap_put. */
void strmap_init(struct strmap *map);
/* Frees the keys and slots; the map is empty and reusable afterwards. */
void strmap_fini(struct strmap *map);
/* The value stored for key, or NULL when it has none. The pointer is valid until the next
 * strmap_put (which may move the slots); the value may be changed through it. */
uint32_t *strmap_find(const struct strmap *map, const char *key);
/* Stores value for key (a copy of key when it is new); returns whether key was new. */
bool strmap_put(struct strmap *map, const char *key, uint32_t value);

#endif
