#include "driver.h"

#include "analysis.h"
#include "facts.h"
#include "extract.h"
#include "models.h"
#include "program.h"
#include "path.h"
#include "rule.h"
#include "rule_api.h"
#include "skip.h"
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

/* Every rule over every function of the reported units of the linked program. */
static void check_program(const struct program *program, const struct analysis *analysis,
                          const struct unit_list *units, const char *root,
                          struct finding_list *findings)
{
    size_t nrules = 0;
    const struct rule *const *rules = rule_registry(&nrules);
    for (uint32_t f = 0; f < program->nfunctions; f++) {
        if (!units->items[program->functions[f].unit].reported)
            continue;
        for (size_t r = 0; r < nrules; r++) {
            struct rule_context ctx = {rules[r], program, analysis, f, root, findings};
            rules[r]->check(&ctx);
        }
    }
}

/* The facts of each unit, or the problem that kept it out; compile errors as warnings. */
static void collect_problems(const struct driver_config *cfg, const struct unit_list *units,
                             const struct extract_outcome *outcomes, struct driver_result *out)
{
    for (size_t i = 0; i < units->count; i++) {
        if (!outcomes[i].facts) {
            /* A unit analysed only for its functions' summaries makes results incomplete,
             * not the run a failure: a stale database entry must not fail every commit. */
            add_problem(out, cfg->root, units->items[i].path, outcomes[i].err.line, 0,
                        units->items[i].reported, outcomes[i].err.message);
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

/* A configuration that cannot be used stops the run before anything is analysed (exit 2),
 * but as a problem, so that JSON and SARIF still say what is wrong. */
static void config_problem(struct driver_result *out, const char *root, const struct sc_error *e)
{
    struct report_problem *p =
        add_problem(out, root, e->file[0] ? e->file : NULL, e->line, 0, true, e->message);
    p->kind = REPORT_PROBLEM_CONFIGURATION;
}

/* The shipped API models, then the configuration's (a later model of a function wins). */
static struct models *load_models(const struct config *config, struct sc_error *err)
{
    struct models *models = models_builtin(err);
    if (models && config->models &&
        models_add_array(models, config->models, config->path ? config->path : ".sockcheck.json",
                         err) < 0) {
        models_free(models);
        return NULL;
    }
    return models;
}

int driver_run(const struct driver_config *cfg, struct driver_result *out, struct sc_error *err)
{
    memset(out, 0, sizeof *out);
    struct sc_error ferr;
    if (filter_prepare(cfg->filter, &out->filters, &ferr) < 0) {
        config_problem(out, cfg->root, &ferr);
        return 0;
    }
    struct models *models = load_models(&out->filters.config, &ferr);
    if (!models) {
        config_problem(out, cfg->root, &ferr);
        return 0;
    }
    struct units_request req = filter_units_request(&out->filters, &cfg->units);
    struct unit_list units = {0};
    if (units_collect(&req, &units, err) < 0) {
        models_free(models);
        filter_state_fini(&out->filters);
        return -1;
    }
    filter_units(&out->filters, cfg->root, &units);
    struct extract_outcome *outcomes = xcalloc(units.count + 1, sizeof *outcomes);
    /* Every unit's facts linked into one program, so that a wrapper in net.c counts for a
     * server in main.c; dumped facts are the parser's view of every unit: none is skipped. */
    struct skip_options sopts = {cfg->extract.skip && !cfg->dump_facts, !cfg->dump_facts, models,
                                 cfg->extract};
    struct skip_result linked;
    skip_run(&units, &sopts, outcomes, &linked, &out->extract_stats);
    collect_problems(cfg, &units, outcomes, out);
    if (cfg->dump_facts)
        out->facts_dump = dump_facts(outcomes, units.count);
    else
        check_program(linked.program, linked.analysis, &units, cfg->root, &out->findings);
    skip_result_fini(&linked);
    models_free(models);
    finding_list_sort(&out->findings);
    finding_list_dedup(&out->findings);
    finding_list_fingerprint(&out->findings);
    if (!cfg->dump_facts)
        filter_findings(&out->filters, cfg->root, &units, outcomes, out);
    extract_outcomes_fini(outcomes, units.count);
    free(outcomes);
    unit_list_fini(&units);
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
    finding_list_fini(&result->absent);
    filter_state_fini(&result->filters);
    srcfile_set_fini(&result->sources);
    memset(result, 0, sizeof *result);
}
