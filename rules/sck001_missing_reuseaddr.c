/*
 * SCK001 missing-reuseaddr: the bind() of a TCP listening socket that no path has given
 * SO_REUSEADDR (or SO_REUSEPORT) before it (SPEC §2). The dataflow (analysis.c) decides which
 * binds those are; this file words the finding and says where it comes from.
 */
#include "rule_api.h"
#include "rule_fix.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static const char *const tags[] = {"reliability", "correctness", "network", NULL};

/* The socket as the user wrote it: the bind's operand, or the variable socket() filled. */
static const char *socket_name(const struct rule_context *ctx, const struct ir_event *at,
                               const struct analysis_site *site)
{
    if (at->kind == IR_BIND)
        return at->sock;
    const struct ir_event *created = rule_site_event(ctx, site->created_at);
    if (created && site->created_at.fn == ctx->function)
        return created->dst;
    return NULL;
}

/* The calls from a call site down to the bind() they reach, for notes and the code flow. */
static size_t bind_chain(const struct rule_context *ctx, struct site from, struct site *chain,
                         size_t max)
{
    size_t n = 0;
    struct site at = from;
    while (n < max) {
        const struct ir_event *ev = rule_site_event(ctx, at);
        if (!ev)
            break;
        chain[n++] = at;
        if (ev->kind != IR_CALL)
            break;
        at = ctx->analysis->functions[at.fn].links[at.event];
    }
    return n;
}

/* Whether an access path is also C the user can paste: "fd", "srv->fd", not "ls[].fd". */
static bool is_plain_expression(const char *name)
{
    return name && !strchr(name, '[') && !strchr(name, '#') && strncmp(name, "::", 2) != 0 &&
           strcmp(name, "%ret") != 0;
}

/* The name as the user wrote it: a global without "::", a shadowed local without "#2". */
static char *display_name(const char *name)
{
    if (!name)
        return NULL;
    if (strncmp(name, "::", 2) == 0)
        name += 2;
    const char *hash = strchr(name, '#');
    return hash ? xstrndup(name, (size_t)(hash - name)) : xstrdup(name);
}

/* How to fix it: the model's hint for a library call that binds, else the setsockopt() call. */
static char *fix_phrase(const struct rule_context *ctx, struct site bind_site, const char *name)
{
    const struct program_callee *c =
        &ctx->program->functions[bind_site.fn].callees[bind_site.event];
    const struct ir_event *ev = rule_site_event(ctx, bind_site);
    if (ev && ev->kind == IR_CALL && c->kind == PROGRAM_CALL_MODEL && c->model->hint)
        return xasprintf("%s() binds it: %s", c->model->name, c->model->hint);
    if (is_plain_expression(name))
        return xasprintf("call setsockopt(%s, SOL_SOCKET, SO_REUSEADDR, ...) between socket() and "
                         "bind()",
                         name);
    return xstrdup("set SO_REUSEADDR with setsockopt() between socket() and bind()");
}

static char *message_for(const struct rule_context *ctx, const struct ir_event *at,
                         const char *name, struct site bind_site)
{
    char *shown = display_name(name);
    char *who = shown ? xasprintf("Listening socket '%s'", shown) : xstrdup("A listening socket");
    char *where =
        at->kind == IR_CALL && at->callee ? xasprintf(" in '%s()'", at->callee) : xstrdup("");
    char *fix = fix_phrase(ctx, bind_site, shown);
    char *message =
        xasprintf("%s is bound%s without SO_REUSEADDR set first. A restart fails with EADDRINUSE "
                  "('Address already in use') while connections of the previous process sit in "
                  "TIME_WAIT; %s.",
                  who, where, fix);
    free(fix);
    free(where);
    free(who);
    free(shown);
    return message;
}

/* Cross-function findings get a code flow: socket → calls → bind → listen (SPEC §2). */
static void add_trace(const struct rule_context *ctx, struct finding *f,
                      const struct analysis_site *site, const struct site *chain, size_t n)
{
    unsigned here = ctx->function;
    rule_trace(ctx, f, site->created_at, site->created_at.fn == here ? 0 : 1,
               "the socket is created here");
    for (size_t i = 0; i + 1 < n; i++)
        rule_trace(ctx, f, chain[i], (unsigned)i, "the call that binds it");
    rule_trace(ctx, f, chain[n - 1], (unsigned)(n - 1), "bind() without SO_REUSEADDR");
    rule_trace(ctx, f, site->listen_at, site->listen_at.fn == here ? 0 : 1,
               "listen() makes it a listening socket");
}

static void report_site(const struct rule_context *ctx, const struct analysis_site *site)
{
    const struct program_function *pf = rule_function(ctx);
    const struct ir_event *at = pf->events[site->event];
    struct site chain[16];
    size_t n = bind_chain(ctx, (struct site){ctx->function, site->event}, chain, 16);
    const char *name = socket_name(ctx, at, site);
    char *message = message_for(ctx, at, name, chain[n ? n - 1 : 0]);
    struct finding *f = rule_report(ctx, at, message, name);
    /* The fix inserts setsockopt() before the statement that binds (or calls the binder). */
    const struct ir_event *created =
        site->created_at.fn == ctx->function ? rule_site_event(ctx, site->created_at) : NULL;
    rule_fix_reuseaddr(pf->facts, ctx->root, f, at, name, created);
    rule_relate(ctx, f, site->created_at, "socket created here");
    if (n > 1)
        rule_relate(ctx, f, chain[n - 1], "bind() without SO_REUSEADDR here");
    rule_relate(ctx, f, site->listen_at, "listen() makes it a listening socket here");
    bool crosses =
        n > 1 || site->created_at.fn != ctx->function || site->listen_at.fn != ctx->function;
    if (crosses && n > 0)
        add_trace(ctx, f, site, chain, n);
    free(message);
}

static void check(const struct rule_context *ctx)
{
    /* SPEC §2: on Windows SO_REUSEADDR allows port hijacking; SCK010 speaks there instead. */
    if (rule_function(ctx)->facts->target_windows)
        return;
    const struct analysis_function *af = rule_analysis(ctx);
    for (size_t i = 0; i < af->nsites; i++)
        if (af->sites[i].listened && !af->sites[i].retried)
            report_site(ctx, &af->sites[i]);
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
