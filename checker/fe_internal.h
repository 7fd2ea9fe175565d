/*
 * Shared by fe_*.c only: the one header that includes clang-c/Index.h (STYLE §3.4).
 */
#ifndef SOCKCHECK_FE_INTERNAL_H
#define SOCKCHECK_FE_INTERNAL_H

#include "facts.h"
#include "ir.h"

#include <clang-c/Index.h>
#include <stdbool.h>

/*
 * The unit's own values of the socket constants, read from probe enumerators appended to the
 * main file (fe_parse.c), so that classification follows the unit's target and headers.
 */
/* clang-format off */
#define FE_CONSTANTS(X) \
    X(SOL_SOCKET) \
    X(SO_REUSEADDR) \
    X(SO_REUSEPORT) \
    X(SO_EXCLUSIVEADDRUSE) \
    X(AF_INET) \
    X(AF_INET6) \
    X(AF_UNIX) \
    X(AF_LOCAL) \
    X(PF_INET) \
    X(PF_INET6) \
    X(PF_UNIX) \
    X(PF_LOCAL) \
    X(SOCK_STREAM) \
    X(SOCK_DGRAM) \
    X(SOCK_SEQPACKET) \
    X(SOCK_RAW) \
    X(SOCK_NONBLOCK) \
    X(SOCK_CLOEXEC) \
    X(_WIN32)
/* clang-format on */

enum fe_constant {
#define FE_CONST_ENUM(name) FE_C_##name,
    FE_CONSTANTS(FE_CONST_ENUM)
#undef FE_CONST_ENUM
        FE_C_COUNT
};

#define FE_PROBE_PREFIX "sockcheck_probe_"

struct fe_constants {
    struct ir_const value[FE_C_COUNT];
};

/* What lowering a unit needs: the parsed unit, its constants, and the facts being built. */
struct fe_unit {
    CXTranslationUnit tu;
    struct fe_constants consts;
    struct facts *facts;
    CXFile main_file;
};

/* fe_eval.c */
/* Evaluates an integer constant expression; false when it is not one. */
bool fe_eval_int(CXCursor expr, long long *out);
/* The value of a narrow string literal (after stripping casts), as a heap copy the caller
 * frees; NULL for anything else, a wide literal, or one longer than max bytes. */
char *fe_string_literal(CXCursor expr, size_t max);
/* Strips parentheses, implicit conversions and casts. */
CXCursor fe_strip(CXCursor expr);
/* The children of a cursor, in order; *out is a heap array the caller frees. */
unsigned fe_children(CXCursor cursor, CXCursor **out);
/* A CXString copied to the heap (caller frees) and disposed. */
char *fe_str_consume(CXString s);
/* The spelling of the first token at the start of range, or "" (into buf). */
void fe_token_between(CXTranslationUnit tu, CXSourceLocation from, CXSourceLocation to, char *buf,
                      size_t len);
/* The index in the unit's file table of file (the main file is 0; NULL counts as main). */
unsigned fe_file_index(struct fe_unit *u, CXFile file);
/* The source range of cursor as seen in the user's file (macro uses, not definitions). */
struct sc_range fe_range(struct fe_unit *u, CXCursor cursor);
/* The tokens of cursor joined by single spaces (at most max_tokens); caller frees. */
char *fe_normalised_text(CXTranslationUnit tu, CXCursor cursor, unsigned max_tokens);
/* Whether the canonical type is an integer type (sockets are ints, SOCKETs are UINT_PTR). */
bool fe_is_integer_type(CXType type);
enum ir_family fe_classify_family(const struct fe_constants *c, long long value);
enum ir_socktype fe_classify_socktype(const struct fe_constants *c, long long value);
enum ir_family fe_family_of_address(CXCursor addr_arg);

/* fe_lower.c */
/* Lowers one function definition into a new function of u->facts. */
void fe_lower_function(struct fe_unit *u, CXCursor fn);

#endif
