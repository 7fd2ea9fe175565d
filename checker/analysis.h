/*
 * The reuse dataflow over one function's CFG (SPEC §2 "Precise semantics"): which sockets each
 * access path may hold, and per socket its family, type, whether reuse may have been enabled,
 * and which bind() calls may have bound it without reuse. Rules read the per-bind results.
 *
 * This slice analyses each function on its own: a socket passed to a call the analysis knows
 * nothing about may have had reuse enabled there (so nothing is reported), and sockets that
 * were not created in the function are not reported (a caller may have set reuse).
 */
#ifndef SOCKCHECK_ANALYSIS_H
#define SOCKCHECK_ANALYSIS_H

#include "facts.h"
#include "ir.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ANALYSIS_NO_EVENT UINT32_MAX

/* What the dataflow concluded about one bind() call. */
struct analysis_bind {
    uint32_t event;        /* the bind's event id */
    bool listened;         /* a socket created here, bound by it with no reuse enabled on any
                              path before it, reaches listen() (inet/inet6/unknown, stream) */
    bool retried;          /* a failure branch of this bind enabled reuse (the retry pattern) */
    uint32_t create_event; /* the socket() that created that socket, or ANALYSIS_NO_EVENT */
    uint32_t listen_event; /* the listen() it reaches, or ANALYSIS_NO_EVENT */
};

struct analysis_function {
    const struct facts *facts;      /* borrowed */
    const struct ir_function *fn;   /* borrowed */
    const struct ir_event **events; /* by id; borrowed pointers into fn */
    struct analysis_bind *binds;    /* one per bind event, in id order */
    size_t nbinds;
};

/* Runs the dataflow on fn (borrowed, must outlive out). Free out with analysis_function_fini. */
void analysis_run(const struct facts *facts, const struct ir_function *fn,
                  struct analysis_function *out);
void analysis_function_fini(struct analysis_function *af);

/* Whether a call to this function (not a socket API) leaves a socket's reuse option alone:
 * libc functions that take a descriptor for other reasons (fcntl, printf ...). */
bool analysis_call_keeps_reuse(const char *callee);

#endif
