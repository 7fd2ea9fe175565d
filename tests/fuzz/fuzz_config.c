/*
 * The configuration reader (config_parse) on arbitrary text: a configuration or an error,
 * never both; an error names the file and a line within the text; what it accepts, written
 * back as JSON, reads again to the same configuration; and its models are ones the driver
 * can add (models_add_array), since the run relies on the configuration having checked them.
 */
#include "config.h"
#include "fuzz.h"
#include "models.h"
#include "pathglob.h"
#include "rule.h"

#include <ctype.h>
#include <string.h>

#define PATH "/fuzz/.sockcheck.json"

static unsigned count_lines(const char *text, size_t len)
{
    unsigned n = 1;
    for (size_t i = 0; i < len; i++)
        n += text[i] == '\n';
    return n;
}

/*
 * The k-th spelling of a rule's key: ids and names are case-insensitive, so the same rule
 * may be given under several keys, which must stay distinct to be written back. Spellings:
 * the id with its letters in the 2^n case patterns, then the name in its patterns.
 */
static void spelling(const struct rule *rule, size_t k, char *buf, size_t size)
{
    size_t letters = 0;
    for (const char *p = rule->id; *p; p++)
        letters += isalpha((unsigned char)*p) != 0;
    const char *base = rule->id;
    if (k >= ((size_t)1 << letters)) {
        k -= (size_t)1 << letters;
        base = rule->name;
    }
    snprintf(buf, size, "%s", base);
    size_t bit = 0;
    for (char *p = buf; *p; p++) {
        if (!isalpha((unsigned char)*p))
            continue;
        *p = (char)((k >> bit) & 1 ? toupper((unsigned char)*p) : tolower((unsigned char)*p));
        bit = bit + 1 < 8 * sizeof k ? bit + 1 : bit;
    }
}

static const char *rule_value(const struct config_rule *cr)
{
    static const char *const levels[] = {"note", "warning", "error"};
    if (cr->off)
        return "off";
    return cr->has_level ? levels[cr->level] : "on";
}

static cJSON *strings(char **items, size_t n)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(arr, cJSON_CreateString(items[i]));
    return arr;
}

/* The configuration as JSON text that says the same; caller frees with cJSON_free. */
static char *write_back(const struct config *cfg)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *rules = cJSON_AddObjectToObject(root, "rules");
    for (size_t i = 0; i < cfg->nrules; i++) {
        const struct config_rule *cr = &cfg->rules[i];
        char key[128] = "all";
        if (cr->rule) {
            size_t k = 0; /* earlier entries of the same rule */
            for (size_t j = 0; j < i; j++)
                k += cfg->rules[j].rule == cr->rule;
            spelling(cr->rule, k, key, sizeof key);
        }
        cJSON_AddStringToObject(rules, key, rule_value(cr));
    }
    cJSON_AddItemToObject(root, "include", strings(cfg->include, cfg->ninclude));
    cJSON_AddItemToObject(root, "exclude", strings(cfg->exclude, cfg->nexclude));
    cJSON_AddItemToObject(root, "compiler_args", strings(cfg->compiler_args, cfg->ncompiler_args));
    if (cfg->models)
        cJSON_AddItemToObject(root, "models", cJSON_Duplicate(cfg->models, 1));
    char *text = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    return text;
}

static void check_same_strings(char **a, size_t na, char **b, size_t nb, const char *what)
{
    FUZZ_CHECK(na == nb, "%s: %zu then %zu", what, na, nb);
    for (size_t i = 0; i < na; i++)
        FUZZ_CHECK(strcmp(a[i], b[i]) == 0, "%s[%zu]: '%s' then '%s'", what, i, a[i], b[i]);
}

static void check_same(const struct config *a, const struct config *b)
{
    FUZZ_CHECK(a->nrules == b->nrules, "%zu rules, then %zu", a->nrules, b->nrules);
    for (size_t i = 0; i < a->nrules; i++) {
        const struct config_rule *x = &a->rules[i], *y = &b->rules[i];
        FUZZ_CHECK(x->rule == y->rule && x->off == y->off && x->has_level == y->has_level &&
                       (!x->has_level || x->level == y->level),
                   "rule entry %zu differs", i);
    }
    check_same_strings(a->include, a->ninclude, b->include, b->ninclude, "include");
    check_same_strings(a->exclude, a->nexclude, b->exclude, b->nexclude, "exclude");
    check_same_strings(a->compiler_args, a->ncompiler_args, b->compiler_args, b->ncompiler_args,
                       "compiler_args");
    FUZZ_CHECK(cJSON_Compare(a->models, b->models, 1) || (!a->models && !b->models),
               "models differ");
}

static void check_accepted(const struct config *cfg)
{
    FUZZ_CHECK(cfg->path && strcmp(cfg->path, PATH) == 0, "path %s", cfg->path);
    const char *why = NULL;
    for (size_t i = 0; i < cfg->ninclude; i++)
        FUZZ_CHECK(pathglob_check(cfg->include[i], &why), "include '%s'", cfg->include[i]);
    for (size_t i = 0; i < cfg->nexclude; i++)
        FUZZ_CHECK(pathglob_check(cfg->exclude[i], &why), "exclude '%s'", cfg->exclude[i]);
    for (size_t i = 0; i < cfg->ncompiler_args; i++)
        FUZZ_CHECK(cfg->compiler_args[i][0], "empty compiler argument %zu", i);
    if (cfg->models) {
        struct models *models = models_new();
        struct sc_error err;
        sc_error_clear(&err);
        int rc = models_add_array(models, cfg->models, PATH, &err);
        FUZZ_CHECK(rc == 0, "accepted models refused by the driver: %s", err.message);
        models_free(models);
    }
    char *text = write_back(cfg);
    struct config again;
    struct sc_error err;
    sc_error_clear(&err);
    int rc = config_parse(text, strlen(text), PATH, &again, &err);
    FUZZ_CHECK(rc == 0, "written back, refused: %s\n%s", err.message, text);
    check_same(cfg, &again);
    config_fini(&again);
    cJSON_free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    struct config cfg;
    struct sc_error err;
    sc_error_clear(&err);
    if (config_parse(text, size, PATH, &cfg, &err) == 0) {
        FUZZ_CHECK(err.kind == SC_ERROR_NONE, "error set on success: %s", err.message);
        check_accepted(&cfg);
    } else {
        FUZZ_CHECK(!cfg.path && !cfg.nrules && !cfg.ninclude && !cfg.nexclude &&
                       !cfg.ncompiler_args && !cfg.models,
                   "a configuration after an error");
        FUZZ_CHECK(err.kind == SC_ERROR_CONFIG && err.message[0], "error without a message");
        FUZZ_CHECK(strcmp(err.file, PATH) == 0, "error names %s", err.file);
        unsigned lines = count_lines(text, size);
        FUZZ_CHECK(err.line >= 1 && err.line <= lines, "line %u of %u: %s", err.line, lines,
                   err.message);
    }
    config_fini(&cfg);
    return 0;
}
