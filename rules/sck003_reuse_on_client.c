/*
 * SCK003 reuse-on-client: SO_REUSEADDR/SO_REUSEPORT enabled on a socket that connects and is
 * never bound nor put in listen, or on a socket returned by accept() (SPEC §2). Reported where
 * the option is enabled: the setsockopt(), or the call to the helper or factory that enables it
 * (the helper is right for its server callers and wrong for this client).
 */
#include "reuse_common.h"
#include "rule_api.h"
#include "xalloc.h"

#include <stdlib.h>

static const char *const tags[] = {"maintainability", "correctness", "network", NULL};

static bool is_client(const struct analysis_object *obj)
{
    if (obj->kind == ANALYSIS_FROM_ACCEPT)
        return true;
    /* A socket handed on to code we cannot see may be bound there: no verdict. */
    return obj->known && !obj->escapes && (obj->ever & ANALYSIS_CONNECTED) &&
           !(obj->ever & (ANALYSIS_BOUND | ANALYSIS_LISTENED));
}

static void report(const struct rule_context *ctx, const struct analysis_object *obj,
                   const struct analysis_reuse *reuse)
{
    const struct ir_event *at = rule_function(ctx)->events[reuse->event];
    const char *path = reuse_object_path(ctx, obj);
    bool accepted = obj->kind == ANALYSIS_FROM_ACCEPT;
    char *who = reuse_socket_phrase(accepted ? "accepted socket" : "client socket", path);
    char *what =
        at->kind == IR_CALL && at->callee
            ? xasprintf("'%s()' enables %s", at->callee,
                        reuse_option_name(reuse->reuseaddr, reuse->reuseport))
            : xasprintf("%s is enabled", reuse_option_name(reuse->reuseaddr, reuse->reuseport));
    char *message = xasprintf(
        "%s on %s, %s; the option only affects bind(), so it has no effect here. Client-side "
        "TIME_WAIT pressure is the kernel's net.ipv4.tcp_tw_reuse business, not "
        "SO_REUSEADDR's.",
        what, who,
        accepted ? "which accept() returned already connected"
                 : "which connects and is never bound nor listening");
    struct finding *f = rule_report(ctx, at, message, path);
    rule_relate(ctx, f, obj->origin, accepted ? "accepted here" : "socket created here");
    free(message);
    free(what);
    free(who);
}

static void check(const struct rule_context *ctx)
{
    const struct analysis_function *af = rule_analysis(ctx);
    for (size_t i = 0; i < af->nobjects; i++) {
        const struct analysis_object *obj = &af->objects[i];
        if (!is_client(obj))
            continue;
        for (size_t r = 0; r < obj->nreuse; r++)
            report(ctx, obj, &obj->reuse[r]);
    }
}

const struct rule rule_sck003 = {
    .id = "SCK003",
    .name = "reuse-on-client",
    .level = SC_LEVEL_WARNING,
    .summary = "SO_REUSEADDR is enabled on a client socket, where it has no effect.",
    .description =
        "A socket that connects without ever binding gets an ephemeral port from the kernel, "
        "and a socket returned by accept() is already bound and connected, so address reuse "
        "options do nothing for them. Client-side TIME_WAIT pressure (many short outgoing "
        "connections) is governed by the kernel setting net.ipv4.tcp_tw_reuse.",
    .help_text = "Remove the setsockopt() call, or bind() the socket explicitly if a fixed local "
                 "address is really needed. For many short outgoing connections, look at "
                 "net.ipv4.tcp_tw_reuse instead. See docs/rules/SCK003.md.",
    .help_markdown =
        "Remove the `setsockopt()` call, or `bind()` the socket explicitly if a fixed local "
        "address is really needed. For many short outgoing connections, look at the kernel "
        "setting `net.ipv4.tcp_tw_reuse` instead.\n\n"
        "[Rule documentation](" RULE_HELP_BASE "SCK003.md)",
    .tags = tags,
    .precision = "high",
    .check = check,
};
