/*
 * The rule documentation pages (docs/rules/<ID>.md), compiled into the binary at build time
 * (cmake/EmbedFiles.cmake): the single source of --explain (STYLE §6). This module only finds
 * a page; printing it is main's business.
 */
#ifndef SOCKCHECK_RULE_DOC_H
#define SOCKCHECK_RULE_DOC_H

#include "rule.h"

/* The page of a rule, Markdown with its front matter; static storage, never freed. NULL when
 * no page was compiled in for it (the meta-test keeps that from happening). */
const char *rule_doc_page(const struct rule *rule);

#endif
