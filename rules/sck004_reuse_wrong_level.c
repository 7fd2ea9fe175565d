/*
 * SCK004 reuse-wrong-level: SO_REUSEADDR or SO_REUSEPORT passed with a level other than
 * SOL_SOCKET (SPEC §2). The front end compares the level's value with the unit's SOL_SOCKET
 * (macros and numbers alike) and, at another level, recognises the option by its spelling,
 * since there the number names another option. One call is all this rule reads.
 */
#include "reuse_common.h"
#include "rule_api.h"
#include "xalloc.h"

#include <stdlib.h>

static const char *const tags[] = {"correctness", "network", NULL};

/* "IPPROTO_TCP (6)" or "6". */
static char *level_phrase(long long level)
{
    const char *name = reuse_level_spelling(level);
    return name ? xasprintf("%s (%lld)", name, level) : xasprintf("%lld", level);
}

/* What the option's number means at that level: SPEC §2 names Linux's TCP_MAXSEG. */
static char *meaning_phrase(const struct ir_sockopt *so)
{
    const char *name = reuse_level_spelling(so->level_value.value);
    const char *where = name ? name : "that level";
    if (!so->option_value.known)
        return xasprintf("at %s the option number means another option, or none", where);
    if (so->level_value.value == 6 && so->option_value.value == 2)
        return xasprintf("at %s the same number, %lld, is another option (on Linux, TCP_MAXSEG)",
                         where, so->option_value.value);
    return xasprintf("at %s the same number, %lld, is another option or none", where,
                     so->option_value.value);
}

static void report(const struct rule_context *ctx, const struct ir_event *ev)
{
    const struct ir_sockopt *so = &ev->sockopt;
    const char *option = reuse_option_spelling(so->option);
    char *level = level_phrase(so->level_value.value);
    char *meaning = meaning_phrase(so);
    char *message = xasprintf("%s is set at level %s instead of SOL_SOCKET, so address reuse is "
                              "never enabled: %s. Replace the level argument with SOL_SOCKET.",
                              option, level, meaning);
    struct finding *f = rule_report(ctx, ev, message, ev->sock);
    /* Where the fix goes: the level argument, for the reader now and for --fix later. */
    struct finding_loc loc;
    rule_location(rule_function(ctx)->facts, ctx->root, so->level_range,
                  "replace this level with SOL_SOCKET", &loc);
    finding_add_related(f, &loc);
    finding_loc_fini(&loc);
    free(message);
    free(meaning);
    free(level);
}

static void check(const struct rule_context *ctx)
{
    const struct program_function *pf = rule_function(ctx);
    for (uint32_t i = 0; i < pf->fn->nevents; i++) {
        const struct ir_event *ev = pf->events[i];
        if (reuse_is_reuse_setsockopt(ev) && ev->sockopt.level == IR_LEVEL_OTHER &&
            ev->sockopt.level_value.known)
            report(ctx, ev);
    }
}

const struct rule rule_sck004 = {
    .id = "SCK004",
    .name = "reuse-wrong-level",
    .level = SC_LEVEL_ERROR,
    .summary = "SO_REUSEADDR or SO_REUSEPORT is set at a level other than SOL_SOCKET.",
    .description =
        "SO_REUSEADDR and SO_REUSEPORT are socket-level options: they take effect only with "
        "level SOL_SOCKET. Passed with IPPROTO_TCP or another protocol level, the same number "
        "names another option (at IPPROTO_TCP on Linux, 2 is TCP_MAXSEG), so reuse is never "
        "enabled and a restarting server fails with EADDRINUSE while connections of the "
        "previous process sit in TIME_WAIT.",
    .help_text =
        "Why: the level argument selects which protocol interprets the option number. At "
        "IPPROTO_TCP the number of SO_REUSEADDR is another TCP option (TCP_MAXSEG on Linux), so "
        "the call either fails or changes something else, and bind() still fails with "
        "EADDRINUSE after a restart. Fix: replace the level with SOL_SOCKET: "
        "setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one). The rule's page has "
        "complete examples.",
    .help_markdown =
        "**Why.** The level argument selects which protocol interprets the option number. At "
        "`IPPROTO_TCP` the number of `SO_REUSEADDR` is another TCP option (`TCP_MAXSEG` on "
        "Linux), so reuse is never enabled and `bind()` still fails with `EADDRINUSE` while "
        "connections of the previous process sit in `TIME_WAIT`.\n\n"
        "**Fix.** Replace the level with `SOL_SOCKET`:\n\n"
        "```c\nint one = 1;\nif (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0)\n"
        "    return -1;\n```\n\n"
        "[Rule documentation](" RULE_HELP_BASE "SCK004.md)",
    .tags = tags,
    .precision = "very-high",
    .check = check,
};
