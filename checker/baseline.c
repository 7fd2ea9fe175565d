#include "baseline.h"

#include "jsonpos.h"
#include "rule.h"
#include "srcfile.h"
#include "strbuf.h"
#include "xalloc.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define SARIF_FINGERPRINT_KEY "sockcheckFindingHash/v1"
/* What to do about a baseline that cannot be used. */
#define HINT                                                                                       \
    "a baseline is the JSON or SARIF output of an earlier run (sockcheck --format json -o "        \
    "FILE): write it again"

static const char *string_of(const cJSON *obj, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(item) ? item->valuestring : NULL;
}

static unsigned number_of(const cJSON *obj, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!cJSON_IsNumber(item) || item->valuedouble < 1 || item->valuedouble > 1e9)
        return 0;
    return (unsigned)item->valuedouble;
}

static bool is_fingerprint(const char *s)
{
    if (!s || strlen(s) != 16)
        return false;
    for (const char *p = s; *p; p++) {
        if (!isxdigit((unsigned char)*p))
            return false;
    }
    return true;
}

static enum sc_level level_of(const char *s, enum sc_level dflt)
{
    if (s && strcmp(s, "error") == 0)
        return SC_LEVEL_ERROR;
    if (s && strcmp(s, "warning") == 0)
        return SC_LEVEL_WARNING;
    if (s && strcmp(s, "note") == 0)
        return SC_LEVEL_NOTE;
    return dflt;
}

/* A result of the baseline; NULL (nothing added) for an unknown rule or no fingerprint. */
static struct finding *add_result(struct baseline *b, const char *rule_id, const char *fp)
{
    const struct rule *rule = rule_id ? rule_find(rule_id) : NULL;
    if (!rule || !is_fingerprint(fp))
        return NULL;
    struct finding *f = finding_list_add(&b->results);
    f->rule_id = rule->id;
    f->rule_name = rule->name;
    f->level = rule->level;
    for (size_t i = 0; i < 16; i++)
        f->fingerprint[i] = (char)tolower((unsigned char)fp[i]);
    return f;
}

/* docs/json-format.md: findings[] with rule_id, fingerprint, level, message, path, lines. */
static void read_json(struct baseline *b, const cJSON *findings)
{
    const cJSON *item;
    cJSON_ArrayForEach(item, findings)
    {
        struct finding *f =
            add_result(b, string_of(item, "rule_id"), string_of(item, "fingerprint"));
        if (!f)
            continue;
        f->level = level_of(string_of(item, "level"), f->level);
        f->message = xstrdup(string_of(item, "message"));
        f->function = xstrdup(string_of(item, "function"));
        f->loc.path = xstrdup(string_of(item, "path"));
        f->loc.line = number_of(item, "line");
        f->loc.col = number_of(item, "column");
        f->loc.end_line = number_of(item, "end_line");
        f->loc.end_col = number_of(item, "end_column");
    }
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)tolower((unsigned char)c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* A SARIF artifact URI back to a path: %XX decoded, "file://" dropped. Caller frees. */
static char *uri_path(const char *uri)
{
    if (!uri)
        return NULL;
    if (strncmp(uri, "file://", 7) == 0)
        uri += 7;
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_add(&sb, "", 0);
    for (const char *p = uri; *p; p++) {
        int hi, lo;
        if (p[0] == '%' && (hi = hex_digit(p[1])) >= 0 && (lo = hex_digit(p[2])) >= 0) {
            strbuf_putc(&sb, (char)(hi * 16 + lo));
            p += 2;
        } else {
            strbuf_putc(&sb, *p);
        }
    }
    return strbuf_take(&sb);
}

static void read_sarif_location(struct finding *f, const cJSON *result)
{
    const cJSON *loc = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(result, "locations"), 0);
    const cJSON *phys = cJSON_GetObjectItemCaseSensitive(loc, "physicalLocation");
    const cJSON *art = cJSON_GetObjectItemCaseSensitive(phys, "artifactLocation");
    const cJSON *region = cJSON_GetObjectItemCaseSensitive(phys, "region");
    f->loc.path = uri_path(string_of(art, "uri"));
    f->loc.line = number_of(region, "startLine");
    f->loc.col = number_of(region, "startColumn");
    f->loc.end_line = number_of(region, "endLine");
    f->loc.end_col = number_of(region, "endColumn");
    const cJSON *logical =
        cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(loc, "logicalLocations"), 0);
    f->function = xstrdup(string_of(logical, "name"));
}

/* Every run's results, except those a baseline run already marked absent. */
static void read_sarif(struct baseline *b, const cJSON *runs)
{
    const cJSON *run;
    cJSON_ArrayForEach(run, runs)
    {
        const cJSON *result;
        cJSON_ArrayForEach(result, cJSON_GetObjectItemCaseSensitive(run, "results"))
        {
            const char *state = string_of(result, "baselineState");
            if (state && strcmp(state, "absent") == 0)
                continue;
            const cJSON *fps = cJSON_GetObjectItemCaseSensitive(result, "partialFingerprints");
            struct finding *f =
                add_result(b, string_of(result, "ruleId"), string_of(fps, SARIF_FINGERPRINT_KEY));
            if (!f)
                continue;
            f->level = level_of(string_of(result, "level"), f->level);
            f->message =
                xstrdup(string_of(cJSON_GetObjectItemCaseSensitive(result, "message"), "text"));
            read_sarif_location(f, result);
        }
    }
}

/*
 * The results of a parsed baseline. A top level that is neither format, or a "findings" or
 * "runs" that is not an array, is an error at the line of what is wrong.
 */
static int read_root(struct baseline *out, const char *text, size_t len, const cJSON *root,
                     const char *path, struct sc_error *err)
{
    const cJSON *findings = cJSON_GetObjectItemCaseSensitive(root, "findings");
    const cJSON *runs = cJSON_GetObjectItemCaseSensitive(root, "runs");
    const cJSON *bad = findings ? findings : runs;
    if (cJSON_IsArray(findings)) {
        read_json(out, findings);
        return 0;
    }
    if (!findings && cJSON_IsArray(runs)) {
        read_sarif(out, runs);
        return 0;
    }
    struct jsonpos pos;
    jsonpos_init(&pos, text, len, root);
    unsigned line = jsonpos_line(&pos, bad ? bad : root);
    jsonpos_fini(&pos);
    if (bad)
        sc_error_set(err, SC_ERROR_BASELINE, path, line, "\"%s\" is %s, not an array; " HINT,
                     bad->string, jsonpos_type_name(bad));
    else
        sc_error_set(err, SC_ERROR_BASELINE, path, line,
                     "the baseline is %s with neither \"findings\" (sockcheck's JSON output) "
                     "nor \"runs\" (SARIF); " HINT,
                     cJSON_IsObject(root) ? "an object" : jsonpos_type_name(root));
    return -1;
}

int baseline_parse(const char *text, size_t len, const char *path, struct baseline *out,
                   struct sc_error *err)
{
    memset(out, 0, sizeof *out);
    size_t stop = 0;
    cJSON *root = jsonpos_parse(text, len, &stop);
    int rc = -1;
    if (root) {
        rc = read_root(out, text, len, root, path, err);
    } else {
        char where[64];
        jsonpos_describe(text, len, stop, where, sizeof where);
        sc_error_set(err, SC_ERROR_BASELINE, path, jsonpos_line_at(text, len, stop),
                     "the baseline is not valid JSON: %s; " HINT, where);
    }
    cJSON_Delete(root);
    if (rc < 0)
        baseline_fini(out);
    else
        out->path = xstrdup(path);
    return rc;
}

int baseline_load(const char *path, struct baseline *out, struct sc_error *err)
{
    memset(out, 0, sizeof *out);
    size_t len = 0;
    char *text = srcfile_read(path, &len);
    if (!text) {
        sc_error_set(err, SC_ERROR_BASELINE, path, 0, "cannot read the baseline: %s; " HINT,
                     srcfile_read_error(path, errno));
        return -1;
    }
    int rc = baseline_parse(text, len, path, out, err);
    free(text);
    return rc;
}

void baseline_fini(struct baseline *b)
{
    finding_list_fini(&b->results);
    free(b->path);
    memset(b, 0, sizeof *b);
}

static int fp_cmp(const void *pa, const void *pb)
{
    const struct finding *const *a = pa;
    const struct finding *const *b = pb;
    return strcmp((*a)->fingerprint, (*b)->fingerprint);
}

/* The first unmatched entry of the sorted index with fingerprint fp, or SIZE_MAX. */
static size_t lookup(const struct finding **index, const bool *matched, size_t n, const char *fp)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(index[mid]->fingerprint, fp) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < n && strcmp(index[lo]->fingerprint, fp) == 0; lo++) {
        if (!matched[lo])
            return lo;
    }
    return (size_t)-1;
}

static void add_absent(struct finding_list *absent, const struct finding *r)
{
    struct finding *f = finding_list_add(absent);
    f->rule_id = r->rule_id;
    f->rule_name = r->rule_name;
    f->level = r->level;
    f->message = xstrdup(r->message);
    f->function = xstrdup(r->function);
    finding_loc_copy(&f->loc, &r->loc);
    memcpy(f->fingerprint, r->fingerprint, sizeof f->fingerprint);
    f->baseline = FINDING_BASELINE_ABSENT;
}

void baseline_apply(const struct baseline *b, struct finding_list *findings,
                    struct finding_list *absent)
{
    size_t n = b->results.count;
    const struct finding **index = xcalloc(n + 1, sizeof *index);
    bool *matched = xcalloc(n + 1, sizeof *matched);
    for (size_t i = 0; i < n; i++)
        index[i] = &b->results.items[i];
    qsort(index, n, sizeof *index, fp_cmp);
    for (size_t i = 0; i < findings->count; i++) {
        struct finding *f = &findings->items[i];
        size_t k = lookup(index, matched, n, f->fingerprint);
        f->baseline = k == (size_t)-1 ? FINDING_BASELINE_NEW : FINDING_BASELINE_UNCHANGED;
        if (k != (size_t)-1)
            matched[k] = true;
    }
    for (size_t i = 0; i < n; i++) {
        if (!matched[i])
            add_absent(absent, index[i]);
    }
    finding_list_sort(absent);
    free(index);
    free(matched);
}
