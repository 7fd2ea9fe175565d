#include "skip.h"

#include "prescan.h"
#include "srccheck.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void skip_base_names(const struct models *models, struct name_set *used)
{
    prescan_add_socket_api(used);
    for (size_t i = 0; i < models_count(models); i++) {
        const struct model_function *m = models_at(models, i);
        if (m->neffects)
            name_set_add(used, m->name);
    }
}

/* ---- what the analysis says matters ------------------------------------------------------ */

static bool names_knob(const struct ir_event *ev)
{
    for (size_t a = 0; ev->arg_strings && a < ev->nargs; a++)
        if (ev->arg_strings[a] && strstr(ev->arg_strings[a], "tcp_tw_recycle"))
            return true;
    return false;
}

/* SCK008 reads the bodies of the functions a call naming the knob reaches: their definers
 * must be parsed, however deep (the rule stops at a depth; this does not need to). */
static void knob_callees(const struct program *p, struct name_set *defined)
{
    bool *seen = xcalloc(p->nfunctions + 1, sizeof *seen);
    uint32_t *work = xcalloc(p->nfunctions + 1, sizeof *work);
    size_t nwork = 0;
    for (uint32_t f = 0; f < p->nfunctions; f++) {
        const struct program_function *pf = &p->functions[f];
        for (uint32_t id = 0; id < pf->fn->nevents && !seen[f]; id++)
            if (pf->events[id] && pf->events[id]->kind == IR_CALL && names_knob(pf->events[id]))
                seen[f] = true, work[nwork++] = f;
    }
    while (nwork) {
        const struct program_function *pf = &p->functions[work[--nwork]];
        for (uint32_t id = 0; id < pf->fn->nevents; id++) {
            const struct ir_event *ev = pf->events[id];
            if (!ev || ev->kind != IR_CALL || !ev->callee)
                continue;
            name_set_add(defined, ev->callee);
            uint32_t to = pf->callees[id].function;
            if (pf->callees[id].kind == PROGRAM_CALL_FUNCTION && !seen[to])
                seen[to] = true, work[nwork++] = to;
        }
    }
    free(seen);
    free(work);
}

/* The names the program's calls name (whatever they resolve to). */
static void called_names(const struct program *program, struct name_set *called)
{
    for (uint32_t f = 0; f < program->nfunctions; f++) {
        const struct program_function *pf = &program->functions[f];
        for (uint32_t id = 0; id < pf->fn->nevents; id++)
            if (pf->events[id] && pf->events[id]->kind == IR_CALL && pf->events[id]->callee)
                name_set_add(called, pf->events[id]->callee);
    }
}

void skip_names_that_matter(const struct program *program, const struct analysis *analysis,
                            struct name_set *used, struct name_set *defined)
{
    struct name_set called;
    name_set_init(&called);
    called_names(program, &called);
    for (uint32_t f = 0; f < program->nfunctions; f++) {
        const struct program_function *pf = &program->functions[f];
        const struct analysis_function *af = &analysis->functions[f];
        const char *name = pf->fn->name;
        if (af->summary.nslots && pf->fn->linkage == IR_LINKAGE_EXTERNAL) {
            name_set_add(used, name);
            /* Another definition, in a unit listed earlier, is the one the linker picks for
             * the calls of the program (program.h): that unit must be parsed too. */
            if (name_set_has(&called, name, strlen(name)))
                name_set_add(defined, name);
        }
        for (uint32_t id = 0; af->events && id < pf->fn->nevents; id++)
            if (af->events[id].unknown_call_sees_socket && pf->events[id]->callee)
                name_set_add(defined, pf->events[id]->callee);
    }
    knob_callees(program, defined);
    name_set_fini(&called);
}

/* ---- the fixpoint ------------------------------------------------------------------------ */

enum unit_state { UNIT_SKIPPED, UNIT_ADMITTED, UNIT_DONE };

struct skip_run {
    const struct unit_list *units;
    const struct skip_options *opts;
    struct extract_outcome *outcomes;
    enum unit_state *state;
    long *handles;
    struct prescan *ps;
    struct extract_stats *stats;
};

static void add_stats(struct extract_stats *sum, const struct extract_stats *st)
{
    sum->parsed += st->parsed;
    sum->cached += st->cached;
    sum->timed_out += st->timed_out;
    if (st->threads > sum->threads)
        sum->threads = st->threads;
    sum->threads_left_running |= st->threads_left_running;
    if (!sum->cache_problem[0])
        memcpy(sum->cache_problem, st->cache_problem, sizeof sum->cache_problem);
}

/* Extracts the admitted units not extracted yet, in one pool (so -j applies across them). */
static void extract_admitted(struct skip_run *r, const struct extract_options *eopts)
{
    size_t n = r->units->count;
    struct unit_list sub = {0};
    sub.items = xcalloc(n + 1, sizeof *sub.items);
    size_t *index = xcalloc(n + 1, sizeof *index);
    for (size_t i = 0; i < n; i++) {
        if (r->state[i] != UNIT_ADMITTED)
            continue;
        index[sub.count] = i;
        sub.items[sub.count++] = r->units->items[i]; /* borrowed: extract_units copies */
        r->state[i] = UNIT_DONE;
    }
    if (sub.count) {
        struct extract_outcome *got = xcalloc(sub.count + 1, sizeof *got);
        struct extract_stats st;
        memset(&st, 0, sizeof st);
        extract_units(&sub, eopts, got, &st);
        for (size_t k = 0; k < sub.count; k++)
            r->outcomes[index[k]] = got[k];
        add_stats(r->stats, &st);
        free(got);
    }
    free(sub.items);
    free(index);
}

static void link_and_analyse(struct skip_run *r, struct skip_result *out)
{
    size_t n = r->units->count;
    struct facts **facts = xcalloc(n + 1, sizeof *facts);
    for (size_t i = 0; i < n; i++)
        facts[i] = r->outcomes[i].facts; /* skipped units: NULL until the end */
    out->program = program_link(facts, n, r->opts->models);
    out->analysis = analysis_run(out->program);
    free(facts);
}

/* Admits the skipped units the prescan's current question matches; returns how many. */
static size_t admit_matching(struct skip_run *r)
{
    size_t admitted = 0;
    for (size_t i = 0; i < r->units->count; i++) {
        if (r->state[i] == UNIT_SKIPPED && prescan_match(r->ps, r->handles[i])) {
            r->state[i] = UNIT_ADMITTED;
            admitted++;
        }
    }
    return admitted;
}

/* Adds to delta the names of fresh that known lacks, and them to known. */
static size_t news(struct name_set *known, const struct name_set *fresh, struct name_set *delta)
{
    size_t added = 0;
    for (size_t i = 0; i < fresh->count; i++) {
        const char *name = name_set_name(fresh, i);
        if (!name_set_has(known, name, strlen(name))) {
            name_set_add(known, name);
            name_set_add(delta, name);
            added++;
        }
    }
    return added;
}

/*
 * One more round: what the analysis says matters, the units that spell or may define it.
 * Only names new since the last round are asked about: a unit still skipped matched none of
 * the older ones. Returns the number of units admitted.
 */
static size_t readmit(struct skip_run *r, const struct skip_result *res, struct name_set *mentioned,
                      struct name_set *defined)
{
    struct name_set m, d, dm, dd;
    name_set_init(&m);
    name_set_init(&d);
    name_set_init(&dm);
    name_set_init(&dd);
    skip_names_that_matter(res->program, res->analysis, &m, &d);
    size_t admitted = 0;
    if (news(mentioned, &m, &dm) + news(defined, &d, &dd)) {
        prescan_query(r->ps, &dm, &dd);
        admitted = admit_matching(r);
    }
    name_set_fini(&m);
    name_set_fini(&d);
    name_set_fini(&dm);
    name_set_fini(&dd);
    return admitted;
}

/* Reads every unit's files: the hostile-include check runs with or without skipping. */
static void prescan_units(struct skip_run *r)
{
    for (size_t i = 0; i < r->units->count; i++) {
        const struct unit *u = &r->units->items[i];
        r->handles[i] = -1;
        r->state[i] = UNIT_ADMITTED;
        if (u->problem)
            continue; /* extract_units reports it */
        struct sc_error err;
        sc_error_clear(&err);
        /* A binary or oversized main file is admitted so that extract_units refuses it with
         * its reason (srccheck.h): skipping it would pass over it in silence. */
        if (srccheck_file(u->path, &err) != 0)
            continue;
        r->handles[i] = prescan_add_unit(r->ps, u, &err);
        if (r->handles[i] < 0) {
            r->outcomes[i].err = err;
            r->state[i] = UNIT_DONE;
        }
    }
}

static void finish_skipped(struct skip_run *r)
{
    for (size_t i = 0; i < r->units->count; i++) {
        if (r->state[i] != UNIT_SKIPPED)
            continue;
        r->outcomes[i].facts = facts_new();
        facts_intern_file(r->outcomes[i].facts, r->units->items[i].path);
        r->outcomes[i].skipped = true;
        r->stats->skipped++;
    }
}

void skip_run(const struct unit_list *units, const struct skip_options *opts,
              struct extract_outcome *outcomes, struct skip_result *out,
              struct extract_stats *stats)
{
    size_t n = units->count;
    memset(outcomes, 0, n * sizeof *outcomes);
    memset(out, 0, sizeof *out);
    memset(stats, 0, sizeof *stats);
    struct skip_run r = {units,
                         opts,
                         outcomes,
                         xcalloc(n + 1, sizeof *r.state),
                         xcalloc(n + 1, sizeof *r.handles),
                         prescan_new(),
                         stats};
    struct name_set mentioned, defined;
    name_set_init(&mentioned);
    name_set_init(&defined);
    prescan_units(&r);
    if (opts->enabled) {
        skip_base_names(opts->models, &mentioned);
        prescan_query(r.ps, &mentioned, NULL);
        for (size_t i = 0; i < n; i++)
            if (r.state[i] == UNIT_ADMITTED && !prescan_match(r.ps, r.handles[i]))
                r.state[i] = UNIT_SKIPPED;
    }
    /* One cache for every round: the tool's identity is digested once, and headers too. */
    struct extract_options eopts = opts->extract;
    if (eopts.cache_dir && !eopts.cache) {
        struct sc_error err;
        sc_error_clear(&err);
        eopts.cache = cache_open(eopts.cache_dir, &err);
        if (!eopts.cache)
            snprintf(stats->cache_problem, sizeof stats->cache_problem, "%s", err.message);
        eopts.cache_dir = NULL;
    } else if (eopts.cache) {
        eopts.cache = cache_share(eopts.cache);
    }
    for (;;) {
        extract_admitted(&r, &eopts);
        if (!opts->analyse)
            break;
        link_and_analyse(&r, out);
        size_t more = opts->enabled ? readmit(&r, out, &mentioned, &defined) : 0;
        if (!more)
            break;
        stats->readmitted += more;
        skip_result_fini(out);
    }
    cache_free(eopts.cache);
    finish_skipped(&r);
    name_set_fini(&mentioned);
    name_set_fini(&defined);
    prescan_free(r.ps);
    free(r.state);
    free(r.handles);
}

void skip_result_fini(struct skip_result *result)
{
    analysis_free(result->analysis);
    program_free(result->program);
    memset(result, 0, sizeof *result);
}
