/*
 * Files compiled into the binary at build time (cmake/EmbedFiles.cmake): the shipped API models
 * and the rule documentation pages.
 */
#ifndef SOCKCHECK_EMBEDDED_H
#define SOCKCHECK_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
    const char *name; /* the file's base name, e.g. "posix.json"; NULL ends a table */
    const char *data; /* its bytes, NUL-terminated */
    size_t len;
};

/* The JSON files of rules/models, in name order; static storage. */
extern const struct embedded_file models_builtin_files[];
/* The pages of docs/rules ("SCK001.md" ...), in name order; static storage. */
extern const struct embedded_file rule_docs_files[];

#endif
