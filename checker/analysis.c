/*
 * The reuse dataflow (analysis.h). Sockets are abstract objects: one per creating event
 * (socket(), accept(), a call whose result is kept) and one per access path for whatever it
 * held when the function was entered. The state at a program point says which objects each
 * path may hold and, per object, its possible families and types, whether reuse may have been
 * enabled, which binds may have bound it without reuse (pending) and which binds failed on it
 * (failed). States are bit arrays joined by OR: a may-analysis, as SPEC §2 asks ("no path
 * reaching the bind enables reuse").
 *
 * Two passes keep the fixpoint sound: "was reuse enabled at this bind" only gets truer as the
 * fixpoint grows, and a bind seen early with a partial state must not leave a pending mark
 * behind. Pass 1 computes reuse facts; replaying every block once from pass 1's final states
 * records, per bind, the sockets it binds without reuse; pass 2 uses that answer at every bind.
 */
#include "analysis.h"

#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

#define NONE (-1)

enum { PASS_REUSE = 1, PASS_RECORD, PASS_PENDING };

enum {
    FLAG_FAMILY_SHIFT = 0, /* 1 << ir_family */
    FLAG_TYPE_SHIFT = 8,   /* 1 << ir_socktype */
    FLAG_REUSE = 1u << 16, /* reuse may have been enabled */
    FLAG_LOCAL = 1u << 17, /* created by socket() in this function */
};

/* Per event: the tracked paths it reads and writes, as indexes (NONE when untracked). */
struct event_paths {
    int sock;
    int dst;
    int src;
    int *args;
    int site; /* the object this event creates, or NONE */
    int bind; /* index among binds, or NONE */
};

struct flow {
    const struct ir_function *fn;
    const struct ir_event **events; /* by id */
    struct event_paths *ep;         /* by id */
    char **paths;                   /* borrowed strings */
    size_t npaths, paths_cap;
    size_t nsites; /* objects 0..nsites-1 are sites; then one per path */
    uint32_t *site_event;
    size_t nobjects;
    size_t nbinds;
    uint32_t *bind_event;
    size_t obj_words, bind_words, obj_stride, objs_off, state_words;
    int pass;                  /* PASS_REUSE, PASS_RECORD or PASS_PENDING */
    uint64_t *unprotected;     /* pass 1 → 2: per bind, objects bound there without reuse */
    bool *retried;             /* per bind */
    struct analysis_bind *out; /* per bind */
};

/* ---- bit arrays ---------------------------------------------------------------------- */

static bool bit_get(const uint64_t *w, size_t i)
{
    return (w[i / 64] >> (i % 64)) & 1u;
}

static void bit_set(uint64_t *w, size_t i)
{
    w[i / 64] |= (uint64_t)1 << (i % 64);
}

static void bit_clear(uint64_t *w, size_t i)
{
    w[i / 64] &= ~((uint64_t)1 << (i % 64));
}

static size_t words_for(size_t bits)
{
    return (bits + 63) / 64 ? (bits + 63) / 64 : 1;
}

static uint64_t *holds(const struct flow *fl, uint64_t *s, int path)
{
    return s + (size_t)path * fl->obj_words;
}

static uint64_t *obj_flags(const struct flow *fl, uint64_t *s, size_t obj)
{
    return s + fl->objs_off + obj * fl->obj_stride;
}

static uint64_t *obj_pending(const struct flow *fl, uint64_t *s, size_t obj)
{
    return obj_flags(fl, s, obj) + 1;
}

static uint64_t *obj_failed(const struct flow *fl, uint64_t *s, size_t obj)
{
    return obj_flags(fl, s, obj) + 1 + fl->bind_words;
}

/* ---- which paths matter -------------------------------------------------------------- */

static int path_index(const struct flow *fl, const char *path)
{
    if (!path)
        return NONE;
    for (size_t i = 0; i < fl->npaths; i++)
        if (strcmp(fl->paths[i], path) == 0)
            return (int)i;
    return NONE;
}

static bool track(struct flow *fl, const char *path)
{
    if (!path || path_index(fl, path) != NONE)
        return false;
    *XPUSH(fl->paths, fl->npaths, fl->paths_cap) = (char *)path;
    return true;
}

static bool is_socket_op(enum ir_kind kind)
{
    return kind == IR_SETSOCKOPT || kind == IR_BIND || kind == IR_LISTEN || kind == IR_CONNECT ||
           kind == IR_CLOSE || kind == IR_ACCEPT;
}

/*
 * Tracked paths: socket operands, results of socket() and accept(), and everything linked to
 * them by assignments (to a fixpoint). Other paths cannot hold a socket we could report on.
 */
static void find_paths(struct flow *fl)
{
    for (uint32_t id = 0; id < fl->fn->nevents; id++) {
        const struct ir_event *ev = fl->events[id];
        if (is_socket_op(ev->kind))
            track(fl, ev->sock);
        if (ev->kind == IR_CREATE || ev->kind == IR_ACCEPT)
            track(fl, ev->dst);
    }
    for (bool grew = true; grew;) {
        grew = false;
        for (uint32_t id = 0; id < fl->fn->nevents; id++) {
            const struct ir_event *ev = fl->events[id];
            if (ev->kind != IR_ASSIGN || !ev->dst || !ev->src)
                continue;
            if (path_index(fl, ev->dst) != NONE)
                grew |= track(fl, ev->src);
            if (path_index(fl, ev->src) != NONE)
                grew |= track(fl, ev->dst);
        }
    }
}

static void map_events(struct flow *fl)
{
    fl->ep = xcalloc(fl->fn->nevents ? fl->fn->nevents : 1, sizeof *fl->ep);
    for (uint32_t id = 0; id < fl->fn->nevents; id++) {
        const struct ir_event *ev = fl->events[id];
        struct event_paths *p = &fl->ep[id];
        p->sock = path_index(fl, ev->sock);
        p->dst = path_index(fl, ev->dst);
        p->src = path_index(fl, ev->src);
        p->site = NONE;
        p->bind = NONE;
        if (ev->nargs) {
            p->args = xcalloc(ev->nargs, sizeof *p->args);
            for (size_t a = 0; a < ev->nargs; a++)
                p->args[a] = path_index(fl, ev->args[a]);
        }
        if (ev->kind == IR_CREATE || ev->kind == IR_ACCEPT ||
            (ev->kind == IR_CALL && p->dst != NONE)) {
            p->site = (int)fl->nsites++;
            fl->site_event = xrealloc(fl->site_event, fl->nsites * sizeof *fl->site_event);
            fl->site_event[p->site] = id;
        }
        if (ev->kind == IR_BIND) {
            p->bind = (int)fl->nbinds++;
            fl->bind_event = xrealloc(fl->bind_event, fl->nbinds * sizeof *fl->bind_event);
            fl->bind_event[p->bind] = id;
        }
    }
}

static void plan_layout(struct flow *fl)
{
    fl->nobjects = fl->nsites + fl->npaths;
    fl->obj_words = words_for(fl->nobjects);
    fl->bind_words = words_for(fl->nbinds);
    fl->obj_stride = 1 + 2 * fl->bind_words;
    fl->objs_off = fl->npaths * fl->obj_words;
    fl->state_words = fl->objs_off + fl->nobjects * fl->obj_stride;
}

/* ---- transfer functions ------------------------------------------------------------------ */

static void reset_object(struct flow *fl, uint64_t *s, size_t obj, uint64_t flags)
{
    uint64_t *f = obj_flags(fl, s, obj);
    memset(f, 0, fl->obj_stride * sizeof *f);
    *f = flags;
}

static void hold_only(struct flow *fl, uint64_t *s, int path, size_t obj)
{
    if (path == NONE)
        return;
    memset(holds(fl, s, path), 0, fl->obj_words * sizeof(uint64_t));
    bit_set(holds(fl, s, path), obj);
}

static uint64_t kind_flags(enum ir_family family, enum ir_socktype type)
{
    return ((uint64_t)1 << (FLAG_FAMILY_SHIFT + family)) |
           ((uint64_t)1 << (FLAG_TYPE_SHIFT + type));
}

static bool enables_reuse_option(const struct ir_event *ev)
{
    const struct ir_sockopt *so = &ev->sockopt;
    if (so->level == IR_LEVEL_OTHER)
        return false;
    return so->option == IR_OPTION_REUSEADDR || so->option == IR_OPTION_REUSEPORT ||
           so->option == IR_OPTION_UNKNOWN;
}

static size_t count_held(const struct flow *fl, uint64_t *s, int path)
{
    size_t n = 0;
    for (size_t o = 0; o < fl->nobjects; o++)
        n += bit_get(holds(fl, s, path), o);
    return n;
}

static void do_setsockopt(struct flow *fl, uint64_t *s, const struct ir_event *ev, int path)
{
    if (path == NONE || !enables_reuse_option(ev))
        return;
    bool disables = ev->sockopt.value == IR_OPTVAL_ZERO;
    bool single = count_held(fl, s, path) == 1;
    for (size_t o = 0; o < fl->nobjects; o++) {
        if (!bit_get(holds(fl, s, path), o))
            continue;
        if (disables) {
            if (single)
                *obj_flags(fl, s, o) &= ~(uint64_t)FLAG_REUSE;
            continue;
        }
        *obj_flags(fl, s, o) |= FLAG_REUSE;
        /* SPEC §2: a failed bind whose failure branch enables reuse is the retry pattern. */
        for (size_t b = 0; b < fl->nbinds; b++)
            if (bit_get(obj_failed(fl, s, o), b))
                fl->retried[b] = true;
    }
}

static void refine_family(uint64_t *flags, enum ir_family family)
{
    uint64_t unknown = (uint64_t)1 << (FLAG_FAMILY_SHIFT + IR_FAMILY_UNKNOWN);
    if (family == IR_FAMILY_UNKNOWN || !(*flags & unknown))
        return;
    *flags &= ~unknown;
    *flags |= (uint64_t)1 << (FLAG_FAMILY_SHIFT + family);
}

static void do_bind(struct flow *fl, uint64_t *s, const struct ir_event *ev,
                    const struct event_paths *p)
{
    if (p->sock == NONE)
        return;
    size_t b = (size_t)p->bind;
    uint64_t *unprotected = fl->unprotected + b * fl->obj_words;
    for (size_t o = 0; o < fl->nobjects; o++) {
        if (!bit_get(holds(fl, s, p->sock), o))
            continue;
        uint64_t *flags = obj_flags(fl, s, o);
        refine_family(flags, ev->bind.family);
        if (fl->pass == PASS_RECORD && !(*flags & FLAG_REUSE))
            bit_set(unprotected, o);
        if (fl->pass == PASS_PENDING && bit_get(unprotected, o))
            bit_set(obj_pending(fl, s, o), b);
    }
}

static bool may_be_tcp_inet(uint64_t flags)
{
    uint64_t families = ((uint64_t)1 << (FLAG_FAMILY_SHIFT + IR_FAMILY_INET)) |
                        ((uint64_t)1 << (FLAG_FAMILY_SHIFT + IR_FAMILY_INET6)) |
                        ((uint64_t)1 << (FLAG_FAMILY_SHIFT + IR_FAMILY_UNKNOWN));
    uint64_t types = ((uint64_t)1 << (FLAG_TYPE_SHIFT + IR_SOCKTYPE_STREAM)) |
                     ((uint64_t)1 << (FLAG_TYPE_SHIFT + IR_SOCKTYPE_UNKNOWN));
    return (flags & families) && (flags & types);
}

static void do_listen(struct flow *fl, uint64_t *s, const struct ir_event *ev, int path)
{
    if (path == NONE || fl->pass != PASS_PENDING)
        return;
    for (size_t o = 0; o < fl->nobjects; o++) {
        if (!bit_get(holds(fl, s, path), o))
            continue;
        uint64_t flags = *obj_flags(fl, s, o);
        if (!(flags & FLAG_LOCAL) || !may_be_tcp_inet(flags))
            continue;
        for (size_t b = 0; b < fl->nbinds; b++) {
            if (!bit_get(obj_pending(fl, s, o), b) || fl->out[b].listened)
                continue;
            fl->out[b].listened = true;
            fl->out[b].listen_event = ev->id;
            fl->out[b].create_event = fl->site_event[o];
        }
    }
}

static void do_call(struct flow *fl, uint64_t *s, const struct ir_event *ev,
                    const struct event_paths *p)
{
    if (!analysis_call_keeps_reuse(ev->callee)) {
        for (size_t a = 0; a < ev->nargs; a++) {
            if (p->args[a] == NONE)
                continue;
            for (size_t o = 0; o < fl->nobjects; o++)
                if (bit_get(holds(fl, s, p->args[a]), o))
                    *obj_flags(fl, s, o) |= FLAG_REUSE;
        }
    }
    if (p->site != NONE) {
        /* A socket from a function we know nothing about: it may come with reuse set. */
        reset_object(fl, s, (size_t)p->site,
                     kind_flags(IR_FAMILY_UNKNOWN, IR_SOCKTYPE_UNKNOWN) | FLAG_REUSE);
        hold_only(fl, s, p->dst, (size_t)p->site);
    }
}

static void do_assign(struct flow *fl, uint64_t *s, const struct event_paths *p)
{
    if (p->dst == NONE)
        return;
    if (p->src == NONE)
        memset(holds(fl, s, p->dst), 0, fl->obj_words * sizeof(uint64_t));
    else if (p->src != p->dst)
        memcpy(holds(fl, s, p->dst), holds(fl, s, p->src), fl->obj_words * sizeof(uint64_t));
}

/* A flat switch over event kinds, one transfer function each. */
static void transfer(struct flow *fl, uint64_t *s, const struct ir_event *ev)
{
    const struct event_paths *p = &fl->ep[ev->id];
    switch (ev->kind) {
    case IR_CREATE:
        reset_object(fl, s, (size_t)p->site, kind_flags(ev->family, ev->socktype) | FLAG_LOCAL);
        hold_only(fl, s, p->dst, (size_t)p->site);
        break;
    case IR_ACCEPT:
        reset_object(fl, s, (size_t)p->site, kind_flags(IR_FAMILY_UNKNOWN, IR_SOCKTYPE_STREAM));
        hold_only(fl, s, p->dst, (size_t)p->site);
        break;
    case IR_SETSOCKOPT:
        do_setsockopt(fl, s, ev, p->sock);
        break;
    case IR_BIND:
        do_bind(fl, s, ev, p);
        break;
    case IR_LISTEN:
        do_listen(fl, s, ev, p->sock);
        break;
    case IR_CALL:
        do_call(fl, s, ev, p);
        break;
    case IR_ASSIGN:
        do_assign(fl, s, p);
        break;
    case IR_CONNECT:
    case IR_CLOSE:
    case IR_RETURN:
    case IR_KIND_COUNT:
        break;
    }
}

/* An edge taken only when a call succeeded or failed narrows the state along it. */
static void refine(struct flow *fl, uint64_t *s, const struct ir_edge *e)
{
    if (e->cond_outcome == IR_OUTCOME_ANY || e->cond_event >= fl->fn->nevents)
        return;
    const struct ir_event *ev = fl->events[e->cond_event];
    const struct event_paths *p = &fl->ep[ev->id];
    bool failed = e->cond_outcome == IR_OUTCOME_FAILURE;
    if (ev->kind == IR_BIND && p->sock != NONE) {
        for (size_t o = 0; o < fl->nobjects; o++) {
            if (!bit_get(holds(fl, s, p->sock), o))
                continue;
            if (failed) {
                bit_clear(obj_pending(fl, s, o), (size_t)p->bind);
                bit_set(obj_failed(fl, s, o), (size_t)p->bind);
            } else {
                bit_clear(obj_failed(fl, s, o), (size_t)p->bind);
            }
        }
    } else if ((ev->kind == IR_CREATE || ev->kind == IR_ACCEPT) && failed && p->dst != NONE) {
        memset(holds(fl, s, p->dst), 0, fl->obj_words * sizeof(uint64_t));
    }
}

/* ---- the fixpoint ------------------------------------------------------------------------- */

static void initial_state(struct flow *fl, uint64_t *s)
{
    for (size_t path = 0; path < fl->npaths; path++) {
        size_t obj = fl->nsites + path;
        bit_set(holds(fl, s, (int)path), obj);
        /* Whatever a path held on entry came from a caller, who may have enabled reuse. */
        reset_object(fl, s, obj, kind_flags(IR_FAMILY_UNKNOWN, IR_SOCKTYPE_UNKNOWN) | FLAG_REUSE);
    }
}

static bool join_into(uint64_t *dst, const uint64_t *src, size_t words)
{
    bool changed = false;
    for (size_t i = 0; i < words; i++) {
        uint64_t joined = dst[i] | src[i];
        changed |= joined != dst[i];
        dst[i] = joined;
    }
    return changed;
}

/* Runs transfer over every event of block b from state cur (changed in place). */
static void run_block(struct flow *fl, uint32_t b, uint64_t *cur)
{
    const struct ir_block *blk = &fl->fn->blocks[b];
    for (size_t i = 0; i < blk->nevents; i++)
        transfer(fl, cur, &blk->events[i]);
}

/* Once a pass has converged, runs every reached block once more from its final state. */
static void replay(struct flow *fl, const uint64_t *in, const bool *reached, uint64_t *cur)
{
    fl->pass = PASS_RECORD;
    for (uint32_t b = 0; b < fl->fn->nblocks; b++) {
        if (!reached[b])
            continue;
        memcpy(cur, in + (size_t)b * fl->state_words, fl->state_words * sizeof *cur);
        run_block(fl, b, cur);
    }
}

static void run_pass(struct flow *fl, int pass)
{
    fl->pass = pass;
    size_t nblocks = fl->fn->nblocks, words = fl->state_words;
    uint64_t *in = xcalloc(nblocks * words, sizeof *in);
    uint64_t *cur = xcalloc(words, sizeof *cur), *out = xcalloc(words, sizeof *out);
    bool *queued = xcalloc(nblocks, sizeof *queued), *reached = xcalloc(nblocks, sizeof *reached);
    uint32_t *queue = xcalloc(nblocks + 1, sizeof *queue);
    size_t head = 0, count = 0;
    initial_state(fl, in);
    queue[0] = IR_ENTRY_BLOCK;
    queued[IR_ENTRY_BLOCK] = reached[IR_ENTRY_BLOCK] = true;
    count = 1;
    while (count) {
        uint32_t b = queue[head];
        head = (head + 1) % (nblocks + 1);
        count--;
        queued[b] = false;
        const struct ir_block *blk = &fl->fn->blocks[b];
        memcpy(cur, in + (size_t)b * words, words * sizeof *cur);
        run_block(fl, b, cur);
        for (size_t i = 0; i < blk->nsuccs; i++) {
            const struct ir_edge *e = &blk->succs[i];
            if (e->target >= nblocks)
                continue;
            memcpy(out, cur, words * sizeof *out);
            refine(fl, out, e);
            bool changed = join_into(in + (size_t)e->target * words, out, words);
            if ((changed || !reached[e->target]) && !queued[e->target]) {
                reached[e->target] = queued[e->target] = true;
                queue[(head + count) % (nblocks + 1)] = e->target;
                count++;
            }
        }
    }
    if (pass == PASS_REUSE)
        replay(fl, in, reached, cur);
    free(in);
    free(cur);
    free(out);
    free(queued);
    free(reached);
    free(queue);
}

static void index_events(struct flow *fl)
{
    fl->events = xcalloc(fl->fn->nevents ? fl->fn->nevents : 1, sizeof *fl->events);
    for (size_t b = 0; b < fl->fn->nblocks; b++) {
        const struct ir_block *blk = &fl->fn->blocks[b];
        for (size_t i = 0; i < blk->nevents; i++)
            if (blk->events[i].id < fl->fn->nevents)
                fl->events[blk->events[i].id] = &blk->events[i];
    }
}

static bool events_complete(const struct flow *fl)
{
    for (uint32_t id = 0; id < fl->fn->nevents; id++)
        if (!fl->events[id])
            return false;
    return true;
}

static void flow_fini(struct flow *fl)
{
    if (fl->ep)
        for (uint32_t id = 0; id < fl->fn->nevents; id++)
            free(fl->ep[id].args);
    free(fl->ep);
    free(fl->paths);
    free(fl->site_event);
    free(fl->bind_event);
    free(fl->unprotected);
    free(fl->retried);
}

void analysis_run(const struct facts *facts, const struct ir_function *fn,
                  struct analysis_function *out)
{
    memset(out, 0, sizeof *out);
    out->facts = facts;
    out->fn = fn;
    struct flow fl = {0};
    fl.fn = fn;
    index_events(&fl);
    out->events = fl.events;
    if (!events_complete(&fl) || fn->nblocks <= IR_EXIT_BLOCK) {
        flow_fini(&fl);
        return;
    }
    find_paths(&fl);
    map_events(&fl);
    plan_layout(&fl);
    fl.unprotected = xcalloc(fl.nbinds * fl.obj_words + 1, sizeof *fl.unprotected);
    fl.retried = xcalloc(fl.nbinds + 1, sizeof *fl.retried);
    out->nbinds = fl.nbinds;
    out->binds = xcalloc(fl.nbinds + 1, sizeof *out->binds);
    for (size_t b = 0; b < fl.nbinds; b++) {
        out->binds[b].event = fl.bind_event[b];
        out->binds[b].create_event = ANALYSIS_NO_EVENT;
        out->binds[b].listen_event = ANALYSIS_NO_EVENT;
    }
    fl.out = out->binds;
    run_pass(&fl, PASS_REUSE);
    memset(fl.retried, 0, (fl.nbinds + 1) * sizeof *fl.retried);
    run_pass(&fl, PASS_PENDING);
    for (size_t b = 0; b < fl.nbinds; b++)
        out->binds[b].retried = fl.retried[b];
    flow_fini(&fl);
}

void analysis_function_fini(struct analysis_function *af)
{
    free(af->events);
    free(af->binds);
    memset(af, 0, sizeof *af);
}
