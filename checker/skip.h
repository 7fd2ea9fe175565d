/*
 * Skipping units that cannot change the results (docs/performance.md "Skipping"): the prescan
 * (prescan.h) admits the units that may call a socket function or a modelled one; those are
 * extracted, linked and analysed; the analysis then names what else matters (functions with a
 * summary, unknown functions a socket reaches, the callees that SCK008 follows), the units
 * that may call or define those are admitted too, and so on until nothing changes. The results are
 * those of analysing every unit. Owns the fixpoint and the final program and analysis it hands to
 * the driver; the extraction itself is extract.h's.
 */
#ifndef SOCKCHECK_SKIP_H
#define SOCKCHECK_SKIP_H

#include "analysis.h"
#include "extract.h"
#include "models.h"
#include "name_set.h"
#include "program.h"
#include "units.h"

#include <stdbool.h>
#include <stddef.h>

struct skip_options {
    bool enabled;                   /* skip what cannot matter; false: extract every unit */
    bool analyse;                   /* link and analyse (false for --dump-facts) */
    const struct models *models;    /* the API models (borrowed; may be NULL) */
    struct extract_options extract; /* -j, the cache, the time limit, progress */
};

/* The last link of the run: the whole program as analysed (NULL without analyse). */
struct skip_result {
    struct program *program;   /* borrows the outcomes' facts: free before them */
    struct analysis *analysis; /* borrows program */
};

/*
 * Extracts units into outcomes (units->count entries, in unit order): every unit without
 * skipping, else the admitted ones, while the others get facts with no function and
 * `skipped` set. A unit whose prescan refuses it (a FIFO or device among its files) gets no
 * facts and that error, with or without skipping. stats gets the extraction's counts plus
 * skipped and re-admitted units. Free out with skip_result_fini, outcomes with
 * extract_outcomes_fini (after out).
 */
void skip_run(const struct unit_list *units, const struct skip_options *opts,
              struct extract_outcome *outcomes, struct skip_result *out,
              struct extract_stats *stats);
void skip_result_fini(struct skip_result *result);

/* The names whose spelling makes any unit matter: the socket API and every modelled function
 * that does something (a model with no effect acts as an empty summary). */
void skip_base_names(const struct models *models, struct name_set *used);

/*
 * What the analysis of the admitted units says matters: into used, the external functions
 * whose summary is not empty (a unit that calls one acts on sockets through it), and into
 * defined those of them the program calls (another definition may be the one linked); into
 * defined,
 * the unknown functions a socket's path reaches (a body in a skipped unit would replace
 * "unknown: may enable reuse" by what it does) and the functions SCK008 follows from a call
 * that names the tcp_tw_recycle knob. Globals need no names of their own: a function acts on
 * a global socket only through the socket API, close, or a function with a summary.
 */
void skip_names_that_matter(const struct program *program, const struct analysis *analysis,
                            struct name_set *used, struct name_set *defined);

#endif
