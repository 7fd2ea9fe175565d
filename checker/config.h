/*
 * The configuration file, .sockcheck.json (docs/configuration.md): rule levels, include and
 * exclude globs, extra compiler arguments, and user API models. This module reads and
 * checks the file into struct config; it decides nothing about a run (filter.h applies the
 * rules and globs, the driver the arguments, models.c the models). Every problem is an
 * error naming the file, the key and its line: a typo must never be silently ignored.
 */
#ifndef SOCKCHECK_CONFIG_H
#define SOCKCHECK_CONFIG_H

#include "sc.h"

#include <cjson/cJSON.h>

#include <stdbool.h>
#include <stddef.h>

struct rule;

#define CONFIG_FILE_NAME ".sockcheck.json"

/* One entry of "rules": a rule (or every rule) turned off, on, or given a level. */
struct config_rule {
    const struct rule *rule; /* NULL for the key "all" */
    bool off;
    bool has_level; /* false for "on": the rule's own level */
    enum sc_level level;
};

struct config {
    char *path; /* read-only: the file, as given or found; NULL for an empty config */
    struct config_rule *rules; /* read-only: in the file's order */
    size_t nrules;
    size_t rules_cap; /* private */
    char **include;   /* read-only: globs over root-relative paths */
    size_t ninclude;
    char **exclude; /* read-only */
    size_t nexclude;
    char **compiler_args; /* read-only: appended to every unit's arguments */
    size_t ncompiler_args;
    cJSON *models; /* read-only: the "models" array of objects as written, or NULL. Not
                      interpreted here: the schema is the API models' (docs/models.md) */
};

/*
 * Parses len bytes of configuration text; path names it in errors. Returns -1 and fills err
 * (kind SC_ERROR_CONFIG, file, line, '"rules"."SCK9": unknown rule ...') on the first
 * problem; *out is then empty. Ownership: *out holds heap copies; free with config_fini.
 */
int config_parse(const char *text, size_t len, const char *path, struct config *out,
                 struct sc_error *err) SC_MUST_CHECK;

/* Reads and parses the file at path; -1 with err when it cannot be read or is invalid. */
int config_load(const char *path, struct config *out, struct sc_error *err) SC_MUST_CHECK;

/*
 * The nearest .sockcheck.json in start's directory (start itself when it is a directory) or
 * any directory above it. start may be relative (to the current directory). Anything of that
 * name is found, a directory or a FIFO too, for config_load to refuse with a reason. Returns
 * a heap path the caller frees, or NULL when there is none.
 */
char *config_find(const char *start);

/* Releases what config_parse stored; an all-zero config is fine. */
void config_fini(struct config *cfg);

/*
 * Whether a root-relative path is selected by the include and exclude globs: included (or
 * no include list) and not excluded. A NULL path (a file outside the root) is matched by no
 * glob.
 */
bool config_path_selected(const struct config *cfg, const char *rel_path);

#endif
