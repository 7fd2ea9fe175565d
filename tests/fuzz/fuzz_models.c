/*
 * The API model reader (models_add_json, which also reads the shipped models) on arbitrary
 * text, added to a set that already holds a model: an error names the file and a line within
 * the text and adds nothing; an accepted document is in the set as written (the last model of
 * each function, with its effects and actions), and the earlier model is kept unless replaced.
 */
#include "fuzz.h"
#include "models.h"

#include <string.h>

#define ORIGIN "/fuzz/models.json"

static const char base[] = "{\"models\": [{\"function\": \"kept\", \"effects\": [{\"socket\": "
                           "\"arg0\", \"actions\": [\"bind\"]}]}]}";

static unsigned count_lines(const char *text, size_t len)
{
    unsigned n = 1;
    for (size_t i = 0; i < len; i++)
        n += text[i] == '\n';
    return n;
}

/* The model the set holds for "kept" is still the one of base. */
static bool is_base_model(const struct model_function *f)
{
    return f && f->neffects == 1 && f->effects[0].nactions == 1 &&
           f->effects[0].actions[0] == MODEL_BIND && strcmp(f->origin, "base") == 0;
}

/* The last model object of name in the array, or NULL. */
static const cJSON *last_model(const cJSON *array, const char *name)
{
    const cJSON *found = NULL, *item;
    cJSON_ArrayForEach(item, array)
    {
        const cJSON *fn = cJSON_GetObjectItemCaseSensitive(item, "function");
        if (strcmp(fn->valuestring, name) == 0)
            found = item;
    }
    return found;
}

static void check_model(const struct model_function *f, const cJSON *obj)
{
    const char *name = cJSON_GetObjectItemCaseSensitive(obj, "function")->valuestring;
    FUZZ_CHECK(f != NULL, "model of '%s' missing", name);
    FUZZ_CHECK(strcmp(f->origin, ORIGIN) == 0, "'%s' from %s", name, f->origin);
    const cJSON *effects = cJSON_GetObjectItemCaseSensitive(obj, "effects");
    FUZZ_CHECK(f->neffects == (size_t)cJSON_GetArraySize(effects), "'%s': %zu effects", name,
               f->neffects);
    size_t i = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, effects)
    {
        const cJSON *actions = cJSON_GetObjectItemCaseSensitive(e, "actions");
        FUZZ_CHECK(f->effects[i].nactions == (size_t)cJSON_GetArraySize(actions),
                   "'%s' effect %zu: %zu actions", name, i, f->effects[i].nactions);
        for (size_t a = 0; a < f->effects[i].nactions; a++)
            FUZZ_CHECK(f->effects[i].actions[a] < MODEL_ACTION_COUNT, "action out of range");
        FUZZ_CHECK(f->effects[i].slot && f->effects[i].slot[0], "'%s': no slot", name);
        i++;
    }
    const cJSON *hint = cJSON_GetObjectItemCaseSensitive(obj, "hint");
    FUZZ_CHECK(hint ? f->hint && strcmp(f->hint, hint->valuestring) == 0 : !f->hint, "'%s': hint",
               name);
}

static void check_accepted(const struct models *models, const char *text, size_t len)
{
    /* Accepted text is JSON without a NUL byte, so cJSON reads the same tree. */
    cJSON *root = cJSON_ParseWithLength(text, len);
    FUZZ_CHECK(root != NULL, "accepted text is not JSON");
    const cJSON *array = cJSON_GetObjectItemCaseSensitive(root, "models");
    const cJSON *item;
    bool replaced = false;
    cJSON_ArrayForEach(item, array)
    {
        const char *name = cJSON_GetObjectItemCaseSensitive(item, "function")->valuestring;
        replaced = replaced || strcmp(name, "kept") == 0;
        FUZZ_CHECK(item == last_model(array, name) || models_find(models, name) != NULL,
                   "'%s' lost", name);
        if (item == last_model(array, name))
            check_model(models_find(models, name), item);
    }
    if (!replaced)
        FUZZ_CHECK(is_base_model(models_find(models, "kept")), "the earlier model changed");
    cJSON_Delete(root);
}

static void check_refused(const struct models *models, const struct sc_error *err, const char *text,
                          size_t len)
{
    FUZZ_CHECK(err->kind == SC_ERROR_CONFIG && err->message[0], "error without a message");
    FUZZ_CHECK(strcmp(err->file, ORIGIN) == 0, "error names %s", err->file);
    unsigned lines = count_lines(text, len);
    FUZZ_CHECK(err->line >= 1 && err->line <= lines, "line %u of %u: %s", err->line, lines,
               err->message);
    FUZZ_CHECK(is_base_model(models_find(models, "kept")), "a refused document changed the set");
    /* Nothing of the refused document was added. */
    cJSON *root = cJSON_ParseWithLength(text, len);
    const cJSON *item;
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(root, "models"))
    {
        const cJSON *fn = cJSON_GetObjectItemCaseSensitive(item, "function");
        if (cJSON_IsString(fn) && strcmp(fn->valuestring, "kept") != 0)
            FUZZ_CHECK(models_find(models, fn->valuestring) == NULL, "'%s' added after an error",
                       fn->valuestring);
    }
    cJSON_Delete(root);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    struct models *models = models_new();
    struct sc_error err;
    sc_error_clear(&err);
    FUZZ_CHECK(models_add_json(models, base, strlen(base), "base", &err) == 0, "base: %s",
               err.message);
    if (models_add_json(models, text, size, ORIGIN, &err) == 0)
        check_accepted(models, text, size);
    else
        check_refused(models, &err, text, size);
    models_free(models);
    return 0;
}
