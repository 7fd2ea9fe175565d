/*
 * A rule: its metadata (what --list-rules, --explain, the docs and SARIF show) and its check,
 * which reads the analysis of one function and appends findings. Rules are listed, in id
 * order, in registry.c: adding a rule touches its file, that list, its doc and its testdata.
 */
#ifndef SOCKCHECK_RULE_H
#define SOCKCHECK_RULE_H

#include "sc.h"

#include <stddef.h>

struct rule_context;

typedef void (*rule_check_fn)(const struct rule_context *ctx);

struct rule {
    const char *id;   /* "SCK001" */
    const char *name; /* "missing-reuseaddr" */
    enum sc_level level;
    const char *summary;       /* one line: --list-rules, SARIF shortDescription */
    const char *description;   /* a paragraph: SARIF fullDescription */
    const char *help_text;     /* SARIF help.text */
    const char *help_markdown; /* SARIF help.markdown, --explain */
    const char *const *tags;   /* NULL-terminated */
    const char *precision;     /* "high" ... */
    rule_check_fn check;
};

/* Every rule, in id order; *count_out receives how many. Static storage. */
const struct rule *const *rule_registry(size_t *count_out);
/* The rule with this id or name (case-insensitive id), or NULL. */
const struct rule *rule_find(const char *id_or_name);
/* The documentation URL of a rule (static storage until the next call is not assumed:
 * the caller copies it). Written into buf of size len. */
void rule_help_uri(const struct rule *rule, char *buf, size_t len);

#define RULE_HELP_BASE "https://github.com/sockcheck/sockcheck/blob/main/docs/rules/"

#endif
