/*
 * What a rule's check sees and the calls it uses to report: one function's facts and analysis,
 * and helpers that turn IR events into findings with paths relative to the project root.
 */
#ifndef SOCKCHECK_RULE_API_H
#define SOCKCHECK_RULE_API_H

#include "analysis.h"
#include "facts.h"
#include "finding.h"
#include "rule.h"

struct rule_context {
    const struct rule *rule;
    const struct facts *facts;
    const struct analysis_function *analysis;
    const char *root;         /* absolute project root */
    struct finding_list *out; /* findings are appended here */
};

/*
 * Appends a finding of ctx->rule at event at (message and socket_name copied; socket_name may
 * be NULL). The finding belongs to ctx->out.
 */
struct finding *rule_report(const struct rule_context *ctx, const struct ir_event *at,
                            const char *message, const char *socket_name);
/* Adds a related location at event at with message (copied). */
void rule_relate(const struct rule_context *ctx, struct finding *f, const struct ir_event *at,
                 const char *message);
/* A location from a unit's range: absolute path, path relative to root (or absolute when
 * outside it), positions; message copied (may be NULL). Release with finding_loc_fini. */
void rule_location(const struct facts *facts, const char *root, struct sc_range range,
                   const char *message, struct finding_loc *out);

#endif
