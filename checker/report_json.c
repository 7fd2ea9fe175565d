/*
 * The JSON reporter (SPEC §4, docs/json-format.md). The format is versioned and only grows:
 * keys are never renamed or removed, and their order is fixed here so that scripts diffing
 * two outputs see only real changes.
 */
#include "report.h"

#include "report_util.h"

#define REPORT_JSON_VERSION 1

#ifndef SOCKCHECK_VERSION
#define SOCKCHECK_VERSION "0.0.0"
#endif

/* A positive number, or null for "unknown" (line or column 0). */
static void add_position(cJSON *obj, const char *key, unsigned value)
{
    if (value)
        report_json_number(obj, key, value);
    else
        report_json_null(obj, key);
}

/* The shape shared by related locations and trace steps. */
static void add_location(cJSON *array, const struct finding_loc *loc)
{
    cJSON *obj = report_json_object(array, NULL);
    report_json_string(obj, "path", loc->path);
    add_position(obj, "line", loc->line);
    add_position(obj, "column", loc->col);
    add_position(obj, "end_line", loc->end_line);
    add_position(obj, "end_column", loc->end_col);
    report_json_string(obj, "message", loc->message);
}

/* The fix: what it does and its edits (byte columns, like every position here), or null. */
static void add_fix(cJSON *obj, const struct finding *f)
{
    if (f->nedits == 0) {
        report_json_null(obj, "fix");
        return;
    }
    cJSON *fix = report_json_object(obj, "fix");
    report_json_string(fix, "description", f->fix_description);
    cJSON *edits = report_json_array(fix, "edits");
    for (size_t i = 0; i < f->nedits; i++) {
        const struct finding_loc *loc = &f->edits[i].loc;
        cJSON *e = report_json_object(edits, NULL);
        report_json_string(e, "path", loc->path);
        add_position(e, "line", loc->line);
        add_position(e, "column", loc->col);
        add_position(e, "end_line", loc->end_line);
        add_position(e, "end_column", loc->end_col);
        report_json_string(e, "text", f->edits[i].text);
    }
}

/* null without a baseline; "new" or "unchanged" with one. */
static const char *baseline_state(enum finding_baseline b)
{
    switch (b) {
    case FINDING_BASELINE_NEW:
        return "new";
    case FINDING_BASELINE_UNCHANGED:
        return "unchanged";
    case FINDING_BASELINE_ABSENT:
        return "absent";
    case FINDING_BASELINE_NONE:
        break;
    }
    return NULL;
}

static void add_finding(cJSON *array, const struct finding *f)
{
    cJSON *obj = report_json_object(array, NULL);
    report_json_string(obj, "rule_id", f->rule_id);
    report_json_string(obj, "rule_name", f->rule_name);
    report_json_string(obj, "level", sc_level_name(f->level));
    report_json_string(obj, "message", f->message);
    report_json_string(obj, "path", f->loc.path);
    add_position(obj, "line", f->loc.line);
    add_position(obj, "column", f->loc.col);
    add_position(obj, "end_line", f->loc.end_line);
    add_position(obj, "end_column", f->loc.end_col);
    report_json_string(obj, "function", f->function);
    cJSON *related = report_json_array(obj, "related");
    for (size_t i = 0; i < f->nrelated; i++)
        add_location(related, &f->related[i]);
    cJSON *trace = report_json_array(obj, "trace");
    for (size_t i = 0; i < f->ntrace; i++)
        add_location(trace, &f->trace[i]);
    add_fix(obj, f);
    report_json_string(obj, "fingerprint", f->fingerprint[0] ? f->fingerprint : NULL);
    report_json_bool(obj, "suppressed", f->suppressed);
    report_json_string(obj, "justification", f->justification);
    report_json_string(obj, "baseline_state", baseline_state(f->baseline));
}

static const char *problem_kind(enum report_problem_kind kind)
{
    switch (kind) {
    case REPORT_PROBLEM_CONFIGURATION:
        return "configuration";
    case REPORT_PROBLEM_SUPPRESSION:
        return "suppression";
    case REPORT_PROBLEM_UNIT:
        break;
    }
    return "unit";
}

static void add_problem(cJSON *array, const struct report_problem *p)
{
    cJSON *obj = report_json_object(array, NULL);
    report_json_string(obj, "path", p->path);
    add_position(obj, "line", p->line);
    add_position(obj, "column", p->col);
    report_json_bool(obj, "fatal", p->fatal);
    report_json_string(obj, "message", p->message);
    report_json_string(obj, "kind", problem_kind(p->kind));
}

static void add_stats(cJSON *root, const struct finding_list *findings,
                      const struct report_run *run)
{
    size_t by_level[3] = {0, 0, 0};
    size_t suppressed = 0, unchanged = 0;
    for (size_t i = 0; i < findings->count; i++) {
        enum sc_level level = findings->items[i].level;
        if ((unsigned)level < 3)
            by_level[level]++;
        suppressed += findings->items[i].suppressed;
        unchanged += findings->items[i].baseline == FINDING_BASELINE_UNCHANGED;
    }
    cJSON *stats = report_json_object(root, "stats");
    report_json_number(stats, "files_analysed", (double)run->files_analysed);
    report_json_number(stats, "findings", (double)findings->count);
    report_json_number(stats, "errors", (double)by_level[SC_LEVEL_ERROR]);
    report_json_number(stats, "warnings", (double)by_level[SC_LEVEL_WARNING]);
    report_json_number(stats, "notes", (double)by_level[SC_LEVEL_NOTE]);
    report_json_number(stats, "suppressed", (double)suppressed);
    report_json_number(stats, "unchanged", (double)unchanged);
    report_json_number(stats, "absent", (double)(run->absent ? run->absent->count : 0));
    report_json_number(stats, "units_skipped", (double)run->units_skipped);
    report_json_number(stats, "units_readmitted", (double)run->units_readmitted);
}

char *report_json(const struct finding_list *findings, const struct report_run *run)
{
    cJSON *root = report_json_root();
    report_json_number(root, "version", REPORT_JSON_VERSION);
    cJSON *tool = report_json_object(root, "tool");
    report_json_string(tool, "name", "sockcheck");
    report_json_string(tool, "version", run->tool_version ? run->tool_version : SOCKCHECK_VERSION);
    cJSON *items = report_json_array(root, "findings");
    for (size_t i = 0; i < findings->count; i++)
        add_finding(items, &findings->items[i]);
    cJSON *errors = report_json_array(root, "errors");
    for (size_t i = 0; i < run->nproblems; i++)
        add_problem(errors, &run->problems[i]);
    add_stats(root, findings, run);
    return report_json_consume(root);
}
