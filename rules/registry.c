/* The one list of all rules, in id order (cppcheck's checks.cpp, Ruff's codes.rs). */
#include "rule.h"

#include <stdio.h>
#include <strings.h>

extern const struct rule rule_sck000;
extern const struct rule rule_sck001;
extern const struct rule rule_sck002;
extern const struct rule rule_sck003;
extern const struct rule rule_sck004;
extern const struct rule rule_sck005;
extern const struct rule rule_sck006;
extern const struct rule rule_sck007;
extern const struct rule rule_sck008;
extern const struct rule rule_sck009;
extern const struct rule rule_sck010;

static const struct rule *const all_rules[] = {
    &rule_sck000, &rule_sck001, &rule_sck002, &rule_sck003, &rule_sck004, &rule_sck005,
    &rule_sck006, &rule_sck007, &rule_sck008, &rule_sck009, &rule_sck010,
};

const struct rule *const *rule_registry(size_t *count_out)
{
    *count_out = sizeof all_rules / sizeof all_rules[0];
    return all_rules;
}

const struct rule *rule_find(const char *id_or_name)
{
    for (size_t i = 0; i < sizeof all_rules / sizeof all_rules[0]; i++) {
        if (strcasecmp(all_rules[i]->id, id_or_name) == 0 ||
            strcasecmp(all_rules[i]->name, id_or_name) == 0)
            return all_rules[i];
    }
    return NULL;
}

void rule_help_uri(const struct rule *rule, char *buf, size_t len)
{
    snprintf(buf, len, "%s%s.md", RULE_HELP_BASE, rule->id);
}
