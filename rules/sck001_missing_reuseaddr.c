/*
 * SCK001 missing-reuseaddr: the bind() of a TCP listening socket that no path has given
 * SO_REUSEADDR (or SO_REUSEPORT) before it (SPEC §2). The dataflow (analysis.c) decides which
 * binds those are; this file words the finding and says where it comes from.
 */
#include "rule_api.h"
#include "rule_fix.h"
#include "xalloc.h"

#include <stdlib.h>

static const char *const tags[] = {"reliability", "correctness", "network", NULL};

/* The socket as the user wrote it, in quotes, for the message. */
static char *socket_phrase(const char *path)
{
    return path ? xasprintf("Listening socket '%s'", path) : xstrdup("A listening socket");
}

static void check(const struct rule_context *ctx)
{
    /* SPEC §2: on Windows SO_REUSEADDR allows port hijacking; SCK010 speaks there instead. */
    if (ctx->facts->target_windows)
        return;
    const struct analysis_function *af = ctx->analysis;
    for (size_t i = 0; i < af->nbinds; i++) {
        const struct analysis_bind *b = &af->binds[i];
        if (!b->listened || b->retried)
            continue;
        const struct ir_event *bind = af->events[b->event];
        char *who = socket_phrase(bind->sock);
        char *message = xasprintf(
            "%s is bound without SO_REUSEADDR set first. A restart fails with EADDRINUSE "
            "('Address already in use') while connections of the previous process sit in "
            "TIME_WAIT; call setsockopt(%s, SOL_SOCKET, SO_REUSEADDR, ...) between socket() "
            "and bind().",
            who, bind->sock ? bind->sock : "fd");
        struct finding *f = rule_report(ctx, bind, message, bind->sock);
        if (b->create_event != ANALYSIS_NO_EVENT)
            rule_relate(ctx, f, af->events[b->create_event], "socket created here");
        if (b->listen_event != ANALYSIS_NO_EVENT)
            rule_relate(ctx, f, af->events[b->listen_event],
                        "listen() makes it a listening socket here");
        rule_fix_reuseaddr(ctx->facts, ctx->root, f, bind, bind->sock,
                           b->create_event != ANALYSIS_NO_EVENT ? af->events[b->create_event]
                                                                : NULL);
        free(message);
        free(who);
    }
}

const struct rule rule_sck001 = {
    .id = "SCK001",
    .name = "missing-reuseaddr",
    .level = SC_LEVEL_WARNING,
    .summary = "TCP listening socket is bound without SO_REUSEADDR set first.",
    .description =
        "A TCP server that calls bind() on its port without first enabling SO_REUSEADDR fails "
        "to restart with EADDRINUSE (\"Address already in use\") for as long as connections of "
        "the previous process sit in TIME_WAIT (up to 60 s on Linux). Set SO_REUSEADDR at "
        "SOL_SOCKET level between socket() and bind().",
    .help_text =
        "Why: after a server exits, the connections it closed stay in TIME_WAIT on its port for "
        "2*MSL. A new process that binds the same port without SO_REUSEADDR gets EADDRINUSE until "
        "they expire. Fix: call setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) after "
        "socket() and before bind(). This is safe: it does not let two live servers share a "
        "wildcard address and port. The rule's page has complete examples.",
    .help_markdown =
        "**Why.** After a server exits, the connections it closed stay in `TIME_WAIT` on its "
        "port for 2xMSL. A new process that binds the same port without `SO_REUSEADDR` gets "
        "`EADDRINUSE` until they expire.\n\n"
        "**Fix.** Enable the option between `socket()` and `bind()`:\n\n"
        "```c\nint one = 1;\nif (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0)\n"
        "    return -1;\nif (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0)\n"
        "    return -1;\n```\n\n"
        "This does not let two live servers share a wildcard address and port: the second "
        "still gets `EADDRINUSE`.\n\n"
        "[Rule documentation](" RULE_HELP_BASE "SCK001.md)",
    .tags = tags,
    .precision = "high",
    .check = check,
};
