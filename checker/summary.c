#include "summary.h"

#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static void ids_fini(struct summary_ids *set)
{
    free(set->ids);
    set->ids = NULL;
    set->count = 0;
}

void summary_ids_add(struct summary_ids *set, uint32_t id)
{
    size_t i = 0;
    while (i < set->count && set->ids[i] < id)
        i++;
    if (i < set->count && set->ids[i] == id)
        return;
    set->ids = xrealloc(set->ids, (set->count + 1) * sizeof *set->ids);
    memmove(set->ids + i + 1, set->ids + i, (set->count - i) * sizeof *set->ids);
    set->ids[i] = id;
    set->count++;
}

static bool ids_equal(const struct summary_ids *a, const struct summary_ids *b)
{
    return a->count == b->count &&
           (a->count == 0 || memcmp(a->ids, b->ids, a->count * sizeof *a->ids) == 0);
}

static void slot_fini(struct summary_slot *slot)
{
    free(slot->path);
    ids_fini(&slot->pending);
    ids_fini(&slot->listened);
    ids_fini(&slot->created_pending);
}

void summary_fini(struct summary *s)
{
    for (size_t i = 0; i < s->nslots; i++)
        slot_fini(&s->slots[i]);
    free(s->slots);
    memset(s, 0, sizeof *s);
}

void summary_move(struct summary *dst, struct summary *src)
{
    summary_fini(dst);
    *dst = *src;
    memset(src, 0, sizeof *src);
}

static bool site_equal(struct site a, struct site b)
{
    return a.fn == b.fn && a.event == b.event;
}

static bool slot_equal(const struct summary_slot *a, const struct summary_slot *b)
{
    return strcmp(a->path, b->path) == 0 && a->enables_reuse == b->enables_reuse &&
           a->enables_reuseaddr == b->enables_reuseaddr &&
           a->enables_reuseport == b->enables_reuseport && a->binds == b->binds &&
           a->connects == b->connects && a->listens == b->listens &&
           site_equal(a->listen_at, b->listen_at) && ids_equal(&a->pending, &b->pending) &&
           ids_equal(&a->listened, &b->listened) && a->creates == b->creates &&
           a->created_flags == b->created_flags && a->created_known == b->created_known &&
           site_equal(a->created_at, b->created_at) &&
           ids_equal(&a->created_pending, &b->created_pending) &&
           a->created_listened == b->created_listened;
}

bool summary_equal(const struct summary *a, const struct summary *b)
{
    if (a->nslots != b->nslots)
        return false;
    for (size_t i = 0; i < a->nslots; i++)
        if (!slot_equal(&a->slots[i], &b->slots[i]))
            return false;
    return true;
}

static size_t position(const struct summary *s, const char *path, bool *found)
{
    size_t lo = 0, hi = s->nslots;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(s->slots[mid].path, path);
        if (c == 0) {
            *found = true;
            return mid;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = false;
    return lo;
}

const struct summary_slot *summary_find(const struct summary *s, const char *path)
{
    bool found;
    size_t i = position(s, path, &found);
    return found ? &s->slots[i] : NULL;
}

struct summary_slot *summary_slot(struct summary *s, const char *path)
{
    bool found;
    size_t i = position(s, path, &found);
    if (found)
        return &s->slots[i];
    xgrow((void **)&s->slots, &s->cap, s->nslots + 1, sizeof *s->slots);
    memmove(s->slots + i + 1, s->slots + i, (s->nslots - i) * sizeof *s->slots);
    memset(&s->slots[i], 0, sizeof s->slots[i]);
    s->slots[i].path = xstrdup(path);
    s->slots[i].listen_at = SITE_NONE;
    s->slots[i].created_at = SITE_NONE;
    s->nslots++;
    return &s->slots[i];
}

/* The length of a path's root name: up to the first ".", "->" or "[". */
static size_t root_length(const char *p)
{
    size_t n = 0;
    while (p[n] && p[n] != '.' && p[n] != '[' && !(p[n] == '-' && p[n + 1] == '>'))
        n++;
    return n;
}

char *summary_slot_of_path(const struct ir_function *fn, const char *path)
{
    if (!path)
        return NULL;
    if (strncmp(path, "::", 2) == 0 || strcmp(path, "%ret") == 0)
        return xstrdup(path);
    size_t stars = strspn(path, "*");
    const char *root = path + stars;
    size_t len = root_length(root);
    for (size_t i = 0; i < fn->nparams; i++) {
        const char *param = fn->params[i];
        if (param && strlen(param) == len && strncmp(param, root, len) == 0)
            return xasprintf("%.*s$%zu%s", (int)stars, path, i, root + len);
    }
    return NULL;
}

/* "*$1->fd" → stars 1, index 1, rest "->fd"; false when slot is not parameter-rooted. */
static bool parse_param_slot(const char *slot, size_t *stars, size_t *index, const char **rest)
{
    *stars = strspn(slot, "*");
    const char *p = slot + *stars;
    if (*p != '$' || !(p[1] >= '0' && p[1] <= '9'))
        return false;
    char *end;
    unsigned long v = strtoul(p + 1, &end, 10);
    *index = (size_t)v;
    *rest = end;
    return true;
}

/* The caller's path for (stars × "*") + (&base) + rest, when it has one. */
static char *through_address(const char *base, size_t stars, const char *rest)
{
    if (stars > 0)
        return xasprintf("%.*s%s%s", (int)(stars - 1), "********", base, rest);
    if (strncmp(rest, "->", 2) == 0)
        return xasprintf("%s.%s", base, rest + 2);
    return NULL;
}

char *summary_translate(const char *slot, char *const *args, size_t nargs, const char *dst)
{
    if (strcmp(slot, "%ret") == 0)
        return dst ? xstrdup(dst) : NULL;
    if (strncmp(slot, "::", 2) == 0)
        return xstrdup(slot);
    size_t stars, index;
    const char *rest;
    if (!parse_param_slot(slot, &stars, &index, &rest) || index >= nargs || !args || !args[index] ||
        stars > 8)
        return NULL;
    const char *arg = args[index];
    if (arg[0] == '&')
        return through_address(arg + 1, stars, rest);
    return xasprintf("%.*s%s%s", (int)stars, "********", arg, rest);
}
