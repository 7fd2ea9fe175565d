/*
 * Fixes from rules: helpers that attach edits to a finding, in the terms of the code (a
 * range to replace, lines to put before a statement, a header to include). checker/fix.c
 * turns them into edits of the file's text, and drops a fix that cannot be applied there.
 * A rule attaches a fix only when it is correct wherever it applies (docs/rules/SCKnnn.md,
 * "Fix safety"); these helpers refuse the cases they cannot vouch for.
 *
 * They take the facts of the unit whose ranges they are given and the project root (what
 * rule_location needs), not a rule_context, so that they do not depend on how the analysis
 * hands a rule its function.
 */
#ifndef SOCKCHECK_RULE_FIX_H
#define SOCKCHECK_RULE_FIX_H

#include "rule_api.h"

#include <stdbool.h>

/* Sets what the fix of f does ("Set SO_REUSEADDR on 'fd' before bind()"); copied. */
void rule_fix_describe(struct finding *f, const char *description);

/* Replaces the code of range with text (SCK004: the level argument with "SOL_SOCKET"). */
void rule_fix_replace(const struct facts *facts, const char *root, struct finding *f,
                      struct sc_range range, const char *text);

/*
 * Puts lines ("\n"-separated; the second and later a level deeper) before the statement that
 * holds event at, in that statement's indentation. Returns false (adding nothing) when the
 * statement's range is unknown.
 */
bool rule_fix_insert_before(const struct facts *facts, const char *root, struct finding *f,
                            const struct ir_event *at, const char *lines);

/* Makes the file of range include header ("<stdio.h>") if it does not already. */
void rule_fix_include(const struct facts *facts, const char *root, struct finding *f,
                      struct sc_range range, const char *header);

/*
 * The C expression of an access path (ir.h) when it is a plain one that can be written
 * anywhere its root variable is in scope: "fd", "srv->fd", "cfg.listen.fd", "::g" as "g".
 * NULL for array elements, dereferences, return values and shadowed names. Caller frees.
 */
char *rule_fix_sock_expr(const char *access_path);

/*
 * The fix of a socket bound without SO_REUSEADDR (SCK001): before the statement holding at
 * (the bind(), or the call that binds the socket), a checked setsockopt(SOL_SOCKET,
 * SO_REUSEADDR) on the socket sock (an access path), as written, and #include <stdio.h> for
 * the perror() it calls on failure. Offered only when sock is a plain access path
 * (rule_fix_sock_expr) and the socket was not created inside that statement (it must exist
 * where the call is inserted); create is the socket() event in the same function, or NULL
 * (a parameter, a socket created elsewhere).
 */
void rule_fix_reuseaddr(const struct facts *facts, const char *root, struct finding *f,
                        const struct ir_event *at, const char *sock, const struct ir_event *create);

#endif
