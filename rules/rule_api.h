/*
 * What a rule's check sees and the calls it uses to report: one function of the linked program
 * with the analysis of the whole program, and helpers that turn IR events (of any function) into
 * findings with paths relative to the project root.
 */
#ifndef SOCKCHECK_RULE_API_H
#define SOCKCHECK_RULE_API_H

#include "analysis.h"
#include "facts.h"
#include "finding.h"
#include "program.h"
#include "rule.h"

struct rule_context {
    const struct rule *rule;
    const struct program *program;
    const struct analysis *analysis;
    uint32_t function;        /* the function to check, an index into program->functions */
    const char *root;         /* absolute project root */
    struct finding_list *out; /* findings are appended here */
};

/* The function being checked, its analysis, and the facts of its unit. */
const struct program_function *rule_function(const struct rule_context *ctx);
const struct analysis_function *rule_analysis(const struct rule_context *ctx);
/* The event of a site (any function of the program), or NULL for SITE_NONE. */
const struct ir_event *rule_site_event(const struct rule_context *ctx, struct site site);

/*
 * Appends a finding of ctx->rule at event at of the checked function (message and socket_name
 * copied; socket_name may be NULL). The finding belongs to ctx->out.
 */
struct finding *rule_report(const struct rule_context *ctx, const struct ir_event *at,
                            const char *message, const char *socket_name);
/* Adds a related location at a site (any function) with message (copied). */
void rule_relate(const struct rule_context *ctx, struct finding *f, struct site at,
                 const char *message);
/* Adds a step of the finding's code flow at a site, depth calls deep. */
void rule_trace(const struct rule_context *ctx, struct finding *f, struct site at, unsigned depth,
                const char *message);
/* A location from a unit's range: absolute path, path relative to root (or absolute when
 * outside it), positions; message copied (may be NULL). Release with finding_loc_fini. */
void rule_location(const struct facts *facts, const char *root, struct sc_range range,
                   const char *message, struct finding_loc *out);

#endif
