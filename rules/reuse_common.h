/*
 * Helpers shared by the reuse family of rules: which setsockopt() calls are about address reuse
 * and whether they enable it (SCK004-SCK006 read one call's facts), how messages name a socket
 * and an option (all of them).
 */
#ifndef SOCKCHECK_REUSE_COMMON_H
#define SOCKCHECK_REUSE_COMMON_H

#include "ir.h"
#include "rule_api.h"

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

/* The name as the user wrote it: a global without "::", a shadowed local without "#2". NULL
 * gives NULL; otherwise the caller frees the result. */
char *reuse_display_name(const char *path);
/* Whether an access path is also C the user can paste: "fd", "srv->fd", not "ls[].fd". */
bool reuse_is_plain_expression(const char *path);
/* The access path that received a socket made in the function (socket()'s or accept()'s
 * destination, or the call's), or NULL; borrowed from the facts. */
const char *reuse_object_path(const struct rule_context *ctx, const struct analysis_object *obj);
/* "SO_REUSEADDR", "SO_REUSEPORT" or "SO_REUSEADDR and SO_REUSEPORT"; static storage. */
const char *reuse_option_name(bool reuseaddr, bool reuseport);
/* noun + " 'name'", or "a " + noun when the name is unknown; the caller frees it. */
char *reuse_socket_phrase(const char *noun, const char *path);

/*
 * Reports ctx's rule at the event of one reuse site of a socket made in the function, with the
 * socket's creation as a related location. message_fmt has one %s: the phrase naming the
 * socket ("listening socket 'fd'").
 */
void reuse_report_site(const struct rule_context *ctx, const struct analysis_object *obj,
                       const struct analysis_reuse *reuse, const char *noun,
                       const char *message_fmt);

#endif
