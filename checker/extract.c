#include "extract.h"

#include "cache.h"
#include "fe.h"
#include "srccheck.h"
#include "xalloc.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum extract_how { EXTRACT_FAILED, EXTRACT_PARSED, EXTRACT_CACHED };

struct pool;

/* One worker thread. Owned by the pool, which outlives every thread (reference count). */
struct worker {
    struct pool *pool;
    pthread_t thread;
    size_t current; /* the unit being extracted, while busy */
    double started; /* when it started (monotonic seconds) */
    bool busy;
    bool abandoned;   /* its unit timed out: it no longer touches the caller's outcomes */
    bool running;     /* the thread has not finished */
    bool thread_made; /* it has a thread of its own (not the caller's: work_here) */
};

/*
 * What the workers share. Everything a worker reads is owned here, not borrowed from the
 * caller: a worker whose unit timed out goes on parsing after extract_units returned, and
 * must find its unit, the cache and the lock still there. The last one out frees the pool.
 */
struct pool {
    pthread_mutex_t lock;
    pthread_cond_t cond; /* a unit finished */
    size_t refs;         /* the caller, plus every worker thread still running */
    struct unit *units;  /* copies of the caller's units */
    size_t count;
    size_t *order; /* unit indices, largest main file first: the work is handed out in this
                      order so that a big unit starts early instead of finishing last */
    struct extract_outcome *out; /* the caller's; written under lock by non-abandoned workers */
    size_t next;                 /* the next unit to hand out */
    size_t done;                 /* units with an outcome */
    struct extract_stats stats;
    struct cache *cache;
    extract_progress_fn progress;
    void *progress_ctx;
    struct worker **workers;
    size_t nworkers, workers_cap;
};

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

unsigned extract_default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}

static void copy_unit(struct unit *dst, const struct unit *src)
{
    memset(dst, 0, sizeof *dst);
    dst->path = xstrdup(src->path);
    dst->directory = xstrdup(src->directory);
    dst->problem = xstrdup(src->problem);
    dst->nargs = src->nargs;
    dst->args = xcalloc(src->nargs + 1, sizeof *dst->args);
    for (size_t i = 0; i < src->nargs; i++)
        dst->args[i] = xstrdup(src->args[i]);
}

struct sized {
    size_t index;
    long long size;
};

static int by_size_desc(const void *a, const void *b)
{
    const struct sized *x = a, *y = b;
    if (x->size != y->size)
        return x->size < y->size ? 1 : -1;
    return x->index < y->index ? -1 : x->index > y->index; /* qsort is not stable */
}

/* Unit indices by main file size, largest first: the size of a file is a fair guess at its
 * parse time, and starting the longest first keeps threads from idling at the end. */
static size_t *largest_first(const struct unit_list *units)
{
    struct sized *s = xcalloc(units->count + 1, sizeof *s);
    for (size_t i = 0; i < units->count; i++) {
        struct stat st;
        s[i].index = i;
        s[i].size = stat(units->items[i].path, &st) == 0 ? (long long)st.st_size : 0;
    }
    qsort(s, units->count, sizeof *s, by_size_desc);
    size_t *order = xcalloc(units->count + 1, sizeof *order);
    for (size_t i = 0; i < units->count; i++)
        order[i] = s[i].index;
    free(s);
    return order;
}

static struct pool *pool_new(const struct unit_list *units, const struct extract_options *opts,
                             struct extract_outcome *out)
{
    struct pool *pool = xcalloc(1, sizeof *pool);
    pthread_mutex_init(&pool->lock, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&pool->cond, &attr);
    pthread_condattr_destroy(&attr);
    pool->refs = 1;
    pool->count = units->count;
    pool->units = xcalloc(units->count + 1, sizeof *pool->units);
    for (size_t i = 0; i < units->count; i++)
        copy_unit(&pool->units[i], &units->items[i]);
    pool->order = largest_first(units);
    pool->out = out;
    if (opts->cache) {
        pool->cache = cache_share(opts->cache);
    } else if (opts->cache_dir) {
        struct sc_error err;
        sc_error_clear(&err);
        pool->cache = cache_open(opts->cache_dir, &err);
        if (!pool->cache)
            snprintf(pool->stats.cache_problem, sizeof pool->stats.cache_problem, "%s",
                     err.message);
    }
    pool->progress = opts->progress;
    pool->progress_ctx = opts->progress_ctx;
    return pool;
}

/* Drops one reference; the last one frees the pool. */
static void pool_release(struct pool *pool)
{
    pthread_mutex_lock(&pool->lock);
    bool last = --pool->refs == 0;
    pthread_mutex_unlock(&pool->lock);
    if (!last)
        return;
    for (size_t i = 0; i < pool->count; i++)
        unit_fini(&pool->units[i]);
    free(pool->units);
    free(pool->order);
    for (size_t i = 0; i < pool->nworkers; i++)
        free(pool->workers[i]);
    free(pool->workers);
    cache_free(pool->cache);
    pthread_cond_destroy(&pool->cond);
    pthread_mutex_destroy(&pool->lock);
    free(pool);
}

/* The facts of every unit are kept until the whole program is analysed: without the spare
 * room their arrays grew with, they take about a third of the memory (lighttpd). */
static void shrink_facts(struct facts *facts)
{
    for (size_t i = 0; facts && i < facts->nfunctions; i++)
        ir_function_shrink(&facts->functions[i]);
}

/* Parses a unit, or finds its facts in the cache. Runs without the lock. */
static enum extract_how extract_one(struct pool *pool, struct fe **fe, const struct unit *unit,
                                    struct extract_outcome *out)
{
    memset(out, 0, sizeof *out);
    if (unit->problem) {
        sc_error_set(&out->err, SC_ERROR_IO, unit->path, 0, "%s", unit->problem);
        return EXTRACT_FAILED;
    }
    /* SPEC §6: binary, unreadable or not a file: a clear error, never a parse */
    if (srccheck_file(unit->path, &out->err) != 0)
        return EXTRACT_FAILED;
    if (pool->cache && (out->facts = cache_lookup(pool->cache, unit)) != NULL) {
        shrink_facts(out->facts);
        return EXTRACT_CACHED;
    }
    /* The index is made by the thread that uses it, and only when something is parsed. */
    if (!*fe)
        *fe = fe_new();
    struct fe_inputs inputs;
    struct fe_digest_memo memo;
    if (pool->cache)
        cache_digest_memo(pool->cache, &memo);
    out->facts = fe_extract_inputs(*fe, unit, pool->cache ? &inputs : NULL,
                                   pool->cache ? &memo : NULL, &out->err);
    if (pool->cache) {
        if (out->facts)
            cache_store(pool->cache, unit, out->facts, &inputs);
        fe_inputs_fini(&inputs);
    }
    shrink_facts(out->facts);
    return EXTRACT_PARSED;
}

/* Records a finished unit. Lock held. */
static void finish_unit(struct pool *pool, size_t i, enum extract_how how,
                        const struct extract_outcome *outcome)
{
    pool->out[i] = *outcome;
    pool->stats.parsed += how == EXTRACT_PARSED;
    pool->stats.cached += how == EXTRACT_CACHED;
    pool->done++;
    if (pool->progress)
        pool->progress(pool->progress_ctx, pool->done, pool->count, NULL);
    pthread_cond_broadcast(&pool->cond);
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    struct pool *pool = w->pool;
    struct fe *fe = NULL;
    pthread_mutex_lock(&pool->lock);
    while (!w->abandoned && pool->next < pool->count) {
        size_t i = pool->order[pool->next++];
        w->current = i;
        w->started = now_seconds();
        w->busy = true;
        if (pool->progress)
            pool->progress(pool->progress_ctx, pool->done, pool->count, pool->units[i].path);
        pthread_mutex_unlock(&pool->lock);
        struct extract_outcome outcome;
        enum extract_how how = extract_one(pool, &fe, &pool->units[i], &outcome);
        pthread_mutex_lock(&pool->lock);
        w->busy = false;
        if (w->abandoned) {
            facts_free(outcome.facts);
            break;
        }
        finish_unit(pool, i, how, &outcome);
    }
    w->running = false;
    pthread_mutex_unlock(&pool->lock);
    fe_free(fe);
    pool_release(pool);
    return NULL;
}

/* Starts one more worker thread; false when the system refuses. Lock held. */
static bool start_worker(struct pool *pool)
{
    struct worker *w = xcalloc(1, sizeof *w);
    w->pool = pool;
    w->running = true;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, FE_STACK_BYTES);
    pool->refs++;
    int rc = pthread_create(&w->thread, &attr, worker_main, w);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        pool->refs--;
        free(w);
        return false;
    }
    w->thread_made = true;
    *XPUSH(pool->workers, pool->nworkers, pool->workers_cap) = w;
    return true;
}

/* Gives up the unit of a worker past its deadline: the unit gets its problem now, and a new
 * worker takes the abandoned one's place. Lock held. */
static void abandon(struct pool *pool, struct worker *w, double timeout)
{
    w->abandoned = true;
    pthread_detach(w->thread);
    struct extract_outcome *o = &pool->out[w->current];
    memset(o, 0, sizeof *o);
    sc_error_set(&o->err, SC_ERROR_PARSE_FAILED, pool->units[w->current].path, 0,
                 "took longer than %g s; raise --unit-timeout or exclude it", timeout);
    pool->stats.timed_out++;
    pool->done++;
    if (pool->progress)
        pool->progress(pool->progress_ctx, pool->done, pool->count, NULL);
    if (pool->next < pool->count)
        (void)start_worker(pool);
}

/* How often the progress callback hears from a run where no unit finishes (a slow unit). */
#define PROGRESS_TICK 0.25

/* The earliest time the coordinator must look again: a deadline, or the progress tick.
 * Returns 0 when it may wait until a unit finishes. Lock held. */
static double next_wakeup(const struct pool *pool, double now, double timeout)
{
    double wake = pool->progress ? now + PROGRESS_TICK : 0;
    if (timeout <= 0)
        return wake;
    double deadline = now + timeout; /* a unit that starts now is not late before that */
    for (size_t i = 0; i < pool->nworkers; i++) {
        const struct worker *w = pool->workers[i];
        if (w->busy && !w->abandoned && w->started + timeout < deadline)
            deadline = w->started + timeout;
    }
    return wake && wake < deadline ? wake : deadline;
}

/* Waits for a unit to finish, or for the next deadline; abandons units past it. Lock held. */
static void wait_for_progress(struct pool *pool, double timeout)
{
    double now = now_seconds();
    double wake = next_wakeup(pool, now, timeout);
    if (!wake) {
        pthread_cond_wait(&pool->cond, &pool->lock);
        return;
    }
    if (wake > now) {
        struct timespec ts;
        ts.tv_sec = (time_t)wake;
        ts.tv_nsec = (long)((wake - (double)ts.tv_sec) * 1e9);
        if (ts.tv_nsec >= 1000000000L)
            ts.tv_nsec = 999999999L;
        pthread_cond_timedwait(&pool->cond, &pool->lock, &ts);
    }
    now = now_seconds();
    size_t n = pool->nworkers; /* abandon() may append replacements: they are not late */
    for (size_t i = 0; i < n && timeout > 0; i++) {
        struct worker *w = pool->workers[i];
        if (w->busy && !w->abandoned && now - w->started >= timeout)
            abandon(pool, w, timeout);
    }
    if (pool->progress && pool->done < pool->count)
        pool->progress(pool->progress_ctx, pool->done, pool->count, NULL);
}

/* Workers still taking units. Lock held. */
static size_t live_workers(const struct pool *pool)
{
    size_t n = 0;
    for (size_t i = 0; i < pool->nworkers; i++)
        n += pool->workers[i]->running && !pool->workers[i]->abandoned;
    return n;
}

/* Does the remaining work on the calling thread, without a time limit: the fallback when no
 * thread can be made. Lock held on entry and on return. */
static void work_here(struct pool *pool)
{
    struct worker *self = xcalloc(1, sizeof *self);
    self->pool = pool;
    self->running = true;
    *XPUSH(pool->workers, pool->nworkers, pool->workers_cap) = self;
    pool->refs++;
    pthread_mutex_unlock(&pool->lock);
    worker_main(self);
    pthread_mutex_lock(&pool->lock);
}

/* Starts the workers, waits until every unit has an outcome, and joins the workers that are
 * not stuck in a timed-out unit. */
static void run_pool(struct pool *pool, unsigned jobs, double timeout)
{
    pthread_mutex_lock(&pool->lock);
    unsigned started = 0;
    while (started < jobs && start_worker(pool))
        started++;
    if (!started)
        work_here(pool); /* no thread could be made */
    pool->stats.threads = started ? started : 1;
    while (pool->done < pool->count) {
        wait_for_progress(pool, timeout);
        if (pool->next < pool->count && !live_workers(pool))
            work_here(pool); /* a unit timed out and no thread could replace its worker */
    }
    pool->out = NULL;
    pthread_t *join = xcalloc(pool->nworkers + 1, sizeof *join);
    size_t njoin = 0;
    for (size_t i = 0; i < pool->nworkers; i++) {
        struct worker *w = pool->workers[i];
        if (w->abandoned)
            pool->stats.threads_left_running |= w->running;
        else if (w->thread_made)
            join[njoin++] = w->thread;
    }
    pthread_mutex_unlock(&pool->lock);
    for (size_t i = 0; i < njoin; i++)
        pthread_join(join[i], NULL);
    free(join);
}

void extract_units(const struct unit_list *units, const struct extract_options *opts,
                   struct extract_outcome *out, struct extract_stats *stats_out)
{
    memset(out, 0, units->count * sizeof *out);
    struct pool *pool = pool_new(units, opts, out);
    unsigned jobs = opts->jobs ? opts->jobs : extract_default_jobs();
    if (jobs > units->count)
        jobs = units->count ? (unsigned)units->count : 1;
    run_pool(pool, jobs, opts->unit_timeout);
    if (stats_out) {
        pthread_mutex_lock(&pool->lock);
        *stats_out = pool->stats;
        pthread_mutex_unlock(&pool->lock);
    }
    pool_release(pool);
}

void extract_outcomes_fini(struct extract_outcome *out, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        facts_free(out[i].facts);
        out[i].facts = NULL;
    }
}
