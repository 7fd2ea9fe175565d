/*
 * SCK010 windows-reuseaddr: on a Windows target, SO_REUSEADDR on a listening socket (SPEC §2).
 * Winsock's SO_REUSEADDR lets another socket bind a port that is in use (port hijacking); the
 * safe choice there is SO_EXCLUSIVEADDRUSE. SCK001 stays silent on Windows targets.
 */
#include "reuse_common.h"
#include "rule_api.h"
#include "xalloc.h"

#include <stdlib.h>

static const char *const tags[] = {"security", "network", "windows", "external/cwe/cwe-605", NULL};

static void report(const struct rule_context *ctx, const struct analysis_object *obj,
                   const struct analysis_reuse *reuse)
{
    reuse_report_site(
        ctx, obj, reuse, "listening socket",
        "SO_REUSEADDR is enabled on %s of a Windows program: on Windows it lets another socket "
        "bind the same port while this one is using it (port hijacking). Use "
        "SO_EXCLUSIVEADDRUSE instead.");
}

static void check(const struct rule_context *ctx)
{
    if (!rule_function(ctx)->facts->target_windows)
        return;
    const struct analysis_function *af = rule_analysis(ctx);
    for (size_t i = 0; i < af->nobjects; i++) {
        const struct analysis_object *obj = &af->objects[i];
        if (!obj->known || !(obj->ever & ANALYSIS_LISTENED))
            continue;
        for (size_t r = 0; r < obj->nreuse; r++)
            if (obj->reuse[r].reuseaddr)
                report(ctx, obj, &obj->reuse[r]);
    }
}

const struct rule rule_sck010 = {
    .id = "SCK010",
    .name = "windows-reuseaddr",
    .level = SC_LEVEL_WARNING,
    .summary = "SO_REUSEADDR on a Windows listening socket allows port hijacking.",
    .description =
        "On Windows, SO_REUSEADDR does not only allow restarts: it lets another socket bind the "
        "address and port a listening socket is using, and steal its connections. Windows "
        "servers should set SO_EXCLUSIVEADDRUSE instead, which also makes restarts work.",
    .help_text = "Replace SO_REUSEADDR with SO_EXCLUSIVEADDRUSE on Windows listening sockets "
                 "(for example behind #ifdef _WIN32). See docs/rules/SCK010.md.",
    .help_markdown = "Replace `SO_REUSEADDR` with `SO_EXCLUSIVEADDRUSE` on Windows listening "
                     "sockets, for example behind `#ifdef _WIN32`.\n\n"
                     "[Rule documentation](" RULE_HELP_BASE "SCK010.md)",
    .tags = tags,
    .precision = "high",
    .check = check,
};
