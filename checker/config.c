/*
 * .sockcheck.json. cJSON parses the text; a second, tiny scan of the same text records where
 * each cJSON node starts, so that every error can name its line (cJSON keeps no positions).
 */
#include "config.h"

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

/* Where one node of the parsed tree starts in the text (an object member: at its key). */
struct node_pos {
    const cJSON *node;
    size_t offset;
};

/* The context of one parse: the text, the node positions, and where errors go. */
struct config_parser {
    const char *text;
    size_t len;
    const char *path;
    struct node_pos *pos;
    size_t npos;
    size_t pos_cap;
    struct sc_error *err;
};

/* ---- positions ------------------------------------------------------------------------- */

struct scan {
    const char *p;
    const char *end;
};

static void scan_blanks(struct scan *s)
{
    while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
        s->p++;
}

static void scan_string(struct scan *s)
{
    s->p++; /* the opening quote */
    while (s->p < s->end && *s->p != '"') {
        if (*s->p == '\\')
            s->p++;
        s->p++;
    }
    if (s->p < s->end)
        s->p++;
}

static void record(struct config_parser *cp, const cJSON *node, const char *at)
{
    struct node_pos *np = XPUSH(cp->pos, cp->npos, cp->pos_cap);
    np->node = node;
    np->offset = (size_t)(at - cp->text);
}

/*
 * Walks the text of a value that cJSON parsed into node, recording each child's position.
 * The text is known to be valid JSON, and cJSON keeps children in document order (duplicate
 * keys included), so text and tree can be walked in step.
 */
static void scan_value(struct config_parser *cp, struct scan *s, const cJSON *node)
{
    scan_blanks(s);
    if (s->p >= s->end)
        return;
    if (*s->p == '{' || *s->p == '[') {
        bool object = *s->p == '{';
        s->p++;
        for (const cJSON *child = node->child; child; child = child->next) {
            scan_blanks(s);
            record(cp, child, s->p);
            if (object) {
                scan_string(s);
                scan_blanks(s);
                s->p++; /* ':' */
            }
            scan_value(cp, s, child);
            scan_blanks(s);
            if (s->p < s->end && *s->p == ',')
                s->p++;
        }
        scan_blanks(s);
        s->p++; /* '}' or ']' */
    } else if (*s->p == '"') {
        scan_string(s);
    } else {
        while (s->p < s->end && !strchr(",]} \t\r\n", *s->p))
            s->p++;
    }
}

static unsigned line_at(const struct config_parser *cp, size_t offset)
{
    unsigned line = 1;
    for (size_t i = 0; i < offset && i < cp->len; i++)
        line += cp->text[i] == '\n';
    return line;
}

static unsigned line_of(const struct config_parser *cp, const cJSON *node)
{
    for (size_t i = 0; i < cp->npos; i++) {
        if (cp->pos[i].node == node)
            return line_at(cp, cp->pos[i].offset);
    }
    return 0;
}

/* ---- errors ------------------------------------------------------------------------------ */

static const char *type_name(const cJSON *item)
{
    if (cJSON_IsObject(item))
        return "an object";
    if (cJSON_IsArray(item))
        return "an array";
    if (cJSON_IsString(item))
        return "a string";
    if (cJSON_IsNumber(item))
        return "a number";
    if (cJSON_IsBool(item))
        return "a boolean";
    return "null";
}

/* Fails at node: "<where>: <what>", on node's line. Returns -1 for the caller to pass on. */
static int fail_at(struct config_parser *cp, const cJSON *node, const char *where, const char *what)
{
    sc_error_set(cp->err, SC_ERROR_CONFIG, cp->path, line_of(cp, node), "%s: %s", where, what);
    return -1;
}

static int fail_type(struct config_parser *cp, const cJSON *node, const char *where,
                     const char *expected)
{
    char *what = xasprintf("expected %s, got %s", expected, type_name(node));
    fail_at(cp, node, where, what);
    free(what);
    return -1;
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

/* Models are kept as written; only their outer shape is checked here (docs/models.md). */
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
    out->models = cJSON_Duplicate(models, 1);
    if (!out->models)
        (void)xmalloc(SIZE_MAX); /* cJSON's allocation failed: xalloc's out-of-memory exit */
    return 0;
}

/* A key given twice: cJSON would silently use the first, so it is an error. */
static int check_duplicates(struct config_parser *cp, const cJSON *obj, const char *where)
{
    for (const cJSON *a = obj->child; a; a = a->next) {
        for (const cJSON *b = a->next; b; b = b->next) {
            if (strcmp(a->string, b->string) == 0) {
                char *what = xasprintf("the key \"%s\" is given twice", b->string);
                fail_at(cp, b, where, what);
                free(what);
                return -1;
            }
        }
    }
    return 0;
}

static int parse_member(struct config_parser *cp, const cJSON *item, struct config *out)
{
    const char *key = item->string;
    if (strcmp(key, "rules") == 0)
        return check_duplicates(cp, item, "\"rules\"") < 0 ? -1 : parse_rules(cp, item, out);
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

/* A syntax error, at the line cJSON stopped on. */
static int fail_syntax(struct config_parser *cp, const char *stop)
{
    size_t offset = stop ? (size_t)(stop - cp->text) : 0;
    sc_error_set(cp->err, SC_ERROR_CONFIG, cp->path, line_at(cp, offset),
                 "not valid JSON (at byte %zu)", offset + 1);
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
    struct config_parser cp = {.text = text, .len = len, .path = path, .err = err};
    /* A UTF-8 byte order mark is what some editors write first; it is not JSON. */
    size_t skip = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text + skip, len - skip, &end, false);
    int rc = -1;
    if (!root) {
        fail_syntax(&cp, end);
        goto out;
    }
    struct scan s = {end, text + len};
    scan_blanks(&s);
    if (s.p < s.end) {
        fail_syntax(&cp, s.p);
        goto out;
    }
    s.p = text + skip;
    record(&cp, root, s.p);
    scan_value(&cp, &s, root);
    rc = parse_root(&cp, root, out);
out:
    cJSON_Delete(root);
    free(cp.pos);
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
        sc_error_set(err, SC_ERROR_CONFIG, path, 0, "cannot read the configuration: %s",
                     errno == EFBIG ? "the file is too large" : strerror(errno));
        return -1;
    }
    int rc = config_parse(text, len, path, out, err);
    free(text);
    return rc;
}

static bool is_regular_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
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
        if (is_regular_file(candidate)) {
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
