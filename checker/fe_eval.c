/*
 * Constants, cursor plumbing and source locations for the lowering: integer constant
 * evaluation, classification against the unit's own socket constants, and ranges as spelled
 * in the user's file (for a call through a macro, where the macro is used: SPEC §2).
 */
#include "fe_internal.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

char *fe_str_consume(CXString s)
{
    const char *c = clang_getCString(s);
    char *copy = xstrdup(c ? c : "");
    clang_disposeString(s);
    return copy;
}

struct children {
    CXCursor *items;
    size_t count;
    size_t cap;
};

static enum CXChildVisitResult collect_child(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct children *kids = data;
    *XPUSH(kids->items, kids->count, kids->cap) = c;
    return CXChildVisit_Continue;
}

unsigned fe_children(CXCursor cursor, CXCursor **out)
{
    struct children kids = {0};
    clang_visitChildren(cursor, collect_child, &kids);
    *out = kids.items;
    return (unsigned)kids.count;
}

/* The only child of a wrapper expression, or the cursor itself when it has another shape. */
static CXCursor last_child(CXCursor c)
{
    CXCursor *kids = NULL;
    unsigned n = fe_children(c, &kids);
    CXCursor result = n ? kids[n - 1] : clang_getNullCursor();
    free(kids);
    return result;
}

CXCursor fe_strip(CXCursor expr)
{
    for (;;) {
        enum CXCursorKind kind = clang_getCursorKind(expr);
        if (kind != CXCursor_ParenExpr && kind != CXCursor_UnexposedExpr &&
            kind != CXCursor_CStyleCastExpr)
            return expr;
        CXCursor inner = last_child(expr);
        if (clang_Cursor_isNull(inner) || !clang_isExpression(clang_getCursorKind(inner)))
            return expr;
        expr = inner;
    }
}

bool fe_eval_int(CXCursor expr, long long *out)
{
    if (clang_Cursor_isNull(expr) || !clang_isExpression(clang_getCursorKind(expr)))
        return false;
    CXEvalResult r = clang_Cursor_Evaluate(expr);
    if (!r)
        return false;
    bool ok = clang_EvalResult_getKind(r) == CXEval_Int;
    if (ok)
        *out = clang_EvalResult_getAsLongLong(r);
    clang_EvalResult_dispose(r);
    return ok;
}

/* Only char literals: a wide literal's bytes are not the text the rules look for. */
static bool is_narrow_string(CXCursor literal)
{
    CXType element = clang_getArrayElementType(clang_getCursorType(literal));
    enum CXTypeKind kind = clang_getCanonicalType(element).kind;
    return kind == CXType_Char_S || kind == CXType_Char_U || kind == CXType_SChar ||
           kind == CXType_UChar;
}

/* libclang evaluates the array-to-pointer conversion around a literal, not the literal itself:
 * the first wrapper on the way down from expr that evaluates to a string gives its value. */
static char *evaluated_string(CXCursor expr, size_t max)
{
    for (CXCursor c = expr; clang_getCursorKind(c) != CXCursor_StringLiteral; c = last_child(c)) {
        if (clang_Cursor_isNull(c))
            return NULL;
        CXEvalResult r =
            clang_getCursorKind(c) == CXCursor_UnexposedExpr ? clang_Cursor_Evaluate(c) : NULL;
        if (!r)
            continue;
        bool is_string = clang_EvalResult_getKind(r) == CXEval_StrLiteral;
        const char *s = is_string ? clang_EvalResult_getAsStr(r) : NULL;
        char *value = s && strlen(s) <= max ? xstrdup(s) : NULL;
        clang_EvalResult_dispose(r);
        if (is_string)
            return value;
    }
    return NULL;
}

char *fe_string_literal(CXCursor expr, size_t max)
{
    CXCursor literal = fe_strip(expr);
    if (clang_getCursorKind(literal) != CXCursor_StringLiteral || !is_narrow_string(literal))
        return NULL;
    return evaluated_string(expr, max);
}

static bool is_const(const struct fe_constants *c, enum fe_constant which, long long value)
{
    return c->value[which].known && c->value[which].value == value;
}

enum ir_family fe_classify_family(const struct fe_constants *c, long long value)
{
    if (is_const(c, FE_C_AF_INET, value) || is_const(c, FE_C_PF_INET, value))
        return IR_FAMILY_INET;
    if (is_const(c, FE_C_AF_INET6, value) || is_const(c, FE_C_PF_INET6, value))
        return IR_FAMILY_INET6;
    if (is_const(c, FE_C_AF_UNIX, value) || is_const(c, FE_C_AF_LOCAL, value) ||
        is_const(c, FE_C_PF_UNIX, value) || is_const(c, FE_C_PF_LOCAL, value))
        return IR_FAMILY_UNIX;
    return c->value[FE_C_AF_INET].known ? IR_FAMILY_OTHER : IR_FAMILY_UNKNOWN;
}

enum ir_socktype fe_classify_socktype(const struct fe_constants *c, long long value)
{
    long long flags = 0;
    if (c->value[FE_C_SOCK_NONBLOCK].known)
        flags |= c->value[FE_C_SOCK_NONBLOCK].value;
    if (c->value[FE_C_SOCK_CLOEXEC].known)
        flags |= c->value[FE_C_SOCK_CLOEXEC].value;
    long long base = value & ~flags;
    if (is_const(c, FE_C_SOCK_STREAM, base))
        return IR_SOCKTYPE_STREAM;
    if (is_const(c, FE_C_SOCK_DGRAM, base))
        return IR_SOCKTYPE_DGRAM;
    if (is_const(c, FE_C_SOCK_SEQPACKET, base))
        return IR_SOCKTYPE_SEQPACKET;
    if (is_const(c, FE_C_SOCK_RAW, base))
        return IR_SOCKTYPE_RAW;
    return c->value[FE_C_SOCK_STREAM].known ? IR_SOCKTYPE_OTHER : IR_SOCKTYPE_UNKNOWN;
}

/* The address family that the type of bind()'s address argument names, before any cast. */
enum ir_family fe_family_of_address(CXCursor addr_arg)
{
    CXCursor inner = fe_strip(addr_arg);
    CXType type = clang_getCanonicalType(clang_getCursorType(inner));
    if (type.kind != CXType_Pointer)
        return IR_FAMILY_UNKNOWN;
    char *name = fe_str_consume(clang_getTypeSpelling(clang_getPointeeType(type)));
    enum ir_family family = IR_FAMILY_UNKNOWN;
    if (strstr(name, "struct sockaddr_un"))
        family = IR_FAMILY_UNIX;
    else if (strstr(name, "struct sockaddr_in6"))
        family = IR_FAMILY_INET6;
    else if (strstr(name, "struct sockaddr_in"))
        family = IR_FAMILY_INET;
    free(name);
    return family;
}

bool fe_is_integer_type(CXType type)
{
    CXType canon = clang_getCanonicalType(type);
    switch (canon.kind) {
    case CXType_Char_U:
    case CXType_UChar:
    case CXType_UShort:
    case CXType_UInt:
    case CXType_ULong:
    case CXType_ULongLong:
    case CXType_Char_S:
    case CXType_SChar:
    case CXType_Short:
    case CXType_Int:
    case CXType_Long:
    case CXType_LongLong:
        return true;
    default:
        return false;
    }
}

unsigned fe_file_index(struct fe_unit *u, CXFile file)
{
    if (!file || (u->main_file && clang_File_isEqual(file, u->main_file)))
        return 0;
    char *name = fe_str_consume(clang_getFileName(file));
    unsigned index = facts_intern_file(u->facts, name);
    free(name);
    return index;
}

struct sc_range fe_range(struct fe_unit *u, CXCursor cursor)
{
    CXSourceRange extent = clang_getCursorExtent(cursor);
    CXFile file = NULL, end_file = NULL;
    unsigned line = 0, col = 0, end_line = 0, end_col = 0;
    clang_getExpansionLocation(clang_getRangeStart(extent), &file, &line, &col, NULL);
    clang_getExpansionLocation(clang_getRangeEnd(extent), &end_file, &end_line, &end_col, NULL);
    struct sc_range r = {fe_file_index(u, file), line, col, end_line, end_col};
    if (end_line < line || (end_line == line && end_col <= col) ||
        (end_file && file && !clang_File_isEqual(file, end_file))) {
        r.end_line = line;
        r.end_col = col + 1;
    }
    return r;
}

/* The location in the user's file that loc stands for: macro locations cannot be tokenized. */
static CXSourceLocation file_location(CXTranslationUnit tu, CXSourceLocation loc)
{
    CXFile file = NULL;
    unsigned line = 0, col = 0;
    clang_getExpansionLocation(loc, &file, &line, &col, NULL);
    return file ? clang_getLocation(tu, file, line, col) : loc;
}

static CXSourceRange file_range(CXTranslationUnit tu, CXSourceLocation from, CXSourceLocation to)
{
    return clang_getRange(file_location(tu, from), file_location(tu, to));
}

void fe_token_between(CXTranslationUnit tu, CXSourceLocation from, CXSourceLocation to, char *buf,
                      size_t len)
{
    buf[0] = '\0';
    CXToken *tokens = NULL;
    unsigned n = 0;
    clang_tokenize(tu, file_range(tu, from, to), &tokens, &n);
    if (n > 0) {
        char *s = fe_str_consume(clang_getTokenSpelling(tu, tokens[0]));
        if (strlen(s) < len)
            memcpy(buf, s, strlen(s) + 1);
        free(s);
    }
    if (tokens)
        clang_disposeTokens(tu, tokens, n);
}

char *fe_normalised_text(CXTranslationUnit tu, CXCursor cursor, unsigned max_tokens)
{
    CXToken *tokens = NULL;
    unsigned n = 0;
    CXSourceRange extent = clang_getCursorExtent(cursor);
    clang_tokenize(tu, file_range(tu, clang_getRangeStart(extent), clang_getRangeEnd(extent)),
                   &tokens, &n);
    struct strbuf sb;
    strbuf_init(&sb);
    for (unsigned i = 0; i < n && i < max_tokens; i++) {
        char *s = fe_str_consume(clang_getTokenSpelling(tu, tokens[i]));
        if (i)
            strbuf_putc(&sb, ' ');
        strbuf_puts(&sb, s);
        free(s);
    }
    if (tokens)
        clang_disposeTokens(tu, tokens, n);
    return strbuf_take(&sb);
}
