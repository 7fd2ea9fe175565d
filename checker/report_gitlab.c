/*
 * The GitLab reporter: a Code Quality report, the subset of the CodeClimate issue format that
 * GitLab reads from `artifacts:reports:codequality` (REQUIREMENTS §4.3). GitLab validates each
 * entry and stops reading at the first invalid one, and merges entries with the same
 * fingerprint, so every entry has every required field and a fingerprint of its own.
 */
#include "report.h"

#include "report_util.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

/* GitLab's severities: info, minor, major, critical, blocker. */
static const char *severity_of(enum sc_level level)
{
    switch (level) {
    case SC_LEVEL_ERROR:
        return "major";
    case SC_LEVEL_WARNING:
        return "minor";
    case SC_LEVEL_NOTE:
        return "info";
    }
    return "minor";
}

/* A finding's fingerprint before de-duplication: sockcheckFindingHash/v1, or, for a finding
 * that was never fingerprinted, its rule and position. Caller frees. */
static char *base_fingerprint(const struct finding *f)
{
    if (f->fingerprint[0])
        return xstrdup(f->fingerprint);
    return xasprintf("%s:%s:%u:%u", f->rule_id, f->loc.path ? f->loc.path : "", f->loc.line,
                     f->loc.col);
}

struct fp_entry {
    char *fingerprint;
    size_t index;
};

static int fp_entry_cmp(const void *pa, const void *pb)
{
    const struct fp_entry *a = pa, *b = pb;
    int c = strcmp(a->fingerprint, b->fingerprint);
    if (c)
        return c;
    return a->index < b->index ? -1 : a->index > b->index;
}

/*
 * The fingerprint of each finding, in list order, unique: the second and later findings with
 * the same one get "-2", "-3"... in list order. A suffixed value cannot equal a real one (those
 * are hex digits only). Caller frees each string and the array.
 */
static char **unique_fingerprints(const struct finding_list *findings)
{
    size_t n = findings->count;
    struct fp_entry *entries = xcalloc(n + 1, sizeof *entries);
    for (size_t i = 0; i < n; i++) {
        entries[i].fingerprint = base_fingerprint(&findings->items[i]);
        entries[i].index = i;
    }
    qsort(entries, n, sizeof *entries, fp_entry_cmp);
    char **out = xcalloc(n + 1, sizeof *out);
    unsigned repeat = 1;
    for (size_t i = 0; i < n; i++) {
        bool same = i > 0 && strcmp(entries[i].fingerprint, entries[i - 1].fingerprint) == 0;
        repeat = same ? repeat + 1 : 1;
        if (repeat == 1) {
            out[entries[i].index] = entries[i].fingerprint;
            continue;
        }
        out[entries[i].index] = xasprintf("%s-%u", entries[i].fingerprint, repeat);
    }
    /* Freed only now: each entry is compared with the one before it above. */
    for (size_t i = 0; i < n; i++)
        if (out[entries[i].index] != entries[i].fingerprint)
            free(entries[i].fingerprint);
    free(entries);
    return out;
}

static void add_issue(cJSON *array, const struct finding *f, const char *fingerprint)
{
    cJSON *obj = report_json_object(array, NULL);
    report_json_string(obj, "type", "issue");
    report_json_string(obj, "check_name", f->rule_id);
    char *description = xasprintf("%s [%s %s]", f->message ? f->message : "", f->rule_id,
                                  f->rule_name ? f->rule_name : "");
    report_json_string(obj, "description", description);
    free(description);
    cJSON *categories = report_json_array(obj, "categories");
    report_json_string(categories, NULL, "Bug Risk");
    report_json_string(obj, "severity", severity_of(f->level));
    report_json_string(obj, "fingerprint", fingerprint);
    cJSON *location = report_json_object(obj, "location");
    report_json_string(location, "path", f->loc.path ? f->loc.path : "");
    /* lines.begin must be an integer for GitLab to accept the entry; a finding always has a
     * line, but a location without one still must not end the report. */
    unsigned begin = f->loc.line ? f->loc.line : 1;
    cJSON *lines = report_json_object(location, "lines");
    report_json_number(lines, "begin", begin);
    report_json_number(lines, "end", f->loc.end_line >= begin ? f->loc.end_line : begin);
}

char *report_gitlab(const struct finding_list *findings, const struct report_run *run)
{
    (void)run; /* files that could not be analysed have no place in a Code Quality report */
    cJSON *root = report_json_root_array();
    char **fingerprints = unique_fingerprints(findings);
    for (size_t i = 0; i < findings->count; i++) {
        /* GitLab has no notion of a suppressed finding: leave them out, as text does. */
        if (!finding_is_reported(&findings->items[i]))
            continue;
        add_issue(root, &findings->items[i], fingerprints[i]);
        free(fingerprints[i]);
    }
    free(fingerprints);
    return report_json_consume(root);
}
