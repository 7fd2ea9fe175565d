/*
 * The reuse dataflow (analysis.h). Sockets are abstract objects: one per creating event (socket(),
 * accept(), a call that hands back a socket) and one per access path for whatever it held when
 * the function was entered. The state at a program point says which objects each path may hold
 * and, per object, its possible families and types, whether reuse may have been enabled, which
 * bind sites may have bound it with reuse off (pending) and which binds failed on it. States are
 * sparse (rowmap.h: a row per path and three per object, only the non-empty ones stored, shared
 * between blocks until written) and joined by union: a may-analysis, as SPEC §2 asks ("no path
 * reaching the bind enables reuse"). Nothing here costs paths × objects or blocks × objects:
 * one function with a thousand sockets is analysed in about the time its parse takes.
 *
 * A socket received from a caller starts with reuse off: what the function does is recorded
 * relative to its entry, and the caller, who knows whether reuse was on, decides (summary.h).
 *
 * Two passes keep the fixpoint sound: "was reuse enabled at this bind" only gets truer as the
 * fixpoint grows, and a bind seen early with a partial state must not leave a pending mark
 * behind. Pass 1 computes reuse facts; replaying every block once from pass 1's final states
 * records, per bind site, the sockets it binds without reuse; pass 2 uses that answer.
 */
#include "analysis.h"

#include "rowmap.h"
#include "strmap.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

#define NONE (-1)
/* A function's summary iterations inside one recursive cycle, at most (then the last one
 * stands: summaries only grow, so this bounds the work on pathological recursion). */
#define MAX_SCC_ROUNDS 32

/* Pass 1 computes reuse; RECORD notes which binds happen with reuse off; PENDING follows those
 * binds to listen(); COLLECT replays the final states once for the lifetime facts. */
enum { PASS_REUSE = 1, PASS_RECORD, PASS_PENDING, PASS_COLLECT };

enum {
    FLAG_KNOWN = (uint64_t)1 << 18, /* made by socket() or a modelled call: reportable */
};

enum object_kind { OBJ_CREATED, OBJ_CALL_RESULT, OBJ_ENTRY };

struct object_info {
    enum object_kind kind;
    struct site origin; /* where it was made (OBJ_CREATED, OBJ_CALL_RESULT) */
    uint32_t event;     /* the event of this function that made it (socket(), accept(), call) */
    int entry_path;     /* OBJ_ENTRY: the path whose entry value it is */
};

/* One callee slot as seen at one call. */
struct call_slot {
    const struct summary_slot *slot;
    int path;   /* the caller's path for it, or NONE */
    int object; /* the object it creates there, or NONE */
};

struct event_info {
    int sock, dst, src;
    int *args;
    int object; /* the object this event creates (CREATE, ACCEPT, unknown call result) */
    int bsite;  /* index among bind sites, or NONE */
    const struct summary *callee; /* known callee's summary (function or model), or NULL */
    struct summary model;         /* a modelled call's summary, owned */
    struct call_slot *slots;
    size_t nslots;
};

struct flow {
    const struct analysis *an;
    uint32_t fn_index;
    const struct program_function *pf;
    const struct ir_function *fn;
    char **paths; /* owned */
    size_t npaths, paths_cap;
    struct strmap path_index; /* path → its index in paths */
    struct event_info *ei;    /* per event id */
    struct object_info *objs;
    size_t nobjects, objects_cap;
    size_t first_entry; /* objects from here on are the entry objects, one per path in order */
    uint32_t *bsite_event;
    size_t nbsites, bsites_cap;
    uint32_t nrows; /* of a state: a row per path, then three per object (state_row) */
    int pass;
    struct rowmap unprotected;    /* per bind site: objects bound there with reuse off */
    struct rowmap entry_listened; /* per object: bind sites listened on it (entry objects) */
    struct site *listen_site;     /* per object: first listen */
    struct analysis_function *out;
    struct rowmap exit_state; /* the state at the exit block, after pass 2 */
    struct rowmap_seen seen;  /* PASS_COLLECT: state nodes whose flags are in ever already */
    /* Lifetime facts per object, collected by PASS_COLLECT. */
    uint64_t *ever;
    bool *escapes;  /* handed to a function nothing is known about */
    bool *returned; /* handed back to the caller (a return value, an out-parameter, a global) */
    uint32_t *fixed_bind;
    long long *fixed_port;
    struct analysis_reuse **reuse;
    size_t *nreuse;
};

/* ---- states ------------------------------------------------------------------------------
 *
 * A state is a rowmap: row p (a path) holds the objects the path may hold; each object o has a
 * row for its flags (the word), one for the bind sites that bound it with reuse off (pending)
 * and one for the bind sites whose bind failed on it. Their three rows sit side by side, so a
 * transfer function that touches one socket copies one corner of the shared tree.
 */

enum { ROW_FLAGS, ROW_PENDING, ROW_FAILED };

static uint32_t object_row(const struct flow *fl, size_t obj, int which)
{
    return (uint32_t)(fl->npaths + 3 * obj + (size_t)which);
}

/* The objects path may hold, in increasing order; *n_out of them. Borrowed from s: valid while
 * the path's row is not written (transfer functions write object rows while walking it). */
static const uint32_t *held(const struct rowmap *s, int path, size_t *n_out)
{
    return rowmap_ids(s, (uint32_t)path, n_out);
}

static uint64_t flags_of(const struct flow *fl, const struct rowmap *s, size_t obj)
{
    return rowmap_word(s, object_row(fl, obj, ROW_FLAGS));
}

static void set_flags(const struct flow *fl, struct rowmap *s, size_t obj, uint64_t flags)
{
    rowmap_set_word(s, object_row(fl, obj, ROW_FLAGS), flags);
}

static void add_flags(const struct flow *fl, struct rowmap *s, size_t obj, uint64_t flags)
{
    set_flags(fl, s, obj, flags_of(fl, s, obj) | flags);
}

static bool is_pending(const struct flow *fl, const struct rowmap *s, size_t obj, size_t bsite)
{
    return rowmap_has_id(s, object_row(fl, obj, ROW_PENDING), (uint32_t)bsite);
}

/* The bind sites that bound obj with reuse off, in increasing order. Borrowed, as held(). */
static const uint32_t *pending_of(const struct flow *fl, const struct rowmap *s, size_t obj,
                                  size_t *n_out)
{
    return rowmap_ids(s, object_row(fl, obj, ROW_PENDING), n_out);
}

/* ---- paths ------------------------------------------------------------------------------ */

static int path_index(const struct flow *fl, const char *path)
{
    const uint32_t *index = path ? strmap_find(&fl->path_index, path) : NULL;
    return index ? (int)*index : NONE;
}

static bool track(struct flow *fl, const char *path)
{
    if (!path || path[0] == '&' || path_index(fl, path) != NONE)
        return false;
    strmap_put(&fl->path_index, path, (uint32_t)fl->npaths);
    *XPUSH(fl->paths, fl->npaths, fl->paths_cap) = xstrdup(path);
    return true;
}

static bool is_socket_op(enum ir_kind kind)
{
    return kind == IR_SETSOCKOPT || kind == IR_BIND || kind == IR_LISTEN || kind == IR_CONNECT ||
           kind == IR_CLOSE || kind == IR_ACCEPT;
}

/* ---- models as summaries ------------------------------------------------------------------ */

/* The summary of one modelled call: the model's actions in order, on one socket each. */
static void model_effect_slot(const struct model_effect *e, const struct ir_event *ev,
                              struct site self, struct summary *out)
{
    struct summary_slot *slot = summary_slot(out, e->slot);
    bool reuse = false, bound_unprotected = false;
    for (size_t i = 0; i < e->nactions; i++) {
        switch (e->actions[i]) {
        case MODEL_CREATE:
            slot->creates = true;
            slot->created_known = true;
            slot->created_at = self;
            slot->created_flags = ANALYSIS_FAMILY_BIT(e->family) | ANALYSIS_TYPE_BIT(e->socktype);
            break;
        case MODEL_ENABLE_REUSE:
        case MODEL_ENABLE_REUSEPORT:
            if (models_conditions_may_hold(e->reuse_when, e->nreuse_when, ev->arg_values,
                                           ev->arg_values ? ev->nargs : 0)) {
                reuse = true;
                *(e->actions[i] == MODEL_ENABLE_REUSE ? &slot->enables_reuseaddr
                                                      : &slot->enables_reuseport) = true;
            }
            break;
        case MODEL_DISABLE_REUSE:
            reuse = false;
            break;
        case MODEL_BIND:
            bound_unprotected |= !reuse;
            slot->binds = true;
            break;
        case MODEL_LISTEN:
            slot->listens = true;
            slot->listen_at = self;
            break;
        case MODEL_CONNECT:
            slot->connects = true;
            break;
        case MODEL_CLOSE:
        case MODEL_ACTION_COUNT:
            break;
        }
    }
    if (slot->creates) {
        slot->created_flags |=
            (reuse ? ANALYSIS_REUSE : 0) | (slot->enables_reuseaddr ? ANALYSIS_REUSEADDR : 0) |
            (slot->enables_reuseport ? ANALYSIS_REUSEPORT : 0) |
            (slot->binds ? ANALYSIS_BOUND : ANALYSIS_UNBOUND) |
            (slot->connects ? ANALYSIS_CONNECTED : 0) | (slot->listens ? ANALYSIS_LISTENED : 0);
        slot->enables_reuseaddr = slot->enables_reuseport = false;
        slot->binds = slot->connects = false;
        if (bound_unprotected && slot->listens)
            slot->created_listened = true;
        else if (bound_unprotected)
            summary_ids_add(&slot->created_pending, SUMMARY_SELF);
        slot->listens = false;
        return;
    }
    slot->enables_reuse = reuse;
    if (bound_unprotected)
        summary_ids_add(slot->listens ? &slot->listened : &slot->pending, SUMMARY_SELF);
}

static void model_summary(const struct model_function *m, const struct ir_event *ev,
                          struct site self, struct summary *out)
{
    for (size_t i = 0; i < m->neffects; i++)
        model_effect_slot(&m->effects[i], ev, self, out);
}

/* ---- layout: which paths, objects and bind sites a function needs ------------------------ */

static const struct ir_event *event_at(const struct flow *fl, uint32_t id)
{
    return fl->pf->events[id];
}

static void bind_callees(struct flow *fl)
{
    for (uint32_t id = 0; id < fl->fn->nevents; id++) {
        const struct ir_event *ev = event_at(fl, id);
        const struct program_callee *c = &fl->pf->callees[id];
        struct event_info *e = &fl->ei[id];
        if (ev->kind != IR_CALL)
            continue;
        if (c->kind == PROGRAM_CALL_FUNCTION) {
            e->callee = &fl->an->functions[c->function].summary;
        } else if (c->kind == PROGRAM_CALL_MODEL) {
            model_summary(c->model, ev, (struct site){fl->fn_index, id}, &e->model);
            e->callee = &e->model;
        }
    }
}

/* The paths an assignment or a return links (dst = src): dst, or NULL when it links none. */
static const char *link_dst(const struct ir_event *ev)
{
    const char *dst = ev->kind == IR_RETURN ? "%ret" : ev->dst;
    if ((ev->kind != IR_ASSIGN && ev->kind != IR_RETURN) || !dst || !ev->src)
        return NULL;
    return dst;
}

struct id_list {
    uint32_t *ids;
    size_t count, cap;
};

/*
 * The linking events as sweeps over the events in id order, repeated while one tracks a new
 * path, would see them; but each event is looked at only at its first visit after one of its
 * paths became tracked (before that, and after, it does nothing). A min-heap of (sweep, id)
 * keeps the sweeps' order, so the paths are found in the same order as by full sweeps, without
 * a sweep per link of a chain of assignments written bottom-up.
 */
struct link_walk {
    struct strmap names;   /* path → its index in users */
    struct id_list *users; /* per path: the linking events that name it */
    size_t nusers, users_cap;
    uint64_t *heap; /* (sweep << 32) | event id */
    size_t nheap, heap_cap;
};

static void heap_push(struct link_walk *w, uint64_t key)
{
    size_t i = w->nheap;
    *XPUSH(w->heap, w->nheap, w->heap_cap) = key;
    for (; i > 0 && w->heap[(i - 1) / 2] > key; i = (i - 1) / 2)
        w->heap[i] = w->heap[(i - 1) / 2];
    w->heap[i] = key;
}

static uint64_t heap_pop(struct link_walk *w)
{
    uint64_t top = w->heap[0], last = w->heap[--w->nheap];
    size_t i = 0;
    for (size_t k; (k = 2 * i + 1) < w->nheap; i = k) {
        if (k + 1 < w->nheap && w->heap[k + 1] < w->heap[k])
            k++;
        if (w->heap[k] >= last)
            break;
        w->heap[i] = w->heap[k];
    }
    if (w->nheap)
        w->heap[i] = last;
    return top;
}

static void add_user(struct link_walk *w, const char *path, uint32_t id)
{
    const uint32_t *index = strmap_find(&w->names, path);
    if (!index) {
        strmap_put(&w->names, path, (uint32_t)w->nusers);
        memset(XPUSH(w->users, w->nusers, w->users_cap), 0, sizeof *w->users);
        index = strmap_find(&w->names, path);
    }
    struct id_list *l = &w->users[*index];
    *XPUSH(l->ids, l->count, l->cap) = id;
}

/* path was tracked by event id in sweep: its events are due at their next visit. */
static void wake(struct link_walk *w, const char *path, uint64_t sweep, uint32_t id)
{
    const struct id_list *l = &w->users[*strmap_find(&w->names, path)];
    for (size_t i = 0; i < l->count; i++)
        heap_push(w, ((l->ids[i] > id ? sweep : sweep + 1) << 32) | l->ids[i]);
}

static void link_paths(struct flow *fl)
{
    struct link_walk w = {0};
    for (uint32_t id = 0; id < fl->fn->nevents; id++) {
        const struct ir_event *ev = event_at(fl, id);
        const char *dst = link_dst(ev);
        if (!dst)
            continue;
        add_user(&w, dst, id);
        add_user(&w, ev->src, id);
        heap_push(&w, id); /* sweep 0 visits every event */
    }
    while (w.nheap) {
        uint64_t key = heap_pop(&w);
        uint32_t id = (uint32_t)key;
        const struct ir_event *ev = event_at(fl, id);
        const char *dst = link_dst(ev);
        if (path_index(fl, dst) != NONE && track(fl, ev->src))
            wake(&w, ev->src, key >> 32, id);
        if (path_index(fl, ev->src) != NONE && track(fl, dst))
            wake(&w, dst, key >> 32, id);
    }
    for (size_t i = 0; i < w.nusers; i++)
        free(w.users[i].ids);
    free(w.users);
    free(w.heap);
    strmap_fini(&w.names);
}

/* Socket operands, results of socket() and accept(), callee slots at calls, and everything
 * linked to them by assignments and returns, to a fixpoint. */
static void find_paths(struct flow *fl)
{
    for (uint32_t id = 0; id < fl->fn->nevents; id++) {
        const struct ir_event *ev = event_at(fl, id);
        if (is_socket_op(ev->kind))
            track(fl, ev->sock);
        if (ev->kind == IR_CREATE || ev->kind == IR_ACCEPT)
            track(fl, ev->dst);
        const struct summary *callee = fl->ei[id].callee;
        for (size_t s = 0; callee && s < callee->nslots; s++) {
            char *p = summary_translate(callee->slots[s].path, ev->args, ev->nargs, ev->dst);
            track(fl, p);
            free(p);
        }
    }
    link_paths(fl);
}

static int add_object(struct flow *fl, enum object_kind kind, struct site origin, uint32_t event,
                      int entry_path)
{
    struct object_info *o = XPUSH(fl->objs, fl->nobjects, fl->objects_cap);
    o->kind = kind;
    o->origin = origin;
    o->event = event;
    o->entry_path = entry_path;
    return (int)fl->nobjects - 1;
}

static void add_bsite(struct flow *fl, struct event_info *e, uint32_t id)
{
    e->bsite = (int)fl->nbsites;
    *XPUSH(fl->bsite_event, fl->nbsites, fl->bsites_cap) = id;
}

static void map_call_slots(struct flow *fl, const struct ir_event *ev, struct event_info *e)
{
    const struct summary *callee = e->callee;
    e->nslots = callee->nslots;
    e->slots = xcalloc(callee->nslots + 1, sizeof *e->slots);
    for (size_t s = 0; s < callee->nslots; s++) {
        char *p = summary_translate(callee->slots[s].path, ev->args, ev->nargs, ev->dst);
        e->slots[s].slot = &callee->slots[s];
        e->slots[s].path = path_index(fl, p);
        e->slots[s].object = NONE;
        /* A socket made, bound and listened by a modelled call needs no path to be reported. */
        if (callee->slots[s].creates &&
            (e->slots[s].path != NONE || callee->slots[s].created_listened))
            e->slots[s].object =
                add_object(fl, OBJ_CALL_RESULT, callee->slots[s].created_at, ev->id, NONE);
        free(p);
    }
}

static void map_event(struct flow *fl, uint32_t id)
{
    const struct ir_event *ev = event_at(fl, id);
    struct event_info *e = &fl->ei[id];
    e->sock = path_index(fl, ev->sock);
    e->dst = path_index(fl, ev->kind == IR_RETURN ? "%ret" : ev->dst);
    e->src = path_index(fl, ev->src);
    e->object = NONE;
    e->bsite = NONE;
    if (ev->nargs) {
        e->args = xcalloc(ev->nargs, sizeof *e->args);
        for (size_t a = 0; a < ev->nargs; a++) {
            const char *arg = ev->args[a];
            e->args[a] = path_index(fl, arg && arg[0] == '&' ? arg + 1 : arg);
        }
    }
    struct site here = {fl->fn_index, id};
    if (ev->kind == IR_CREATE || ev->kind == IR_ACCEPT)
        e->object = add_object(fl, OBJ_CREATED, here, id, NONE);
    if (ev->kind == IR_BIND)
        add_bsite(fl, e, id);
    if (ev->kind == IR_CALL && e->callee) {
        add_bsite(fl, e, id);
        map_call_slots(fl, ev, e);
    } else if (ev->kind == IR_CALL && e->dst != NONE) {
        e->object = add_object(fl, OBJ_CALL_RESULT, here, id, NONE);
    }
}

static void plan_layout(struct flow *fl)
{
    for (uint32_t id = 0; id < fl->fn->nevents; id++)
        map_event(fl, id);
    fl->first_entry = fl->nobjects;
    for (size_t p = 0; p < fl->npaths; p++)
        add_object(fl, OBJ_ENTRY, SITE_NONE, UINT32_MAX, (int)p);
    fl->nrows = (uint32_t)(fl->npaths + 3 * fl->nobjects);
}

/* ---- transfer functions ------------------------------------------------------------------ */

static void reset_object(struct flow *fl, struct rowmap *s, int obj, uint64_t flags)
{
    set_flags(fl, s, (size_t)obj, flags);
    rowmap_clear_row(s, object_row(fl, (size_t)obj, ROW_PENDING));
    rowmap_clear_row(s, object_row(fl, (size_t)obj, ROW_FAILED));
}

static void hold_only(struct flow *fl, struct rowmap *s, int path, int obj)
{
    (void)fl;
    if (path == NONE)
        return;
    uint32_t one = (uint32_t)obj;
    rowmap_set_ids(s, (uint32_t)path, &one, obj != NONE ? 1 : 0);
}

static bool enables_reuse_option(const struct ir_event *ev)
{
    const struct ir_sockopt *so = &ev->sockopt;
    if (so->level == IR_LEVEL_OTHER)
        return false;
    return so->option == IR_OPTION_REUSEADDR || so->option == IR_OPTION_REUSEPORT ||
           so->option == IR_OPTION_UNKNOWN;
}

static size_t count_held(const struct rowmap *s, int path)
{
    size_t n;
    (void)held(s, path, &n);
    return n;
}

/* Reuse turned on (extra: the option's own flag): and a failed bind of this socket retried
 * with reuse is the retry pattern. */
static void enable_reuse(struct flow *fl, struct rowmap *s, size_t o, uint64_t extra)
{
    add_flags(fl, s, o, ANALYSIS_REUSE | extra);
    size_t n;
    const uint32_t *failed = rowmap_ids(s, object_row(fl, o, ROW_FAILED), &n);
    for (size_t i = 0; i < n; i++)
        fl->out->sites[failed[i]].retried = true;
}

/* PASS_COLLECT: one socket has a reuse option enabled at event id. */
static void note_reuse(struct flow *fl, size_t o, uint32_t id, bool addr, bool port)
{
    if (fl->pass != PASS_COLLECT || fl->objs[o].kind == OBJ_ENTRY)
        return;
    struct analysis_reuse *list = fl->reuse[o];
    for (size_t i = 0; i < fl->nreuse[o]; i++) {
        if (list[i].event == id) {
            list[i].reuseaddr |= addr;
            list[i].reuseport |= port;
            return;
        }
    }
    fl->reuse[o] = xrealloc(list, (fl->nreuse[o] + 1) * sizeof *list);
    fl->reuse[o][fl->nreuse[o]++] = (struct analysis_reuse){id, addr, port};
}

/* PASS_COLLECT: what an event that enables reuse finds on its sockets (SCK002). */
static void note_reuse_event(struct flow *fl, const struct rowmap *s, uint32_t id, int path)
{
    if (fl->pass != PASS_COLLECT)
        return;
    struct analysis_event *ev = &fl->out->events[id];
    ev->enables_reuse = true;
    ev->reached = true;
    size_t n = 0;
    const uint32_t *objs = path != NONE ? held(s, path, &n) : NULL;
    for (size_t i = 0; i < n; i++) {
        uint64_t flags = flags_of(fl, s, objs[i]);
        ev->maybe_unbound |= (flags & ANALYSIS_UNBOUND) != 0;
        if (fl->objs[objs[i]].kind != OBJ_ENTRY)
            ev->on_made_socket = true;
        if (!(flags & ANALYSIS_CONNECTED) || (flags & ANALYSIS_BOUND))
            ev->accepted_only = false;
    }
    ev->maybe_unbound |= n == 0;
}

/* A socket gets bound, connected or put in listen: it is no longer unbound, when it is the
 * only socket the path may hold (a strong update). */
static void now_bound(struct flow *fl, struct rowmap *s, int path, size_t o, uint64_t what)
{
    uint64_t flags = flags_of(fl, s, o) | what;
    if (count_held(s, path) == 1)
        flags &= ~ANALYSIS_UNBOUND;
    set_flags(fl, s, o, flags);
}

static void do_setsockopt(struct flow *fl, struct rowmap *s, const struct ir_event *ev, int path)
{
    if (path == NONE || !enables_reuse_option(ev))
        return;
    bool disables = ev->sockopt.value == IR_OPTVAL_ZERO;
    bool single = count_held(s, path) == 1;
    bool addr = ev->sockopt.option == IR_OPTION_REUSEADDR;
    bool port = ev->sockopt.option == IR_OPTION_REUSEPORT;
    uint64_t extra = (addr ? ANALYSIS_REUSEADDR : 0) | (port ? ANALYSIS_REUSEPORT : 0);
    if (!disables && (addr || port))
        note_reuse_event(fl, s, ev->id, path);
    size_t n;
    const uint32_t *objs = held(s, path, &n);
    for (size_t i = 0; i < n; i++) {
        if (!disables) {
            enable_reuse(fl, s, objs[i], extra);
            if (addr || port)
                note_reuse(fl, objs[i], ev->id, addr, port);
        } else if (single) {
            set_flags(fl, s, objs[i], flags_of(fl, s, objs[i]) & ~(ANALYSIS_REUSE | extra));
        }
    }
}

static void refine_family(struct flow *fl, struct rowmap *s, size_t o, enum ir_family family)
{
    uint64_t flags = flags_of(fl, s, o);
    uint64_t unknown = ANALYSIS_FAMILY_BIT(IR_FAMILY_UNKNOWN);
    if (family == IR_FAMILY_UNKNOWN || !(flags & unknown))
        return;
    set_flags(fl, s, o, (flags & ~unknown) | ANALYSIS_FAMILY_BIT(family));
}

/* A bind site binds object o: pass 1 records whether reuse was off, pass 2 marks it pending. */
static void bind_object(struct flow *fl, struct rowmap *s, int bsite, size_t o)
{
    if (fl->pass == PASS_RECORD && !(flags_of(fl, s, o) & ANALYSIS_REUSE))
        rowmap_add_id(&fl->unprotected, (uint32_t)bsite, (uint32_t)o);
    if (fl->pass == PASS_PENDING && rowmap_has_id(&fl->unprotected, (uint32_t)bsite, (uint32_t)o))
        rowmap_add_id(s, object_row(fl, o, ROW_PENDING), (uint32_t)bsite);
}

/* PASS_COLLECT: a bind to a constant non-zero port (SCK007). */
static void note_fixed_port(struct flow *fl, size_t o, const struct ir_event *ev)
{
    if (fl->pass != PASS_COLLECT || !ev->bind.port.known || ev->bind.port.value == 0 ||
        fl->fixed_bind[o] != UINT32_MAX)
        return;
    fl->fixed_bind[o] = ev->id;
    fl->fixed_port[o] = ev->bind.port.value;
}

static void do_bind(struct flow *fl, struct rowmap *s, const struct ir_event *ev,
                    const struct event_info *e)
{
    if (e->sock == NONE)
        return;
    size_t n;
    const uint32_t *objs = held(s, e->sock, &n);
    for (size_t i = 0; i < n; i++) {
        refine_family(fl, s, objs[i], ev->bind.family);
        bind_object(fl, s, e->bsite, objs[i]);
        now_bound(fl, s, e->sock, objs[i], ANALYSIS_BOUND);
        note_fixed_port(fl, objs[i], ev);
    }
}

static void do_connect(struct flow *fl, struct rowmap *s, int path)
{
    size_t n = 0;
    const uint32_t *objs = path != NONE ? held(s, path, &n) : NULL;
    for (size_t i = 0; i < n; i++)
        now_bound(fl, s, path, objs[i], ANALYSIS_CONNECTED);
}

static bool may_be_tcp_inet(uint64_t flags)
{
    uint64_t families = ANALYSIS_FAMILY_BIT(IR_FAMILY_INET) | ANALYSIS_FAMILY_BIT(IR_FAMILY_INET6) |
                        ANALYSIS_FAMILY_BIT(IR_FAMILY_UNKNOWN);
    uint64_t types = ANALYSIS_TYPE_BIT(IR_SOCKTYPE_STREAM) | ANALYSIS_TYPE_BIT(IR_SOCKTYPE_UNKNOWN);
    return (flags & families) && (flags & types);
}

/* Bind site b's socket o reaches listen() at listen_at. */
static void listened(struct flow *fl, size_t o, size_t b, uint64_t flags, struct site listen_at)
{
    if (!may_be_tcp_inet(flags))
        return;
    const struct object_info *info = &fl->objs[o];
    if (info->kind == OBJ_ENTRY) {
        /* The caller decides, knowing whether reuse was on (summary listened). */
        rowmap_add_id(&fl->entry_listened, (uint32_t)o, (uint32_t)b);
        return;
    }
    struct analysis_site *site = &fl->out->sites[b];
    if (!(flags & FLAG_KNOWN) || site->listened)
        return;
    site->listened = true;
    site->listen_at = listen_at;
    site->created_at = info->origin;
}

static void listen_object(struct flow *fl, struct rowmap *s, size_t o, struct site listen_at)
{
    uint64_t flags = flags_of(fl, s, o) | ANALYSIS_LISTENED;
    set_flags(fl, s, o, flags);
    if (fl->listen_site[o].fn == UINT32_MAX)
        fl->listen_site[o] = listen_at;
    if (fl->pass != PASS_PENDING)
        return;
    size_t n;
    const uint32_t *pending = pending_of(fl, s, o, &n);
    for (size_t i = 0; i < n; i++)
        listened(fl, o, pending[i], flags, listen_at);
}

static void do_listen(struct flow *fl, struct rowmap *s, const struct ir_event *ev, int path)
{
    if (path == NONE)
        return;
    size_t n;
    const uint32_t *objs = held(s, path, &n);
    for (size_t i = 0; i < n; i++) {
        listen_object(fl, s, objs[i], (struct site){fl->fn_index, ev->id});
        now_bound(fl, s, path, objs[i], 0);
    }
}

/* The first callee site a call site binds through, for traces. */
static void link_call(struct flow *fl, const struct ir_event *ev, const struct summary_ids *ids,
                      const struct program_callee *callee)
{
    struct site *link = &fl->out->links[ev->id];
    if (link->fn != UINT32_MAX || !ids->count || ids->ids[0] == SUMMARY_SELF ||
        callee->kind != PROGRAM_CALL_FUNCTION)
        return;
    *link = (struct site){callee->function, ids->ids[0]};
}

/* What the callee does to the socket the caller passed it, in the callee's order. */
static void apply_entry_effects(struct flow *fl, struct rowmap *s, const struct ir_event *ev,
                                const struct event_info *e, const struct call_slot *cs, size_t o)
{
    const struct summary_slot *slot = cs->slot;
    const struct program_callee *callee = &fl->pf->callees[ev->id];
    if (slot->listens)
        listen_object(fl, s, o,
                      slot->listen_at.fn == UINT32_MAX ? (struct site){fl->fn_index, ev->id}
                                                       : slot->listen_at);
    if (slot->pending.count || slot->listened.count) {
        bind_object(fl, s, e->bsite, o);
        link_call(fl, ev, slot->listened.count ? &slot->listened : &slot->pending, callee);
        if (slot->listened.count && fl->pass == PASS_PENDING &&
            is_pending(fl, s, o, (size_t)e->bsite))
            listened(fl, o, (size_t)e->bsite, flags_of(fl, s, o) | ANALYSIS_LISTENED,
                     slot->listen_at.fn == UINT32_MAX ? (struct site){fl->fn_index, ev->id}
                                                      : slot->listen_at);
    }
    if (slot->binds || slot->connects || slot->listens)
        now_bound(fl, s, cs->path, o,
                  (slot->binds ? ANALYSIS_BOUND : 0) | (slot->connects ? ANALYSIS_CONNECTED : 0));
    if (slot->enables_reuse)
        enable_reuse(fl, s, o,
                     (slot->enables_reuseaddr ? ANALYSIS_REUSEADDR : 0) |
                         (slot->enables_reuseport ? ANALYSIS_REUSEPORT : 0));
    if (slot->enables_reuseaddr || slot->enables_reuseport)
        note_reuse(fl, o, ev->id, slot->enables_reuseaddr, slot->enables_reuseport);
}

/* A socket the callee made and hands back through this slot. */
static void apply_created(struct flow *fl, struct rowmap *s, const struct ir_event *ev,
                          const struct event_info *e, const struct call_slot *cs)
{
    const struct summary_slot *slot = cs->slot;
    uint64_t flags = slot->created_flags | (slot->created_known ? FLAG_KNOWN : 0);
    reset_object(fl, s, cs->object, flags);
    if (slot->created_pending.count || slot->created_listened) {
        bind_object(fl, s, e->bsite, (size_t)cs->object);
        link_call(fl, ev, &slot->created_pending, &fl->pf->callees[ev->id]);
    }
    if (slot->created_listened)
        listen_object(fl, s, (size_t)cs->object, (struct site){fl->fn_index, ev->id});
    /* A socket that comes back with reuse on got it at this call, as far as this function
     * can tell: a client calling a reuse-enabling factory is told here (SCK003). When the
     * callee also bound, connected or listened it, the callee saw the whole story and spoke
     * there already: one report per situation. */
    if ((slot->created_flags & (ANALYSIS_REUSEADDR | ANALYSIS_REUSEPORT)) &&
        !(slot->created_flags & (ANALYSIS_BOUND | ANALYSIS_CONNECTED | ANALYSIS_LISTENED)))
        note_reuse(fl, (size_t)cs->object, ev->id, (slot->created_flags & ANALYSIS_REUSEADDR) != 0,
                   (slot->created_flags & ANALYSIS_REUSEPORT) != 0);
    hold_only(fl, s, cs->path, cs->object);
}

static void do_known_call(struct flow *fl, struct rowmap *s, const struct ir_event *ev,
                          const struct event_info *e)
{
    bool returns_socket = false;
    for (size_t i = 0; i < e->nslots; i++) {
        const struct call_slot *cs = &e->slots[i];
        if (cs->path == NONE)
            continue;
        if (cs->slot->enables_reuseaddr || cs->slot->enables_reuseport)
            note_reuse_event(fl, s, ev->id, cs->path);
        size_t n;
        const uint32_t *objs = held(s, cs->path, &n);
        for (size_t k = 0; k < n; k++)
            apply_entry_effects(fl, s, ev, e, cs, objs[k]);
    }
    for (size_t i = 0; i < e->nslots; i++) {
        if (e->slots[i].object != NONE) {
            apply_created(fl, s, ev, e, &e->slots[i]);
            returns_socket |= e->slots[i].path == e->dst;
        }
    }
    /* A function we know returned something that is no socket into dst. */
    if (e->dst != NONE && !returns_socket)
        hold_only(fl, s, e->dst, NONE);
}

/* A call nothing is known about may have enabled reuse on whatever it was given. */
static void do_unknown_call(struct flow *fl, struct rowmap *s, const struct ir_event *ev,
                            const struct event_info *e)
{
    for (size_t a = 0; a < ev->nargs; a++) {
        if (e->args[a] == NONE)
            continue;
        size_t n;
        const uint32_t *objs = held(s, e->args[a], &n);
        for (size_t i = 0; i < n; i++) {
            add_flags(fl, s, objs[i], ANALYSIS_REUSE);
            /* It may also be bound or connected there: no lifetime verdict on it. */
            if (fl->pass == PASS_COLLECT)
                fl->escapes[objs[i]] = true;
        }
    }
    if (e->object != NONE) {
        /* A socket from a function we know nothing about: it may come with reuse set. */
        reset_object(fl, s, e->object,
                     ANALYSIS_FAMILY_BIT(IR_FAMILY_UNKNOWN) |
                         ANALYSIS_TYPE_BIT(IR_SOCKTYPE_UNKNOWN) | ANALYSIS_REUSE |
                         ANALYSIS_UNBOUND);
        hold_only(fl, s, e->dst, e->object);
    }
}

static void do_assign(struct rowmap *s, const struct event_info *e)
{
    if (e->dst == NONE)
        return;
    if (e->src == NONE)
        rowmap_set_ids(s, (uint32_t)e->dst, NULL, 0);
    else if (e->src != e->dst)
        rowmap_copy_row(s, (uint32_t)e->dst, (uint32_t)e->src); /* path rows hold no word */
}

/* A flat switch over event kinds, one transfer function each. */
static void transfer(struct flow *fl, struct rowmap *s, const struct ir_event *ev)
{
    const struct event_info *e = &fl->ei[ev->id];
    switch (ev->kind) {
    case IR_CREATE:
        reset_object(fl, s, e->object,
                     ANALYSIS_FAMILY_BIT(ev->family) | ANALYSIS_TYPE_BIT(ev->socktype) |
                         FLAG_KNOWN | ANALYSIS_UNBOUND);
        hold_only(fl, s, e->dst, e->object);
        break;
    case IR_ACCEPT:
        reset_object(fl, s, e->object,
                     ANALYSIS_FAMILY_BIT(IR_FAMILY_UNKNOWN) |
                         ANALYSIS_TYPE_BIT(IR_SOCKTYPE_STREAM) | ANALYSIS_CONNECTED);
        hold_only(fl, s, e->dst, e->object);
        break;
    case IR_SETSOCKOPT:
        do_setsockopt(fl, s, ev, e->sock);
        break;
    case IR_BIND:
        do_bind(fl, s, ev, e);
        break;
    case IR_LISTEN:
        do_listen(fl, s, ev, e->sock);
        break;
    case IR_CALL:
        if (e->callee)
            do_known_call(fl, s, ev, e);
        else
            do_unknown_call(fl, s, ev, e);
        break;
    case IR_ASSIGN:
    case IR_RETURN:
        do_assign(s, e);
        break;
    case IR_CONNECT:
        do_connect(fl, s, e->sock);
        break;
    case IR_CLOSE:
    case IR_KIND_COUNT:
        break;
    }
}

/* An edge taken only when a call succeeded or failed narrows the state along it. */
static void refine(struct flow *fl, struct rowmap *s, const struct ir_edge *e)
{
    if (e->cond_outcome == IR_OUTCOME_ANY || e->cond_event >= fl->fn->nevents)
        return;
    const struct ir_event *ev = event_at(fl, e->cond_event);
    const struct event_info *info = &fl->ei[ev->id];
    bool failed = e->cond_outcome == IR_OUTCOME_FAILURE;
    if (ev->kind == IR_BIND && info->sock != NONE) {
        size_t n;
        const uint32_t *objs = held(s, info->sock, &n);
        for (size_t i = 0; i < n; i++) {
            uint32_t pending = object_row(fl, objs[i], ROW_PENDING);
            uint32_t failures = object_row(fl, objs[i], ROW_FAILED);
            if (failed) {
                rowmap_remove_id(s, pending, (uint32_t)info->bsite);
                rowmap_add_id(s, failures, (uint32_t)info->bsite);
                /* The failure branch of the retry pattern enables reuse on an unbound socket. */
                add_flags(fl, s, objs[i], ANALYSIS_UNBOUND);
            } else {
                rowmap_remove_id(s, failures, (uint32_t)info->bsite);
            }
        }
    } else if ((ev->kind == IR_CREATE || ev->kind == IR_ACCEPT) && failed && info->dst != NONE) {
        rowmap_set_ids(s, (uint32_t)info->dst, NULL, 0);
    }
}

/* ---- the fixpoint ------------------------------------------------------------------------ */

static void initial_state(struct flow *fl, struct rowmap *s)
{
    for (size_t o = fl->first_entry; o < fl->nobjects; o++) {
        const struct object_info *info = &fl->objs[o];
        rowmap_add_id(s, (uint32_t)info->entry_path, (uint32_t)o);
        /* Reuse off: effects are recorded relative to entry; the caller knows the rest. */
        reset_object(fl, s, (int)o,
                     ANALYSIS_FAMILY_BIT(IR_FAMILY_UNKNOWN) |
                         ANALYSIS_TYPE_BIT(IR_SOCKTYPE_UNKNOWN) | ANALYSIS_UNBOUND);
    }
}

static void collect_flags(void *ctx, uint32_t row, uint64_t word)
{
    struct flow *fl = ctx;
    size_t rel = row - fl->npaths;
    if (rel % 3 == ROW_FLAGS)
        fl->ever[rel / 3] |= word;
}

/* Every flag every object has after an event: rows under state nodes seen after an earlier
 * event are skipped, since seen nodes never change (rowmap_visit_unseen). */
static void collect_ever(struct flow *fl, const struct rowmap *cur)
{
    rowmap_visit_unseen(cur, &fl->seen, (uint32_t)fl->npaths, fl->nrows, collect_flags, fl);
}

static void run_block(struct flow *fl, uint32_t b, struct rowmap *cur)
{
    const struct ir_block *blk = &fl->fn->blocks[b];
    for (size_t i = 0; i < blk->nevents; i++) {
        transfer(fl, cur, &blk->events[i]);
        if (fl->pass == PASS_COLLECT)
            collect_ever(fl, cur);
    }
}

/* Once a pass has converged, runs every reached block once more from its final state. */
static void replay(struct flow *fl, int pass, const struct rowmap *in, const bool *reached,
                   struct rowmap *cur)
{
    fl->pass = pass;
    for (uint32_t b = 0; b < fl->fn->nblocks; b++) {
        if (!reached[b])
            continue;
        rowmap_copy(cur, &in[b]);
        run_block(fl, b, cur);
    }
}

/*
 * What reaches the exit block, joined as a binary counter joins: a state per power of two of
 * arrivals, so that each arrival is joined O(log n) times with states of similar age. Joined
 * one after another into one state, a thousand `return -1;` cost a thousand walks of the whole
 * state: each arriving state is within the exit state but shares no nodes with it.
 */
struct exit_join {
    struct rowmap *states;
    size_t *weights;
    size_t count, cap, weights_cap;
};

static void exit_join_add(struct exit_join *x, const struct rowmap *s)
{
    struct rowmap *slot = XPUSH(x->states, x->count, x->cap);
    rowmap_init(slot, s->nrows);
    rowmap_copy(slot, s);
    xgrow((void **)&x->weights, &x->weights_cap, x->count, sizeof *x->weights);
    x->weights[x->count - 1] = 1;
    while (x->count >= 2 && x->weights[x->count - 2] == x->weights[x->count - 1]) {
        rowmap_join(&x->states[x->count - 2], &x->states[x->count - 1]);
        rowmap_fini(&x->states[x->count - 1]);
        x->weights[x->count - 2] *= 2;
        x->count--;
    }
}

/* Joins everything that arrived into dst and empties x. */
static void exit_join_finish(struct exit_join *x, struct rowmap *dst)
{
    for (size_t i = x->count; i > 0; i--) {
        rowmap_join(dst, &x->states[i - 1]);
        rowmap_fini(&x->states[i - 1]);
    }
    free(x->states);
    free(x->weights);
    memset(x, 0, sizeof *x);
}

/* The exit block is a sink (no events, no successors) as the front end makes it: its state is
 * only read once the fixpoint is over, so what reaches it can be joined then. */
static bool exit_is_sink(const struct ir_function *fn)
{
    return fn->nblocks > IR_EXIT_BLOCK && fn->blocks[IR_EXIT_BLOCK].nevents == 0 &&
           fn->blocks[IR_EXIT_BLOCK].nsuccs == 0;
}

/* Once a pass has converged: pass 1 records its binds, pass 2 keeps the exit state and
 * collects the lifetime facts. */
static void after_pass(struct flow *fl, int pass, const struct rowmap *in, const bool *reached,
                       struct rowmap *cur)
{
    if (pass == PASS_REUSE)
        replay(fl, PASS_RECORD, in, reached, cur);
    if (pass == PASS_PENDING && reached[IR_EXIT_BLOCK])
        rowmap_copy(&fl->exit_state, &in[IR_EXIT_BLOCK]);
    if (pass == PASS_PENDING) {
        replay(fl, PASS_COLLECT, in, reached, cur);
        fl->pass = PASS_PENDING;
        rowmap_seen_fini(&fl->seen);
    }
}

/* The worklist fixpoint: in[b] is the join of what reaches block b. States are rowmaps, so
 * copying one is O(1) and each block keeps only what it changes. */
static void run_pass(struct flow *fl, int pass)
{
    fl->pass = pass;
    size_t nblocks = fl->fn->nblocks;
    struct rowmap *in = xcalloc(nblocks, sizeof *in), cur, out;
    for (size_t b = 0; b < nblocks; b++)
        rowmap_init(&in[b], fl->nrows);
    rowmap_init(&cur, fl->nrows);
    rowmap_init(&out, fl->nrows);
    bool *queued = xcalloc(nblocks, sizeof *queued), *reached = xcalloc(nblocks, sizeof *reached);
    uint32_t *queue = xcalloc(nblocks + 1, sizeof *queue);
    size_t head = 0, count = 1;
    bool defer_exit = exit_is_sink(fl->fn);
    struct exit_join exits = {0};
    initial_state(fl, &in[IR_ENTRY_BLOCK]);
    queue[0] = IR_ENTRY_BLOCK;
    queued[IR_ENTRY_BLOCK] = reached[IR_ENTRY_BLOCK] = true;
    while (count) {
        uint32_t b = queue[head];
        head = (head + 1) % (nblocks + 1);
        count--;
        queued[b] = false;
        const struct ir_block *blk = &fl->fn->blocks[b];
        rowmap_copy(&cur, &in[b]);
        run_block(fl, b, &cur);
        for (size_t i = 0; i < blk->nsuccs; i++) {
            const struct ir_edge *e = &blk->succs[i];
            if (e->target >= nblocks)
                continue;
            rowmap_copy(&out, &cur);
            refine(fl, &out, e);
            if (defer_exit && e->target == IR_EXIT_BLOCK) {
                exit_join_add(&exits, &out);
                reached[IR_EXIT_BLOCK] = true; /* nothing to run there: not queued */
                continue;
            }
            bool changed = rowmap_join(&in[e->target], &out);
            if ((changed || !reached[e->target]) && !queued[e->target]) {
                reached[e->target] = queued[e->target] = true;
                queue[(head + count) % (nblocks + 1)] = e->target;
                count++;
            }
        }
    }
    exit_join_finish(&exits, &in[IR_EXIT_BLOCK]);
    after_pass(fl, pass, in, reached, &cur);
    for (size_t b = 0; b < nblocks; b++)
        rowmap_fini(&in[b]);
    free(in);
    rowmap_fini(&cur);
    rowmap_fini(&out);
    free(queued);
    free(reached);
    free(queue);
}

/* ---- the summary --------------------------------------------------------------------------- */

/* What the function did to the socket a slot held on entry. */
static void summarise_entry(struct flow *fl, size_t o, struct summary_slot *slot)
{
    const struct rowmap *s = &fl->exit_state;
    uint64_t flags = flags_of(fl, s, o);
    slot->enables_reuse = (flags & ANALYSIS_REUSE) != 0;
    slot->enables_reuseaddr = (flags & ANALYSIS_REUSEADDR) != 0;
    slot->enables_reuseport = (flags & ANALYSIS_REUSEPORT) != 0;
    slot->binds = (fl->ever[o] & ANALYSIS_BOUND) != 0;
    slot->connects = (fl->ever[o] & ANALYSIS_CONNECTED) != 0;
    slot->listens = fl->listen_site[o].fn != UINT32_MAX;
    slot->listen_at = fl->listen_site[o];
    size_t n;
    const uint32_t *pending = pending_of(fl, s, o, &n);
    for (size_t i = 0; i < n; i++)
        if (!rowmap_has_id(&fl->entry_listened, (uint32_t)o, pending[i]))
            summary_ids_add(&slot->pending, fl->bsite_event[pending[i]]);
    const uint32_t *listened_at = rowmap_ids(&fl->entry_listened, (uint32_t)o, &n);
    for (size_t i = 0; i < n; i++)
        summary_ids_add(&slot->listened, fl->bsite_event[listened_at[i]]);
}

/* Sockets made inside that the slot's path holds on exit. */
static void summarise_created(struct flow *fl, int path, struct summary_slot *slot)
{
    const struct rowmap *s = &fl->exit_state;
    size_t n;
    const uint32_t *objs = held(s, path, &n);
    for (size_t i = 0; i < n; i++) {
        size_t o = objs[i];
        if (fl->objs[o].kind == OBJ_ENTRY)
            continue;
        uint64_t flags = flags_of(fl, s, o);
        uint64_t lifetime = ANALYSIS_BOUND | ANALYSIS_CONNECTED | ANALYSIS_LISTENED;
        if (!slot->creates)
            slot->created_at = fl->objs[o].origin;
        slot->creates = true;
        slot->created_flags |=
            (flags & ANALYSIS_PUBLIC_FLAGS & ~lifetime) | (fl->ever[o] & lifetime);
        fl->returned[o] = true;
        slot->created_known |= (flags & FLAG_KNOWN) != 0;
        size_t np;
        const uint32_t *pending = pending_of(fl, s, o, &np);
        for (size_t b = 0; b < np; b++)
            if (!fl->out->sites[pending[b]].listened)
                summary_ids_add(&slot->created_pending, fl->bsite_event[pending[b]]);
    }
}

static bool slot_says_something(const struct summary_slot *slot)
{
    return slot->enables_reuse || slot->listens || slot->pending.count || slot->listened.count ||
           slot->creates || slot->binds || slot->connects;
}

static void summarise(struct flow *fl, struct summary *out)
{
    for (size_t p = 0; p < fl->npaths; p++) {
        char *name = summary_slot_of_path(fl->fn, fl->paths[p]);
        if (!name)
            continue;
        struct summary_slot tmp = {0};
        tmp.listen_at = tmp.created_at = SITE_NONE;
        summarise_entry(fl, fl->first_entry + p, &tmp);
        summarise_created(fl, (int)p, &tmp);
        if (slot_says_something(&tmp)) {
            struct summary_slot *slot = summary_slot(out, name);
            char *keep = slot->path;
            *slot = tmp;
            slot->path = keep;
        } else {
            free(tmp.pending.ids);
            free(tmp.listened.ids);
            free(tmp.created_pending.ids);
        }
        free(name);
    }
}

/* ---- one function ------------------------------------------------------------------------- */

static void flow_fini(struct flow *fl)
{
    for (size_t i = 0; i < fl->npaths; i++)
        free(fl->paths[i]);
    free(fl->paths);
    for (uint32_t id = 0; fl->ei && id < fl->fn->nevents; id++) {
        free(fl->ei[id].args);
        free(fl->ei[id].slots);
        summary_fini(&fl->ei[id].model);
    }
    free(fl->ei);
    free(fl->objs);
    free(fl->bsite_event);
    strmap_fini(&fl->path_index);
    rowmap_fini(&fl->unprotected);
    rowmap_fini(&fl->entry_listened);
    free(fl->listen_site);
    rowmap_fini(&fl->exit_state);
    for (size_t o = 0; fl->reuse && o < fl->nobjects; o++)
        free(fl->reuse[o]);
    free(fl->reuse);
    free(fl->nreuse);
    free(fl->ever);
    free(fl->escapes);
    free(fl->returned);
    free(fl->fixed_bind);
    free(fl->fixed_port);
}

static bool events_complete(const struct program_function *pf)
{
    for (uint32_t id = 0; id < pf->fn->nevents; id++)
        if (!pf->events[id])
            return false;
    return pf->fn->nblocks > IR_EXIT_BLOCK;
}

static void free_objects(struct analysis_function *af)
{
    for (size_t i = 0; i < af->nobjects; i++)
        free(af->objects[i].reuse);
    free(af->objects);
    af->objects = NULL;
    af->nobjects = 0;
}

static void reset_results(struct analysis_function *af, const struct flow *fl)
{
    free_objects(af);
    free(af->events);
    af->events = xcalloc(fl->fn->nevents + 1, sizeof *af->events);
    for (uint32_t id = 0; id < fl->fn->nevents; id++)
        af->events[id].accepted_only = true;
    free(af->sites);
    af->nsites = fl->nbsites;
    af->sites = xcalloc(fl->nbsites + 1, sizeof *af->sites);
    for (size_t b = 0; b < fl->nbsites; b++) {
        af->sites[b].event = fl->bsite_event[b];
        af->sites[b].created_at = af->sites[b].listen_at = SITE_NONE;
    }
    for (uint32_t id = 0; id < fl->fn->nevents; id++)
        af->links[id] = SITE_NONE;
}

static void export_objects(struct flow *fl);

/* Marks the unknown calls that a socket's path reaches (analysis_event). */
static void mark_unknown_calls(struct flow *fl)
{
    for (uint32_t id = 0; id < fl->fn->nevents; id++) {
        const struct ir_event *ev = event_at(fl, id);
        const struct event_info *e = &fl->ei[id];
        if (ev->kind != IR_CALL || e->callee)
            continue;
        bool sees = e->dst != NONE;
        for (size_t a = 0; a < ev->nargs && !sees; a++)
            sees = e->args[a] != NONE;
        fl->out->events[id].unknown_call_sees_socket = sees;
    }
}

/* Analyses one function with its callees' current summaries; returns its new summary. */
static void analyse_function(struct analysis *an, uint32_t index, struct summary *summary_out)
{
    struct flow fl = {0};
    fl.an = an;
    fl.fn_index = index;
    fl.pf = &an->program->functions[index];
    fl.fn = fl.pf->fn;
    fl.out = &an->functions[index];
    if (!events_complete(fl.pf))
        return;
    fl.ei = xcalloc(fl.fn->nevents + 1, sizeof *fl.ei);
    bind_callees(&fl);
    find_paths(&fl);
    plan_layout(&fl);
    reset_results(fl.out, &fl);
    mark_unknown_calls(&fl);
    rowmap_init(&fl.unprotected, (uint32_t)fl.nbsites);
    rowmap_init(&fl.entry_listened, (uint32_t)fl.nobjects);
    fl.listen_site = xcalloc(fl.nobjects + 1, sizeof *fl.listen_site);
    rowmap_init(&fl.exit_state, fl.nrows);
    fl.ever = xcalloc(fl.nobjects + 1, sizeof *fl.ever);
    fl.escapes = xcalloc(fl.nobjects + 1, sizeof *fl.escapes);
    fl.returned = xcalloc(fl.nobjects + 1, sizeof *fl.returned);
    fl.fixed_bind = xcalloc(fl.nobjects + 1, sizeof *fl.fixed_bind);
    fl.fixed_port = xcalloc(fl.nobjects + 1, sizeof *fl.fixed_port);
    fl.reuse = xcalloc(fl.nobjects + 1, sizeof *fl.reuse);
    fl.nreuse = xcalloc(fl.nobjects + 1, sizeof *fl.nreuse);
    for (size_t o = 0; o < fl.nobjects; o++)
        fl.fixed_bind[o] = UINT32_MAX;
    run_pass(&fl, PASS_REUSE);
    for (size_t b = 0; b < fl.nbsites; b++)
        fl.out->sites[b].retried = false;
    for (size_t o = 0; o < fl.nobjects; o++)
        fl.listen_site[o] = SITE_NONE;
    run_pass(&fl, PASS_PENDING);
    summarise(&fl, summary_out);
    export_objects(&fl);
    flow_fini(&fl);
}

static enum analysis_origin origin_kind(const struct flow *fl, size_t o)
{
    if (fl->objs[o].kind == OBJ_CALL_RESULT)
        return ANALYSIS_FROM_CALL;
    const struct ir_event *ev = event_at(fl, fl->objs[o].origin.event);
    return ev->kind == IR_ACCEPT ? ANALYSIS_FROM_ACCEPT : ANALYSIS_FROM_SOCKET;
}

/* The sockets made in the function, with their lifetime facts, for the rules. */
static void export_objects(struct flow *fl)
{
    struct analysis_function *af = fl->out;
    af->objects = xcalloc(fl->nobjects + 1, sizeof *af->objects);
    for (size_t o = 0; o < fl->nobjects; o++) {
        if (fl->objs[o].kind == OBJ_ENTRY)
            continue;
        struct analysis_object *out = &af->objects[af->nobjects++];
        out->kind = origin_kind(fl, o);
        out->origin = fl->objs[o].origin;
        out->made_at = fl->objs[o].event;
        out->known = (fl->ever[o] & FLAG_KNOWN) != 0;
        out->ever = fl->ever[o] & ANALYSIS_PUBLIC_FLAGS;
        out->escapes = fl->escapes[o];
        out->returned = fl->returned[o];
        out->fixed_port_bind = fl->fixed_bind[o];
        out->fixed_port = fl->fixed_port[o];
        out->reuse = fl->reuse[o];
        out->nreuse = fl->nreuse[o];
        fl->reuse[o] = NULL;
        fl->nreuse[o] = 0;
    }
}

static bool calls_itself(const struct program *p, uint32_t f)
{
    const struct program_function *pf = &p->functions[f];
    for (uint32_t id = 0; id < pf->fn->nevents; id++)
        if (pf->callees[id].kind == PROGRAM_CALL_FUNCTION && pf->callees[id].function == f)
            return true;
    return false;
}

/* Summaries of one strongly connected component, iterated until none changes. */
static void analyse_scc(struct analysis *an, const uint32_t *members, size_t n)
{
    bool recursive = n > 1 || calls_itself(an->program, members[0]);
    for (int round = 0; round < MAX_SCC_ROUNDS; round++) {
        bool changed = false;
        for (size_t i = 0; i < n; i++) {
            struct summary next = {0};
            analyse_function(an, members[i], &next);
            changed |= !summary_equal(&next, &an->functions[members[i]].summary);
            summary_move(&an->functions[members[i]].summary, &next);
        }
        if (!recursive || !changed)
            return;
    }
}

struct analysis *analysis_run(const struct program *program)
{
    struct analysis *an = xcalloc(1, sizeof *an);
    an->program = program;
    an->functions = xcalloc(program->nfunctions + 1, sizeof *an->functions);
    for (size_t f = 0; f < program->nfunctions; f++) {
        an->functions[f].index = (uint32_t)f;
        an->functions[f].links =
            xcalloc(program->functions[f].fn->nevents + 1, sizeof *an->functions[f].links);
    }
    for (size_t c = 0; c < program->nsccs; c++) {
        uint32_t start = program->scc_starts[c], end = program->scc_starts[c + 1];
        analyse_scc(an, program->scc_order + start, end - start);
    }
    return an;
}

void analysis_free(struct analysis *an)
{
    if (!an)
        return;
    for (size_t f = 0; f < an->program->nfunctions; f++) {
        free(an->functions[f].sites);
        free(an->functions[f].links);
        free(an->functions[f].events);
        free_objects(&an->functions[f]);
        summary_fini(&an->functions[f].summary);
    }
    free(an->functions);
    free(an);
}
