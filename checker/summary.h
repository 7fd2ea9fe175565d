/*
 * Function summaries (SPEC §2 "Across functions and files"): what a function does to each
 * socket it receives (through a parameter, a field behind one, or a global) and to each socket
 * it hands back (return value, out-parameter), computed bottom-up and applied at call sites.
 *
 * Slots name those sockets in the callee's own terms:
 *   "$0", "$1" ...        the value of parameter 0, 1 ...
 *   "$0->fd", "*$1"       a field behind parameter 0, what parameter 1 points at
 *   "%ret"                the return value
 *   "::g"                 a global
 * and summary_translate maps a slot to the caller's access path at one call.
 */
#ifndef SOCKCHECK_SUMMARY_H
#define SOCKCHECK_SUMMARY_H

#include "ir.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One event of one function of the program. */
struct site {
    uint32_t fn;
    uint32_t event;
};

#define SITE_NONE ((struct site){UINT32_MAX, UINT32_MAX})
/* In a model's summary, the bind happens in the call itself. */
#define SUMMARY_SELF UINT32_MAX

/* A set of event ids of the summarised function, sorted. */
struct summary_ids {
    uint32_t *ids;
    size_t count;
};

struct summary_slot {
    char *path;
    /* What the function does to the socket the slot holds on entry. */
    bool enables_reuse;          /* reuse may be on when the function returns */
    bool enables_reuseaddr;      /* SO_REUSEADDR explicitly enabled on it */
    bool enables_reuseport;      /* SO_REUSEPORT explicitly enabled on it */
    bool binds;                  /* it may be bound */
    bool connects;               /* it may be connected */
    bool listens;                /* it may be put in listen */
    struct site listen_at;       /* where (the first such listen) */
    struct summary_ids pending;  /* binds (or calls that bind) done with reuse off, not listened */
    struct summary_ids listened; /* binds done with reuse off and then listened in here */
    /* A socket made inside that the slot holds when the function returns. */
    bool creates;
    uint64_t created_flags;             /* dataflow flags: family, type, reuse (analysis.c) */
    bool created_known;                 /* made by socket() or a modelled library call */
    struct site created_at;             /* the socket() (or modelled call) that made it */
    struct summary_ids created_pending; /* binds on it with reuse off, not yet listened */
    bool created_listened; /* made, bound with reuse off and listened by a modelled call: the
                              caller's call site is where the finding goes */
};

struct summary {
    struct summary_slot *slots; /* sorted by path */
    size_t nslots;
    size_t cap; /* private */
};

void summary_fini(struct summary *s);
/* Moves src into dst (dst finalised first); src is left empty. */
void summary_move(struct summary *dst, struct summary *src);
bool summary_equal(const struct summary *a, const struct summary *b);
/* The slot with this path, or NULL. */
const struct summary_slot *summary_find(const struct summary *s, const char *path);
/* The slot with this path, added empty when missing (owned by s; valid until the next add). */
struct summary_slot *summary_slot(struct summary *s, const char *path);
/* Adds id to a sorted id set (no duplicates). */
void summary_ids_add(struct summary_ids *set, uint32_t id);

/*
 * The slot that names the callee's own access path: "srv->fd" with srv parameter 0 gives
 * "$0->fd"; globals and "%ret" name themselves; locals give NULL. The caller frees the result.
 */
char *summary_slot_of_path(const struct ir_function *fn, const char *path);
/*
 * The caller's access path for a callee's slot at a call with these argument paths ("&x" for
 * addresses) and result path dst: "$1->fd" with argument "&s" gives "s.fd", with "p" gives
 * "p->fd"; "*$0" with "&fd" gives "fd". NULL when the slot has no path in the caller. The caller
 * frees the result.
 */
char *summary_translate(const char *slot, char *const *args, size_t nargs, const char *dst);

#endif
