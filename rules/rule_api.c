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
    out->message = message ? xstrdup(message) : NULL;
}

struct finding *rule_report(const struct rule_context *ctx, const struct ir_event *at,
                            const char *message, const char *socket_name)
{
    struct finding *f = finding_list_add(ctx->out);
    f->rule_id = ctx->rule->id;
    f->rule_name = ctx->rule->name;
    f->level = ctx->rule->level;
    f->message = xstrdup(message);
    f->function = xstrdup(ctx->analysis->fn->name);
    f->call_text = xstrdup(at->text ? at->text : "");
    f->socket_name = socket_name ? xstrdup(socket_name) : NULL;
    rule_location(ctx->facts, ctx->root, at->range, NULL, &f->loc);
    return f;
}

void rule_relate(const struct rule_context *ctx, struct finding *f, const struct ir_event *at,
                 const char *message)
{
    struct finding_loc loc;
    rule_location(ctx->facts, ctx->root, at->range, message, &loc);
    finding_add_related(f, &loc);
    finding_loc_fini(&loc);
}
