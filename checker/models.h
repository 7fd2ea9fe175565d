/*
 * API models: what library functions without bodies do to the sockets passed to them or
 * returned by them, as data (SPEC §2 "API models"; cppcheck's .cfg files). The shipped models
 * (the JSON files in rules/models) are compiled in; users add their own in .sockcheck.json with the
 * same schema (docs/models.md). A later model of the same function replaces an earlier one.
 */
#ifndef SOCKCHECK_MODELS_H
#define SOCKCHECK_MODELS_H

#include "ir.h"
#include "sc.h"

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

/* What a call does to one socket, in the order the model lists. */
enum model_action {
    MODEL_CREATE,           /* the slot receives a new socket */
    MODEL_ENABLE_REUSE,     /* SO_REUSEADDR on (subject to enable_reuse_when) */
    MODEL_ENABLE_REUSEPORT, /* SO_REUSEPORT on */
    MODEL_DISABLE_REUSE,
    MODEL_BIND,
    MODEL_LISTEN,
    MODEL_CONNECT,
    MODEL_CLOSE,
    MODEL_ACTION_COUNT
};

/* A condition on a constant argument of the call; an argument that is not constant may
 * satisfy it (the analysis then assumes the effect happens: no finding from a guess). */
enum model_test { MODEL_TEST_HAS_BITS, MODEL_TEST_NONZERO, MODEL_TEST_EQUALS };

struct model_condition {
    unsigned arg;
    enum model_test test;
    long long value;
};

struct model_effect {
    char *slot; /* the socket, as a summary slot path: "$0", "*$1", "%ret" (summary.h) */
    enum model_action *actions;
    size_t nactions;
    enum ir_family family; /* of a created socket */
    enum ir_socktype socktype;
    struct model_condition *reuse_when; /* all must hold; none: always */
    size_t nreuse_when;
};

struct model_function {
    char *name;
    char *origin; /* the file that defined it, for messages */
    char *hint;   /* how to get reuse from it ("pass LEV_OPT_REUSEABLE"), or NULL */
    struct model_effect *effects;
    size_t neffects;
};

struct models;

/* An empty model set; free with models_free. */
struct models *models_new(void);
void models_free(struct models *models);
/* The shipped models (compiled in). Returns NULL with err only if they are malformed, which
 * the test suite rules out. Free with models_free. */
struct models *models_builtin(struct sc_error *err) SC_MUST_CHECK;
/*
 * Adds the models of a JSON document {"models": [...]} (text of len bytes; origin names it in
 * messages). Returns -1 with err (kind SC_ERROR_CONFIG, file origin, the line, the entry and
 * what is wrong); nothing is added then.
 */
int models_add_json(struct models *models, const char *text, size_t len, const char *origin,
                    struct sc_error *err) SC_MUST_CHECK;
/* Adds the models of a parsed array of model objects (from .sockcheck.json's "models"). The
 * error names no line (a parsed tree has none); models_check_array says where. */
int models_add_array(struct models *models, const cJSON *array, const char *origin,
                     struct sc_error *err) SC_MUST_CHECK;
/*
 * Checks an array as models_add_array reads it, keeping nothing: -1 with err as there, and
 * *bad_out the node at fault (borrowed from array), for a reader that knows where each node
 * is (config.c) to name its line.
 */
int models_check_array(const cJSON *array, const char *origin, const cJSON **bad_out,
                       struct sc_error *err) SC_MUST_CHECK;
/* The model of a function, or NULL; borrowed from models. */
const struct model_function *models_find(const struct models *models, const char *name);
/* The number of models, and model i of them in name order (borrowed, valid while models is
 * unchanged): for the prescan, which looks for every modelled name. models may be NULL. */
size_t models_count(const struct models *models);
const struct model_function *models_at(const struct models *models, size_t i);
/* Whether a model's condition list holds for a call's constant arguments (values may be NULL).
 * An argument that is not constant may hold: true. */
bool models_conditions_may_hold(const struct model_condition *conds, size_t nconds,
                                const struct ir_const *values, size_t nvalues);

#endif
