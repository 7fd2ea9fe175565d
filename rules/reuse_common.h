/*
 * Helpers shared by the reuse rules: how a socket is named in messages, and which reuse option
 * an event enabled.
 */
#ifndef SOCKCHECK_REUSE_COMMON_H
#define SOCKCHECK_REUSE_COMMON_H

#include "rule_api.h"

#include <stdbool.h>

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
/* "'fd'" or "a" + noun when the name is unknown: "socket 'fd'" / "a socket"; caller frees. */
char *reuse_socket_phrase(const char *noun, const char *path);

#endif
