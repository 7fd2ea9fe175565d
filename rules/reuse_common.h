/*
 * Predicates shared by the reuse family of rules (SCK004, SCK005, SCK006): which setsockopt()
 * calls are about address reuse, whether they enable it, and how messages name their parts.
 * Only the facts of one call are read here; nothing follows sockets (analysis.c does).
 */
#ifndef SOCKCHECK_REUSE_COMMON_H
#define SOCKCHECK_REUSE_COMMON_H

#include "ir.h"

#include <stdbool.h>

/*
 * The size of int on every target sockcheck parses for (ILP32, LP64 and LLP64 alike). The
 * facts do not carry the unit's int size; a target with another one has no BSD sockets.
 */
#define REUSE_INT_SIZE 4

/* Whether ev is a setsockopt() of SO_REUSEADDR or SO_REUSEPORT, at any level. */
bool reuse_is_reuse_setsockopt(const struct ir_event *ev);
/* Whether the call enables reuse: the int behind optval is non-zero or not known (SPEC §2). */
bool reuse_enables(const struct ir_event *ev);
/* "SO_REUSEADDR", "SO_REUSEPORT" ... as the option is spelt in C (static storage). */
const char *reuse_option_spelling(enum ir_option option);
/*
 * The name of a well-known protocol level ("IPPROTO_TCP"), or NULL. These are IANA protocol
 * numbers, the same on every system; SOL_SOCKET is not among them (it differs by system).
 */
const char *reuse_level_spelling(long long level);

#endif
