/*
 * SCK007 fixed-port-client: a socket bound to a constant non-zero port and then connected
 * (SPEC §2). Every connection to the same peer then has the same 4-tuple, and the previous
 * one is still in TIME_WAIT on this side: the reconnect fails with EADDRINUSE.
 */
#include "reuse_common.h"
#include "rule_api.h"
#include "xalloc.h"

#include <ctype.h>
#include <stdlib.h>

static const char *const tags[] = {"reliability", "correctness", "network", NULL};

/* TIME_WAIT is TCP's: a datagram socket bound to a fixed port has no old 4-tuple to meet. */
static bool may_be_stream(uint64_t ever)
{
    return (ever &
            (ANALYSIS_TYPE_BIT(IR_SOCKTYPE_STREAM) | ANALYSIS_TYPE_BIT(IR_SOCKTYPE_UNKNOWN))) != 0;
}

static void check(const struct rule_context *ctx)
{
    const struct analysis_function *af = rule_analysis(ctx);
    for (size_t i = 0; i < af->nobjects; i++) {
        const struct analysis_object *obj = &af->objects[i];
        if (obj->fixed_port_bind == UINT32_MAX || obj->kind == ANALYSIS_FROM_ACCEPT ||
            !(obj->ever & ANALYSIS_CONNECTED) || (obj->ever & ANALYSIS_LISTENED) ||
            !may_be_stream(obj->ever))
            continue;
        const struct ir_event *bind = rule_function(ctx)->events[obj->fixed_port_bind];
        char *who = reuse_socket_phrase("client socket", bind->sock);
        who[0] = (char)toupper((unsigned char)who[0]); /* it starts the sentence */
        char *message = xasprintf(
            "%s is bound to the fixed port %lld and then connected: reconnecting to the same "
            "peer reuses the 4-tuple that the previous connection still holds in TIME_WAIT, "
            "and fails with EADDRINUSE. Bind to port 0 (the kernel picks a free one), or do "
            "not bind at all.",
            who, obj->fixed_port);
        struct finding *f = rule_report(ctx, bind, message, bind->sock);
        rule_relate(ctx, f, obj->origin, "socket created here");
        free(message);
        free(who);
    }
}

const struct rule rule_sck007 = {
    .id = "SCK007",
    .name = "fixed-port-client",
    .level = SC_LEVEL_WARNING,
    .summary = "A client socket is bound to a fixed local port before connect().",
    .description =
        "A TCP connection is identified by its 4-tuple. A client that binds a constant local "
        "port and connects to the same server again produces the same 4-tuple as its previous "
        "connection, which stays in TIME_WAIT on the side that closed first for up to 60 s: "
        "the new connect() fails with EADDRINUSE. Let the kernel choose the local port.",
    .help_text = "Do not bind() a client socket to a fixed port: remove the bind(), or bind to "
                 "port 0 if only the local address matters. See docs/rules/SCK007.md.",
    .help_markdown = "Do not `bind()` a client socket to a fixed port: remove the `bind()`, or "
                     "bind to port 0 if only the local address matters.\n\n"
                     "[Rule documentation](" RULE_HELP_BASE "SCK007.md)",
    .tags = tags,
    .precision = "high",
    .check = check,
};
