/*
 * SCK002 reuse-after-bind: SO_REUSEADDR/SO_REUSEPORT enabled on a socket that every path has
 * already bound, connected or put in listen (SPEC §2). The option only matters to the bind()
 * that follows it, so set this late it does nothing. A call to a helper that enables reuse
 * counts too, reported at the call (the helper is right for callers that have not bound yet).
 */
#include "reuse_common.h"
#include "rule_api.h"
#include "xalloc.h"

#include <stdlib.h>

static const char *const tags[] = {"reliability", "correctness", "network", NULL};

/* The socket a call enables reuse on, as the function names it. */
static const char *socket_of(const struct rule_context *ctx, const struct ir_event *ev)
{
    if (ev->kind == IR_SETSOCKOPT)
        return ev->sock;
    const struct analysis_function *af = rule_analysis(ctx);
    for (size_t i = 0; i < af->nobjects; i++)
        for (size_t r = 0; r < af->objects[i].nreuse; r++)
            if (af->objects[i].reuse[r].event == ev->id)
                return reuse_object_path(ctx, &af->objects[i]);
    return NULL;
}

/* Which option the event enables, for the message. */
static const char *option_of(const struct rule_context *ctx, const struct ir_event *ev)
{
    if (ev->kind == IR_SETSOCKOPT)
        return reuse_option_name(ev->sockopt.option == IR_OPTION_REUSEADDR,
                                 ev->sockopt.option == IR_OPTION_REUSEPORT);
    const struct analysis_function *af = rule_analysis(ctx);
    for (size_t i = 0; i < af->nobjects; i++)
        for (size_t r = 0; r < af->objects[i].nreuse; r++)
            if (af->objects[i].reuse[r].event == ev->id)
                return reuse_option_name(af->objects[i].reuse[r].reuseaddr,
                                         af->objects[i].reuse[r].reuseport);
    return "SO_REUSEADDR";
}

static void report(const struct rule_context *ctx, const struct ir_event *ev)
{
    const char *path = socket_of(ctx, ev);
    char *who = reuse_socket_phrase("socket", path);
    char *what = ev->kind == IR_CALL && ev->callee
                     ? xasprintf("'%s()' enables %s", ev->callee, option_of(ctx, ev))
                     : xasprintf("%s is enabled", option_of(ctx, ev));
    char *message = xasprintf(
        "%s on %s, which every path has already bound, connected or put in listen. The option "
        "only affects the bind() that follows it, so here it does nothing; enable it between "
        "socket() and bind().",
        what, who);
    rule_report(ctx, ev, message, path);
    free(message);
    free(what);
    free(who);
}

static void check(const struct rule_context *ctx)
{
    const struct program_function *pf = rule_function(ctx);
    const struct analysis_function *af = rule_analysis(ctx);
    for (uint32_t id = 0; id < pf->fn->nevents; id++) {
        const struct analysis_event *e = &af->events[id];
        /* A connected socket that was never bound is a client: SCK003 says what is wrong. */
        if (e->enables_reuse && e->reached && !e->maybe_unbound && !e->accepted_only)
            report(ctx, pf->events[id]);
    }
}

const struct rule rule_sck002 = {
    .id = "SCK002",
    .name = "reuse-after-bind",
    .level = SC_LEVEL_WARNING,
    .summary = "SO_REUSEADDR is enabled after the socket was bound, where it does nothing.",
    .description =
        "SO_REUSEADDR and SO_REUSEPORT are consulted by bind(). Enabling them on a socket that "
        "every path has already bound, connected or put in listen changes nothing: the restart "
        "still fails with EADDRINUSE while old connections sit in TIME_WAIT. Move the "
        "setsockopt() between socket() and bind().",
    .help_text = "Why: the kernel checks SO_REUSEADDR when bind() runs; setting it afterwards "
                 "has no effect on that bind, so the server still fails to restart while its old "
                 "connections are in TIME_WAIT. Fix: move the setsockopt() call before bind(). "
                 "See docs/rules/SCK002.md.",
    .help_markdown = "**Why.** The kernel consults `SO_REUSEADDR` when `bind()` runs. Enabled "
                     "afterwards it changes nothing, and a restart still fails with "
                     "`EADDRINUSE` while old connections sit in `TIME_WAIT`.\n\n"
                     "**Fix.** Move the `setsockopt()` between `socket()` and `bind()`.\n\n"
                     "[Rule documentation](" RULE_HELP_BASE "SCK002.md)",
    .tags = tags,
    .precision = "high",
    .check = check,
};
