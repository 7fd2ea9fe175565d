#include "driver.h"

#include "analysis.h"
#include "facts.h"
#include "extract.h"
#include "path.h"
#include "rule.h"
#include "rule_api.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static struct report_problem *add_problem(struct driver_result *out, const char *root,
                                          const char *abs_path, unsigned line, unsigned col,
                                          bool fatal, const char *message)
{
    struct report_problem *p = XPUSH(out->problems, out->nproblems, out->problems_cap);
    memset(p, 0, sizeof *p);
    if (abs_path) {
        char *rel = root ? path_relative_to(root, abs_path) : NULL;
        p->abs_path = xstrdup(abs_path);
        p->path = rel ? rel : xstrdup(abs_path);
    }
    p->line = line;
    p->col = col;
    p->fatal = fatal;
    p->message = xstrdup(message);
    if (fatal)
        out->fatal = true;
    return p;
}

/* Compile errors make a unit's results incomplete, not wrong: one warning problem per unit. */
static void report_compile_errors(const struct facts *facts, const char *root,
                                  struct driver_result *out)
{
    if (!facts->ndiags)
        return;
    const struct facts_diag *d = &facts->diags[0];
    const char *file = d->file < facts->nfiles ? facts->files[d->file] : facts->files[0];
    char *message = xasprintf(
        "%zu compile error%s, first: %s; results for this file may be incomplete (check its "
        "flags: -p DIR with compile_commands.json, or compiler arguments after '--')",
        facts->ndiags, facts->ndiags == 1 ? "" : "s", d->message);
    char *real = path_real(file);
    add_problem(out, root, real ? real : file, d->line, d->col, false, message);
    free(real);
    free(message);
}

/* Limits the front end met (nesting too deep): the unit is analysed, not all of it. */
static void report_warnings(const struct facts *facts, const char *root, struct driver_result *out)
{
    for (size_t i = 0; i < facts->nwarnings; i++) {
        const struct facts_diag *w = &facts->warnings[i];
        const char *file = w->file < facts->nfiles ? facts->files[w->file] : facts->files[0];
        char *real = path_real(file);
        add_problem(out, root, real ? real : file, w->line, w->col, false, w->message);
        free(real);
    }
}

static void check_function(const struct facts *facts, const struct ir_function *fn,
                           const char *root, struct finding_list *findings)
{
    struct analysis_function af;
    analysis_run(facts, fn, &af);
    size_t nrules = 0;
    const struct rule *const *rules = rule_registry(&nrules);
    for (size_t r = 0; r < nrules; r++) {
        struct rule_context ctx = {rules[r], facts, &af, root, findings};
        rules[r]->check(&ctx);
    }
    analysis_function_fini(&af);
}

/* The facts of each unit, or the problem that kept it out; compile errors as warnings. */
static void collect_problems(const struct driver_config *cfg, const struct unit_list *units,
                             const struct extract_outcome *outcomes, struct driver_result *out)
{
    for (size_t i = 0; i < units->count; i++) {
        if (!outcomes[i].facts) {
            add_problem(out, cfg->root, units->items[i].path, outcomes[i].err.line, 0, true,
                        outcomes[i].err.message);
            continue;
        }
        out->files_analysed++;
        report_compile_errors(outcomes[i].facts, cfg->root, out);
        report_warnings(outcomes[i].facts, cfg->root, out);
    }
}

static char *dump_facts(const struct extract_outcome *outcomes, size_t count)
{
    struct strbuf dump;
    strbuf_init(&dump);
    for (size_t i = 0; i < count; i++) {
        if (!outcomes[i].facts)
            continue;
        char *json = facts_to_json(outcomes[i].facts);
        strbuf_puts(&dump, json);
        free(json);
    }
    return strbuf_take(&dump);
}

static void analyse(const struct driver_config *cfg, const struct extract_outcome *outcomes,
                    size_t count, struct finding_list *findings)
{
    for (size_t u = 0; u < count; u++) {
        const struct facts *facts = outcomes[u].facts;
        if (!facts)
            continue;
        for (size_t i = 0; i < facts->nfunctions; i++)
            check_function(facts, &facts->functions[i], cfg->root, findings);
    }
}

int driver_run(const struct driver_config *cfg, struct driver_result *out, struct sc_error *err)
{
    memset(out, 0, sizeof *out);
    struct unit_list units = {0};
    if (units_collect(&cfg->units, &units, err) < 0)
        return -1;
    struct extract_outcome *outcomes = xcalloc(units.count + 1, sizeof *outcomes);
    struct extract_options eopts = {0};
    extract_units(&units, &eopts, outcomes);
    collect_problems(cfg, &units, outcomes, out);
    if (cfg->dump_facts)
        out->facts_dump = dump_facts(outcomes, units.count);
    else
        analyse(cfg, outcomes, units.count, &out->findings);
    extract_outcomes_fini(outcomes, units.count);
    free(outcomes);
    unit_list_fini(&units);
    finding_list_sort(&out->findings);
    finding_list_dedup(&out->findings);
    finding_list_fingerprint(&out->findings);
    return 0;
}

void driver_result_fini(struct driver_result *result)
{
    finding_list_fini(&result->findings);
    for (size_t i = 0; i < result->nproblems; i++) {
        free(result->problems[i].path);
        free(result->problems[i].abs_path);
        free(result->problems[i].message);
    }
    free(result->problems);
    free(result->facts_dump);
    memset(result, 0, sizeof *result);
}
