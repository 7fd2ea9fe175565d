/*
 * .sockcheck.json, parsed strictly with the position of every node (jsonpos.h), so that every
 * error can name its line.
 */
#include "config.h"

#include "jsonpos.h"
#include "models.h"
#include "path.h"
#include "pathglob.h"
#include "rule.h"
#include "srcfile.h"
#include "xalloc.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The context of one parse: the text, the node positions, and where errors go. */
struct config_parser {
    const char *path;
    struct jsonpos pos;
    struct sc_error *err;
};

/* ---- errors ------------------------------------------------------------------------------ */

/* Fails at node: "<where>: <what>", on node's line. Returns -1 for the caller to pass on. */
static int fail_at(struct config_parser *cp, const cJSON *node, const char *where, const char *what)
{
    sc_error_set(cp->err, SC_ERROR_CONFIG, cp->path, jsonpos_line(&cp->pos, node), "%s: %s", where,
                 what);
    return -1;
}

static int fail_type(struct config_parser *cp, const cJSON *node, const char *where,
                     const char *expected)
{
    char *what = xasprintf("expected %s, got %s", expected, jsonpos_type_name(node));
    fail_at(cp, node, where, what);
    free(what);
    return -1;
}

/* A member of an object, and its place among the members. */
struct keyed {
    const cJSON *node;
    size_t index;
};

static int compare_keys(const void *pa, const void *pb)
{
    const struct keyed *a = pa;
    const struct keyed *b = pb;
    int c = strcmp(a->node->string, b->node->string);
    return c ? c : (a->index > b->index) - (a->index < b->index);
}

/*
 * A key given twice: cJSON would silently use the first, so it is an error, at the first
 * repetition in the file. Sorted, not compared pairwise, so that a file of many keys cannot
 * make this quadratic.
 */
static int check_duplicates(struct config_parser *cp, const cJSON *obj, const char *where)
{
    size_t n = 0;
    for (const cJSON *a = obj->child; a; a = a->next)
        n++;
    struct keyed *keys = xcalloc(n + 1, sizeof *keys);
    n = 0;
    for (const cJSON *a = obj->child; a; a = a->next, n++)
        keys[n] = (struct keyed){a, n};
    qsort(keys, n, sizeof *keys, compare_keys);
    const struct keyed *again = NULL;
    for (size_t i = 1; i < n; i++) {
        if (strcmp(keys[i - 1].node->string, keys[i].node->string) == 0 &&
            (!again || keys[i].index < again->index))
            again = &keys[i];
    }
    int rc = 0;
    if (again) {
        char *what = xasprintf("the key \"%s\" is given twice", again->node->string);
        rc = fail_at(cp, again->node, where, what);
        free(what);
    }
    free(keys);
    return rc;
}

/* ---- keys ------------------------------------------------------------------------------- */

/* The value of a "rules" entry: "off", "on" or a level. */
static int parse_rule_value(struct config_parser *cp, const cJSON *item, const char *where,
                            struct config_rule *out)
{
    static const char *const levels[] = {"note", "warning", "error"};
    const char *v = cJSON_IsString(item) ? item->valuestring : NULL;
    if (v && strcmp(v, "off") == 0) {
        out->off = true;
        return 0;
    }
    if (v && strcmp(v, "on") == 0)
        return 0;
    for (int i = 0; v && i < 3; i++) {
        if (strcmp(v, levels[i]) == 0) {
            out->has_level = true;
            out->level = (enum sc_level)i;
            return 0;
        }
    }
    if (!v)
        return fail_type(cp, item, where, "\"off\", \"on\", \"note\", \"warning\" or \"error\"");
    char *what =
        xasprintf("expected \"off\", \"on\", \"note\", \"warning\" or \"error\", got '%s'", v);
    fail_at(cp, item, where, what);
    free(what);
    return -1;
}

static int parse_rules(struct config_parser *cp, const cJSON *rules, struct config *out)
{
    if (!cJSON_IsObject(rules))
        return fail_type(cp, rules, "\"rules\"", "an object of rule ids or names");
    /* Only an object's members have keys (issue 8: an array of two strings crashed here). */
    if (check_duplicates(cp, rules, "\"rules\"") < 0)
        return -1;
    for (const cJSON *item = rules->child; item; item = item->next) {
        char *where = xasprintf("\"rules\".\"%s\"", item->string);
        struct config_rule cr = {0};
        int rc = 0;
        if (strcmp(item->string, "all") != 0) {
            cr.rule = rule_find(item->string);
            if (!cr.rule) {
                char *what = xasprintf("unknown rule '%s' (sockcheck --list-rules lists them)",
                                       item->string);
                rc = fail_at(cp, item, where, what);
                free(what);
            }
        }
        if (rc == 0)
            rc = parse_rule_value(cp, item, where, &cr);
        free(where);
        if (rc < 0)
            return -1;
        struct config_rule *slot = XPUSH(out->rules, out->nrules, out->rules_cap);
        *slot = cr;
    }
    return 0;
}

/* An array of strings, each passed to check (when given) before it is kept. */
static int parse_strings(struct config_parser *cp, const cJSON *arr, const char *key, bool globs,
                         char ***items, size_t *count)
{
    char *where = xasprintf("\"%s\"", key);
    int rc = 0;
    if (!cJSON_IsArray(arr))
        rc = fail_type(cp, arr, where, "an array of strings");
    size_t i = 0, cap = 0;
    for (const cJSON *item = rc == 0 ? arr->child : NULL; item; item = item->next, i++) {
        char *at = xasprintf("\"%s\"[%zu]", key, i);
        const char *why = NULL;
        if (!cJSON_IsString(item))
            rc = fail_type(cp, item, at, "a string");
        else if (!globs && !item->valuestring[0])
            rc = fail_at(cp, item, at, "an empty argument");
        else if (globs && !pathglob_check(item->valuestring, &why)) {
            char *what = xasprintf("malformed glob '%s': %s", item->valuestring, why);
            rc = fail_at(cp, item, at, what);
            free(what);
        }
        free(at);
        if (rc < 0)
            break;
        *XPUSH(*items, *count, cap) = xstrdup(item->valuestring);
    }
    free(where);
    return rc;
}

/*
 * Models are kept as written (the driver adds them to the shipped ones), but checked here,
 * where the position of every node is known, so that a mistake in one names its line.
 */
static int parse_models(struct config_parser *cp, const cJSON *models, struct config *out)
{
    if (!cJSON_IsArray(models))
        return fail_type(cp, models, "\"models\"", "an array of model objects");
    size_t i = 0;
    for (const cJSON *item = models->child; item; item = item->next, i++) {
        if (!cJSON_IsObject(item)) {
            char *at = xasprintf("\"models\"[%zu]", i);
            fail_type(cp, item, at, "a model object");
            free(at);
            return -1;
        }
    }
    const cJSON *bad = NULL;
    if (models_check_array(models, cp->path, &bad, cp->err) < 0) {
        cp->err->kind = SC_ERROR_CONFIG;
        unsigned line = jsonpos_line(&cp->pos, bad);
        cp->err->line = line ? line : jsonpos_line(&cp->pos, models);
        return -1;
    }
    out->models = cJSON_Duplicate(models, 1);
    if (!out->models)
        (void)xmalloc(SIZE_MAX); /* cJSON's allocation failed: xalloc's out-of-memory exit */
    return 0;
}

static int parse_member(struct config_parser *cp, const cJSON *item, struct config *out)
{
    const char *key = item->string;
    if (strcmp(key, "rules") == 0)
        return parse_rules(cp, item, out);
    if (strcmp(key, "include") == 0)
        return parse_strings(cp, item, key, true, &out->include, &out->ninclude);
    if (strcmp(key, "exclude") == 0)
        return parse_strings(cp, item, key, true, &out->exclude, &out->nexclude);
    if (strcmp(key, "compiler_args") == 0)
        return parse_strings(cp, item, key, false, &out->compiler_args, &out->ncompiler_args);
    if (strcmp(key, "models") == 0)
        return parse_models(cp, item, out);
    if (strcmp(key, "$schema") == 0)
        return cJSON_IsString(item) ? 0 : fail_type(cp, item, "\"$schema\"", "a string");
    char *what = xasprintf("unknown key \"%s\" (known: rules, include, exclude, compiler_args, "
                           "models, $schema)",
                           key);
    fail_at(cp, item, "the configuration", what);
    free(what);
    return -1;
}

/* A syntax error, at the line and column where the text stops being JSON. */
static int fail_syntax(struct config_parser *cp, const char *text, size_t len, size_t stop)
{
    char where[64];
    jsonpos_describe(text, len, stop, where, sizeof where);
    sc_error_set(cp->err, SC_ERROR_CONFIG, cp->path, jsonpos_line_at(text, len, stop),
                 "not valid JSON: %s (JSON has no comments and no trailing commas)", where);
    return -1;
}

static int parse_root(struct config_parser *cp, const cJSON *root, struct config *out)
{
    if (!cJSON_IsObject(root))
        return fail_type(cp, root, "the configuration", "a JSON object");
    if (check_duplicates(cp, root, "the configuration") < 0)
        return -1;
    for (const cJSON *item = root->child; item; item = item->next) {
        if (parse_member(cp, item, out) < 0)
            return -1;
    }
    return 0;
}

int config_parse(const char *text, size_t len, const char *path, struct config *out,
                 struct sc_error *err)
{
    memset(out, 0, sizeof *out);
    struct config_parser cp = {.path = path, .err = err};
    size_t stop = 0;
    cJSON *root = jsonpos_parse(text, len, &stop);
    if (!root)
        return fail_syntax(&cp, text, len, stop);
    jsonpos_init(&cp.pos, text, len, root);
    int rc = parse_root(&cp, root, out);
    cJSON_Delete(root);
    jsonpos_fini(&cp.pos);
    if (rc < 0)
        config_fini(out);
    else
        out->path = xstrdup(path);
    return rc;
}

int config_load(const char *path, struct config *out, struct sc_error *err)
{
    memset(out, 0, sizeof *out);
    size_t len = 0;
    char *text = srcfile_read(path, &len);
    if (!text) {
        sc_error_set(err, SC_ERROR_CONFIG, path, 0,
                     "cannot read the configuration: %s; make it a readable JSON file, or run "
                     "with --no-config",
                     srcfile_read_error(path, errno));
        return -1;
    }
    int rc = config_parse(text, len, path, out, err);
    free(text);
    return rc;
}

/*
 * Whether anything is at path: a directory, a FIFO or a dangling link named .sockcheck.json
 * is found too, so that config_load says what is wrong with it instead of the search going
 * on above and silently using another file, or none.
 */
static bool exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

char *config_find(const char *start)
{
    char *cwd = path_cwd();
    char *abs = path_join_normalise(cwd, start ? start : ".");
    free(cwd);
    char *real = path_real(abs);
    char *dir = real ? real : abs;
    if (real)
        free(abs);
    struct stat st;
    if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
        char *parent = path_join_normalise(dir, "..");
        free(dir);
        dir = parent;
    }
    for (;;) {
        char *candidate = path_join_normalise(dir, CONFIG_FILE_NAME);
        if (exists(candidate)) {
            free(dir);
            return candidate;
        }
        free(candidate);
        if (strcmp(dir, "/") == 0)
            break;
        char *parent = path_join_normalise(dir, "..");
        free(dir);
        dir = parent;
    }
    free(dir);
    return NULL;
}

static void free_strings(char **items, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(items[i]);
    free(items);
}

void config_fini(struct config *cfg)
{
    free(cfg->path);
    free(cfg->rules);
    free_strings(cfg->include, cfg->ninclude);
    free_strings(cfg->exclude, cfg->nexclude);
    free_strings(cfg->compiler_args, cfg->ncompiler_args);
    cJSON_Delete(cfg->models);
    memset(cfg, 0, sizeof *cfg);
}

static bool any_match(char *const *globs, size_t n, const char *path)
{
    for (size_t i = 0; i < n; i++) {
        if (pathglob_match(globs[i], path))
            return true;
    }
    return false;
}

bool config_path_selected(const struct config *cfg, const char *rel_path)
{
    if (!cfg)
        return true;
    if (cfg->ninclude > 0 && (!rel_path || !any_match(cfg->include, cfg->ninclude, rel_path)))
        return false;
    return !rel_path || !any_match(cfg->exclude, cfg->nexclude, rel_path);
}
