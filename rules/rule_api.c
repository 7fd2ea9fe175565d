#include "rule_api.h"

#include "path.h"
#include "xalloc.h"

#include <stdlib.h>

void rule_location(const struct facts *facts, const char *root, struct sc_range range,
                   const char *message, struct finding_loc *out)
{
    const char *file = range.file < facts->nfiles ? facts->files[range.file] : facts->files[0];
    char *real = path_real(file);
    out->abs_path = real ? real : xstrdup(file);
    char *rel = root ? path_relative_to(root, out->abs_path) : NULL;
    out->path = rel ? rel : xstrdup(out->abs_path);
    out->line = range.line;
    out->col = range.col;
    out->end_line = range.end_line;
    out->end_col = range.end_col;
    out->depth = 0;
    out->message = message ? xstrdup(message) : NULL;
}

const struct program_function *rule_function(const struct rule_context *ctx)
{
    return &ctx->program->functions[ctx->function];
}

const struct analysis_function *rule_analysis(const struct rule_context *ctx)
{
    return &ctx->analysis->functions[ctx->function];
}

const struct ir_event *rule_site_event(const struct rule_context *ctx, struct site site)
{
    if (site.fn >= ctx->program->nfunctions)
        return NULL;
    const struct program_function *pf = &ctx->program->functions[site.fn];
    return site.event < pf->fn->nevents ? pf->events[site.event] : NULL;
}

struct finding *rule_report(const struct rule_context *ctx, const struct ir_event *at,
                            const char *message, const char *socket_name)
{
    const struct program_function *pf = rule_function(ctx);
    struct finding *f = finding_list_add(ctx->out);
    f->rule_id = ctx->rule->id;
    f->rule_name = ctx->rule->name;
    f->level = ctx->rule->level;
    f->message = xstrdup(message);
    f->function = xstrdup(pf->fn->name);
    f->call_text = xstrdup(at->text ? at->text : "");
    f->socket_name = socket_name ? xstrdup(socket_name) : NULL;
    rule_location(pf->facts, ctx->root, at->range, NULL, &f->loc);
    return f;
}

/* The location of a site, when it has one. */
static bool site_location(const struct rule_context *ctx, struct site at, const char *message,
                          struct finding_loc *loc)
{
    const struct ir_event *ev = rule_site_event(ctx, at);
    if (!ev)
        return false;
    rule_location(ctx->program->functions[at.fn].facts, ctx->root, ev->range, message, loc);
    return true;
}

void rule_relate(const struct rule_context *ctx, struct finding *f, struct site at,
                 const char *message)
{
    struct finding_loc loc;
    if (!site_location(ctx, at, message, &loc))
        return;
    finding_add_related(f, &loc);
    finding_loc_fini(&loc);
}

void rule_trace(const struct rule_context *ctx, struct finding *f, struct site at, unsigned depth,
                const char *message)
{
    struct finding_loc loc;
    if (!site_location(ctx, at, message, &loc))
        return;
    loc.depth = depth;
    finding_add_trace(f, &loc);
    finding_loc_fini(&loc);
}
