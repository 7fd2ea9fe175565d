/*
 * The reuse analysis of the whole program (SPEC §2 "Precise semantics"): a dataflow over each
 * function's CFG that follows sockets through access paths, and function summaries computed
 * bottom-up over the call graph's strongly connected components (iterated to a fixpoint for
 * recursion) and applied at call sites, so that a wrapper in another file counts.
 *
 * Rules read the per-function results: for every bind-like site (a bind() or a call that binds
 * inside), whether a socket made by socket() reaches listen() bound there with reuse off on every
 * path, and where that socket was made and listened.
 */
#ifndef SOCKCHECK_ANALYSIS_H
#define SOCKCHECK_ANALYSIS_H

#include "program.h"
#include "summary.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Dataflow flags of a socket (also summary_slot.created_flags). */
#define ANALYSIS_FAMILY_BIT(family) ((uint64_t)1 << (family))
#define ANALYSIS_TYPE_BIT(type)     ((uint64_t)1 << (8 + (type)))
#define ANALYSIS_REUSE              ((uint64_t)1 << 16)

/* A bind() or a call that binds the socket inside (a wrapper, a modelled library call). */
struct analysis_site {
    uint32_t event;
    bool listened;          /* SCK001's situation: made by socket(), bound here with reuse off on
                               every path before, then put in listen (here or in a callee) */
    bool retried;           /* a failure branch of this bind enabled reuse (the retry pattern) */
    struct site created_at; /* the socket() that made that socket */
    struct site listen_at;  /* the listen() that made it a listening socket */
};

struct analysis_function {
    uint32_t index;              /* in the program */
    struct analysis_site *sites; /* in event id order */
    size_t nsites;
    struct site *links; /* per event id: for a call site, the callee site it binds through */
    struct summary summary;
};

struct analysis {
    const struct program *program;       /* borrowed */
    struct analysis_function *functions; /* one per program function, same index */
};

/* Analyses every function of the program (borrowed). Free with analysis_free. */
struct analysis *analysis_run(const struct program *program);
void analysis_free(struct analysis *analysis);

#endif
