#include "program.h"

#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

/* A name → function entry of the symbol table, sorted by (name, internal first, unit, index). */
struct symbol {
    const char *name;
    size_t unit;
    enum ir_linkage linkage;
    uint32_t function;
};

static int compare_symbols(const void *pa, const void *pb)
{
    const struct symbol *a = pa, *b = pb;
    int c = strcmp(a->name, b->name);
    if (c)
        return c;
    if (a->unit != b->unit)
        return a->unit < b->unit ? -1 : 1;
    return a->function < b->function ? -1 : a->function > b->function;
}

static size_t lower_bound(const struct symbol *symbols, size_t n, const char *name)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(symbols[mid].name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* A static function of the caller's unit first, else the first external definition. */
static uint32_t resolve(const struct symbol *symbols, size_t n, const char *name, size_t unit)
{
    uint32_t external = PROGRAM_NONE;
    for (size_t i = lower_bound(symbols, n, name); i < n && strcmp(symbols[i].name, name) == 0;
         i++) {
        if (symbols[i].linkage == IR_LINKAGE_INTERNAL && symbols[i].unit == unit)
            return symbols[i].function;
        if (symbols[i].linkage == IR_LINKAGE_EXTERNAL && external == PROGRAM_NONE)
            external = symbols[i].function;
    }
    return external;
}

static void index_events(struct program_function *pf)
{
    uint32_t n = pf->fn->nevents;
    pf->events = xcalloc(n + 1, sizeof *pf->events);
    pf->callees = xcalloc(n + 1, sizeof *pf->callees);
    for (size_t b = 0; b < pf->fn->nblocks; b++) {
        const struct ir_block *blk = &pf->fn->blocks[b];
        for (size_t i = 0; i < blk->nevents; i++)
            if (blk->events[i].id < n)
                pf->events[blk->events[i].id] = &blk->events[i];
    }
}

static void resolve_calls(struct program *p, const struct symbol *symbols, size_t nsymbols,
                          const struct models *models)
{
    for (size_t f = 0; f < p->nfunctions; f++) {
        struct program_function *pf = &p->functions[f];
        for (uint32_t id = 0; id < pf->fn->nevents; id++) {
            const struct ir_event *ev = pf->events[id];
            if (!ev || ev->kind != IR_CALL || !ev->callee)
                continue;
            uint32_t target = resolve(symbols, nsymbols, ev->callee, pf->unit);
            const struct model_function *model = models_find(models, ev->callee);
            if (target != PROGRAM_NONE)
                pf->callees[id] = (struct program_callee){PROGRAM_CALL_FUNCTION, target, NULL};
            else if (model)
                pf->callees[id] = (struct program_callee){PROGRAM_CALL_MODEL, PROGRAM_NONE, model};
        }
    }
}

/* ---- strongly connected components (Tarjan, with an explicit stack: no deep recursion) ---- */

struct tarjan {
    const struct program *p;
    uint32_t *index, *low, *stack, *order;
    bool *on_stack;
    uint32_t next_index;
    size_t sp, norder;
    uint32_t *starts;
    size_t nsccs;
};

struct frame {
    uint32_t fn;
    uint32_t next_event; /* the next call event to look at */
};

static uint32_t callee_at(const struct program *p, uint32_t fn, uint32_t event)
{
    const struct program_callee *c = &p->functions[fn].callees[event];
    return c->kind == PROGRAM_CALL_FUNCTION ? c->function : PROGRAM_NONE;
}

static void visit(struct tarjan *t, uint32_t root, struct frame *frames)
{
    size_t depth = 0;
    frames[depth++] = (struct frame){root, 0};
    t->index[root] = t->low[root] = t->next_index++;
    t->stack[t->sp++] = root;
    t->on_stack[root] = true;
    while (depth) {
        struct frame *fr = &frames[depth - 1];
        uint32_t v = fr->fn, nevents = t->p->functions[v].fn->nevents;
        bool descended = false;
        while (fr->next_event < nevents && !descended) {
            uint32_t w = callee_at(t->p, v, fr->next_event++);
            if (w == PROGRAM_NONE)
                continue;
            if (t->index[w] == PROGRAM_NONE) {
                t->index[w] = t->low[w] = t->next_index++;
                t->stack[t->sp++] = w;
                t->on_stack[w] = true;
                frames[depth++] = (struct frame){w, 0};
                descended = true;
            } else if (t->on_stack[w] && t->index[w] < t->low[v]) {
                t->low[v] = t->index[w];
            }
        }
        if (descended)
            continue;
        if (t->low[v] == t->index[v]) {
            t->starts[t->nsccs++] = (uint32_t)t->norder;
            uint32_t w;
            do {
                w = t->stack[--t->sp];
                t->on_stack[w] = false;
                t->order[t->norder++] = w;
            } while (w != v);
        }
        depth--;
        if (depth) {
            uint32_t parent = frames[depth - 1].fn;
            if (t->low[v] < t->low[parent])
                t->low[parent] = t->low[v];
        }
    }
}

/* Tarjan emits an SCC only after every SCC it reaches: callees first, as summaries need. */
static void order_sccs(struct program *p)
{
    size_t n = p->nfunctions;
    struct tarjan t = {.p = p};
    t.index = xmalloc((n + 1) * sizeof *t.index);
    t.low = xcalloc(n + 1, sizeof *t.low);
    t.stack = xcalloc(n + 1, sizeof *t.stack);
    t.order = xcalloc(n + 1, sizeof *t.order);
    t.on_stack = xcalloc(n + 1, sizeof *t.on_stack);
    t.starts = xcalloc(n + 2, sizeof *t.starts);
    struct frame *frames = xcalloc(n + 1, sizeof *frames);
    for (size_t i = 0; i < n; i++)
        t.index[i] = PROGRAM_NONE;
    for (size_t i = 0; i < n; i++)
        if (t.index[i] == PROGRAM_NONE)
            visit(&t, (uint32_t)i, frames);
    t.starts[t.nsccs] = (uint32_t)t.norder;
    p->scc_order = t.order;
    p->scc_starts = t.starts;
    p->nsccs = t.nsccs;
    free(frames);
    free(t.index);
    free(t.low);
    free(t.stack);
    free(t.on_stack);
}

struct program *program_link(struct facts *const *units, size_t nunits, const struct models *models)
{
    struct program *p = xcalloc(1, sizeof *p);
    size_t total = 0;
    for (size_t u = 0; u < nunits; u++)
        total += units[u] ? units[u]->nfunctions : 0;
    p->functions = xcalloc(total + 1, sizeof *p->functions);
    struct symbol *symbols = xcalloc(total + 1, sizeof *symbols);
    for (size_t u = 0; u < nunits; u++) {
        for (size_t i = 0; units[u] && i < units[u]->nfunctions; i++) {
            struct program_function *pf = &p->functions[p->nfunctions];
            pf->facts = units[u];
            pf->fn = &units[u]->functions[i];
            pf->unit = u;
            index_events(pf);
            symbols[p->nfunctions] =
                (struct symbol){pf->fn->name, u, pf->fn->linkage, (uint32_t)p->nfunctions};
            p->nfunctions++;
        }
    }
    qsort(symbols, p->nfunctions, sizeof *symbols, compare_symbols);
    resolve_calls(p, symbols, p->nfunctions, models);
    free(symbols);
    order_sccs(p);
    return p;
}

void program_free(struct program *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nfunctions; i++) {
        free(p->functions[i].callees);
        free(p->functions[i].events);
    }
    free(p->functions);
    free(p->scc_order);
    free(p->scc_starts);
    free(p);
}
