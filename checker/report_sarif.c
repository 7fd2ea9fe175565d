/*
 * The SARIF 2.1.0 reporter, for GitHub code scanning, GitLab and IDEs. What each field is for
 * and which validator rule demands it is in /work/shared/sarif/REQUIREMENTS.md §1 (cited as
 * "REQ §n" below). Output is deterministic: no timestamps, no absolute paths for files under
 * the root, no uri for %SRCROOT%, and everything in the order of the (sorted) findings.
 */
#include "report.h"

#include "report_util.h"
#include "rule.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

#ifndef SOCKCHECK_VERSION
#define SOCKCHECK_VERSION "0.0.0"
#endif

#define SARIF_SCHEMA          "https://json.schemastore.org/sarif-2.1.0.json"
#define SARIF_INFORMATION_URI "https://github.com/sockcheck/sockcheck"
#define SARIF_FINGERPRINT_KEY "sockcheckFindingHash/v1"
#define SARIF_LINE_HASH_KEY   "primaryLocationLineHash"
#define SARIF_SRCROOT         "%SRCROOT%"

/* Indexes into driver.notifications: the descriptors of toolExecutionNotifications (unit
 * problems) and toolConfigurationNotifications (configuration and suppression problems). */
enum { NOTIFY_INCOMPLETE, NOTIFY_FAILED, NOTIFY_CONFIG, NOTIFY_SUPPRESSION };

/* One notification descriptor (GH2012 wants all three texts, REQ §1.2). */
struct notify_desc {
    const char *id;
    const char *name;
    const char *level;
    const char *short_text;
    const char *full_text;
    const char *help_text;
};

// clang-format off
/* One descriptor per block reads better than one field per line. */
static const struct notify_desc notify_descs[] = {
    [NOTIFY_INCOMPLETE] = {
        "SCKN001", "translation-unit-incomplete", "warning",
        "A translation unit was analysed only in part, so its results may be incomplete.",
        "libclang reported errors while parsing this file, or part of a function lay beyond "
        "sockcheck's limits (code nested deeper than 400 levels). sockcheck analysed the rest; "
        "findings in this file, and in functions that call into it, may be missing.",
        "Check that the file builds with the flags in compile_commands.json (sockcheck -p DIR) "
        "or with the compiler arguments given after '--'. Missing system headers usually mean "
        "the wrong target or a missing -I. Code nested too deeply: flatten it, or move the "
        "inner part into a function of its own.",
    },
    [NOTIFY_FAILED] = {
        "SCKN002", "translation-unit-failed", "error",
        "A translation unit could not be parsed at all, so it was not analysed.",
        "libclang could not parse this file: it is missing or unreadable, or the compiler "
        "arguments cannot be used. Nothing in it was analysed, functions that call into it "
        "were analysed without knowing what it does, and sockcheck exits with status 2.",
        "Check that the file exists and is readable, and that it compiles with the arguments "
        "sockcheck used (from compile_commands.json with -p DIR, or given after '--').",
    },
    [NOTIFY_CONFIG] = {
        "SCKN003", "invalid-configuration", "error",
        "The configuration could not be used, so nothing was analysed.",
        "The configuration file (.sockcheck.json or --config), a rule named by --enable or "
        "--disable, or the --baseline file is invalid. sockcheck analysed nothing and exits "
        "with status 2, so that a broken set-up never passes as a clean run.",
        "Fix what the message names: it gives the file, the key and the line. "
        "docs/configuration.md describes every key; 'sockcheck --list-rules' lists the rules.",
    },
    [NOTIFY_SUPPRESSION] = {
        "SCKN004", "invalid-suppression", "warning",
        "A suppression comment was refused, so it suppresses nothing.",
        "A 'sockcheck: ignore' comment names no rule, an unknown rule, or is malformed. It "
        "suppresses nothing; the rest of the run is unaffected.",
        "Name the rules to suppress, as in '// sockcheck: ignore[SCK001] reason'; "
        "'sockcheck --list-rules' lists the ids and names.",
    },
};
// clang-format on

/* What one call works with: the run, the source files read for UTF-16 columns, and the
 * artifacts (files) named so far, in order of first mention (run.artifacts). */
struct sarif_ctx {
    const struct report_run *run;
    struct report_source src;
    char **artifacts;
    size_t nartifacts;
    size_t artifacts_cap;
};

static void add_text(cJSON *parent, const char *key, const char *text)
{
    cJSON *obj = report_json_object(parent, key);
    report_json_string(obj, "text", text ? text : "");
}

/* REQ §1.2: GitHub's problem.severity has "recommendation" where SARIF says "note". */
static const char *problem_severity(enum sc_level level)
{
    return level == SC_LEVEL_NOTE ? "recommendation" : sc_level_name(level);
}

/* Tags go into a uniqueItems array: a tag repeated in a rule's list is written once. */
static void add_tags(cJSON *props, const char *const *tags)
{
    cJSON *arr = report_json_array(props, "tags");
    for (size_t i = 0; tags && tags[i]; i++) {
        int seen = 0;
        for (size_t k = 0; k < i && !seen; k++)
            seen = strcmp(tags[k], tags[i]) == 0;
        if (!seen)
            report_json_string(arr, NULL, tags[i]);
    }
}

static void add_rule(cJSON *rules, const struct rule *rule)
{
    char uri[512];
    cJSON *obj = report_json_object(rules, NULL);
    report_json_string(obj, "id", rule->id);
    report_json_string(obj, "name", rule->name);
    add_text(obj, "shortDescription", rule->summary);
    add_text(obj, "fullDescription", rule->description ? rule->description : rule->summary);
    cJSON *help = report_json_object(obj, "help");
    report_json_string(help, "text",
                       rule->help_text     ? rule->help_text
                       : rule->description ? rule->description
                                           : rule->summary);
    if (rule->help_markdown)
        report_json_string(help, "markdown", rule->help_markdown);
    rule_help_uri(rule, uri, sizeof uri);
    report_json_string(obj, "helpUri", uri);
    cJSON *config = report_json_object(obj, "defaultConfiguration");
    report_json_string(config, "level", sc_level_name(rule->level));
    cJSON *props = report_json_object(obj, "properties");
    add_tags(props, rule->tags);
    if (rule->precision)
        report_json_string(props, "precision", rule->precision);
    report_json_string(props, "problem.severity", problem_severity(rule->level));
}

static void add_notification_descriptors(cJSON *driver)
{
    cJSON *arr = report_json_array(driver, "notifications");
    for (size_t i = 0; i < sizeof notify_descs / sizeof notify_descs[0]; i++) {
        const struct notify_desc *d = &notify_descs[i];
        cJSON *obj = report_json_object(arr, NULL);
        report_json_string(obj, "id", d->id);
        report_json_string(obj, "name", d->name);
        add_text(obj, "shortDescription", d->short_text);
        add_text(obj, "fullDescription", d->full_text);
        add_text(obj, "help", d->help_text);
        cJSON *config = report_json_object(obj, "defaultConfiguration");
        report_json_string(config, "level", d->level);
    }
}

static void add_tool(cJSON *run_obj, const struct report_run *run)
{
    const char *version = run->tool_version ? run->tool_version : SOCKCHECK_VERSION;
    cJSON *driver = report_json_object(report_json_object(run_obj, "tool"), "driver");
    report_json_string(driver, "name", "sockcheck");
    report_json_string(driver, "fullName", "sockcheck static checker for C socket address reuse");
    report_json_string(driver, "version", version);
    report_json_string(driver, "semanticVersion", version);
    report_json_string(driver, "informationUri", SARIF_INFORMATION_URI);
    cJSON *rules = report_json_array(driver, "rules");
    for (size_t i = 0; i < run->nrules; i++)
        add_rule(rules, run->rules[i]);
    add_notification_descriptors(driver);
}

/* The index of path in run.artifacts, added on first mention. */
static size_t artifact_index(struct sarif_ctx *sc, const char *path)
{
    for (size_t i = 0; i < sc->nartifacts; i++) {
        if (strcmp(sc->artifacts[i], path) == 0)
            return i;
    }
    *XPUSH(sc->artifacts, sc->nartifacts, sc->artifacts_cap) = xstrdup(path);
    return sc->nartifacts - 1;
}

/* An artifactLocation object under parent (key "artifactLocation" or "location"). */
static void add_artifact_location(cJSON *parent, const char *key, const char *path)
{
    bool relative;
    char *uri = report_uri(path, &relative);
    cJSON *art = report_json_object(parent, key);
    report_json_string(art, "uri", uri);
    if (relative)
        report_json_string(art, "uriBaseId", SARIF_SRCROOT);
    free(uri);
}

/* REQ §1.4: relative paths hang off %SRCROOT%; a file outside the root keeps a file: URI.
 * The index points into run.artifacts, which lists every file the log mentions. */
static void add_artifact(cJSON *phys, struct sarif_ctx *sc, const char *path)
{
    size_t index = artifact_index(sc, path ? path : "");
    add_artifact_location(phys, "artifactLocation", path);
    report_json_number(cJSON_GetObjectItemCaseSensitive(phys, "artifactLocation"), "index",
                       (double)index);
}

static void add_artifacts(cJSON *run_obj, struct sarif_ctx *sc)
{
    cJSON *arr = report_json_array(run_obj, "artifacts");
    for (size_t i = 0; i < sc->nartifacts; i++) {
        cJSON *art = report_json_object(arr, NULL);
        add_artifact_location(art, "location", sc->artifacts[i]);
        /* Every file sockcheck names is C source or a header it includes (and an artifact
         * with only a location says nothing, SARIF2004). */
        report_json_string(art, "sourceLanguage", "c");
    }
}

/* REQ §1.1: SARIF columns count UTF-16 units; libclang's count bytes. */
static unsigned utf16_col(struct sarif_ctx *sc, const char *abs_path, unsigned line,
                          unsigned byte_col)
{
    size_t len;
    const char *text = report_source_line(&sc->src, abs_path, line, &len);
    if (!text)
        return byte_col; /* unreadable: the byte column is the best there is */
    return report_utf16_column(text, len, byte_col);
}

/*
 * All four of startLine, startColumn, endLine, endColumn (GH1003, REQ §1.3), as long as the
 * finding gives a column. A missing or backwards end becomes an empty range at the start,
 * since an end before the start is SARIF1007.
 */
static void add_region(cJSON *phys, struct sarif_ctx *sc, const struct finding_loc *loc)
{
    cJSON *region = report_json_object(phys, "region");
    report_json_number(region, "startLine", loc->line);
    if (loc->col == 0)
        return;
    unsigned start = utf16_col(sc, loc->abs_path, loc->line, loc->col);
    report_json_number(region, "startColumn", start);
    unsigned end_line = loc->line, end = start;
    if (loc->end_line == loc->line && loc->end_col > loc->col) {
        end = utf16_col(sc, loc->abs_path, loc->line, loc->end_col);
    } else if (loc->end_line > loc->line && loc->end_col > 0) {
        end_line = loc->end_line;
        end = utf16_col(sc, loc->abs_path, loc->end_line, loc->end_col);
    }
    report_json_number(region, "endLine", end_line);
    report_json_number(region, "endColumn", end);
}

/* A location object's physicalLocation; no region when the line is unknown. */
static cJSON *add_physical(cJSON *location, struct sarif_ctx *sc, const struct finding_loc *loc)
{
    cJSON *phys = report_json_object(location, "physicalLocation");
    add_artifact(phys, sc, loc->path);
    if (loc->line > 0)
        add_region(phys, sc, loc);
    return phys;
}

/*
 * region.snippet, which must be exactly the region's text (SARIF §3.30.13), so only for a
 * non-empty range on one line of a readable file. It shows the code to those who do not
 * have the checkout (SARIF2010).
 */
static void add_snippet(cJSON *phys, struct sarif_ctx *sc, const struct finding_loc *loc)
{
    if (loc->line == 0 || loc->col == 0 || loc->end_line != loc->line || loc->end_col <= loc->col)
        return;
    size_t len;
    const char *text = report_source_line(&sc->src, loc->abs_path, loc->line, &len);
    if (!text || (size_t)loc->end_col - 1 > len)
        return;
    char *snippet = xstrndup(text + loc->col - 1, (size_t)(loc->end_col - loc->col));
    add_text(cJSON_GetObjectItemCaseSensitive(phys, "region"), "snippet", snippet);
    free(snippet);
}

/* Link text of an embedded link: "\", "[" and "]" are escaped (SARIF §3.11.6). */
static void put_link_text(struct strbuf *sb, const char *text)
{
    for (const char *p = text; *p; p++) {
        if (*p == '\\' || *p == '[' || *p == ']')
            strbuf_putc(sb, '\\');
        strbuf_putc(sb, *p);
    }
}

/*
 * The result message: the finding's own sentences, then one sentence linking every related
 * location, because GitHub shows related locations only when the message links them (REQ
 * §1.7): "... See [socket created here](1) and [listen() here](2)." Heap string.
 */
static char *result_message(const struct finding *f)
{
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_puts(&sb, f->message ? f->message : "");
    if (f->nrelated > 0)
        strbuf_puts(&sb, sb.len ? " See " : "See ");
    for (size_t i = 0; i < f->nrelated; i++) {
        if (i > 0)
            strbuf_puts(&sb, i + 1 == f->nrelated ? " and " : ", ");
        strbuf_putc(&sb, '[');
        put_link_text(&sb, f->related[i].message ? f->related[i].message : "related location");
        strbuf_printf(&sb, "](%zu)", i + 1);
    }
    if (f->nrelated > 0)
        strbuf_putc(&sb, '.');
    return strbuf_take(&sb);
}

/* The index of the rule in driver.rules, or -1 when the run does not list it. */
static long rule_index(const struct report_run *run, const char *rule_id)
{
    for (size_t i = 0; i < run->nrules; i++) {
        if (rule_id && strcmp(run->rules[i]->id, rule_id) == 0)
            return (long)i;
    }
    return -1;
}

static void add_primary_location(cJSON *result, struct sarif_ctx *sc, const struct finding *f)
{
    cJSON *location = report_json_object(report_json_array(result, "locations"), NULL);
    cJSON *phys = add_physical(location, sc, &f->loc);
    add_snippet(phys, sc, &f->loc);
    if (f->function) {
        cJSON *logical = report_json_object(report_json_array(location, "logicalLocations"), NULL);
        report_json_string(logical, "name", f->function);
        report_json_string(logical, "fullyQualifiedName", f->function);
        report_json_string(logical, "kind", "function");
    }
}

static void add_related(cJSON *result, struct sarif_ctx *sc, const struct finding *f)
{
    if (f->nrelated == 0)
        return;
    cJSON *arr = report_json_array(result, "relatedLocations");
    for (size_t i = 0; i < f->nrelated; i++) {
        const struct finding_loc *r = &f->related[i];
        cJSON *obj = report_json_object(arr, NULL);
        report_json_number(obj, "id", (double)(i + 1));
        add_text(obj, "message", r->message ? r->message : "related location");
        add_physical(obj, sc, r);
    }
}

/* REQ §1.6: one code flow, one thread flow, locations inline (GH1002). */
static void add_code_flow(cJSON *result, struct sarif_ctx *sc, const struct finding *f)
{
    if (f->ntrace == 0)
        return;
    cJSON *flow = report_json_object(report_json_array(result, "codeFlows"), NULL);
    cJSON *thread = report_json_object(report_json_array(flow, "threadFlows"), NULL);
    cJSON *steps = report_json_array(thread, "locations");
    for (size_t i = 0; i < f->ntrace; i++) {
        const struct finding_loc *t = &f->trace[i];
        cJSON *step = report_json_object(steps, NULL);
        cJSON *location = report_json_object(step, "location");
        add_physical(location, sc, t);
        if (t->message)
            add_text(location, "message", t->message);
        report_json_number(step, "nestingLevel", t->depth);
        report_json_number(step, "executionOrder", (double)(i + 1));
    }
}

/* A deletedRegion: all four positions in UTF-16 units of the file as it is (unmodified). */
static void add_deleted_region(cJSON *repl, struct sarif_ctx *sc, const struct finding_loc *loc)
{
    cJSON *region = report_json_object(repl, "deletedRegion");
    report_json_number(region, "startLine", loc->line);
    report_json_number(region, "startColumn", utf16_col(sc, loc->abs_path, loc->line, loc->col));
    report_json_number(region, "endLine", loc->end_line);
    report_json_number(region, "endColumn",
                       utf16_col(sc, loc->abs_path, loc->end_line, loc->end_col));
}

/*
 * REQ §1.8: one fix, one artifactChange (a fix's edits are all in one file), replacements
 * against the unmodified file in order; an insertion is a zero-length region.
 */
static void add_fix(cJSON *result, struct sarif_ctx *sc, const struct finding *f)
{
    if (f->nedits == 0)
        return;
    cJSON *fix = report_json_object(report_json_array(result, "fixes"), NULL);
    add_text(fix, "description", f->fix_description ? f->fix_description : "Apply the fix");
    cJSON *change = report_json_object(report_json_array(fix, "artifactChanges"), NULL);
    add_artifact(change, sc, f->edits[0].loc.path);
    cJSON *repls = report_json_array(change, "replacements");
    for (size_t i = 0; i < f->nedits; i++) {
        cJSON *repl = report_json_object(repls, NULL);
        add_deleted_region(repl, sc, &f->edits[i].loc);
        add_text(repl, "insertedContent", f->edits[i].text);
    }
}

/* REQ §1.9: every result has "suppressions" ([] when not suppressed): all or none. */
static void add_suppressions(cJSON *result, struct sarif_ctx *sc, const struct finding *f)
{
    cJSON *arr = report_json_array(result, "suppressions");
    if (!f->suppressed)
        return;
    cJSON *sup = report_json_object(arr, NULL);
    report_json_string(sup, "kind", "inSource");
    report_json_string(sup, "status", "accepted");
    if (f->justification)
        report_json_string(sup, "justification", f->justification);
    if (f->suppression.path) {
        cJSON *location = report_json_object(sup, "location");
        add_physical(location, sc, &f->suppression);
    }
}

static const char *baseline_state(enum finding_baseline b)
{
    switch (b) {
    case FINDING_BASELINE_UNCHANGED:
        return "unchanged";
    case FINDING_BASELINE_ABSENT:
        return "absent";
    case FINDING_BASELINE_NEW:
    case FINDING_BASELINE_NONE:
        break;
    }
    return "new";
}

static void add_fingerprints(cJSON *result, const struct finding *f)
{
    if (!f->fingerprint[0] && !f->line_hash[0])
        return;
    cJSON *fps = report_json_object(result, "partialFingerprints");
    if (f->fingerprint[0])
        report_json_string(fps, SARIF_FINGERPRINT_KEY, f->fingerprint);
    if (f->line_hash[0])
        report_json_string(fps, SARIF_LINE_HASH_KEY, f->line_hash);
}

static void add_result(cJSON *results, struct sarif_ctx *sc, const struct finding *f)
{
    cJSON *result = report_json_object(results, NULL);
    report_json_string(result, "ruleId", f->rule_id);
    long index = rule_index(sc->run, f->rule_id);
    if (index >= 0)
        report_json_number(result, "ruleIndex", (double)index);
    report_json_string(result, "level", sc_level_name(f->level));
    char *text = result_message(f);
    add_text(result, "message", text);
    free(text);
    add_primary_location(result, sc, f);
    add_related(result, sc, f);
    add_code_flow(result, sc, f);
    add_fingerprints(result, f);
    add_fix(result, sc, f);
    add_suppressions(result, sc, f);
    /* REQ §1.10: with a baseline every result has a state, without one none has. */
    if (sc->run->baseline)
        report_json_string(result, "baselineState", baseline_state(f->baseline));
}

static bool any_fatal(const struct report_run *run)
{
    for (size_t i = 0; i < run->nproblems; i++) {
        if (run->problems[i].fatal)
            return true;
    }
    return false;
}

/* SPEC §3: the meaning of sockcheck's exit statuses. */
static const char *exit_code_description(int code)
{
    switch (code) {
    case 0:
        return "No finding at or above --fail-on was reported.";
    case 1:
        return "Findings at or above --fail-on were reported.";
    case 2:
        return "sockcheck could not do all that was asked; see the notifications.";
    default:
        return "Unexpected exit status.";
    }
}

static size_t notify_kind(const struct report_problem *p)
{
    switch (p->kind) {
    case REPORT_PROBLEM_CONFIGURATION:
        return NOTIFY_CONFIG;
    case REPORT_PROBLEM_SUPPRESSION:
        return NOTIFY_SUPPRESSION;
    case REPORT_PROBLEM_UNIT:
        break;
    }
    return p->fatal ? NOTIFY_FAILED : NOTIFY_INCOMPLETE;
}

/* REQ §1.11: compile errors warn (results may be incomplete); an unparsable unit is an error;
 * so is an unusable configuration; a refused suppression comment warns. */
static void add_problem(cJSON *arr, struct sarif_ctx *sc, const struct report_problem *p)
{
    size_t kind = notify_kind(p);
    cJSON *obj = report_json_object(arr, NULL);
    cJSON *desc = report_json_object(obj, "descriptor");
    report_json_string(desc, "id", notify_descs[kind].id);
    report_json_number(desc, "index", (double)kind);
    report_json_string(obj, "level", notify_descs[kind].level);
    add_text(obj, "message", p->message);
    if (!p->path)
        return;
    cJSON *location = report_json_object(report_json_array(obj, "locations"), NULL);
    cJSON *phys = report_json_object(location, "physicalLocation");
    add_artifact(phys, sc, p->path);
    if (p->line == 0)
        return;
    cJSON *region = report_json_object(phys, "region");
    report_json_number(region, "startLine", p->line);
    if (p->col > 0)
        report_json_number(region, "startColumn", utf16_col(sc, p->abs_path, p->line, p->col));
}

/* Rules the configuration or the command line turned off or gave another level (§3.20.5). */
static void add_overrides(cJSON *inv, const struct report_run *run)
{
    if (!run->rule_enabled || !run->rule_levels)
        return;
    cJSON *arr = NULL;
    for (size_t i = 0; i < run->nrules; i++) {
        bool off = !run->rule_enabled[i];
        bool level = run->rule_levels[i] != run->rules[i]->level;
        if (!off && !level)
            continue;
        if (!arr)
            arr = report_json_array(inv, "ruleConfigurationOverrides");
        cJSON *o = report_json_object(arr, NULL);
        cJSON *desc = report_json_object(o, "descriptor");
        report_json_string(desc, "id", run->rules[i]->id);
        report_json_number(desc, "index", (double)i);
        cJSON *conf = report_json_object(o, "configuration");
        if (off)
            report_json_bool(conf, "enabled", false);
        if (level)
            report_json_string(conf, "level", sc_level_name(run->rule_levels[i]));
    }
}

static void add_invocation(cJSON *run_obj, struct sarif_ctx *sc)
{
    const struct report_run *run = sc->run;
    cJSON *inv = report_json_object(report_json_array(run_obj, "invocations"), NULL);
    report_json_bool(inv, "executionSuccessful", !any_fatal(run));
    report_json_number(inv, "exitCode", run->exit_code);
    report_json_string(inv, "exitCodeDescription", exit_code_description(run->exit_code));
    cJSON *args = report_json_array(inv, "arguments");
    for (size_t i = 0; i < run->narguments; i++)
        report_json_string(args, NULL, run->arguments[i]);
    if (run->start_time)
        report_json_string(inv, "startTimeUtc", run->start_time);
    if (run->end_time)
        report_json_string(inv, "endTimeUtc", run->end_time);
    cJSON *notes = report_json_array(inv, "toolExecutionNotifications");
    cJSON *config = report_json_array(inv, "toolConfigurationNotifications");
    for (size_t i = 0; i < run->nproblems; i++) {
        const struct report_problem *p = &run->problems[i];
        add_problem(p->kind == REPORT_PROBLEM_UNIT ? notes : config, sc, p);
    }
    add_overrides(inv, run);
}

/* REQ §1.4: a description and no uri, so the log names no directory of this machine. */
static void add_uri_base_ids(cJSON *run_obj)
{
    cJSON *bases = report_json_object(run_obj, "originalUriBaseIds");
    cJSON *root = report_json_object(bases, SARIF_SRCROOT);
    add_text(root, "description", "The project root (the repository checked out).");
}

char *report_sarif(const struct finding_list *findings, const struct report_run *run)
{
    struct sarif_ctx sc;
    memset(&sc, 0, sizeof sc);
    sc.run = run;
    report_source_init(&sc.src);
    cJSON *root = report_json_root();
    report_json_string(root, "$schema", SARIF_SCHEMA);
    report_json_string(root, "version", "2.1.0");
    cJSON *run_obj = report_json_object(report_json_array(root, "runs"), NULL);
    add_tool(run_obj, run);
    add_invocation(run_obj, &sc);
    add_uri_base_ids(run_obj);
    report_json_string(run_obj, "columnKind", "utf16CodeUnits");
    cJSON *results = report_json_array(run_obj, "results");
    /* REQ §1.9, §1.10: GitHub alerts on suppressed and absent results; omit drops them. */
    for (size_t i = 0; i < findings->count; i++) {
        if (!(run->omit_suppressed && findings->items[i].suppressed))
            add_result(results, &sc, &findings->items[i]);
    }
    for (size_t i = 0; run->absent && !run->omit_suppressed && i < run->absent->count; i++)
        add_result(results, &sc, &run->absent->items[i]);
    add_artifacts(run_obj, &sc);
    report_source_fini(&sc.src);
    for (size_t i = 0; i < sc.nartifacts; i++)
        free(sc.artifacts[i]);
    free(sc.artifacts);
    return report_json_consume(root);
}
