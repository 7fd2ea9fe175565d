#include "rule_doc.h"

#include "embedded.h"

#include <stdio.h>
#include <string.h>

const char *rule_doc_page(const struct rule *rule)
{
    char name[32];
    snprintf(name, sizeof name, "%s.md", rule->id);
    for (const struct embedded_file *f = rule_docs_files; f->name; f++)
        if (strcmp(f->name, name) == 0)
            return f->data;
    return NULL;
}
