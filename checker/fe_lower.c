/*
 * Function bodies → CFG + socket events. One lowering function per statement kind; expressions
 * are walked for calls in evaluation order; && || ?: and comparisons of a socket call's result
 * with a constant become branches whose edges say whether the call succeeded (SPEC §2 "Flow").
 */
#include "fe_internal.h"
#include "strmap.h"
#include "xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_EVENT UINT32_MAX
/* Deeper nesting than this is not lowered: the walk is recursive and the stack is finite. */
#define MAX_DEPTH 400
/* Access paths longer than this many steps are not tracked (SPEC: a fixed depth). */
#define MAX_PATH_STEPS 4
/* String literal arguments longer than this are not recorded: facts stay small (SCK008 looks
 * for paths and sysctl names, which are short). */
#define MAX_ARG_STRING 4096

struct jump {
    uint32_t brk;
    uint32_t cont;
};

struct switch_ctx {
    uint32_t head;
    int has_default;
};

struct var_name {
    CXCursor decl;
    unsigned hash;
    char *name;
    uint32_t next; /* the next variable in the same hash bucket, plus one; 0 ends the chain */
};

/* The port last stored in an address (`sa.sin_port = htons(8080)`), for SCK007's bind(). */
struct port_var {
    char *path; /* "sa.sin_port", "p->sin6_port" */
    struct ir_const port;
};

struct lower {
    struct fe_unit *u;
    struct ir_function *fn;
    uint32_t cur;
    unsigned depth;
    struct jump *jumps;
    size_t njumps, jumps_cap;
    struct switch_ctx *switches;
    size_t nswitches, switches_cap;
    /* Every table below is hashed: a function with 50,000 locals must not cost 50,000² string
     * comparisons (docs/performance.md, "Pathological units"). */
    struct strmap labels; /* label name → its block */
    struct var_name *vars;
    size_t nvars, vars_cap;
    uint32_t *var_heads;   /* hash bucket → first variable in it, plus one */
    size_t nvar_heads;     /* 0 or a power of two, at least twice nvars */
    struct strmap spelled; /* a spelling → how many variables have it (for "#2", "#3" ...) */
    struct strmap results; /* path → the socket call whose result it holds, or NO_EVENT */
    struct port_var *ports;
    size_t nports, ports_cap;
    struct strmap port_index; /* path → its index in ports */
    struct strmap
        assigned;         /* paths assigned so far: their initialisers no longer tell their value */
    struct sc_range stmt; /* the statement being lowered, outermost in its block */
    enum ir_kind *kinds;  /* kind of each event, by id */
    size_t nkinds, kinds_cap;
    struct sc_range too_deep; /* where nesting first passed MAX_DEPTH; line 0: it did not */
};

static void lower_stmt(struct lower *L, CXCursor s);
static CXCursor only_child(CXCursor e);
static struct ir_const bound_port(struct lower *L, CXCursor addr);
static uint32_t lower_value(struct lower *L, CXCursor e, enum ir_result_use use, const char *dst);
static void lower_cond(struct lower *L, CXCursor e, uint32_t on_true, uint32_t on_false);

/* ---- blocks and events ---------------------------------------------------------------- */

static uint32_t new_block(struct lower *L)
{
    return ir_function_add_block(L->fn);
}

static void edge(struct lower *L, uint32_t from, uint32_t to, uint32_t event, enum ir_outcome o)
{
    ir_block_add_edge(L->fn, from, to, o == IR_OUTCOME_ANY ? 0 : event, o);
}

static void jump_to(struct lower *L, uint32_t to)
{
    edge(L, L->cur, to, 0, IR_OUTCOME_ANY);
}

/* After return, break, goto or a no-return call: what follows is reached only by a label. */
static void start_unreachable(struct lower *L)
{
    L->cur = new_block(L);
}

static uint32_t emit(struct lower *L, struct ir_event *ev)
{
    ev->stmt = L->stmt;
    struct ir_event *added = ir_block_add_event(L->fn, L->cur, ev);
    *XPUSH(L->kinds, L->nkinds, L->kinds_cap) = added->kind;
    return added->id;
}

/* Code below MAX_DEPTH is skipped; the first place is kept to warn about it (SPEC §6). */
static void note_too_deep(struct lower *L, CXCursor at)
{
    if (!L->too_deep.line)
        L->too_deep = fe_range(L->u, at);
}

/* ---- names and access paths ----------------------------------------------------------- */

static struct var_name *find_var(struct lower *L, CXCursor decl, unsigned hash)
{
    if (!L->nvar_heads)
        return NULL;
    for (uint32_t i = L->var_heads[hash & (L->nvar_heads - 1)]; i; i = L->vars[i - 1].next)
        if (L->vars[i - 1].hash == hash && clang_equalCursors(L->vars[i - 1].decl, decl))
            return &L->vars[i - 1];
    return NULL;
}

/* Links variable i into its bucket, doubling the buckets first when they are half full. */
static void hash_var(struct lower *L, size_t i)
{
    if (2 * L->nvars > L->nvar_heads) {
        free(L->var_heads);
        L->nvar_heads = L->nvar_heads ? 2 * L->nvar_heads : 64;
        L->var_heads = xcalloc(L->nvar_heads, sizeof *L->var_heads);
        for (size_t k = 0; k < i; k++)
            hash_var(L, k);
    }
    uint32_t *head = &L->var_heads[L->vars[i].hash & (L->nvar_heads - 1)];
    L->vars[i].next = *head;
    *head = (uint32_t)i + 1;
}

/* The path root naming a local or parameter declaration; shadowing names get "#2", "#3" ...
 * Identifiers never contain '#', so the names a spelling has taken are exactly the spelling
 * and "#2" to "#count": the next free one is "#count+1". */
static const char *local_name(struct lower *L, CXCursor decl)
{
    unsigned hash = clang_hashCursor(decl);
    struct var_name *v = find_var(L, decl, hash);
    if (v)
        return v->name;
    char *spelled = fe_str_consume(clang_getCursorSpelling(decl));
    uint32_t *count = strmap_find(&L->spelled, spelled);
    char *name = count ? xasprintf("%s#%u", spelled, *count + 1) : xstrdup(spelled);
    strmap_put(&L->spelled, spelled, count ? *count + 1 : 1);
    free(spelled);
    v = XPUSH(L->vars, L->nvars, L->vars_cap);
    v->decl = decl;
    v->hash = hash;
    v->name = name;
    hash_var(L, L->nvars - 1);
    return name;
}

static bool is_global(CXCursor decl)
{
    enum CXLinkageKind linkage = clang_getCursorLinkage(decl);
    return linkage == CXLinkage_External || linkage == CXLinkage_Internal ||
           linkage == CXLinkage_UniqueExternal;
}

static unsigned path_steps(const char *path)
{
    unsigned steps = 1;
    for (const char *p = path; *p; p++)
        if (*p == '.' || (*p == '-' && p[1] == '>') || *p == '[' || *p == '*')
            steps++;
    return steps;
}

static char *child_path(struct lower *L, CXCursor e);

/* The first operator token of a prefix unary expression, or "" (postfix, macro). */
static void unary_op(struct lower *L, CXCursor e, CXCursor operand, char *buf, size_t len)
{
    fe_token_between(L->u->tu, clang_getRangeStart(clang_getCursorExtent(e)),
                     clang_getRangeStart(clang_getCursorExtent(operand)), buf, len);
}

static void binary_op(struct lower *L, CXCursor lhs, CXCursor rhs, char *buf, size_t len)
{
    fe_token_between(L->u->tu, clang_getRangeEnd(clang_getCursorExtent(lhs)),
                     clang_getRangeStart(clang_getCursorExtent(rhs)), buf, len);
}

static char *decl_ref_path(struct lower *L, CXCursor e)
{
    CXCursor decl = clang_getCursorReferenced(e);
    enum CXCursorKind kind = clang_getCursorKind(decl);
    if (kind == CXCursor_ParmDecl)
        return xstrdup(local_name(L, decl));
    if (kind != CXCursor_VarDecl)
        return NULL;
    if (is_global(decl)) {
        char *name = fe_str_consume(clang_getCursorSpelling(decl));
        char *path = xasprintf("::%s", name);
        free(name);
        return path;
    }
    return xstrdup(local_name(L, decl));
}

/* The access path an expression names (ir.h), or NULL when it names none we track. */
static char *path_of(struct lower *L, CXCursor e)
{
    e = fe_strip(e);
    char *path = NULL;
    switch (clang_getCursorKind(e)) {
    case CXCursor_DeclRefExpr:
        return decl_ref_path(L, e);
    case CXCursor_MemberRefExpr: {
        CXCursor *kids = NULL;
        unsigned n = fe_children(e, &kids);
        char *base = n ? path_of(L, kids[0]) : NULL;
        if (base) {
            CXType bt = clang_getCanonicalType(clang_getCursorType(fe_strip(kids[0])));
            char *field = fe_str_consume(clang_getCursorSpelling(e));
            path = xasprintf("%s%s%s", base, bt.kind == CXType_Pointer ? "->" : ".", field);
            free(field);
            free(base);
        }
        free(kids);
        break;
    }
    case CXCursor_ArraySubscriptExpr: {
        CXCursor *kids = NULL;
        unsigned n = fe_children(e, &kids);
        char *base = n ? path_of(L, kids[0]) : NULL;
        if (base) {
            path = xasprintf("%s[]", base);
            free(base);
        }
        free(kids);
        break;
    }
    case CXCursor_UnaryOperator:
        return child_path(L, e);
    default:
        return NULL;
    }
    if (path && path_steps(path) > MAX_PATH_STEPS) {
        free(path);
        return NULL;
    }
    return path;
}

/* "*p" for a dereference; NULL for other unary operators. */
static char *child_path(struct lower *L, CXCursor e)
{
    CXCursor *kids = NULL;
    unsigned n = fe_children(e, &kids);
    char *path = NULL;
    if (n == 1) {
        char op[8];
        unary_op(L, e, kids[0], op, sizeof op);
        if (strcmp(op, "*") == 0) {
            char *inner = path_of(L, kids[0]);
            if (inner && path_steps(inner) < MAX_PATH_STEPS)
                path = xasprintf("*%s", inner);
            free(inner);
        }
    }
    free(kids);
    return path;
}

/* ---- what variables hold ---------------------------------------------------------------- */

static bool was_assigned(const struct lower *L, const char *path)
{
    return strmap_find(&L->assigned, path) != NULL;
}

/* path now holds something new: its initialiser and any call result it held are stale. */
static void note_assigned(struct lower *L, const char *path)
{
    uint32_t *result = strmap_find(&L->results, path);
    if (result)
        *result = NO_EVENT;
    strmap_put(&L->assigned, path, 0);
}

/* A variable that holds the result of a socket call (`rc = bind(...)`), for `if (rc < 0)`. */
static void remember_result(struct lower *L, const char *path, uint32_t event)
{
    note_assigned(L, path);
    strmap_put(&L->results, path, event);
}

static uint32_t result_of_path(const struct lower *L, const char *path)
{
    const uint32_t *event = strmap_find(&L->results, path);
    return event ? *event : NO_EVENT;
}

/* ---- calls ------------------------------------------------------------------------------ */

static bool name_is_noreturn(const char *name)
{
    static const char *const names[] = {
        "exit",           "_exit",         "_Exit",        "abort",      "err",
        "errx",           "verr",          "verrx",        "quick_exit", "__builtin_unreachable",
        "__builtin_trap", "__assert_fail", "pthread_exit", "longjmp",    "siglongjmp",
        "__longjmp_chk",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

static bool decl_has_noreturn_attr(struct lower *L, CXCursor decl)
{
    CXCursor *kids = NULL;
    unsigned n = fe_children(decl, &kids);
    bool found = false;
    for (unsigned i = 0; i < n && !found; i++) {
        if (!clang_isAttribute(clang_getCursorKind(kids[i])))
            continue;
        CXSourceRange r = clang_getCursorExtent(kids[i]);
        char tok[32];
        fe_token_between(L->u->tu, clang_getRangeStart(r), clang_getRangeEnd(r), tok, sizeof tok);
        found = strcmp(tok, "_Noreturn") == 0 || strcmp(tok, "noreturn") == 0 ||
                strcmp(tok, "__noreturn__") == 0;
    }
    free(kids);
    return found;
}

/* SPEC §2: exit, abort ... and any function declared _Noreturn or noreturn end a path. */
static bool call_is_noreturn(struct lower *L, CXCursor decl, const char *name)
{
    if (name && name_is_noreturn(name))
        return true;
    if (clang_Cursor_isNull(decl) || clang_getCursorKind(decl) != CXCursor_FunctionDecl)
        return false;
    char *type = fe_str_consume(clang_getTypeSpelling(clang_getCursorType(decl)));
    bool noreturn = strstr(type, "noreturn") != NULL;
    free(type);
    return noreturn || decl_has_noreturn_attr(L, decl);
}

struct socket_api {
    const char *name;
    int nargs;
    enum ir_kind kind;
};

static const struct socket_api socket_apis[] = {
    {"socket", 3, IR_CREATE},         {"accept", 3, IR_ACCEPT}, {"accept4", 4, IR_ACCEPT},
    {"setsockopt", 5, IR_SETSOCKOPT}, {"bind", 3, IR_BIND},     {"listen", 2, IR_LISTEN},
    {"connect", 3, IR_CONNECT},       {"close", 1, IR_CLOSE},   {"closesocket", 1, IR_CLOSE},
};

static enum ir_kind classify_call(const char *name, int nargs)
{
    if (!name)
        return IR_CALL;
    for (size_t i = 0; i < sizeof socket_apis / sizeof socket_apis[0]; i++)
        if (strcmp(name, socket_apis[i].name) == 0 && nargs == socket_apis[i].nargs)
            return socket_apis[i].kind;
    return IR_CALL;
}

static struct ir_const eval_const(CXCursor e)
{
    struct ir_const c = {false, 0};
    c.known = fe_eval_int(e, &c.value);
    return c;
}

static enum ir_option option_by_value(const struct fe_constants *k, struct ir_const v)
{
    if (!v.known)
        return IR_OPTION_UNKNOWN;
    if (k->value[FE_C_SO_REUSEADDR].known && k->value[FE_C_SO_REUSEADDR].value == v.value)
        return IR_OPTION_REUSEADDR;
    if (k->value[FE_C_SO_REUSEPORT].known && k->value[FE_C_SO_REUSEPORT].value == v.value)
        return IR_OPTION_REUSEPORT;
    if (k->value[FE_C_SO_EXCLUSIVEADDRUSE].known &&
        k->value[FE_C_SO_EXCLUSIVEADDRUSE].value == v.value)
        return IR_OPTION_EXCLUSIVEADDRUSE;
    return IR_OPTION_OTHER;
}

/* At a level other than SOL_SOCKET the same number is another option (TCP_MAXSEG is 2 on
 * Linux), so only the spelling says whether SO_REUSEADDR was meant (SPEC §2, SCK004). */
static enum ir_option option_by_spelling(struct lower *L, CXCursor arg)
{
    char tok[64];
    CXSourceRange r = clang_getCursorExtent(arg);
    fe_token_between(L->u->tu, clang_getRangeStart(r), clang_getRangeEnd(r), tok, sizeof tok);
    if (strcmp(tok, "SO_REUSEADDR") == 0)
        return IR_OPTION_REUSEADDR;
    if (strcmp(tok, "SO_REUSEPORT") == 0)
        return IR_OPTION_REUSEPORT;
    if (strcmp(tok, "SO_EXCLUSIVEADDRUSE") == 0)
        return IR_OPTION_EXCLUSIVEADDRUSE;
    return IR_OPTION_OTHER;
}

/* The initialiser of a variable, when its declaration has one we can see. */
static CXCursor var_init(CXCursor decl)
{
    CXCursor *kids = NULL;
    unsigned n = fe_children(decl, &kids);
    CXCursor init = clang_getNullCursor();
    if (n && clang_isExpression(clang_getCursorKind(kids[n - 1])))
        init = kids[n - 1];
    free(kids);
    return init;
}

static enum ir_optval optval_of_const(struct ir_const c)
{
    if (!c.known)
        return IR_OPTVAL_UNKNOWN;
    return c.value ? IR_OPTVAL_NONZERO : IR_OPTVAL_ZERO;
}

/* What &x, &(int){1} or NULL passed as optval holds, and the size of what it points at. */
static void lower_optval(struct lower *L, CXCursor arg, struct ir_sockopt *so)
{
    so->optval_range = fe_range(L->u, arg);
    CXCursor v = fe_strip(arg);
    long long null_value;
    if (fe_eval_int(v, &null_value) && null_value == 0) {
        so->optval_null = true;
        return;
    }
    if (clang_getCursorKind(v) != CXCursor_UnaryOperator)
        return;
    CXCursor *kids = NULL;
    unsigned n = fe_children(v, &kids);
    char op[8] = "";
    if (n == 1)
        unary_op(L, v, kids[0], op, sizeof op);
    if (strcmp(op, "&") == 0) {
        CXCursor target = fe_strip(kids[0]);
        long long size = clang_Type_getSizeOf(clang_getCursorType(target));
        if (size > 0)
            so->optval_size = (struct ir_const){true, size};
        if (clang_getCursorKind(target) == CXCursor_DeclRefExpr) {
            char *path = path_of(L, target);
            CXCursor decl = clang_getCursorReferenced(target);
            if (path && !was_assigned(L, path) && clang_getCursorKind(decl) == CXCursor_VarDecl)
                so->value = optval_of_const(eval_const(var_init(decl)));
            free(path);
        } else if (clang_getCursorKind(target) == CXCursor_CompoundLiteralExpr) {
            CXCursor list = var_init(target);
            CXCursor first = clang_Cursor_isNull(list) ? list : var_init(list);
            if (!clang_Cursor_isNull(first))
                so->value = optval_of_const(eval_const(first));
        }
    }
    free(kids);
}

static bool sizeof_of_pointer(CXCursor e)
{
    e = fe_strip(e);
    if (clang_getCursorKind(e) != CXCursor_UnaryExpr)
        return false;
    CXCursor operand = var_init(e);
    if (clang_Cursor_isNull(operand))
        return false;
    return clang_getCanonicalType(clang_getCursorType(fe_strip(operand))).kind == CXType_Pointer;
}

static void lower_setsockopt(struct lower *L, CXCursor call, struct ir_event *ev)
{
    struct ir_sockopt *so = &ev->sockopt;
    const struct fe_constants *k = &L->u->consts;
    CXCursor level = clang_Cursor_getArgument(call, 1);
    CXCursor option = clang_Cursor_getArgument(call, 2);
    so->level_value = eval_const(level);
    so->level_range = fe_range(L->u, level);
    if (!so->level_value.known || !k->value[FE_C_SOL_SOCKET].known)
        so->level = IR_LEVEL_UNKNOWN;
    else
        so->level = so->level_value.value == k->value[FE_C_SOL_SOCKET].value ? IR_LEVEL_SOCKET
                                                                             : IR_LEVEL_OTHER;
    so->option_value = eval_const(option);
    so->option = so->level == IR_LEVEL_OTHER ? option_by_spelling(L, option)
                                             : option_by_value(k, so->option_value);
    lower_optval(L, clang_Cursor_getArgument(call, 3), so);
    CXCursor optlen = clang_Cursor_getArgument(call, 4);
    so->optlen = eval_const(optlen);
    so->optlen_range = fe_range(L->u, optlen);
    so->optlen_is_pointer_size = sizeof_of_pointer(optlen);
}

static void lower_create(struct lower *L, CXCursor call, struct ir_event *ev)
{
    struct ir_const family = eval_const(clang_Cursor_getArgument(call, 0));
    struct ir_const type = eval_const(clang_Cursor_getArgument(call, 1));
    ev->family = family.known ? fe_classify_family(&L->u->consts, family.value) : IR_FAMILY_UNKNOWN;
    ev->socktype =
        type.known ? fe_classify_socktype(&L->u->consts, type.value) : IR_SOCKTYPE_UNKNOWN;
}

static void fill_socket_event(struct lower *L, CXCursor call, struct ir_event *ev, int nargs)
{
    if (ev->kind == IR_CREATE) {
        lower_create(L, call, ev);
        return;
    }
    if (nargs > 0)
        ev->sock = path_of(L, clang_Cursor_getArgument(call, 0));
    if (ev->kind == IR_SETSOCKOPT)
        lower_setsockopt(L, call, ev);
    else if (ev->kind == IR_BIND) {
        ev->bind.family = fe_family_of_address(clang_Cursor_getArgument(call, 1));
        ev->bind.port = bound_port(L, clang_Cursor_getArgument(call, 1));
    }
}

/* An argument's access path; `&x` gives "&x", so that a callee writing through the pointer
 * (`*out = fd`, `srv->fd = fd`) can be mapped back onto x (summary.h). */
static char *arg_path(struct lower *L, CXCursor arg)
{
    CXCursor e = fe_strip(arg);
    if (clang_getCursorKind(e) == CXCursor_UnaryOperator) {
        CXCursor inner = only_child(e);
        char op[8] = "";
        if (!clang_Cursor_isNull(inner))
            unary_op(L, e, inner, op, sizeof op);
        if (strcmp(op, "&") == 0) {
            char *path = path_of(L, inner);
            char *addr = path ? xasprintf("&%s", path) : NULL;
            free(path);
            return addr;
        }
    }
    return path_of(L, e);
}

static void fill_call_args(struct lower *L, CXCursor call, struct ir_event *ev, int nargs)
{
    if (nargs <= 0)
        return;
    ev->nargs = (size_t)nargs;
    ev->args = xcalloc((size_t)nargs, sizeof *ev->args);
    bool any_value = false, any_string = false;
    struct ir_const *values = xcalloc((size_t)nargs, sizeof *values);
    char **strings = xcalloc((size_t)nargs, sizeof *strings);
    for (int i = 0; i < nargs; i++) {
        CXCursor arg = clang_Cursor_getArgument(call, (unsigned)i);
        ev->args[i] = arg_path(L, arg);
        values[i] = eval_const(arg);
        any_value |= values[i].known;
        strings[i] = fe_string_literal(arg, MAX_ARG_STRING);
        any_string |= strings[i] != NULL;
    }
    if (any_value)
        ev->arg_values = values;
    else
        free(values);
    if (any_string)
        ev->arg_strings = strings;
    else
        free(strings);
}

static uint32_t lower_call(struct lower *L, CXCursor call, const char *dst, enum ir_result_use use)
{
    int nargs = clang_Cursor_getNumArguments(call);
    for (int i = 0; i < nargs; i++)
        lower_value(L, clang_Cursor_getArgument(call, (unsigned)i), IR_RESULT_USED, NULL);
    CXCursor decl = clang_getCursorReferenced(call);
    bool direct = !clang_Cursor_isNull(decl) && clang_getCursorKind(decl) == CXCursor_FunctionDecl;
    struct ir_event ev = {0};
    ev.callee = direct ? fe_str_consume(clang_getCursorSpelling(decl)) : NULL;
    ev.kind = classify_call(ev.callee, nargs);
    ev.range = fe_range(L->u, call);
    ev.result_use = use;
    ev.dst = dst ? xstrdup(dst) : NULL;
    if (ev.kind == IR_CALL)
        fill_call_args(L, call, &ev, nargs);
    else {
        fill_socket_event(L, call, &ev, nargs);
        ev.text = fe_normalised_text(L->u->tu, call, 64);
    }
    bool noreturn = call_is_noreturn(L, decl, ev.callee);
    uint32_t id = emit(L, &ev);
    if (noreturn)
        start_unreachable(L);
    return id;
}

/* ---- expressions -------------------------------------------------------------------------- */

static bool is_call(CXCursor e)
{
    return clang_getCursorKind(e) == CXCursor_CallExpr;
}

static void emit_assign(struct lower *L, CXCursor at, const char *dst, const char *src)
{
    struct ir_event ev = {0};
    ev.kind = IR_ASSIGN;
    ev.range = fe_range(L->u, at);
    ev.dst = xstrdup(dst);
    ev.src = src ? xstrdup(src) : NULL;
    emit(L, &ev);
}

static bool is_port_field(const char *path)
{
    static const char *const fields[] = {".sin_port", "->sin_port", ".sin6_port", "->sin6_port"};
    size_t len = strlen(path);
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        size_t n = strlen(fields[i]);
        if (len > n && strcmp(path + len - n, fields[i]) == 0)
            return true;
    }
    return false;
}

/* The host-order port a stored value spells: htons(N) (a call, or folded) or a constant. */
static struct ir_const port_value(CXCursor value)
{
    CXCursor v = fe_strip(value);
    if (is_call(v) && clang_Cursor_getNumArguments(v) == 1) {
        char *callee = fe_str_consume(clang_getCursorSpelling(v));
        bool swaps = strcmp(callee, "htons") == 0 || strcmp(callee, "__bswap_16") == 0 ||
                     strcmp(callee, "__builtin_bswap16") == 0 ||
                     strcmp(callee, "__uint16_identity") == 0;
        free(callee);
        if (swaps)
            return eval_const(clang_Cursor_getArgument(v, 0));
        return (struct ir_const){false, 0};
    }
    struct ir_const c = eval_const(v);
    if (c.known) /* a folded htons(): swap back to host order */
        c.value = ((c.value & 0xff) << 8) | ((c.value >> 8) & 0xff);
    return c;
}

static void remember_port(struct lower *L, const char *path, struct ir_const port)
{
    uint32_t *index = strmap_find(&L->port_index, path);
    if (index) {
        L->ports[*index].port = port;
        return;
    }
    strmap_put(&L->port_index, path, (uint32_t)L->nports);
    struct port_var *p = XPUSH(L->ports, L->nports, L->ports_cap);
    p->path = xstrdup(path);
    p->port = port;
}

/* The index in ports of base + field, or NO_EVENT. */
static uint32_t port_of_field(struct lower *L, const char *base, const char *field)
{
    char *path = xasprintf("%s%s", base, field);
    const uint32_t *index = strmap_find(&L->port_index, path);
    free(path);
    return index ? *index : NO_EVENT;
}

/* The port of the address bind() is given: `&sa` or `p` whose sin_port/sin6_port was set.
 * With both fields set, the one set first that holds a known port wins. */
static struct ir_const bound_port(struct lower *L, CXCursor addr)
{
    char *path = arg_path(L, addr);
    struct ir_const port = {false, 0};
    if (!path)
        return port;
    bool by_address = path[0] == '&';
    const char *base = by_address ? path + 1 : path;
    uint32_t v4 = port_of_field(L, base, by_address ? ".sin_port" : "->sin_port");
    uint32_t v6 = port_of_field(L, base, by_address ? ".sin6_port" : "->sin6_port");
    uint32_t order[2] = {v4 < v6 ? v4 : v6, v4 < v6 ? v6 : v4};
    for (size_t i = 0; i < 2 && order[i] != NO_EVENT && !port.known; i++)
        port = L->ports[order[i]].port;
    free(path);
    return port;
}

/* lhs = rhs: a socket call's result lands in lhs, or lhs copies another path, or it now holds
 * a value that is no socket we know. Returns the call's event (for `(fd = socket()) < 0`). */
static uint32_t lower_assignment(struct lower *L, CXCursor at, CXCursor lhs, CXCursor rhs)
{
    char *dst = fe_is_integer_type(clang_getCursorType(lhs)) ? path_of(L, lhs) : NULL;
    CXCursor value = fe_strip(rhs);
    uint32_t id = NO_EVENT;
    if (is_call(value)) {
        id = lower_call(L, value, dst, IR_RESULT_USED);
        if (dst)
            remember_result(L, dst, id);
    } else {
        char *src = dst ? path_of(L, value) : NULL;
        lower_value(L, rhs, IR_RESULT_USED, NULL);
        if (dst) {
            note_assigned(L, dst);
            emit_assign(L, at, dst, src);
        }
        free(src);
    }
    if (dst && is_port_field(dst))
        remember_port(L, dst, port_value(rhs));
    free(dst);
    return id;
}

static void lower_children(struct lower *L, CXCursor e)
{
    CXCursor *kids = NULL;
    unsigned n = fe_children(e, &kids);
    for (unsigned i = 0; i < n; i++) {
        enum CXCursorKind kind = clang_getCursorKind(kids[i]);
        if (clang_isExpression(kind))
            lower_value(L, kids[i], IR_RESULT_USED, NULL);
        else if (clang_isStatement(kind))
            lower_stmt(L, kids[i]);
    }
    free(kids);
}

/* a && b, a || b or a ? b : c used as a value: branch, then join. */
static void lower_branching_value(struct lower *L, CXCursor e, CXCursor *kids, unsigned n,
                                  enum ir_result_use use, const char *dst)
{
    uint32_t t = new_block(L), f = new_block(L), join = new_block(L);
    if (clang_getCursorKind(e) == CXCursor_ConditionalOperator && n == 3) {
        lower_cond(L, kids[0], t, f);
        L->cur = t;
        lower_value(L, kids[1], use, dst);
        jump_to(L, join);
        L->cur = f;
        lower_value(L, kids[2], use, dst);
    } else {
        lower_cond(L, e, t, f);
        L->cur = t;
        jump_to(L, join);
        L->cur = f;
    }
    jump_to(L, join);
    L->cur = join;
}

static uint32_t lower_binary(struct lower *L, CXCursor e, enum ir_result_use use, const char *dst)
{
    CXCursor *kids = NULL;
    unsigned n = fe_children(e, &kids);
    uint32_t id = NO_EVENT;
    char op[8] = "";
    if (n == 2)
        binary_op(L, kids[0], kids[1], op, sizeof op);
    if (strcmp(op, "&&") == 0 || strcmp(op, "||") == 0)
        lower_branching_value(L, e, kids, n, use, dst);
    else if (strcmp(op, "=") == 0)
        id = lower_assignment(L, e, kids[0], kids[1]);
    else if (strcmp(op, ",") == 0) {
        lower_value(L, kids[0], IR_RESULT_DISCARDED, NULL);
        id = lower_value(L, kids[1], use, dst);
    } else
        lower_children(L, e);
    free(kids);
    return id;
}

static void lower_compound_assign(struct lower *L, CXCursor e)
{
    CXCursor *kids = NULL;
    unsigned n = fe_children(e, &kids);
    lower_children(L, e);
    char *dst =
        n == 2 && fe_is_integer_type(clang_getCursorType(kids[0])) ? path_of(L, kids[0]) : NULL;
    if (dst) {
        note_assigned(L, dst);
        emit_assign(L, e, dst, NULL);
    }
    free(dst);
    free(kids);
}

static CXCursor only_child(CXCursor e)
{
    CXCursor *kids = NULL;
    unsigned n = fe_children(e, &kids);
    CXCursor c = n ? kids[n - 1] : clang_getNullCursor();
    free(kids);
    return c;
}

static bool is_void_cast(CXCursor e)
{
    return clang_getCursorKind(e) == CXCursor_CStyleCastExpr &&
           clang_getCanonicalType(clang_getCursorType(e)).kind == CXType_Void;
}

/*
 * Lowers an expression for its effects, in evaluation order. dst names where its value goes
 * (for a call's result); use says what the caller does with it. Returns the event of the
 * socket call whose result is the expression's value, or NO_EVENT.
 */
static uint32_t lower_value(struct lower *L, CXCursor e, enum ir_result_use use, const char *dst)
{
    if (L->depth >= MAX_DEPTH) {
        note_too_deep(L, e);
        return NO_EVENT;
    }
    L->depth++;
    uint32_t id = NO_EVENT;
    switch (clang_getCursorKind(e)) {
    case CXCursor_CallExpr:
        id = lower_call(L, e, dst, use);
        break;
    case CXCursor_ParenExpr:
    case CXCursor_UnexposedExpr:
    case CXCursor_CStyleCastExpr: {
        CXCursor inner = only_child(e);
        if (!clang_Cursor_isNull(inner) && clang_isExpression(clang_getCursorKind(inner)))
            id = lower_value(L, inner, is_void_cast(e) ? IR_RESULT_VOIDED : use,
                             is_void_cast(e) ? NULL : dst);
        break;
    }
    case CXCursor_BinaryOperator:
        id = lower_binary(L, e, use, dst);
        break;
    case CXCursor_CompoundAssignOperator:
        lower_compound_assign(L, e);
        break;
    case CXCursor_ConditionalOperator: {
        CXCursor *kids = NULL;
        unsigned n = fe_children(e, &kids);
        if (n == 3)
            lower_branching_value(L, e, kids, n, use, dst);
        else
            lower_children(L, e);
        free(kids);
        break;
    }
    case CXCursor_DeclRefExpr:
    case CXCursor_IntegerLiteral:
    case CXCursor_StringLiteral:
    case CXCursor_CharacterLiteral:
    case CXCursor_FloatingLiteral:
        break;
    default:
        lower_children(L, e);
        break;
    }
    L->depth--;
    return id;
}

/* ---- conditions ------------------------------------------------------------------------- */

enum cmp { CMP_LT, CMP_LE, CMP_GT, CMP_GE, CMP_EQ, CMP_NE, CMP_NONE };

static enum cmp parse_cmp(const char *op)
{
    static const char *const ops[] = {"<", "<=", ">", ">=", "==", "!="};
    for (int i = 0; i < 6; i++)
        if (strcmp(op, ops[i]) == 0)
            return (enum cmp)i;
    return CMP_NONE;
}

/* `0 > x` is `x < 0`. */
static enum cmp mirror(enum cmp c)
{
    switch (c) {
    case CMP_LT:
        return CMP_GT;
    case CMP_LE:
        return CMP_GE;
    case CMP_GT:
        return CMP_LT;
    case CMP_GE:
        return CMP_LE;
    default:
        return c;
    }
}

static bool returns_status(enum ir_kind kind)
{
    return kind == IR_BIND || kind == IR_SETSOCKOPT || kind == IR_LISTEN || kind == IR_CONNECT;
}

static bool returns_socket(enum ir_kind kind)
{
    return kind == IR_CREATE || kind == IR_ACCEPT;
}

/*
 * Whether `result <cmp> k` being true means the call succeeded or failed: status calls return
 * 0 or -1, socket() and accept() a descriptor or -1 (INVALID_SOCKET is all ones: -1 too).
 */
static enum ir_outcome outcome_when_true(enum ir_kind kind, enum cmp c, long long k)
{
    if (returns_status(kind)) {
        if ((c == CMP_LT && k == 0) || (c == CMP_LE && k == -1) || (c == CMP_EQ && k == -1) ||
            (c == CMP_NE && k == 0) || (c == CMP_GT && k == 0))
            return IR_OUTCOME_FAILURE;
        if ((c == CMP_EQ && k == 0) || (c == CMP_GE && k == 0) || (c == CMP_NE && k == -1) ||
            (c == CMP_GT && k == -1) || (c == CMP_LE && k == 0))
            return IR_OUTCOME_SUCCESS;
    } else if (returns_socket(kind)) {
        if ((c == CMP_LT && k == 0) || (c == CMP_LE && k == -1) || (c == CMP_EQ && k == -1))
            return IR_OUTCOME_FAILURE;
        if ((c == CMP_GE && k == 0) || (c == CMP_NE && k == -1) || (c == CMP_GT && k == -1))
            return IR_OUTCOME_SUCCESS;
    }
    return IR_OUTCOME_ANY;
}

static enum ir_outcome opposite(enum ir_outcome o)
{
    return o == IR_OUTCOME_SUCCESS   ? IR_OUTCOME_FAILURE
           : o == IR_OUTCOME_FAILURE ? IR_OUTCOME_SUCCESS
                                     : IR_OUTCOME_ANY;
}

static void branch(struct lower *L, uint32_t event, enum ir_outcome when_true, uint32_t on_true,
                   uint32_t on_false)
{
    if (event == NO_EVENT || event >= L->nkinds)
        when_true = IR_OUTCOME_ANY;
    edge(L, L->cur, on_true, event, when_true);
    edge(L, L->cur, on_false, event, opposite(when_true));
}

/* The socket call whose result x is: the call itself, `(v = call)`, or a variable holding one. */
static uint32_t result_event(struct lower *L, CXCursor x)
{
    CXCursor s = fe_strip(x);
    enum CXCursorKind kind = clang_getCursorKind(s);
    if (kind == CXCursor_CallExpr || kind == CXCursor_BinaryOperator)
        return lower_value(L, x, IR_RESULT_USED, NULL);
    char *path = path_of(L, s);
    uint32_t id = path ? result_of_path(L, path) : NO_EVENT;
    free(path);
    lower_value(L, x, IR_RESULT_USED, NULL);
    return id;
}

static void lower_comparison(struct lower *L, CXCursor lhs, CXCursor rhs, enum cmp c,
                             uint32_t on_true, uint32_t on_false)
{
    long long k;
    CXCursor x = lhs;
    if (!fe_eval_int(rhs, &k)) {
        if (!fe_eval_int(lhs, &k)) {
            lower_value(L, lhs, IR_RESULT_USED, NULL);
            lower_value(L, rhs, IR_RESULT_USED, NULL);
            branch(L, NO_EVENT, IR_OUTCOME_ANY, on_true, on_false);
            return;
        }
        x = rhs;
        c = mirror(c);
    }
    uint32_t id = result_event(L, x);
    enum ir_outcome o = id < L->nkinds ? outcome_when_true(L->kinds[id], c, k) : IR_OUTCOME_ANY;
    branch(L, id, o, on_true, on_false);
}

static bool lower_binary_cond(struct lower *L, CXCursor e, uint32_t on_true, uint32_t on_false)
{
    CXCursor *kids = NULL;
    unsigned n = fe_children(e, &kids);
    char op[8] = "";
    if (n == 2)
        binary_op(L, kids[0], kids[1], op, sizeof op);
    bool handled = true;
    if (strcmp(op, "&&") == 0) {
        uint32_t mid = new_block(L);
        lower_cond(L, kids[0], mid, on_false);
        L->cur = mid;
        lower_cond(L, kids[1], on_true, on_false);
    } else if (strcmp(op, "||") == 0) {
        uint32_t mid = new_block(L);
        lower_cond(L, kids[0], on_true, mid);
        L->cur = mid;
        lower_cond(L, kids[1], on_true, on_false);
    } else if (strcmp(op, ",") == 0) {
        lower_value(L, kids[0], IR_RESULT_DISCARDED, NULL);
        lower_cond(L, kids[1], on_true, on_false);
    } else if (parse_cmp(op) != CMP_NONE) {
        lower_comparison(L, kids[0], kids[1], parse_cmp(op), on_true, on_false);
    } else
        handled = false;
    free(kids);
    return handled;
}

/* Lowers e as a condition: control goes to on_true or on_false, and where e compares a socket
 * call's result with a constant the edges say whether that call succeeded. */
static void lower_cond(struct lower *L, CXCursor e, uint32_t on_true, uint32_t on_false)
{
    if (L->depth >= MAX_DEPTH) {
        note_too_deep(L, e);
        branch(L, NO_EVENT, IR_OUTCOME_ANY, on_true, on_false);
        return;
    }
    L->depth++;
    CXCursor s = fe_strip(e);
    enum CXCursorKind kind = clang_getCursorKind(s);
    if (kind == CXCursor_UnaryOperator) {
        CXCursor inner = only_child(s);
        char op[8] = "";
        if (!clang_Cursor_isNull(inner))
            unary_op(L, s, inner, op, sizeof op);
        if (strcmp(op, "!") == 0)
            lower_cond(L, inner, on_false, on_true);
        else {
            lower_value(L, s, IR_RESULT_USED, NULL);
            branch(L, NO_EVENT, IR_OUTCOME_ANY, on_true, on_false);
        }
    } else if (kind == CXCursor_BinaryOperator && lower_binary_cond(L, s, on_true, on_false)) {
        /* handled */
    } else if (kind == CXCursor_CallExpr || kind == CXCursor_DeclRefExpr ||
               kind == CXCursor_BinaryOperator) {
        /* `if (bind(...))`, `if (rc)`, `if ((rc = bind(...)))`: true means non-zero. */
        uint32_t id = result_event(L, s);
        enum ir_outcome o =
            id < L->nkinds ? outcome_when_true(L->kinds[id], CMP_NE, 0) : IR_OUTCOME_ANY;
        branch(L, id, o, on_true, on_false);
    } else {
        lower_value(L, e, IR_RESULT_USED, NULL);
        branch(L, NO_EVENT, IR_OUTCOME_ANY, on_true, on_false);
    }
    L->depth--;
}

/* ---- statements --------------------------------------------------------------------------- */

static uint32_t label_block(struct lower *L, const char *name)
{
    const uint32_t *block = strmap_find(&L->labels, name);
    if (block)
        return *block;
    uint32_t b = new_block(L);
    strmap_put(&L->labels, name, b);
    return b;
}

static void lower_var_decl(struct lower *L, CXCursor decl)
{
    const char *name = local_name(L, decl);
    if (!fe_is_integer_type(clang_getCursorType(decl))) {
        lower_children(L, decl);
        return;
    }
    CXCursor init = var_init(decl);
    if (clang_Cursor_isNull(init))
        return;
    CXCursor value = fe_strip(init);
    if (is_call(value)) {
        uint32_t id = lower_call(L, value, is_global(decl) ? NULL : name, IR_RESULT_USED);
        if (!is_global(decl))
            remember_result(L, name, id);
        return;
    }
    char *src = path_of(L, value);
    lower_value(L, init, IR_RESULT_USED, NULL);
    if (src)
        emit_assign(L, decl, name, src);
    free(src);
}

static void lower_decl_stmt(struct lower *L, CXCursor s)
{
    CXCursor *kids = NULL;
    unsigned n = fe_children(s, &kids);
    for (unsigned i = 0; i < n; i++)
        if (clang_getCursorKind(kids[i]) == CXCursor_VarDecl)
            lower_var_decl(L, kids[i]);
    free(kids);
}

static void lower_if(struct lower *L, CXCursor *kids, unsigned n)
{
    if (n < 2)
        return;
    uint32_t then_b = new_block(L), join = new_block(L);
    uint32_t else_b = n >= 3 ? new_block(L) : join;
    lower_cond(L, kids[0], then_b, else_b);
    L->cur = then_b;
    lower_stmt(L, kids[1]);
    jump_to(L, join);
    if (n >= 3) {
        L->cur = else_b;
        lower_stmt(L, kids[2]);
        jump_to(L, join);
    }
    L->cur = join;
}

static void push_jump(struct lower *L, uint32_t brk, uint32_t cont)
{
    struct jump *j = XPUSH(L->jumps, L->njumps, L->jumps_cap);
    j->brk = brk;
    j->cont = cont;
}

static void lower_while(struct lower *L, CXCursor *kids, unsigned n)
{
    if (n < 2)
        return;
    uint32_t head = new_block(L), body = new_block(L), exit_b = new_block(L);
    jump_to(L, head);
    L->cur = head;
    lower_cond(L, kids[0], body, exit_b);
    push_jump(L, exit_b, head);
    L->cur = body;
    lower_stmt(L, kids[n - 1]);
    jump_to(L, head);
    L->njumps--;
    L->cur = exit_b;
}

static void lower_do(struct lower *L, CXCursor *kids, unsigned n)
{
    if (n < 2)
        return;
    uint32_t body = new_block(L), cond = new_block(L), exit_b = new_block(L);
    jump_to(L, body);
    L->cur = body;
    push_jump(L, exit_b, cond);
    lower_stmt(L, kids[0]);
    L->njumps--;
    jump_to(L, cond);
    L->cur = cond;
    lower_cond(L, kids[1], body, exit_b);
    L->cur = exit_b;
}

/* File offset of a location, for telling which clause of a for header a child is in. */
static unsigned offset_of(CXSourceLocation loc)
{
    unsigned off = 0;
    clang_getFileLocation(loc, NULL, NULL, NULL, &off);
    return off;
}

/*
 * libclang lists only the clauses a for statement has. The two ';' of its header, found by
 * tokenizing up to the body, tell which of init, cond and inc the children are.
 */
static void for_clauses(struct lower *L, CXCursor s, CXCursor *kids, unsigned n, CXCursor *init,
                        CXCursor *cond, CXCursor *inc)
{
    *init = *cond = *inc = clang_getNullCursor();
    if (n == 4) {
        *init = kids[0], *cond = kids[1], *inc = kids[2];
        return;
    }
    CXToken *toks = NULL;
    unsigned ntoks = 0;
    CXSourceRange header = clang_getRange(clang_getRangeStart(clang_getCursorExtent(s)),
                                          clang_getRangeStart(clang_getCursorExtent(kids[n - 1])));
    clang_tokenize(L->u->tu, header, &toks, &ntoks);
    unsigned semi[2] = {0, 0}, nsemi = 0;
    int depth = 0;
    for (unsigned i = 0; i < ntoks && nsemi < 2; i++) {
        char *t = fe_str_consume(clang_getTokenSpelling(L->u->tu, toks[i]));
        if (strcmp(t, "(") == 0)
            depth++;
        else if (strcmp(t, ")") == 0)
            depth--;
        else if (strcmp(t, ";") == 0 && depth == 1)
            semi[nsemi++] = offset_of(clang_getTokenLocation(L->u->tu, toks[i]));
        free(t);
    }
    if (toks)
        clang_disposeTokens(L->u->tu, toks, ntoks);
    for (unsigned i = 0; i + 1 < n; i++) {
        unsigned off = offset_of(clang_getRangeStart(clang_getCursorExtent(kids[i])));
        if (nsemi == 2 && off > semi[1])
            *inc = kids[i];
        else if (nsemi == 2 && off > semi[0])
            *cond = kids[i];
        else if (nsemi == 2)
            *init = kids[i];
        else if (n == 2)
            *cond = kids[i]; /* header not readable (macro): the common `for (; c;)` guess */
        else
            *(i == 0 ? init : cond) = kids[i];
    }
}

static void lower_for(struct lower *L, CXCursor s, CXCursor *kids, unsigned n)
{
    if (n < 1)
        return;
    CXCursor init, cond, inc;
    for_clauses(L, s, kids, n, &init, &cond, &inc);
    if (!clang_Cursor_isNull(init))
        lower_stmt(L, init);
    uint32_t head = new_block(L), body = new_block(L), step = new_block(L), exit_b = new_block(L);
    jump_to(L, head);
    L->cur = head;
    if (!clang_Cursor_isNull(cond))
        lower_cond(L, cond, body, exit_b);
    else
        jump_to(L, body);
    push_jump(L, exit_b, step);
    L->cur = body;
    lower_stmt(L, kids[n - 1]);
    L->njumps--;
    jump_to(L, step);
    L->cur = step;
    if (!clang_Cursor_isNull(inc))
        lower_value(L, inc, IR_RESULT_DISCARDED, NULL);
    jump_to(L, head);
    L->cur = exit_b;
}

static void lower_switch(struct lower *L, CXCursor *kids, unsigned n)
{
    if (n < 2)
        return;
    lower_value(L, kids[0], IR_RESULT_USED, NULL);
    uint32_t head = L->cur, exit_b = new_block(L);
    struct switch_ctx *sw = XPUSH(L->switches, L->nswitches, L->switches_cap);
    sw->head = head;
    sw->has_default = 0;
    push_jump(L, exit_b, L->njumps > 1 ? L->jumps[L->njumps - 2].cont : exit_b);
    start_unreachable(L);
    lower_stmt(L, kids[n - 1]);
    jump_to(L, exit_b);
    L->njumps--;
    if (!L->switches[--L->nswitches].has_default)
        edge(L, head, exit_b, 0, IR_OUTCOME_ANY);
    L->cur = exit_b;
}

/* case/default: reached from the switch head and by falling through from above. */
static void lower_case(struct lower *L, CXCursor *kids, unsigned n, int is_default)
{
    uint32_t b = new_block(L);
    jump_to(L, b);
    if (L->nswitches) {
        struct switch_ctx *sw = &L->switches[L->nswitches - 1];
        edge(L, sw->head, b, 0, IR_OUTCOME_ANY);
        if (is_default)
            sw->has_default = 1;
    }
    L->cur = b;
    if (n) {
        L->stmt = fe_range(L->u, kids[n - 1]);
        lower_stmt(L, kids[n - 1]);
    }
}

static void lower_return(struct lower *L, CXCursor *kids, unsigned n)
{
    struct ir_event ev = {0};
    ev.kind = IR_RETURN;
    if (n) {
        CXCursor value = fe_strip(kids[0]);
        if (is_call(value) && fe_is_integer_type(clang_getCursorType(value))) {
            lower_call(L, value, "%ret", IR_RESULT_USED);
            ev.src = xstrdup("%ret");
        } else {
            lower_value(L, kids[0], IR_RESULT_USED, NULL);
            ev.src = fe_is_integer_type(clang_getCursorType(kids[0])) ? path_of(L, value) : NULL;
        }
        ev.range = fe_range(L->u, kids[0]);
    }
    emit(L, &ev);
    jump_to(L, IR_EXIT_BLOCK);
    start_unreachable(L);
}

static void lower_goto(struct lower *L, CXCursor s, CXCursor *kids, unsigned n)
{
    if (clang_getCursorKind(s) == CXCursor_GotoStmt && n) {
        char *name = fe_str_consume(clang_getCursorSpelling(kids[0]));
        jump_to(L, label_block(L, name));
        free(name);
    }
    /* A computed goto could go to any label; the path is ended instead (a known gap). */
    start_unreachable(L);
}

static void lower_label(struct lower *L, CXCursor s, CXCursor *kids, unsigned n)
{
    char *name = fe_str_consume(clang_getCursorSpelling(s));
    uint32_t b = label_block(L, name);
    free(name);
    jump_to(L, b);
    L->cur = b;
    if (n) {
        L->stmt = fe_range(L->u, kids[n - 1]);
        lower_stmt(L, kids[n - 1]);
    }
}

static void lower_jump(struct lower *L, int is_break)
{
    if (L->njumps)
        jump_to(L, is_break ? L->jumps[L->njumps - 1].brk : L->jumps[L->njumps - 1].cont);
    start_unreachable(L);
}

/* A flat switch over statement kinds, one lowering function each. */
static void lower_stmt(struct lower *L, CXCursor s)
{
    enum CXCursorKind kind = clang_getCursorKind(s);
    if (clang_isExpression(kind)) {
        lower_value(L, s, IR_RESULT_DISCARDED, NULL);
        return;
    }
    if (L->depth >= MAX_DEPTH) {
        note_too_deep(L, s);
        return;
    }
    L->depth++;
    CXCursor *kids = NULL;
    unsigned n = fe_children(s, &kids);
    switch (kind) {
    case CXCursor_CompoundStmt:
        for (unsigned i = 0; i < n; i++) {
            L->stmt = fe_range(L->u, kids[i]);
            lower_stmt(L, kids[i]);
        }
        break;
    case CXCursor_DeclStmt:
        lower_decl_stmt(L, s);
        break;
    case CXCursor_IfStmt:
        lower_if(L, kids, n);
        break;
    case CXCursor_WhileStmt:
        lower_while(L, kids, n);
        break;
    case CXCursor_DoStmt:
        lower_do(L, kids, n);
        break;
    case CXCursor_ForStmt:
        lower_for(L, s, kids, n);
        break;
    case CXCursor_SwitchStmt:
        lower_switch(L, kids, n);
        break;
    case CXCursor_CaseStmt:
    case CXCursor_DefaultStmt:
        lower_case(L, kids, n, kind == CXCursor_DefaultStmt);
        break;
    case CXCursor_BreakStmt:
    case CXCursor_ContinueStmt:
        lower_jump(L, kind == CXCursor_BreakStmt);
        break;
    case CXCursor_ReturnStmt:
        lower_return(L, kids, n);
        break;
    case CXCursor_GotoStmt:
    case CXCursor_IndirectGotoStmt:
        lower_goto(L, s, kids, n);
        break;
    case CXCursor_LabelStmt:
        lower_label(L, s, kids, n);
        break;
    default:
        break;
    }
    free(kids);
    L->depth--;
}

/* ---- functions ----------------------------------------------------------------------------- */

static void lower_fini(struct lower *L)
{
    free(L->jumps);
    free(L->switches);
    strmap_fini(&L->labels);
    for (size_t i = 0; i < L->nvars; i++)
        free(L->vars[i].name);
    free(L->vars);
    free(L->var_heads);
    strmap_fini(&L->spelled);
    strmap_fini(&L->results);
    for (size_t i = 0; i < L->nports; i++)
        free(L->ports[i].path);
    free(L->ports);
    strmap_fini(&L->port_index);
    strmap_fini(&L->assigned);
    free(L->kinds);
}

static void lower_signature(struct lower *L, CXCursor fn_cursor)
{
    struct ir_function *fn = L->fn;
    fn->name = fe_str_consume(clang_getCursorSpelling(fn_cursor));
    fn->linkage = clang_getCursorLinkage(fn_cursor) == CXLinkage_Internal ? IR_LINKAGE_INTERNAL
                                                                          : IR_LINKAGE_EXTERNAL;
    CXFile file = NULL;
    unsigned line = 0, col = 0;
    clang_getExpansionLocation(clang_getCursorLocation(fn_cursor), &file, &line, &col, NULL);
    fn->range = (struct sc_range){fe_file_index(L->u, file), line, col, line,
                                  col + (unsigned)strlen(fn->name)};
    int nparams = clang_Cursor_getNumArguments(fn_cursor);
    if (nparams > 0) {
        fn->nparams = (size_t)nparams;
        fn->params = xcalloc(fn->nparams, sizeof *fn->params);
        for (int i = 0; i < nparams; i++) {
            CXCursor p = clang_Cursor_getArgument(fn_cursor, (unsigned)i);
            char *spelled = fe_str_consume(clang_getCursorSpelling(p));
            fn->params[i] = spelled[0] ? xstrdup(local_name(L, p)) : NULL;
            free(spelled);
        }
    }
}

void fe_lower_function(struct fe_unit *u, CXCursor fn_cursor)
{
    struct lower L = {0};
    L.u = u;
    L.fn = facts_add_function(u->facts);
    lower_signature(&L, fn_cursor);
    uint32_t entry = new_block(&L);
    new_block(&L); /* IR_EXIT_BLOCK */
    L.cur = entry;
    CXCursor *kids = NULL;
    unsigned n = fe_children(fn_cursor, &kids);
    for (unsigned i = 0; i < n; i++)
        if (clang_getCursorKind(kids[i]) == CXCursor_CompoundStmt)
            lower_stmt(&L, kids[i]);
    free(kids);
    jump_to(&L, IR_EXIT_BLOCK);
    if (L.too_deep.line) {
        char *why = xasprintf("nesting deeper than %d levels: the code of function '%s' nested "
                              "below that depth is not analysed (findings in it may be missed); "
                              "flatten it, or move the inner part into a function of its own",
                              MAX_DEPTH, L.fn->name);
        facts_add_warning(u->facts, L.too_deep.file, L.too_deep.line, L.too_deep.col, why);
        free(why);
    }
    lower_fini(&L);
}
