#include "name_set.h"

#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

void name_set_init(struct name_set *set)
{
    memset(set, 0, sizeof *set);
}

void name_set_fini(struct name_set *set)
{
    for (size_t i = 0; i < set->count; i++)
        free(set->names[i]);
    free(set->names);
    name_set_init(set);
}

/* strcmp order between the len bytes at name and the string s. */
static int compare_name(const char *name, size_t len, const char *s)
{
    int c = strncmp(name, s, len);
    if (c != 0)
        return c;
    return s[len] ? -1 : 0;
}

/* The index of name in the set, or where it would go (*found says which). */
static size_t name_set_find(const struct name_set *set, const char *name, size_t len, bool *found)
{
    size_t lo = 0, hi = set->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = compare_name(name, len, set->names[mid]);
        if (c == 0) {
            *found = true;
            return mid;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    *found = false;
    return lo;
}

void name_set_add(struct name_set *set, const char *name)
{
    bool found;
    size_t at = name_set_find(set, name, strlen(name), &found);
    if (found)
        return;
    xgrow((void **)&set->names, &set->cap, set->count + 1, sizeof *set->names);
    memmove(&set->names[at + 1], &set->names[at], (set->count - at) * sizeof *set->names);
    set->names[at] = xstrdup(name);
    set->count++;
}

bool name_set_has(const struct name_set *set, const char *name, size_t len)
{
    bool found;
    (void)name_set_find(set, name, len, &found);
    return found;
}

void name_set_add_all(struct name_set *set, const struct name_set *from)
{
    for (size_t i = 0; i < from->count; i++)
        name_set_add(set, from->names[i]);
}

const char *name_set_name(const struct name_set *set, size_t i)
{
    return set->names[i];
}
