/*
 * SCK009 reuseport-only (note): a listening socket that enables SO_REUSEPORT and never
 * SO_REUSEADDR (SPEC §2). The restart works, but SO_REUSEPORT also lets any other socket of the
 * same user bind the same address and port and share its connections: a port-hijacking risk
 * when it is only used for fast restarts.
 */
#include "reuse_common.h"
#include "rule_api.h"
#include "xalloc.h"

#include <stdlib.h>

static const char *const tags[] = {"security", "network", "external/cwe/cwe-605", NULL};

static void report(const struct rule_context *ctx, const struct analysis_object *obj,
                   const struct analysis_reuse *reuse)
{
    reuse_report_site(
        ctx, obj, reuse, "listening socket",
        "SO_REUSEPORT is enabled on %s that never enables SO_REUSEADDR. For fast restarts "
        "SO_REUSEADDR is enough; SO_REUSEPORT also lets other sockets of the same user bind this "
        "address and port and take a share of its connections.");
}

/* Ports are an inet matter: on a unix socket neither option's advice applies. */
static bool may_be_inet(uint64_t ever)
{
    return (ever & (ANALYSIS_FAMILY_BIT(IR_FAMILY_INET) | ANALYSIS_FAMILY_BIT(IR_FAMILY_INET6) |
                    ANALYSIS_FAMILY_BIT(IR_FAMILY_UNKNOWN))) != 0;
}

static void check(const struct rule_context *ctx)
{
    const struct analysis_function *af = rule_analysis(ctx);
    for (size_t i = 0; i < af->nobjects; i++) {
        const struct analysis_object *obj = &af->objects[i];
        if (!obj->known || !(obj->ever & ANALYSIS_LISTENED) || (obj->ever & ANALYSIS_REUSEADDR) ||
            !may_be_inet(obj->ever))
            continue;
        for (size_t r = 0; r < obj->nreuse; r++)
            if (obj->reuse[r].reuseport)
                report(ctx, obj, &obj->reuse[r]);
    }
}

const struct rule rule_sck009 = {
    .id = "SCK009",
    .name = "reuseport-only",
    .level = SC_LEVEL_NOTE,
    .summary = "A listening socket enables SO_REUSEPORT but never SO_REUSEADDR.",
    .description =
        "SO_REUSEPORT lets several sockets (on Linux, of the same effective user) bind the same "
        "address and port at once and load-balances connections among them. Used only to get "
        "fast restarts, it hands the port to any other process of that user; SO_REUSEADDR alone "
        "is what a restarting server needs.",
    .help_text = "If SO_REUSEPORT is only there for restarts, use SO_REUSEADDR instead. Keep "
                 "SO_REUSEPORT where several workers deliberately share the port. See "
                 "docs/rules/SCK009.md.",
    .help_markdown = "If `SO_REUSEPORT` is only there for restarts, use `SO_REUSEADDR` instead. "
                     "Keep `SO_REUSEPORT` where several workers deliberately share the port.\n\n"
                     "[Rule documentation](" RULE_HELP_BASE "SCK009.md)",
    .tags = tags,
    .precision = "medium",
    .check = check,
};
