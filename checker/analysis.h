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

/* Dataflow flags of a socket (also summary_slot.created_flags): "may" facts, joined by OR. */
#define ANALYSIS_FAMILY_BIT(family) ((uint64_t)1 << (family))
#define ANALYSIS_TYPE_BIT(type)     ((uint64_t)1 << (8 + (type)))
#define ANALYSIS_REUSE              ((uint64_t)1 << 16) /* SO_REUSEADDR or SO_REUSEPORT may be on */
#define ANALYSIS_LISTENED           ((uint64_t)1 << 17) /* may have been put in listen */
#define ANALYSIS_UNBOUND            ((uint64_t)1 << 19) /* may not be bound, connected or listening */
#define ANALYSIS_BOUND              ((uint64_t)1 << 20) /* may have been bound */
#define ANALYSIS_CONNECTED          ((uint64_t)1 << 21) /* may have been connected or accepted */
#define ANALYSIS_REUSEADDR          ((uint64_t)1 << 22) /* SO_REUSEADDR explicitly enabled */
#define ANALYSIS_REUSEPORT          ((uint64_t)1 << 23) /* SO_REUSEPORT explicitly enabled */
/* The flags that travel with a socket from a callee to its caller. */
#define ANALYSIS_PUBLIC_FLAGS                                                                      \
    (0xffffu | ANALYSIS_REUSE | ANALYSIS_LISTENED | ANALYSIS_UNBOUND | ANALYSIS_BOUND |            \
     ANALYSIS_CONNECTED | ANALYSIS_REUSEADDR | ANALYSIS_REUSEPORT)

/* A bind() or a call that binds the socket inside (a wrapper, a modelled library call). */
struct analysis_site {
    uint32_t event;
    bool listened;          /* SCK001's situation: made by socket(), bound here with reuse off on
                               every path before, then put in listen (here or in a callee) */
    bool retried;           /* a failure branch of this bind enabled reuse (the retry pattern) */
    struct site created_at; /* the socket() that made that socket */
    struct site listen_at;  /* the listen() that made it a listening socket */
};

/* Where one socket had a reuse option enabled: a setsockopt() or a call that enables it. */
struct analysis_reuse {
    uint32_t event;
    bool reuseaddr;
    bool reuseport;
};

enum analysis_origin { ANALYSIS_FROM_SOCKET, ANALYSIS_FROM_ACCEPT, ANALYSIS_FROM_CALL };

/* A socket made in the function (by socket(), accept() or a call that hands one back), with
 * what happened to it anywhere in the function: the lifetime facts SCK003/7/9/10 read. */
struct analysis_object {
    enum analysis_origin kind;
    struct site origin; /* where it was made: here, or in the callee that made it */
    uint32_t made_at;   /* the event of this function it came from */
    bool known;         /* made by socket() or a modelled call (not an unknown function) */
    uint64_t ever;      /* the flags it had at any point */
    bool escapes;       /* handed to a function nothing is known about (it may bind it) */
    bool returned;
    /* handed back to the caller: a return value, out-parameter, global */ /* handed back to a
                                                                              caller, or to a
                                                                              function nothing
                                                                              is known of */
    uint32_t fixed_port_bind; /* a bind() to a constant non-zero port, or UINT32_MAX */
    long long fixed_port;
    struct analysis_reuse *reuse; /* in the order first seen */
    size_t nreuse;
};

/* What the analysis knows about one event that enables reuse (SCK002). */
struct analysis_event {
    bool enables_reuse;  /* a setsockopt() or call that enables SO_REUSEADDR/SO_REUSEPORT */
    bool reached;        /* on some path from the entry */
    bool maybe_unbound;  /* on some path the socket may not be bound, connected or listening */
    bool on_made_socket; /* some socket is one made here or by a callee, not a parameter's */
    bool accepted_only;  /* every such socket is a connected one that was never bound (accept) */
    /* A call to a function nothing is known about (no body, no model) with a socket's path
     * among its arguments or as its result: a body found later (skip.h) could change the
     * results. */
    bool unknown_call_sees_socket;
};

struct analysis_function {
    uint32_t index; /* in the program */
    struct analysis_object *objects;
    size_t nobjects;
    struct analysis_event *events; /* per event id */
    struct analysis_site *sites;   /* in event id order */
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
