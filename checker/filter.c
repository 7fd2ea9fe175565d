#include "filter.h"

#include "driver.h"
#include "extract.h"
#include "fix.h"
#include "path.h"
#include "rule.h"
#include "suppress.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- preparing --------------------------------------------------------------------------- */

static size_t rule_index(const struct rule *rule)
{
    size_t n = 0;
    const struct rule *const *rules = rule_registry(&n);
    for (size_t i = 0; i < n; i++) {
        if (rules[i] == rule)
            return i;
    }
    return 0; /* every rule comes from the registry */
}

/* Applies one configuration entry to rule i (or every rule). */
static void apply_setting(struct filter_state *st, size_t i, const struct config_rule *cr)
{
    size_t n = 0;
    const struct rule *const *rules = rule_registry(&n);
    st->enabled[i] = !cr->off;
    st->levels[i] = cr->has_level ? cr->level : rules[i]->level;
}

/* The configuration's "rules": "all" first, wherever it is written, then single rules. */
static void apply_config(struct filter_state *st)
{
    for (int pass = 0; pass < 2; pass++) {
        for (size_t k = 0; k < st->config.nrules; k++) {
            const struct config_rule *cr = &st->config.rules[k];
            if ((cr->rule == NULL) != (pass == 0))
                continue;
            if (!cr->rule) {
                for (size_t i = 0; i < st->nrules; i++)
                    apply_setting(st, i, cr);
            } else {
                apply_setting(st, rule_index(cr->rule), cr);
            }
        }
    }
}

/* One --enable/--disable list; -1 with err for an unknown rule or an empty item. */
static int apply_toggle(struct filter_state *st, const struct filter_toggle *t,
                        struct sc_error *err)
{
    const char *option = t->enable ? "--enable" : "--disable";
    const char *p = t->rules;
    for (;;) {
        size_t len = strcspn(p, ",");
        char *name = xstrndup(p, len);
        const struct rule *rule = rule_find(name);
        bool all = strcasecmp(name, "all") == 0;
        if (!rule && !all) {
            if (len == 0)
                sc_error_set(err, SC_ERROR_USAGE, NULL, 0, "%s: an empty rule name in '%s'", option,
                             t->rules);
            else
                sc_error_set(err, SC_ERROR_USAGE, NULL, 0,
                             "%s: unknown rule '%s' (sockcheck --list-rules lists them)", option,
                             name);
            free(name);
            return -1;
        }
        free(name);
        for (size_t i = 0; i < st->nrules; i++) {
            if (all || rule_index(rule) == i)
                st->enabled[i] = t->enable;
        }
        if (p[len] == '\0')
            return 0;
        p += len + 1;
    }
}

/* The configuration file to read: --config, else the nearest one; NULL for none. */
static char *config_file(const struct filter_request *req)
{
    if (req->no_config)
        return NULL;
    if (req->config_path) {
        char *cwd = path_cwd();
        char *abs = path_join_normalise(cwd, req->config_path);
        free(cwd);
        return abs;
    }
    return config_find(req->search_from);
}

int filter_prepare(const struct filter_request *req, struct filter_state *st, struct sc_error *err)
{
    static const struct filter_request defaults = {0};
    memset(st, 0, sizeof *st);
    const struct rule *const *rules = rule_registry(&st->nrules);
    st->enabled = xcalloc(st->nrules + 1, sizeof *st->enabled);
    st->levels = xcalloc(st->nrules + 1, sizeof *st->levels);
    for (size_t i = 0; i < st->nrules; i++) {
        st->enabled[i] = true;
        st->levels[i] = rules[i]->level;
    }
    if (!req)
        req = &defaults;
    char *path = config_file(req);
    int rc = path ? config_load(path, &st->config, err) : 0;
    free(path);
    if (rc < 0)
        return -1;
    apply_config(st);
    for (size_t i = 0; i < req->ntoggles; i++) {
        if (apply_toggle(st, &req->toggles[i], err) < 0)
            return -1;
    }
    if (req->baseline_path) {
        if (baseline_load(req->baseline_path, &st->baseline, err) < 0)
            return -1;
        st->has_baseline = true;
    }
    return 0;
}

void filter_state_fini(struct filter_state *st)
{
    config_fini(&st->config);
    baseline_fini(&st->baseline);
    free(st->enabled);
    free(st->levels);
    free(st->extra_args);
    memset(st, 0, sizeof *st);
}

struct units_request filter_units_request(struct filter_state *st, const struct units_request *req)
{
    struct units_request out = *req;
    size_t n = st->config.ncompiler_args;
    if (n == 0)
        return out;
    free(st->extra_args);
    st->nextra = n + req->nextra;
    st->extra_args = xcalloc(st->nextra + 1, sizeof *st->extra_args);
    for (size_t i = 0; i < n; i++)
        st->extra_args[i] = st->config.compiler_args[i];
    for (size_t i = 0; i < req->nextra; i++)
        st->extra_args[n + i] = (char *)req->extra_args[i];
    out.extra_args = (const char *const *)st->extra_args;
    out.nextra = st->nextra;
    return out;
}

/* The globs see root-relative paths; a file outside the root has none (NULL). */
static bool path_selected(const struct filter_state *st, const char *root, const char *abs)
{
    if (st->config.ninclude == 0 && st->config.nexclude == 0)
        return true;
    char *real = abs ? path_real(abs) : NULL;
    const char *p = real ? real : abs;
    char *rel = root && p ? path_relative_to(root, p) : NULL;
    bool ok = config_path_selected(&st->config, rel);
    free(rel);
    free(real);
    return ok;
}

void filter_units(const struct filter_state *st, const char *root, struct unit_list *units)
{
    size_t kept = 0;
    for (size_t i = 0; i < units->count; i++) {
        if (!path_selected(st, root, units->items[i].path)) {
            unit_fini(&units->items[i]);
            continue;
        }
        units->items[kept++] = units->items[i];
    }
    units->count = kept;
}

/* ---- findings ---------------------------------------------------------------------------- */

static const struct rule *find_rule(const char *id)
{
    return id ? rule_find(id) : NULL;
}

/* What deciding whether a finding stays needs. */
struct select_arg {
    const struct filter_state *st;
    const char *root;
};

/* Findings of rules that are off, or in files the globs leave out, are dropped. */
static bool selected(const struct finding *f, void *arg)
{
    const struct select_arg *sa = arg;
    const struct rule *rule = find_rule(f->rule_id);
    if (rule && !sa->st->enabled[rule_index(rule)])
        return false;
    return path_selected(sa->st, sa->root, f->loc.abs_path);
}

/* A file to look for suppression comments in, and whether findings are in it. */
struct scan_target {
    char *path; /* real path */
    bool has_findings;
};

static int target_cmp(const void *pa, const void *pb)
{
    const struct scan_target *a = pa;
    const struct scan_target *b = pb;
    int c = strcmp(a->path, b->path);
    return c ? c : (b->has_findings - a->has_findings); /* with findings first */
}

static void add_target(struct scan_target **items, size_t *n, size_t *cap, const char *abs,
                       bool has_findings)
{
    char *real = path_real(abs);
    struct scan_target *t = XPUSH(*items, *n, *cap);
    t->path = real ? real : xstrdup(abs);
    t->has_findings = has_findings;
}

/*
 * Scans one file. A file with findings is read into sources, where line hashes and fixes
 * read it again; any other file (the main file of every analysed unit, for stale
 * suppressions) is read, scanned and let go, so that a large project's text is not all kept.
 */
static void scan_file(struct suppress_set *set, struct srcfile_set *sources, const char *root,
                      const struct scan_target *t)
{
    char *rel = root ? path_relative_to(root, t->path) : NULL;
    const char *name = rel ? rel : t->path;
    if (t->has_findings) {
        const struct srcfile *src = srcfile_get(sources, t->path);
        if (src->data)
            suppress_scan(set, t->path, name, src->data, src->len);
    } else {
        size_t len = 0;
        char *text = srcfile_read(t->path, &len);
        if (text)
            suppress_scan(set, t->path, name, text, len);
        free(text);
    }
    free(rel);
}

/* Every analysed unit's main file and every file with a finding, each once. */
static void scan_all(struct suppress_set *set, const char *root, const struct unit_list *units,
                     const struct extract_outcome *outcomes, struct driver_result *out)
{
    struct scan_target *targets = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < units->count; i++) {
        if (outcomes[i].facts)
            add_target(&targets, &n, &cap, units->items[i].path, false);
    }
    for (size_t i = 0; i < out->findings.count; i++) {
        if (out->findings.items[i].loc.abs_path)
            add_target(&targets, &n, &cap, out->findings.items[i].loc.abs_path, true);
    }
    if (n > 1)
        qsort(targets, n, sizeof *targets, target_cmp);
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || strcmp(targets[i].path, targets[i - 1].path) != 0)
            scan_file(set, &out->sources, root, &targets[i]);
    }
    for (size_t i = 0; i < n; i++)
        free(targets[i].path);
    free(targets);
}

static bool rule_checked(const struct rule *rule, void *arg)
{
    const struct filter_state *st = arg;
    return st->enabled[rule_index(rule)];
}

/* A refused suppression comment: a warning, reported like a file's compile errors are. */
static void suppression_problem(struct driver_result *out, const struct suppress_problem *sp)
{
    struct report_problem *p = XPUSH(out->problems, out->nproblems, out->problems_cap);
    memset(p, 0, sizeof *p);
    p->kind = REPORT_PROBLEM_SUPPRESSION;
    p->path = xstrdup(sp->path);
    p->abs_path = xstrdup(sp->abs_path);
    p->line = sp->line;
    p->col = sp->col;
    p->message = xstrdup(sp->message);
}

static void apply_suppressions(const struct filter_state *st, const char *root,
                               const struct unit_list *units,
                               const struct extract_outcome *outcomes, struct driver_result *out)
{
    struct suppress_set set;
    suppress_set_init(&set);
    scan_all(&set, root, units, outcomes, out);
    suppress_apply(&set, &out->findings);
    const struct rule *sck000 = rule_find("SCK000");
    if (sck000 && st->enabled[rule_index(sck000)])
        suppress_report_unused(&set, sck000, rule_checked, (void *)st, &out->findings);
    for (size_t i = 0; i < set.nproblems; i++)
        suppression_problem(out, &set.problems[i]);
    suppress_set_fini(&set);
}

/* Levels from the configuration; line hashes and fixes against the files as read. */
static void finish_findings(const struct filter_state *st, struct driver_result *out)
{
    for (size_t i = 0; i < out->findings.count; i++) {
        struct finding *f = &out->findings.items[i];
        const struct rule *rule = find_rule(f->rule_id);
        if (rule)
            f->level = st->levels[rule_index(rule)];
        if (f->loc.abs_path && f->loc.line > 0) {
            const char *h =
                srcfile_line_hash(srcfile_get(&out->sources, f->loc.abs_path), f->loc.line);
            snprintf(f->line_hash, sizeof f->line_hash, "%s", h ? h : "");
        }
        if (f->nedits > 0 || f->fix_description)
            fix_resolve(f, &out->sources);
    }
}

void filter_findings(const struct filter_state *st, const char *root, const struct unit_list *units,
                     const struct extract_outcome *outcomes, struct driver_result *out)
{
    struct select_arg sa = {st, root};
    finding_list_retain(&out->findings, selected, &sa);
    apply_suppressions(st, root, units, outcomes, out);
    finish_findings(st, out);
    finding_list_sort(&out->findings);
    finding_list_fingerprint(&out->findings);
    if (st->has_baseline)
        baseline_apply(&st->baseline, &out->findings, &out->absent);
}
