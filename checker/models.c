/*
 * API models: the JSON schema of docs/models.md read with cJSON, checked strictly (an unknown
 * member, action or slot is an error naming the file and the entry), kept sorted by name.
 */
#include "models.h"

#include "embedded.h"
#include "jsonpos.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct models {
    struct model_function *items; /* sorted by name, unique */
    size_t count;
    size_t cap;
};

static const char *const action_names[MODEL_ACTION_COUNT] = {
    "create", "enable_reuse", "enable_reuseport", "disable_reuse",
    "bind",   "listen",       "connect",          "close",
};

struct models *models_new(void)
{
    return xcalloc(1, sizeof(struct models));
}

static void effect_fini(struct model_effect *e)
{
    free(e->slot);
    free(e->actions);
    free(e->reuse_when);
}

static void function_fini(struct model_function *f)
{
    free(f->name);
    free(f->origin);
    free(f->hint);
    for (size_t i = 0; i < f->neffects; i++)
        effect_fini(&f->effects[i]);
    free(f->effects);
    memset(f, 0, sizeof *f);
}

void models_free(struct models *models)
{
    if (!models)
        return;
    for (size_t i = 0; i < models->count; i++)
        function_fini(&models->items[i]);
    free(models->items);
    free(models);
}

/* ---- reading ------------------------------------------------------------------------ */

struct reader {
    const char *origin;
    char where[160];  /* "models[3] (evconnlistener_new_bind)" */
    const cJSON *bad; /* what is wrong, for the caller to find its line */
    struct sc_error *err;
};

/* Fails at node: "<where>: <what>", without a line (the caller knows where node is). */
static int fail(struct reader *rd, const cJSON *node, const char *fmt, const char *detail)
{
    char what[512];
    snprintf(what, sizeof what, fmt, detail ? detail : "");
    rd->bad = node;
    sc_error_set(rd->err, SC_ERROR_CONFIG, rd->origin, 0, "%s: %s", rd->where, what);
    return -1;
}

/*
 * Whether every member of obj is one of allowed (at most 8), each once; *bad_out: the first
 * that is not. A member given twice is refused as the configuration refuses a key given
 * twice: cJSON would silently read the first (issue 8, found by fuzz_config).
 */
static bool only_members(const cJSON *obj, const char *const *allowed, const cJSON **bad_out)
{
    unsigned seen = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, obj)
    {
        size_t i = 0;
        while (allowed[i] && !(item->string && strcmp(item->string, allowed[i]) == 0))
            i++;
        if (!allowed[i] || (seen & (1u << i))) {
            *bad_out = item;
            return false;
        }
        seen |= 1u << i;
    }
    return true;
}

/* Why only_members refused bad: "unknown member 'x'" or "member 'x' given twice". */
static const char *member_problem(const cJSON *bad, const char *const *allowed)
{
    for (size_t i = 0; allowed[i]; i++) {
        if (bad->string && strcmp(bad->string, allowed[i]) == 0)
            return "member '%s' given twice";
    }
    return "unknown member '%s'";
}

/* The name of a member for a message. */
static const char *key_of(const cJSON *member)
{
    return member && member->string ? member->string : "?";
}

/*
 * Whether v is a whole number that a long long holds exactly. Converting a double out of
 * long long's range is undefined, so the range is checked first (±2^53: exact in a double).
 */
static bool is_integer(double v)
{
    return v >= -9007199254740992.0 && v <= 9007199254740992.0 && v == (double)(long long)v;
}

/* "arg2" → "$2", "*arg0" → "*$0", "return" → "%ret". */
static char *slot_of(const char *socket)
{
    if (strcmp(socket, "return") == 0)
        return xstrdup("%ret");
    const char *p = socket;
    bool deref = *p == '*';
    if (deref)
        p++;
    if (strncmp(p, "arg", 3) != 0 || !p[3] || strspn(p + 3, "0123456789") != strlen(p + 3) ||
        strlen(p + 3) > 3)
        return NULL;
    return xasprintf("%s$%s", deref ? "*" : "", p + 3);
}

/* The "actions" of the effect obj (where a missing one is reported). */
static int read_actions(struct reader *rd, const cJSON *obj, struct model_effect *e)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(obj, "actions");
    if (!cJSON_IsArray(arr))
        return fail(rd, arr ? arr : obj, "\"actions\" must be an array of action names%s", NULL);
    e->nactions = (size_t)cJSON_GetArraySize(arr);
    e->actions = xcalloc(e->nactions + 1, sizeof *e->actions);
    size_t i = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, arr)
    {
        int found = -1;
        for (int a = 0; cJSON_IsString(item) && a < MODEL_ACTION_COUNT; a++)
            if (strcmp(item->valuestring, action_names[a]) == 0)
                found = a;
        if (found < 0)
            return fail(rd, item,
                        "unknown action '%s' (known: create, enable_reuse, enable_reuseport, "
                        "disable_reuse, bind, listen, connect, close)",
                        cJSON_IsString(item) ? item->valuestring : "?");
        e->actions[i++] = (enum model_action)found;
    }
    return 0;
}

static int read_condition(struct reader *rd, const cJSON *obj, struct model_condition *c)
{
    static const char *const members[] = {"arg", "has_bits", "nonzero", "equals", NULL};
    const cJSON *bad = NULL;
    if (!cJSON_IsObject(obj) || !only_members(obj, members, &bad))
        return fail(rd, obj,
                    "a condition is {\"arg\": N, and one of \"has_bits\", \"nonzero\", "
                    "\"equals\"}%s",
                    NULL);
    const cJSON *arg = cJSON_GetObjectItemCaseSensitive(obj, "arg");
    if (!cJSON_IsNumber(arg) || arg->valuedouble < 0 || arg->valuedouble > 255 ||
        arg->valuedouble != (double)(unsigned)arg->valuedouble)
        return fail(rd, arg ? arg : obj, "condition \"arg\" must be an argument index from 0%s",
                    NULL);
    c->arg = (unsigned)arg->valuedouble;
    const cJSON *bits = cJSON_GetObjectItemCaseSensitive(obj, "has_bits");
    const cJSON *nonzero = cJSON_GetObjectItemCaseSensitive(obj, "nonzero");
    const cJSON *equals = cJSON_GetObjectItemCaseSensitive(obj, "equals");
    if ((bits != NULL) + (nonzero != NULL) + (equals != NULL) != 1)
        return fail(rd, obj, "a condition needs exactly one of has_bits, nonzero, equals%s", NULL);
    const cJSON *num = bits ? bits : equals;
    if (nonzero) {
        if (!cJSON_IsTrue(nonzero))
            return fail(rd, nonzero, "\"nonzero\" must be true%s", NULL);
        c->test = MODEL_TEST_NONZERO;
        return 0;
    }
    if (!cJSON_IsNumber(num) || !is_integer(num->valuedouble))
        return fail(rd, num, "\"has_bits\" and \"equals\" take an integer%s", NULL);
    c->test = bits ? MODEL_TEST_HAS_BITS : MODEL_TEST_EQUALS;
    c->value = (long long)num->valuedouble;
    return 0;
}

static int read_kind(struct reader *rd, const cJSON *obj, const char *key,
                     int (*parse)(const char *), int *out)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!item)
        return 0;
    int value = cJSON_IsString(item) ? parse(item->valuestring) : -1;
    if (value < 0)
        return fail(rd, item, "\"%s\" is not a known value", key);
    *out = value;
    return 0;
}

static int read_effect(struct reader *rd, const cJSON *obj, struct model_effect *e)
{
    static const char *const members[] = {"socket", "actions",           "family",
                                          "type",   "enable_reuse_when", NULL};
    const cJSON *bad = NULL;
    if (!cJSON_IsObject(obj))
        return fail(rd, obj, "an effect must be an object%s", NULL);
    if (!only_members(obj, members, &bad))
        return fail(rd, bad, member_problem(bad, members), key_of(bad));
    const cJSON *socket = cJSON_GetObjectItemCaseSensitive(obj, "socket");
    if (!cJSON_IsString(socket) || !(e->slot = slot_of(socket->valuestring)))
        return fail(rd, socket ? socket : obj,
                    "\"socket\" must be \"argN\", \"*argN\" or \"return\"%s", NULL);
    if (read_actions(rd, obj, e) < 0)
        return -1;
    int family = 0, type = 0;
    if (read_kind(rd, obj, "family", ir_family_parse, &family) < 0 ||
        read_kind(rd, obj, "type", ir_socktype_parse, &type) < 0)
        return -1;
    e->family = (enum ir_family)family;
    e->socktype = (enum ir_socktype)type;
    const cJSON *when = cJSON_GetObjectItemCaseSensitive(obj, "enable_reuse_when");
    if (!when)
        return 0;
    if (!cJSON_IsArray(when))
        return fail(rd, when, "\"enable_reuse_when\" must be an array of conditions%s", NULL);
    e->nreuse_when = (size_t)cJSON_GetArraySize(when);
    e->reuse_when = xcalloc(e->nreuse_when + 1, sizeof *e->reuse_when);
    size_t i = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, when)
    {
        if (read_condition(rd, c, &e->reuse_when[i++]) < 0)
            return -1;
    }
    return 0;
}

static int read_function(struct reader *rd, const cJSON *obj, size_t index,
                         struct model_function *f)
{
    static const char *const members[] = {"function", "effects", "description", "hint", NULL};
    snprintf(rd->where, sizeof rd->where, "models[%zu]", index);
    const cJSON *bad = NULL;
    if (!cJSON_IsObject(obj))
        return fail(rd, obj, "a model must be an object%s", NULL);
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(obj, "function");
    if (!cJSON_IsString(name) || !name->valuestring[0])
        return fail(rd, name ? name : obj, "\"function\" (the function's name) is required%s",
                    NULL);
    snprintf(rd->where, sizeof rd->where, "models[%zu] (%.100s)", index, name->valuestring);
    if (!only_members(obj, members, &bad))
        return fail(rd, bad, member_problem(bad, members), key_of(bad));
    const cJSON *effects = cJSON_GetObjectItemCaseSensitive(obj, "effects");
    if (!cJSON_IsArray(effects))
        return fail(rd, effects ? effects : obj,
                    "\"effects\" must be an array (empty: the call does nothing to sockets)%s",
                    NULL);
    const cJSON *hint = cJSON_GetObjectItemCaseSensitive(obj, "hint");
    if (hint && !cJSON_IsString(hint))
        return fail(rd, hint, "\"hint\" must be a string%s", NULL);
    f->name = xstrdup(name->valuestring);
    f->origin = xstrdup(rd->origin);
    f->hint = hint ? xstrdup(hint->valuestring) : NULL;
    f->neffects = (size_t)cJSON_GetArraySize(effects);
    f->effects = xcalloc(f->neffects + 1, sizeof *f->effects);
    size_t i = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, effects)
    {
        if (read_effect(rd, e, &f->effects[i++]) < 0)
            return -1;
    }
    return 0;
}

static int compare_functions(const void *a, const void *b)
{
    return strcmp(((const struct model_function *)a)->name,
                  ((const struct model_function *)b)->name);
}

/* A model read from an array, and its place there: of two models of one function, the later
 * one wins. */
struct placed {
    struct model_function *f;
    size_t index;
};

static int compare_placed(const void *pa, const void *pb)
{
    const struct placed *a = pa;
    const struct placed *b = pb;
    int c = strcmp(a->f->name, b->f->name);
    return c ? c : (a->index > b->index) - (a->index < b->index);
}

/*
 * Moves the n models of read into the set: each replaces a model of the same name, and of
 * several of one name in read the last wins. One sort for the whole batch, so that a file of
 * many models takes n log n, not a sort per model.
 */
static void insert_all(struct models *models, struct model_function *read, size_t n)
{
    struct placed *order = xcalloc(n + 1, sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = (struct placed){&read[i], i};
    qsort(order, n, sizeof *order, compare_placed);
    size_t old_count = models->count;
    for (size_t i = 0; i < n; i++) {
        struct model_function *f = order[i].f;
        if (i + 1 < n && strcmp(f->name, order[i + 1].f->name) == 0) {
            function_fini(f); /* a later model of the same function follows */
            continue;
        }
        struct model_function *old =
            old_count ? bsearch(f, models->items, old_count, sizeof *f, compare_functions) : NULL;
        if (old) {
            function_fini(old);
            *old = *f;
        } else {
            *XPUSH(models->items, models->count, models->cap) = *f;
        }
    }
    free(order);
    if (models->count > old_count)
        qsort(models->items, models->count, sizeof *models->items, compare_functions);
}

/* Reads array into models; on failure nothing is added and *bad_out is the node at fault. */
static int add_array(struct models *models, const cJSON *array, const char *origin,
                     const cJSON **bad_out, struct sc_error *err)
{
    struct reader rd = {origin, "models", NULL, err};
    int status = 0;
    if (!cJSON_IsArray(array))
        status = fail(&rd, array, "must be an array of models%s", NULL);
    size_t n = status == 0 ? (size_t)cJSON_GetArraySize(array) : 0;
    struct model_function *read = xcalloc(n + 1, sizeof *read);
    size_t i = 0;
    const cJSON *item;
    for (item = status == 0 ? array->child : NULL; item && status == 0; item = item->next, i++)
        status = read_function(&rd, item, i, &read[i]);
    if (status == 0) {
        insert_all(models, read, n);
    } else {
        for (size_t k = 0; k < n; k++)
            function_fini(&read[k]);
        *bad_out = rd.bad;
    }
    free(read);
    return status;
}

int models_add_array(struct models *models, const cJSON *array, const char *origin,
                     struct sc_error *err)
{
    const cJSON *bad = NULL;
    return add_array(models, array, origin, &bad, err);
}

int models_check_array(const cJSON *array, const char *origin, const cJSON **bad_out,
                       struct sc_error *err)
{
    struct models *scratch = models_new();
    *bad_out = NULL;
    int rc = add_array(scratch, array, origin, bad_out, err);
    models_free(scratch);
    return rc;
}

/* The document {"models": [...], "description": "..."} of models_add_json. */
static int add_document(struct models *models, const cJSON *root, const char *origin,
                        const cJSON **bad_out, struct sc_error *err)
{
    static const char *const members[] = {"models", "description", NULL};
    struct reader rd = {origin, "the document", NULL, err};
    const cJSON *bad = NULL;
    int status = 0;
    if (!cJSON_IsObject(root))
        status = fail(&rd, root, "a models file is an object {\"models\": [...]}%s", NULL);
    else if (!only_members(root, members, &bad))
        status = fail(&rd, bad, member_problem(bad, members), key_of(bad));
    if (status < 0) {
        *bad_out = rd.bad;
        return -1;
    }
    const cJSON *array = cJSON_GetObjectItemCaseSensitive(root, "models");
    return add_array(models, array ? array : root, origin, bad_out, err);
}

int models_add_json(struct models *models, const char *text, size_t len, const char *origin,
                    struct sc_error *err)
{
    size_t stop = 0;
    cJSON *root = jsonpos_parse(text, len, &stop);
    if (!root) {
        char where[64];
        jsonpos_describe(text, len, stop, where, sizeof where);
        sc_error_set(err, SC_ERROR_CONFIG, origin, jsonpos_line_at(text, len, stop),
                     "not valid JSON: %s", where);
        return -1;
    }
    const cJSON *bad = NULL;
    int status = add_document(models, root, origin, &bad, err);
    if (status < 0) {
        struct jsonpos pos;
        jsonpos_init(&pos, text, len, root);
        unsigned line = jsonpos_line(&pos, bad);
        err->line = line ? line : jsonpos_line(&pos, root);
        jsonpos_fini(&pos);
    }
    cJSON_Delete(root);
    return status;
}

struct models *models_builtin(struct sc_error *err)
{
    struct models *models = models_new();
    for (const struct embedded_file *f = models_builtin_files; f->name; f++) {
        if (models_add_json(models, f->data, f->len, f->name, err) < 0) {
            models_free(models);
            return NULL;
        }
    }
    return models;
}

const struct model_function *models_find(const struct models *models, const char *name)
{
    if (!models || !name || !models->count)
        return NULL;
    struct model_function key = {.name = (char *)name};
    return bsearch(&key, models->items, models->count, sizeof key, compare_functions);
}

size_t models_count(const struct models *models)
{
    return models ? models->count : 0;
}

const struct model_function *models_at(const struct models *models, size_t i)
{
    return models && i < models->count ? &models->items[i] : NULL;
}

bool models_conditions_may_hold(const struct model_condition *conds, size_t nconds,
                                const struct ir_const *values, size_t nvalues)
{
    for (size_t i = 0; i < nconds; i++) {
        const struct model_condition *c = &conds[i];
        if (!values || c->arg >= nvalues || !values[c->arg].known)
            continue;
        long long v = values[c->arg].value;
        bool holds = c->test == MODEL_TEST_NONZERO    ? v != 0
                     : c->test == MODEL_TEST_HAS_BITS ? (v & c->value) == c->value
                                                      : v == c->value;
        if (!holds)
            return false;
    }
    return true;
}
