/*
 * Units → facts: the per-unit, independent half of a run (ARCHITECTURE.md "Scale beyond one
 * machine"). Everything after it works on the facts of all units together. Owns the worker
 * threads (one libclang index each), the facts cache handle and the per-unit time limit;
 * outcomes are stored per unit index, so the result never depends on the number of threads
 * or on which unit finished first.
 */
#ifndef SOCKCHECK_EXTRACT_H
#define SOCKCHECK_EXTRACT_H

#include "cache.h"
#include "facts.h"
#include "sc.h"
#include "units.h"

#include <stdbool.h>
#include <stddef.h>

/*
 * Called when a unit starts (current is its path), when one finishes, and a few times a second
 * while none does (current is NULL then), with the number of units finished so far. Calls are
 * serialised (never two at once), from any thread; none is made after extract_units returned.
 */
typedef void (*extract_progress_fn)(void *ctx, size_t done, size_t total, const char *current);

struct extract_options {
    unsigned jobs;         /* worker threads; 0: one per online processor */
    double unit_timeout;   /* seconds one unit may take before it is given up; 0: no limit */
    const char *cache_dir; /* the facts cache (cache.h); NULL: none */
    struct cache *cache;   /* or an open one to share (cache_share): cache_dir is then unused */
    /* Leave out the units that cannot matter: read by skip_run (skip.h), which hands
     * extract_units only the units to extract; extract_units extracts every unit it is given. */
    bool skip;
    extract_progress_fn progress; /* may be NULL */
    void *progress_ctx;
};

/* What became of one unit: its facts (owned by the outcome), or why there are none. */
struct extract_outcome {
    struct facts *facts; /* NULL when the unit could not be analysed at all */
    struct sc_error err; /* why facts is NULL */
    bool skipped;        /* left out by skip_run: facts hold no function */
};

/* How the work went, for --stats and tests. */
struct extract_stats {
    size_t parsed;     /* units parsed by libclang (cache misses included) */
    size_t cached;     /* units whose facts came from the cache */
    size_t skipped;    /* units left out by skip_run: they cannot change the results */
    size_t readmitted; /* of the units extracted, those skip_run admitted after a first
                          analysis showed they matter */
    size_t timed_out;  /* units given up after unit_timeout */
    unsigned threads;  /* worker threads used at once */
    /* Threads of timed-out units still running: their parse cannot be interrupted, so the
     * process must end without waiting for them (main uses _exit). */
    bool threads_left_running;
    /* Why the cache was not used, when it was asked for ("" otherwise). */
    char cache_problem[1100];
};

/*
 * Extracts the facts of every unit. out has units->count entries, in unit order, whatever
 * order the work was done in; release them with extract_outcomes_fini. stats_out may be NULL.
 */
void extract_units(const struct unit_list *units, const struct extract_options *opts,
                   struct extract_outcome *out, struct extract_stats *stats_out);
void extract_outcomes_fini(struct extract_outcome *out, size_t count);

/* The number of online processors (at least 1): the default for -j. */
unsigned extract_default_jobs(void);

#endif
