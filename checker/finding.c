/*
 * Findings: storage, the deterministic order every reporter relies on, and the stable
 * fingerprint that baselines and SARIF partialFingerprints use.
 */
#include "finding.h"

#include "xalloc.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct finding *finding_list_add(struct finding_list *list)
{
    struct finding *f = XPUSH(list->items, list->count, list->cap);
    memset(f, 0, sizeof *f);
    return f;
}

struct finding_loc *finding_add_related(struct finding *f, const struct finding_loc *loc)
{
    struct finding_loc *dst = XPUSH(f->related, f->nrelated, f->related_cap);
    finding_loc_copy(dst, loc);
    return dst;
}

struct finding_loc *finding_add_trace(struct finding *f, const struct finding_loc *loc)
{
    struct finding_loc *dst = XPUSH(f->trace, f->ntrace, f->trace_cap);
    finding_loc_copy(dst, loc);
    return dst;
}

void finding_loc_copy(struct finding_loc *dst, const struct finding_loc *src)
{
    *dst = *src;
    dst->abs_path = xstrdup(src->abs_path);
    dst->path = xstrdup(src->path);
    dst->message = xstrdup(src->message);
}

void finding_loc_fini(struct finding_loc *loc)
{
    free(loc->abs_path);
    free(loc->path);
    free(loc->message);
    memset(loc, 0, sizeof *loc);
}

struct finding_edit *finding_add_edit(struct finding *f, enum finding_edit_kind kind,
                                      const struct finding_loc *loc, const char *text)
{
    struct finding_edit *e = XPUSH(f->edits, f->nedits, f->edits_cap);
    e->kind = kind;
    finding_loc_copy(&e->loc, loc);
    e->text = xstrdup(text ? text : "");
    return e;
}

void finding_drop_fix(struct finding *f)
{
    for (size_t i = 0; i < f->nedits; i++) {
        finding_loc_fini(&f->edits[i].loc);
        free(f->edits[i].text);
    }
    free(f->edits);
    free(f->fix_description);
    f->edits = NULL;
    f->nedits = 0;
    f->edits_cap = 0;
    f->fix_description = NULL;
}

bool finding_is_reported(const struct finding *f)
{
    return !f->suppressed && f->baseline != FINDING_BASELINE_UNCHANGED &&
           f->baseline != FINDING_BASELINE_ABSENT;
}

static void finding_fini(struct finding *f)
{
    finding_drop_fix(f);
    free(f->justification);
    finding_loc_fini(&f->suppression);
    free(f->message);
    free(f->function);
    free(f->call_text);
    free(f->socket_name);
    finding_loc_fini(&f->loc);
    for (size_t i = 0; i < f->nrelated; i++)
        finding_loc_fini(&f->related[i]);
    free(f->related);
    for (size_t i = 0; i < f->ntrace; i++)
        finding_loc_fini(&f->trace[i]);
    free(f->trace);
    memset(f, 0, sizeof *f);
}

void finding_list_fini(struct finding_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        finding_fini(&list->items[i]);
    free(list->items);
    list->items = NULL;
    list->count = 0;
    list->cap = 0;
}

void finding_list_retain(struct finding_list *list, bool (*keep)(const struct finding *, void *),
                         void *arg)
{
    size_t kept = 0;
    for (size_t i = 0; i < list->count; i++) {
        if (!keep(&list->items[i], arg)) {
            finding_fini(&list->items[i]);
            continue;
        }
        if (kept != i)
            list->items[kept] = list->items[i];
        kept++;
    }
    list->count = kept;
}

/* strcmp that orders NULL as the empty string, so optional fields compare too. */
static int str_cmp(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

static int uint_cmp(unsigned a, unsigned b)
{
    return (a > b) - (a < b);
}

/* The primary order: path, line, column (SPEC via STYLE §3.5). */
static int loc_start_cmp(const struct finding_loc *a, const struct finding_loc *b)
{
    int c = str_cmp(a->path, b->path);
    if (c == 0)
        c = uint_cmp(a->line, b->line);
    if (c == 0)
        c = uint_cmp(a->col, b->col);
    return c;
}

static int loc_cmp(const struct finding_loc *a, const struct finding_loc *b)
{
    int c = loc_start_cmp(a, b);
    if (c == 0)
        c = uint_cmp(a->end_line, b->end_line);
    if (c == 0)
        c = uint_cmp(a->end_col, b->end_col);
    if (c == 0)
        c = str_cmp(a->message, b->message);
    if (c == 0)
        c = uint_cmp(a->depth, b->depth);
    return c;
}

static int loc_array_cmp(const struct finding_loc *a, size_t na, const struct finding_loc *b,
                         size_t nb)
{
    for (size_t i = 0; i < na && i < nb; i++) {
        int c = loc_cmp(&a[i], &b[i]);
        if (c != 0)
            return c;
    }
    return (na > nb) - (na < nb);
}

/*
 * After the documented key (path, line, column, rule, message) every other field breaks
 * ties, so that two findings compare equal only when they print identically: qsort is not
 * stable, and the output must not depend on the order the analysis produced them in.
 */
static int finding_cmp(const void *pa, const void *pb)
{
    const struct finding *a = pa;
    const struct finding *b = pb;
    int c = loc_start_cmp(&a->loc, &b->loc);
    if (c == 0)
        c = str_cmp(a->rule_id, b->rule_id);
    if (c == 0)
        c = str_cmp(a->message, b->message);
    if (c == 0)
        c = loc_cmp(&a->loc, &b->loc);
    if (c == 0)
        c = uint_cmp((unsigned)a->level, (unsigned)b->level);
    if (c == 0)
        c = str_cmp(a->function, b->function);
    if (c == 0)
        c = str_cmp(a->socket_name, b->socket_name);
    if (c == 0)
        c = str_cmp(a->call_text, b->call_text);
    if (c == 0)
        c = loc_array_cmp(a->related, a->nrelated, b->related, b->nrelated);
    if (c == 0)
        c = loc_array_cmp(a->trace, a->ntrace, b->trace, b->ntrace);
    return c;
}

void finding_list_sort(struct finding_list *list)
{
    if (list->count > 1)
        qsort(list->items, list->count, sizeof list->items[0], finding_cmp);
}

/* Same rule and same primary range: one situation reported twice (e.g. from two units). */
static int is_duplicate(const struct finding *a, const struct finding *b)
{
    return str_cmp(a->rule_id, b->rule_id) == 0 && loc_start_cmp(&a->loc, &b->loc) == 0 &&
           a->loc.end_line == b->loc.end_line && a->loc.end_col == b->loc.end_col;
}

/* True when a and b fall in the same sorted run of (path, line, column, rule). */
static int same_group(const struct finding *a, const struct finding *b)
{
    return loc_start_cmp(&a->loc, &b->loc) == 0 && str_cmp(a->rule_id, b->rule_id) == 0;
}

/*
 * Duplicates are contiguous only up to the sort key (path, line, column, rule): within that
 * run messages may interleave, so each finding is compared with the kept ones of its run.
 * The first in sorted order is kept.
 */
void finding_list_dedup(struct finding_list *list)
{
    size_t kept = 0;
    size_t group = 0; /* index, among kept findings, where the current run starts */
    for (size_t i = 0; i < list->count; i++) {
        struct finding *f = &list->items[i];
        if (kept > 0 && !same_group(&list->items[group], f))
            group = kept;
        int dup = 0;
        for (size_t k = group; k < kept && !dup; k++)
            dup = is_duplicate(&list->items[k], f);
        if (dup) {
            finding_fini(f);
            continue;
        }
        if (kept != i)
            list->items[kept] = *f;
        kept++;
    }
    list->count = kept;
}

#define FNV_OFFSET UINT64_C(0xcbf29ce484222325)
#define FNV_PRIME  UINT64_C(0x100000001b3)

/* FNV-1a over s and its terminating NUL, so that ("ab","c") and ("a","bc") differ. */
static uint64_t fnv_field(uint64_t h, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    do {
        h ^= *p;
        h *= FNV_PRIME;
    } while (*p++);
    return h;
}

/* The part of the fingerprint that does not depend on n. */
static uint64_t fingerprint_base(const struct finding *f)
{
    uint64_t h = FNV_OFFSET;
    h = fnv_field(h, f->rule_id);
    h = fnv_field(h, f->loc.path);
    h = fnv_field(h, f->function);
    h = fnv_field(h, f->socket_name);
    h = fnv_field(h, f->call_text);
    return h;
}

static void fingerprint_finish(struct finding *f, uint64_t base, unsigned n)
{
    char num[16];
    snprintf(num, sizeof num, "%u", n);
    uint64_t h = fnv_field(base, num);
    snprintf(f->fingerprint, sizeof f->fingerprint, "%016" PRIx64, h);
}

void finding_fingerprint(struct finding *f, unsigned n)
{
    fingerprint_finish(f, fingerprint_base(f), n);
}

static int same_inputs(const struct finding *a, const struct finding *b)
{
    return str_cmp(a->rule_id, b->rule_id) == 0 && str_cmp(a->loc.path, b->loc.path) == 0 &&
           str_cmp(a->function, b->function) == 0 && str_cmp(a->socket_name, b->socket_name) == 0 &&
           str_cmp(a->call_text, b->call_text) == 0;
}

struct fp_slot {
    uint64_t base;
    size_t index;
};

static int fp_slot_cmp(const void *pa, const void *pb)
{
    const struct fp_slot *a = pa;
    const struct fp_slot *b = pb;
    if (a->base != b->base)
        return a->base < b->base ? -1 : 1;
    return (a->index > b->index) - (a->index < b->index);
}

/*
 * Numbers findings with identical inputs 0, 1, 2 ... in list order. Grouping by the base
 * hash first keeps this near-linear on large runs; the inputs are still compared, so a hash
 * collision cannot merge two different groups.
 */
void finding_list_fingerprint(struct finding_list *list)
{
    size_t count = list->count;
    if (count == 0)
        return;
    struct fp_slot *slots = xmalloc(count * sizeof *slots);
    for (size_t i = 0; i < count; i++) {
        slots[i].base = fingerprint_base(&list->items[i]);
        slots[i].index = i;
    }
    qsort(slots, count, sizeof *slots, fp_slot_cmp);
    size_t start = 0;
    for (size_t i = 0; i < count; i++) {
        if (slots[i].base != slots[start].base)
            start = i;
        struct finding *f = &list->items[slots[i].index];
        unsigned n = 0;
        for (size_t k = start; k < i; k++)
            n += (unsigned)same_inputs(&list->items[slots[k].index], f);
        fingerprint_finish(f, slots[i].base, n);
    }
    free(slots);
}
