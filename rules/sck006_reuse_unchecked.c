/*
 * SCK006 reuse-unchecked: the result of a setsockopt() that enables SO_REUSEADDR or
 * SO_REUSEPORT is discarded (SPEC §2). A cast to (void) is an explicit choice and is not
 * reported; the front end tells the two apart (ir_event.result_use).
 */
#include "reuse_common.h"
#include "rule_api.h"
#include "xalloc.h"

#include <stdlib.h>

static const char *const tags[] = {"reliability", "maintainability", "network", NULL};

static void report(const struct rule_context *ctx, const struct ir_event *ev)
{
    const char *option = reuse_option_spelling(ev->sockopt.option);
    char *message = xasprintf(
        "The result of setsockopt() enabling %s is not checked. If the call fails, the server "
        "runs without address reuse and its next restart fails with EADDRINUSE while "
        "connections sit in TIME_WAIT, with nothing logged to say why; check the result, or "
        "cast the call to (void) if the failure does not matter.",
        option);
    rule_report(ctx, ev, message, ev->sock);
    free(message);
}

static void check(const struct rule_context *ctx)
{
    const struct program_function *pf = rule_function(ctx);
    for (uint32_t i = 0; i < pf->fn->nevents; i++) {
        const struct ir_event *ev = pf->events[i];
        /* Any level: the intent is reuse, and an unchecked call is what keeps a wrong level
         * (SCK004) from showing at run time. Disabling reuse (a zero value) may fail quietly. */
        if (reuse_is_reuse_setsockopt(ev) && reuse_enables(ev) &&
            ev->result_use == IR_RESULT_DISCARDED)
            report(ctx, ev);
    }
}

const struct rule rule_sck006 = {
    .id = "SCK006",
    .name = "reuse-unchecked",
    .level = SC_LEVEL_NOTE,
    .summary = "The result of a setsockopt() enabling SO_REUSEADDR or SO_REUSEPORT is ignored.",
    .description =
        "A setsockopt() that enables SO_REUSEADDR or SO_REUSEPORT can fail (a bad descriptor, "
        "a wrong level or size, an option the system lacks). When its result is discarded the "
        "server goes on without reuse, and the failure shows only later, as EADDRINUSE on a "
        "restart while connections of the previous process sit in TIME_WAIT. A cast to (void) "
        "marks a deliberate choice and is not reported.",
    .help_text =
        "Why: an ignored failure of setsockopt() surfaces a restart later as \"Address already "
        "in use\", far from its cause. Fix: check the result (if (setsockopt(...) < 0) { "
        "perror(\"setsockopt\"); ... }), or write (void)setsockopt(...) when failure is "
        "acceptable. The rule's page has complete examples.",
    .help_markdown =
        "**Why.** An ignored failure of `setsockopt()` surfaces a restart later as `EADDRINUSE` "
        "(\"Address already in use\") while connections sit in `TIME_WAIT`, far from its "
        "cause.\n\n"
        "**Fix.** Check the result, or cast the call to `(void)` when failure is acceptable:\n\n"
        "```c\nint one = 1;\nif (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0)\n"
        "    perror(\"setsockopt(SO_REUSEADDR)\");\n```\n\n"
        "[Rule documentation](" RULE_HELP_BASE "SCK006.md)",
    .tags = tags,
    .precision = "very-high",
    .check = check,
};
