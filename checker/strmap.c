#include "strmap.h"

#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

/* FNV-1a: cheap, stable across runs and machines (the map's order is never observed, but a
 * hash that does not depend on addresses keeps runs reproducible under a debugger too). */
static uint32_t hash_string(const char *s)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h ^= *p;
        h *= 16777619u;
    }
    return h;
}

void strmap_init(struct strmap *map)
{
    memset(map, 0, sizeof *map);
}

void strmap_fini(struct strmap *map)
{
    for (size_t i = 0; i < map->cap; i++)
        free(map->slots[i].key);
    free(map->slots);
    strmap_init(map);
}

/* The slot holding key, or the free slot where it would go. cap must be non-zero. */
static struct strmap_entry *probe(const struct strmap *map, const char *key, uint32_t hash)
{
    size_t mask = map->cap - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        struct strmap_entry *e = &map->slots[i];
        if (!e->key || (e->hash == hash && strcmp(e->key, key) == 0))
            return e;
    }
}

uint32_t *strmap_find(const struct strmap *map, const char *key)
{
    if (!map->count)
        return NULL;
    struct strmap_entry *e = probe(map, key, hash_string(key));
    return e->key ? &e->value : NULL;
}

/* Doubles the slots (16 at first) and moves every key to its new place. */
static void grow(struct strmap *map)
{
    struct strmap old = *map;
    map->cap = old.cap ? old.cap * 2 : 16;
    map->slots = xcalloc(map->cap, sizeof *map->slots);
    for (size_t i = 0; i < old.cap; i++)
        if (old.slots[i].key)
            *probe(map, old.slots[i].key, old.slots[i].hash) = old.slots[i];
    free(old.slots);
}

bool strmap_put(struct strmap *map, const char *key, uint32_t value)
{
    uint32_t hash = hash_string(key);
    if (map->cap) {
        struct strmap_entry *e = probe(map, key, hash);
        if (e->key) {
            e->value = value;
            return false;
        }
    }
    if (2 * (map->count + 1) > map->cap)
        grow(map);
    struct strmap_entry *e = probe(map, key, hash);
    e->key = xstrdup(key);
    e->hash = hash;
    e->value = value;
    map->count++;
    return true;
}
