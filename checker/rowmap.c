#include "rowmap.h"

#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

#define FANOUT_BITS 4
#define FANOUT      (1u << FANOUT_BITS)

/* Both start with their reference count, so that retain() and the seen set need no kind. */
struct leaf {
    uint32_t refs;
    uint32_t n;
    uint64_t word;
    uint32_t ids[];
};

struct node {
    uint32_t refs;
    void *kids[FANOUT]; /* nodes one level down, or leaves at level 1 */
};

static void *retain(void *p)
{
    if (p)
        ++*(uint32_t *)p;
    return p;
}

/* Drops one reference to p, a leaf (level 0) or a node of that level. */
static void release(void *p, unsigned level)
{
    if (!p || --*(uint32_t *)p)
        return;
    if (level > 0) {
        struct node *n = p;
        for (unsigned i = 0; i < FANOUT; i++)
            release(n->kids[i], level - 1);
    }
    free(p);
}

static unsigned kid_index(uint32_t row, unsigned level)
{
    return (row >> ((level - 1) * FANOUT_BITS)) & (FANOUT - 1);
}

void rowmap_init(struct rowmap *map, uint32_t nrows)
{
    map->root = NULL;
    map->nrows = nrows;
    map->levels = 1;
    while (map->levels < 8 && (uint64_t)nrows > (uint64_t)1 << (map->levels * FANOUT_BITS))
        map->levels++;
}

void rowmap_fini(struct rowmap *map)
{
    release(map->root, map->levels);
    map->root = NULL;
}

void rowmap_copy(struct rowmap *dst, const struct rowmap *src)
{
    if (dst->root == src->root)
        return;
    void *old = dst->root;
    dst->root = retain(src->root);
    release(old, dst->levels);
}

/* ---- reading ------------------------------------------------------------------------------ */

static const struct leaf *leaf_at(const struct rowmap *map, uint32_t row)
{
    const void *p = map->root;
    for (unsigned level = map->levels; level > 0 && p; level--)
        p = ((const struct node *)p)->kids[kid_index(row, level)];
    return p;
}

uint64_t rowmap_word(const struct rowmap *map, uint32_t row)
{
    const struct leaf *l = leaf_at(map, row);
    return l ? l->word : 0;
}

const uint32_t *rowmap_ids(const struct rowmap *map, uint32_t row, size_t *n_out)
{
    const struct leaf *l = leaf_at(map, row);
    *n_out = l ? l->n : 0;
    return l && l->n ? l->ids : NULL;
}

/* Where id is in the sorted ids, or where it would go (*found says which). */
static size_t find_id(const uint32_t *ids, size_t n, uint32_t id, bool *found)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ids[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = lo < n && ids[lo] == id;
    return lo;
}

bool rowmap_has_id(const struct rowmap *map, uint32_t row, uint32_t id)
{
    const struct leaf *l = leaf_at(map, row);
    bool found = false;
    if (l)
        (void)find_id(l->ids, l->n, id, &found);
    return found;
}

/* ---- writing ------------------------------------------------------------------------------ */

/* A new leaf with room for n ids (the caller fills them); NULL stands for the empty row. */
static struct leaf *new_leaf(uint64_t word, size_t n)
{
    struct leaf *l = xmalloc(sizeof *l + n * sizeof l->ids[0]);
    l->refs = 1;
    l->n = (uint32_t)n;
    l->word = word;
    return l;
}

static struct node *clone_node(const struct node *n)
{
    struct node *c = xmalloc(sizeof *c);
    c->refs = 1;
    for (unsigned i = 0; i < FANOUT; i++)
        c->kids[i] = retain(n->kids[i]);
    return c;
}

/* The slot of row's leaf, in nodes that this map alone holds: shared ones on the way are
 * copied first (copy-on-write), missing ones made. */
static void **leaf_slot(struct rowmap *map, uint32_t row)
{
    void **slot = &map->root;
    for (unsigned level = map->levels; level > 0; level--) {
        struct node *n = *slot;
        if (!n) {
            n = xcalloc(1, sizeof *n);
            n->refs = 1;
        } else if (n->refs > 1) {
            n->refs--;
            n = clone_node(n);
        }
        *slot = n;
        slot = &n->kids[kid_index(row, level)];
    }
    return slot;
}

/* Row becomes leaf (a reference the map takes over; NULL: empty). */
static void put_leaf(struct rowmap *map, uint32_t row, struct leaf *leaf)
{
    if (!leaf && !leaf_at(map, row))
        return;
    void **slot = leaf_slot(map, row);
    release(*slot, 0);
    *slot = leaf;
}

/* A leaf with word and the n ids given, or NULL when both are empty. */
static struct leaf *leaf_of(uint64_t word, const uint32_t *ids, size_t n)
{
    if (!word && !n)
        return NULL;
    struct leaf *l = new_leaf(word, n);
    if (n)
        memcpy(l->ids, ids, n * sizeof *ids);
    return l;
}

void rowmap_set_word(struct rowmap *map, uint32_t row, uint64_t word)
{
    const struct leaf *l = leaf_at(map, row);
    if ((l ? l->word : 0) == word)
        return;
    put_leaf(map, row, leaf_of(word, l ? l->ids : NULL, l ? l->n : 0));
}

void rowmap_add_id(struct rowmap *map, uint32_t row, uint32_t id)
{
    const struct leaf *l = leaf_at(map, row);
    size_t n = l ? l->n : 0;
    bool found = false;
    size_t at = l ? find_id(l->ids, n, id, &found) : 0;
    if (found)
        return;
    struct leaf *next = new_leaf(l ? l->word : 0, n + 1);
    if (l) {
        memcpy(next->ids, l->ids, at * sizeof *l->ids);
        memcpy(next->ids + at + 1, l->ids + at, (n - at) * sizeof *l->ids);
    }
    next->ids[at] = id;
    put_leaf(map, row, next);
}

void rowmap_remove_id(struct rowmap *map, uint32_t row, uint32_t id)
{
    const struct leaf *l = leaf_at(map, row);
    bool found = false;
    size_t at = l ? find_id(l->ids, l->n, id, &found) : 0;
    if (!found)
        return;
    size_t n = l->n - 1;
    struct leaf *next = NULL;
    if (l->word || n) {
        next = new_leaf(l->word, n);
        memcpy(next->ids, l->ids, at * sizeof *l->ids);
        memcpy(next->ids + at, l->ids + at + 1, (n - at) * sizeof *l->ids);
    }
    put_leaf(map, row, next);
}

void rowmap_set_ids(struct rowmap *map, uint32_t row, const uint32_t *ids, size_t n)
{
    const struct leaf *l = leaf_at(map, row);
    if (l && l->n == n && (n == 0 || memcmp(l->ids, ids, n * sizeof *ids) == 0))
        return;
    put_leaf(map, row, leaf_of(l ? l->word : 0, ids, n));
}

void rowmap_clear_row(struct rowmap *map, uint32_t row)
{
    put_leaf(map, row, NULL);
}

void rowmap_copy_row(struct rowmap *map, uint32_t dst, uint32_t src)
{
    struct leaf *l = retain((void *)leaf_at(map, src));
    if (l == leaf_at(map, dst)) {
        release(l, 0);
        return;
    }
    put_leaf(map, dst, l);
}

/* ---- join and equality -------------------------------------------------------------------- */

/* Whether every id of a (na of them, sorted) is among the nb ids of b. */
static bool ids_subset(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t j = 0;
    for (size_t i = 0; i < na; i++) {
        while (j < nb && b[j] < a[i])
            j++;
        if (j == nb || b[j] != a[i])
            return false;
        j++;
    }
    return true;
}

static bool leaf_within(const struct leaf *a, const struct leaf *b)
{
    return !(a->word & ~b->word) && ids_subset(a->ids, a->n, b->ids, b->n);
}

/* d ∪ s for two leaves, as a reference: d or s themselves when the union is one of them (s
 * preferred when they are equal, so that related states come to share it), else a new leaf. */
static struct leaf *leaf_union(struct leaf *d, struct leaf *s, bool *changed)
{
    bool s_in_d = leaf_within(s, d), d_in_s = leaf_within(d, s);
    *changed |= !s_in_d;
    if (d_in_s)
        return retain(s);
    if (s_in_d)
        return retain(d);
    uint32_t *ids = xmalloc((d->n + s->n) * sizeof *ids);
    size_t i = 0, j = 0, n = 0;
    while (i < d->n || j < s->n) {
        if (j == s->n || (i < d->n && d->ids[i] < s->ids[j]))
            ids[n++] = d->ids[i++];
        else if (i == d->n || s->ids[j] < d->ids[i])
            ids[n++] = s->ids[j++];
        else
            ids[n++] = d->ids[i++], j++;
    }
    struct leaf *out = leaf_of(d->word | s->word, ids, n);
    free(ids);
    return out;
}

static bool is_empty(const void *p, unsigned level)
{
    if (!p || level == 0)
        return !p;
    const struct node *n = p;
    for (unsigned i = 0; i < FANOUT; i++)
        if (!is_empty(n->kids[i], level - 1))
            return false;
    return true;
}

/*
 * d ∪ s as a reference the caller owns; *changed is set when it holds more than d. Where the
 * union is all of s's, s's node is taken rather than a copy: the state a block's exit joins
 * into then shares with the states that reach it, and the next join skips those parts, so
 * joining a thousand returns into one exit state costs what they differ in, not their size.
 */
static void *join_at(void *d, void *s, unsigned level, bool *changed)
{
    if (d == s || is_empty(s, level))
        return retain(d);
    if (!d || is_empty(d, level)) {
        *changed = true;
        return retain(s);
    }
    if (level == 0)
        return leaf_union(d, s, changed);
    struct node *dn = d, *sn = s;
    void *kids[FANOUT];
    bool all_s = true, all_d = true;
    for (unsigned i = 0; i < FANOUT; i++) {
        kids[i] = join_at(dn->kids[i], sn->kids[i], level - 1, changed);
        all_s &= kids[i] == sn->kids[i];
        all_d &= kids[i] == dn->kids[i];
    }
    if (all_s || all_d) {
        for (unsigned i = 0; i < FANOUT; i++)
            release(kids[i], level - 1);
        return retain(all_s ? s : d);
    }
    struct node *out = xmalloc(sizeof *out);
    out->refs = 1;
    memcpy(out->kids, kids, sizeof kids);
    return out;
}

bool rowmap_join(struct rowmap *dst, const struct rowmap *src)
{
    bool changed = false;
    void *joined = join_at(dst->root, src->root, dst->levels, &changed);
    release(dst->root, dst->levels);
    dst->root = joined;
    return changed;
}

static bool equal_at(const void *a, const void *b, unsigned level)
{
    if (a == b)
        return true;
    if (!a || !b)
        return is_empty(a ? a : b, level);
    if (level == 0) {
        const struct leaf *x = a, *y = b;
        return x->word == y->word && x->n == y->n &&
               memcmp(x->ids, y->ids, x->n * sizeof x->ids[0]) == 0;
    }
    const struct node *x = a, *y = b;
    for (unsigned i = 0; i < FANOUT; i++)
        if (!equal_at(x->kids[i], y->kids[i], level - 1))
            return false;
    return true;
}

bool rowmap_equal(const struct rowmap *a, const struct rowmap *b)
{
    return equal_at(a->root, b->root, a->levels);
}

/* ---- visiting what changed ---------------------------------------------------------------- */

void rowmap_seen_init(struct rowmap_seen *seen)
{
    memset(seen, 0, sizeof *seen);
}

void rowmap_seen_fini(struct rowmap_seen *seen)
{
    for (size_t i = 0; i < seen->cap; i++)
        release(seen->nodes[i].node, seen->nodes[i].level);
    free(seen->nodes);
    rowmap_seen_init(seen);
}

static size_t pointer_hash(const void *p)
{
    uintptr_t v = (uintptr_t)p;
    return (size_t)((v >> 4) ^ (v >> 17)) * 2654435761u;
}

/* The slot of seen that holds node, or the free one where it would go. */
static struct rowmap_seen_node *seen_slot(const struct rowmap_seen *seen, const void *node)
{
    size_t mask = seen->cap - 1;
    for (size_t i = pointer_hash(node) & mask;; i = (i + 1) & mask)
        if (!seen->nodes[i].node || seen->nodes[i].node == node)
            return &seen->nodes[i];
}

/* Adds node to seen (taking a reference) unless it is there; returns whether it was new. */
static bool seen_add(struct rowmap_seen *seen, void *node, unsigned level)
{
    if (2 * (seen->count + 1) > seen->cap) {
        struct rowmap_seen old = *seen;
        seen->cap = old.cap ? 2 * old.cap : 64;
        seen->nodes = xcalloc(seen->cap, sizeof *seen->nodes);
        for (size_t i = 0; i < old.cap; i++)
            if (old.nodes[i].node)
                *seen_slot(seen, old.nodes[i].node) = old.nodes[i];
        free(old.nodes);
    }
    struct rowmap_seen_node *slot = seen_slot(seen, node);
    if (slot->node)
        return false;
    *slot = (struct rowmap_seen_node){retain(node), level};
    seen->count++;
    return true;
}

struct visit {
    struct rowmap_seen *seen;
    uint64_t first, end;
    rowmap_visit_fn fn;
    void *ctx;
};

/* Visits the rows under p (not NULL), whose first row is base, unless seen has p. */
static void visit_at(void *p, unsigned level, uint64_t base, const struct visit *v)
{
    if (level == 0) {
        v->fn(v->ctx, (uint32_t)base, ((const struct leaf *)p)->word);
        return;
    }
    if (!seen_add(v->seen, p, level))
        return;
    const struct node *n = p;
    uint64_t span = (uint64_t)1 << ((level - 1) * FANOUT_BITS);
    for (unsigned i = 0; i < FANOUT; i++) {
        uint64_t kid_base = base + i * span;
        if (n->kids[i] && kid_base < v->end && kid_base + span > v->first)
            visit_at(n->kids[i], level - 1, kid_base, v);
    }
}

void rowmap_visit_unseen(const struct rowmap *map, struct rowmap_seen *seen, uint32_t first,
                         uint32_t end, rowmap_visit_fn fn, void *ctx)
{
    struct visit v = {seen, first, end, fn, ctx};
    if (map->root)
        visit_at(map->root, map->levels, 0, &v);
}
