/*
 * Front end: C snippets → facts. CFG shapes for every construct SPEC §2 lists (reachability
 * between marker calls), branch conditions on socket calls, constants, access paths, result
 * use and macro locations.
 */
#include "facts.h"
#include "fe.h"
#include "ir.h"
#include "strbuf.h"
#include "units.h"
#include "xalloc.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const prelude =
    "#include <sys/socket.h>\n#include <netinet/in.h>\n#include <sys/un.h>\n"
    "#include <stdlib.h>\n#include <err.h>\n"
    "void a(void); void b(void); void c(void); void d(void); void e(void);\n"
    "int p(void); int q(void); int r(void);\n"
    "_Noreturn void die(void); void fatal(void) __attribute__((noreturn));\n";

/* Parses prelude + body from a temporary file; the caller frees the facts. */
static struct facts *extract_args(const char *body, const char *const *args, size_t nargs)
{
    char dir[] = "/tmp/sockcheck-fe-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char *path = xasprintf("%s/unit.c", dir);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(prelude, f);
    fputs(body, f);
    fclose(f);
    struct unit u = {path, dir, (char **)args, nargs, NULL, true};
    struct fe *fe = fe_new();
    struct sc_error err;
    sc_error_clear(&err);
    struct facts *facts = fe_extract(fe, &u, &err);
    ck_assert_msg(facts != NULL, "extract failed: %s", err.message);
    for (size_t i = 0; i < facts->ndiags; i++)
        fprintf(stderr, "diag: %u:%u %s\n", facts->diags[i].line, facts->diags[i].col,
                facts->diags[i].message);
    fe_free(fe);
    unlink(path);
    rmdir(dir);
    free(path);
    return facts;
}

static struct facts *extract(const char *body)
{
    return extract_args(body, NULL, 0);
}

/* The number of lines of the prelude, to turn snippet lines into file lines. */
static unsigned prelude_lines(void)
{
    unsigned n = 0;
    for (const char *p = prelude; *p; p++)
        n += *p == '\n';
    return n;
}

static const struct ir_function *function(const struct facts *facts, const char *name)
{
    for (size_t i = 0; i < facts->nfunctions; i++)
        if (strcmp(facts->functions[i].name, name) == 0)
            return &facts->functions[i];
    ck_abort_msg("no function %s", name);
    return NULL;
}

/* The n-th event of kind (0-based, in id order) and its block. */
static const struct ir_event *event_of(const struct ir_function *fn, enum ir_kind kind, unsigned n,
                                       uint32_t *block_out)
{
    for (uint32_t id = 0; id < fn->nevents; id++) {
        for (uint32_t b = 0; b < fn->nblocks; b++) {
            for (size_t i = 0; i < fn->blocks[b].nevents; i++) {
                const struct ir_event *ev = &fn->blocks[b].events[i];
                if (ev->id == id && ev->kind == kind && n-- == 0) {
                    if (block_out)
                        *block_out = b;
                    return ev;
                }
            }
        }
    }
    ck_abort_msg("no %s event", ir_kind_name(kind));
    return NULL;
}

/* The block holding the call to the marker function name. */
static uint32_t block_of(const struct ir_function *fn, const char *name)
{
    for (uint32_t b = 0; b < fn->nblocks; b++)
        for (size_t i = 0; i < fn->blocks[b].nevents; i++) {
            const struct ir_event *ev = &fn->blocks[b].events[i];
            if (ev->callee && strcmp(ev->callee, name) == 0)
                return b;
        }
    ck_abort_msg("no call to %s", name);
    return 0;
}

/* Whether to is reachable from from by at least one edge, never passing through avoid. */
static bool reaches_avoiding(const struct ir_function *fn, uint32_t from, uint32_t to,
                             uint32_t avoid)
{
    bool *seen = xcalloc(fn->nblocks, sizeof *seen);
    uint32_t *stack = xcalloc(fn->nblocks * 4 + 4, sizeof *stack);
    size_t n = 0;
    bool found = false;
    stack[n++] = from;
    while (n && !found) {
        uint32_t b = stack[--n];
        for (size_t i = 0; i < fn->blocks[b].nsuccs; i++) {
            uint32_t t = fn->blocks[b].succs[i].target;
            if (t == to) {
                found = true;
                break;
            }
            if (t != avoid && !seen[t]) {
                seen[t] = true;
                stack[n++] = t;
            }
        }
    }
    free(seen);
    free(stack);
    return found;
}

/* Whether every path from the entry to to passes through one of a or b. */
static bool always_through(const struct ir_function *fn, uint32_t to, uint32_t a, uint32_t b)
{
    bool *seen = xcalloc(fn->nblocks, sizeof *seen);
    uint32_t *stack = xcalloc(fn->nblocks + 1, sizeof *stack);
    size_t n = 0;
    bool escaped = false;
    stack[n++] = IR_ENTRY_BLOCK;
    seen[IR_ENTRY_BLOCK] = true;
    while (n && !escaped) {
        uint32_t blk = stack[--n];
        for (size_t i = 0; i < fn->blocks[blk].nsuccs; i++) {
            uint32_t t = fn->blocks[blk].succs[i].target;
            escaped |= t == to;
            if (t != a && t != b && !seen[t]) {
                seen[t] = true;
                stack[n++] = t;
            }
        }
    }
    free(seen);
    free(stack);
    return !escaped;
}

static bool reaches(const struct ir_function *fn, uint32_t from, uint32_t to)
{
    return reaches_avoiding(fn, from, to, UINT32_MAX);
}

static bool reachable(const struct ir_function *fn, const char *name)
{
    uint32_t b = block_of(fn, name);
    return b == IR_ENTRY_BLOCK || reaches(fn, IR_ENTRY_BLOCK, b);
}

#define R(fn, x, y) reaches(fn, block_of(fn, x), block_of(fn, y))

START_TEST(if_else)
{
    struct facts *f = extract("void t(int x) { if (x) a(); else b(); c(); }\n");
    const struct ir_function *fn = function(f, "t");
    ck_assert(R(fn, "a", "c"));
    ck_assert(R(fn, "b", "c"));
    ck_assert(!R(fn, "a", "b"));
    ck_assert(!R(fn, "b", "a"));
    ck_assert(reaches(fn, block_of(fn, "c"), IR_EXIT_BLOCK));
    facts_free(f);
}
END_TEST

START_TEST(while_loop)
{
    struct facts *f = extract("void t(void) { a(); while (p()) b(); c(); }\n");
    const struct ir_function *fn = function(f, "t");
    ck_assert(R(fn, "b", "p"));
    ck_assert(R(fn, "b", "b"));
    ck_assert(R(fn, "p", "c"));
    ck_assert(!R(fn, "c", "b"));
    /* The body is only entered through the condition. */
    ck_assert(!reaches_avoiding(fn, block_of(fn, "a"), block_of(fn, "b"), block_of(fn, "p")));
    facts_free(f);
}
END_TEST

START_TEST(do_while_loop)
{
    struct facts *f = extract("void t(void) { a(); do b(); while (p()); c(); }\n");
    const struct ir_function *fn = function(f, "t");
    ck_assert(reaches_avoiding(fn, block_of(fn, "a"), block_of(fn, "b"), block_of(fn, "p")));
    ck_assert(R(fn, "p", "b"));
    ck_assert(R(fn, "p", "c"));
    ck_assert(!reaches_avoiding(fn, block_of(fn, "a"), block_of(fn, "c"), block_of(fn, "p")));
    facts_free(f);
}
END_TEST

START_TEST(for_all_clauses)
{
    struct facts *f = extract("void t(void) { int i; for (i = p(); q(); r()) b(); c(); }\n");
    const struct ir_function *fn = function(f, "t");
    ck_assert(R(fn, "p", "q"));
    ck_assert(R(fn, "q", "b"));
    ck_assert(R(fn, "b", "r"));
    ck_assert(R(fn, "r", "q"));
    ck_assert(R(fn, "q", "c"));
    ck_assert(!R(fn, "r", "p"));
    ck_assert(!reaches_avoiding(fn, block_of(fn, "b"), block_of(fn, "q"), block_of(fn, "r")));
    facts_free(f);
}
END_TEST

START_TEST(for_missing_clauses)
{
    /* Only the increment: libclang lists two children, and only the ';' tell which. */
    struct facts *f = extract("void t(void) { for (;; r()) { if (p()) break; b(); } c(); }\n"
                              "void u(void) { for (a(); ;) { if (p()) break; b(); } c(); }\n"
                              "void v(void) { for (;;) { b(); } c(); }\n");
    const struct ir_function *fn = function(f, "t");
    ck_assert(R(fn, "b", "r"));
    ck_assert(R(fn, "r", "p"));
    ck_assert(reachable(fn, "c"));
    ck_assert(!reaches_avoiding(fn, block_of(fn, "r"), block_of(fn, "c"), block_of(fn, "p")));
    fn = function(f, "u");
    ck_assert(R(fn, "a", "p"));
    ck_assert(!R(fn, "b", "a"));
    fn = function(f, "v");
    ck_assert(R(fn, "b", "b"));
    ck_assert(!reachable(fn, "c"));
    facts_free(f);
}
END_TEST

START_TEST(break_and_continue)
{
    struct facts *f =
        extract("void t(void) { while (p()) { if (q()) continue; if (r()) break; a(); } b(); }\n");
    const struct ir_function *fn = function(f, "t");
    /* continue goes back to the condition without running a(). */
    ck_assert(reaches_avoiding(fn, block_of(fn, "q"), block_of(fn, "p"), block_of(fn, "a")));
    /* break leaves the loop without running a() or the condition again. */
    ck_assert(reaches_avoiding(fn, block_of(fn, "r"), block_of(fn, "b"), block_of(fn, "p")));
    ck_assert(R(fn, "a", "p"));
    facts_free(f);
}
END_TEST

START_TEST(switch_cases)
{
    struct facts *f = extract("void t(int x) { switch (x) { case 1: a(); case 2: b(); break;"
                              " case 3: c(); break; } d(); }\n"
                              "void u(int x) { switch (x) { case 1: a(); break; default: b(); }"
                              " d(); }\n");
    const struct ir_function *fn = function(f, "t");
    ck_assert(R(fn, "a", "b")); /* fallthrough */
    ck_assert(!R(fn, "b", "c"));
    ck_assert(R(fn, "c", "d"));
    ck_assert(reachable(fn, "c"));
    /* No default: the switch can skip every case. */
    ck_assert(!always_through(fn, block_of(fn, "d"), block_of(fn, "b"), block_of(fn, "c")));
    fn = function(f, "u");
    ck_assert(always_through(fn, block_of(fn, "d"), block_of(fn, "a"), block_of(fn, "b")));
    ck_assert(reachable(fn, "b"));
    facts_free(f);
}
END_TEST

START_TEST(goto_and_labels)
{
    struct facts *f = extract("void t(int x) { a(); if (x) goto out; b(); out: c(); }\n"
                              "void u(void) { goto skip; a(); skip: b(); }\n");
    const struct ir_function *fn = function(f, "t");
    ck_assert(reaches_avoiding(fn, block_of(fn, "a"), block_of(fn, "c"), block_of(fn, "b")));
    ck_assert(R(fn, "b", "c"));
    fn = function(f, "u");
    ck_assert(!reachable(fn, "a"));
    ck_assert(reachable(fn, "b"));
    facts_free(f);
}
END_TEST

START_TEST(return_ends_path)
{
    struct facts *f = extract("int t(int x) { if (x) { a(); return 1; } b(); return 0; c(); }\n");
    const struct ir_function *fn = function(f, "t");
    ck_assert(!R(fn, "a", "b"));
    ck_assert(reaches(fn, block_of(fn, "a"), IR_EXIT_BLOCK));
    ck_assert(!reachable(fn, "c"));
    const struct ir_event *ret = event_of(fn, IR_RETURN, 0, NULL);
    ck_assert_ptr_null(ret->src);
    facts_free(f);
}
END_TEST

START_TEST(short_circuit)
{
    struct facts *f = extract("void t(void) { if (p() && q()) a(); else b(); }\n"
                              "void u(void) { if (p() || q()) a(); else b(); }\n"
                              "void v(void) { int x = p() && q(); (void)x; c(); }\n");
    const struct ir_function *fn = function(f, "t");
    ck_assert(R(fn, "p", "q"));
    ck_assert(reaches_avoiding(fn, block_of(fn, "p"), block_of(fn, "b"), block_of(fn, "q")));
    ck_assert(!reaches_avoiding(fn, block_of(fn, "p"), block_of(fn, "a"), block_of(fn, "q")));
    fn = function(f, "u");
    ck_assert(reaches_avoiding(fn, block_of(fn, "p"), block_of(fn, "a"), block_of(fn, "q")));
    ck_assert(!reaches_avoiding(fn, block_of(fn, "p"), block_of(fn, "b"), block_of(fn, "q")));
    fn = function(f, "v");
    ck_assert(reaches_avoiding(fn, block_of(fn, "p"), block_of(fn, "c"), block_of(fn, "q")));
    ck_assert(R(fn, "q", "c"));
    facts_free(f);
}
END_TEST

START_TEST(conditional_operator)
{
    struct facts *f = extract("void t(int x) { int y = x ? p() : q(); (void)y; c(); }\n");
    const struct ir_function *fn = function(f, "t");
    ck_assert(!R(fn, "p", "q"));
    ck_assert(!R(fn, "q", "p"));
    ck_assert(R(fn, "p", "c"));
    ck_assert(R(fn, "q", "c"));
    facts_free(f);
}
END_TEST

START_TEST(noreturn_calls)
{
    struct facts *f = extract("void t(int x) { if (x) { exit(1); a(); } b(); }\n"
                              "void u(int x) { if (x) { die(); a(); } b(); }\n"
                              "void v(int x) { if (x) { fatal(); a(); } b(); }\n"
                              "void w(int x) { if (x) { err(1, \"x\"); a(); } b(); }\n"
                              "void y(int x) { if (x) { abort(); } b(); }\n");
    const char *names[] = {"t", "u", "v", "w"};
    for (size_t i = 0; i < 4; i++) {
        const struct ir_function *fn = function(f, names[i]);
        ck_assert_msg(!reachable(fn, "a"), "%s: code after a no-return call is reachable",
                      names[i]);
        ck_assert(reachable(fn, "b"));
    }
    const struct ir_function *fn = function(f, "y");
    ck_assert(!R(fn, "abort", "b"));
    ck_assert(!reaches(fn, block_of(fn, "abort"), IR_EXIT_BLOCK));
    facts_free(f);
}
END_TEST

/* The edge out of the block of event ev to the block of marker, or NULL. */
static const struct ir_edge *edge_towards(const struct ir_function *fn, uint32_t from,
                                          const char *marker)
{
    uint32_t to = block_of(fn, marker);
    for (size_t i = 0; i < fn->blocks[from].nsuccs; i++) {
        const struct ir_edge *e = &fn->blocks[from].succs[i];
        if (e->target == to || reaches(fn, e->target, to))
            return e;
    }
    return NULL;
}

static void assert_branch(const char *code, enum ir_kind kind, enum ir_outcome to_a)
{
    struct facts *f = extract(code);
    const struct ir_function *fn = function(f, "t");
    uint32_t b;
    const struct ir_event *ev = event_of(fn, kind, 0, &b);
    const struct ir_edge *e = edge_towards(fn, b, "a");
    ck_assert_ptr_nonnull(e);
    ck_assert_msg(e->cond_outcome == to_a, "%s: edge to a() is %s", code,
                  ir_outcome_name(e->cond_outcome));
    if (to_a != IR_OUTCOME_ANY)
        ck_assert_uint_eq(e->cond_event, ev->id);
    facts_free(f);
}

START_TEST(branch_on_results)
{
    const char *decl = "struct sockaddr_in sa; ";
    char *code;
#define BRANCH(cond, kind, outcome)                                                                \
    code = xasprintf("void t(int fd) { %s if (" cond ") a(); else b(); }\n", decl);                \
    assert_branch(code, kind, outcome);                                                            \
    free(code)
    BRANCH("bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0", IR_BIND, IR_OUTCOME_FAILURE);
    BRANCH("bind(fd, (struct sockaddr *)&sa, sizeof sa) == -1", IR_BIND, IR_OUTCOME_FAILURE);
    BRANCH("bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0", IR_BIND, IR_OUTCOME_FAILURE);
    BRANCH("bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0", IR_BIND, IR_OUTCOME_SUCCESS);
    BRANCH("0 > bind(fd, (struct sockaddr *)&sa, sizeof sa)", IR_BIND, IR_OUTCOME_FAILURE);
    BRANCH("!bind(fd, (struct sockaddr *)&sa, sizeof sa)", IR_BIND, IR_OUTCOME_SUCCESS);
    BRANCH("bind(fd, (struct sockaddr *)&sa, sizeof sa)", IR_BIND, IR_OUTCOME_FAILURE);
    BRANCH("setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &(int){1}, sizeof(int)) < 0", IR_SETSOCKOPT,
           IR_OUTCOME_FAILURE);
    BRANCH("socket(AF_INET, SOCK_STREAM, 0) < 0", IR_CREATE, IR_OUTCOME_FAILURE);
    BRANCH("socket(AF_INET, SOCK_STREAM, 0) >= 0", IR_CREATE, IR_OUTCOME_SUCCESS);
    BRANCH("p() < 0", IR_CALL, IR_OUTCOME_ANY);
#undef BRANCH
    assert_branch(
        "void t(int fd) { struct sockaddr_in sa; int rc = bind(fd, (struct sockaddr *)&sa,"
        " sizeof sa); if (rc < 0) a(); else b(); }\n",
        IR_BIND, IR_OUTCOME_FAILURE);
    assert_branch("void t(void) { int fd; if ((fd = socket(AF_INET, SOCK_STREAM, 0)) == -1) a();"
                  " else b(); }\n",
                  IR_CREATE, IR_OUTCOME_FAILURE);
}
END_TEST

START_TEST(socket_constants)
{
    struct facts *f =
        extract("void t(void) {\n"
                "  int s1 = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);\n"
                "  int s2 = socket(PF_INET6, SOCK_DGRAM, 0);\n"
                "  int s3 = socket(AF_UNIX, SOCK_SEQPACKET, 0);\n"
                "  int fam = p();\n"
                "  int s4 = socket(fam, SOCK_RAW, 0);\n"
                "  int one = 1, off = 0; int *ptr = &one;\n"
                "  setsockopt(s1, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);\n"
                "  setsockopt(s1, SOL_SOCKET, SO_REUSEPORT, &off, sizeof(off));\n"
                "  setsockopt(s1, IPPROTO_TCP, SO_REUSEADDR, &(int){1}, sizeof ptr);\n"
                "  setsockopt(s1, IPPROTO_TCP, 2, NULL, 2);\n"
                "  setsockopt(s1, 1, 2, &one, 4);\n"
                "  (void)s2; (void)s3; (void)s4;\n"
                "}\n");
    const struct ir_function *fn = function(f, "t");
    const struct ir_event *c;
    c = event_of(fn, IR_CREATE, 0, NULL);
    ck_assert_int_eq(c->family, IR_FAMILY_INET);
    ck_assert_int_eq(c->socktype, IR_SOCKTYPE_STREAM);
    ck_assert_str_eq(c->dst, "s1");
    c = event_of(fn, IR_CREATE, 1, NULL);
    ck_assert_int_eq(c->family, IR_FAMILY_INET6);
    ck_assert_int_eq(c->socktype, IR_SOCKTYPE_DGRAM);
    c = event_of(fn, IR_CREATE, 2, NULL);
    ck_assert_int_eq(c->family, IR_FAMILY_UNIX);
    ck_assert_int_eq(c->socktype, IR_SOCKTYPE_SEQPACKET);
    c = event_of(fn, IR_CREATE, 3, NULL);
    ck_assert_int_eq(c->family, IR_FAMILY_UNKNOWN);
    ck_assert_int_eq(c->socktype, IR_SOCKTYPE_RAW);

    const struct ir_event *s = event_of(fn, IR_SETSOCKOPT, 0, NULL);
    ck_assert_str_eq(s->sock, "s1");
    ck_assert_int_eq(s->sockopt.level, IR_LEVEL_SOCKET);
    ck_assert_int_eq(s->sockopt.option, IR_OPTION_REUSEADDR);
    ck_assert_int_eq(s->sockopt.value, IR_OPTVAL_NONZERO);
    ck_assert(s->sockopt.optlen.known);
    ck_assert_int_eq(s->sockopt.optlen.value, (long long)sizeof(int));
    ck_assert_int_eq(s->sockopt.optval_size.value, (long long)sizeof(int));
    ck_assert_int_eq(s->result_use, IR_RESULT_DISCARDED);
    s = event_of(fn, IR_SETSOCKOPT, 1, NULL);
    ck_assert_int_eq(s->sockopt.option, IR_OPTION_REUSEPORT);
    ck_assert_int_eq(s->sockopt.value, IR_OPTVAL_ZERO);
    s = event_of(fn, IR_SETSOCKOPT, 2, NULL);
    ck_assert_int_eq(s->sockopt.level, IR_LEVEL_OTHER);
    ck_assert_int_eq(s->sockopt.option, IR_OPTION_REUSEADDR);
    ck_assert_int_eq(s->sockopt.value, IR_OPTVAL_NONZERO);
    ck_assert(s->sockopt.optlen_is_pointer_size);
    s = event_of(fn, IR_SETSOCKOPT, 3, NULL);
    /* TCP_MAXSEG's number at IPPROTO_TCP is not SO_REUSEADDR. */
    ck_assert_int_eq(s->sockopt.option, IR_OPTION_OTHER);
    ck_assert(s->sockopt.optval_null);
    ck_assert_int_eq(s->sockopt.optlen.value, 2);
    s = event_of(fn, IR_SETSOCKOPT, 4, NULL);
    ck_assert_int_eq(s->sockopt.level, IR_LEVEL_SOCKET);
    ck_assert_int_eq(s->sockopt.option, IR_OPTION_REUSEADDR);
    facts_free(f);
}
END_TEST

START_TEST(access_paths)
{
    struct facts *f = extract("struct srv { int fd; struct { int fd; } inner; }; int g_fd;\n"
                              "void t(struct srv *s, struct srv *ls, int *out, int i) {\n"
                              "  struct srv local;\n"
                              "  s->fd = socket(AF_INET, SOCK_STREAM, 0);\n"
                              "  ls[i].fd = socket(AF_INET, SOCK_STREAM, 0);\n"
                              "  *out = socket(AF_INET, SOCK_STREAM, 0);\n"
                              "  g_fd = socket(AF_INET, SOCK_STREAM, 0);\n"
                              "  local.inner.fd = s->fd;\n"
                              "  listen(local.inner.fd, 5);\n"
                              "  { int s = 3; (void)s; }\n"
                              "  extern int configure(int, int, int *, struct srv *);\n"
                              "  configure(g_fd, 8 | 1, &i, &local);\n"
                              "}\n");
    const struct ir_function *fn = function(f, "t");
    ck_assert_str_eq(event_of(fn, IR_CREATE, 0, NULL)->dst, "s->fd");
    ck_assert_str_eq(event_of(fn, IR_CREATE, 1, NULL)->dst, "ls[].fd");
    ck_assert_str_eq(event_of(fn, IR_CREATE, 2, NULL)->dst, "*out");
    ck_assert_str_eq(event_of(fn, IR_CREATE, 3, NULL)->dst, "::g_fd");
    const struct ir_event *as = event_of(fn, IR_ASSIGN, 0, NULL);
    ck_assert_str_eq(as->dst, "local.inner.fd");
    ck_assert_str_eq(as->src, "s->fd");
    ck_assert_str_eq(event_of(fn, IR_LISTEN, 0, NULL)->sock, "local.inner.fd");
    const struct ir_event *call = event_of(fn, IR_CALL, 0, NULL);
    ck_assert_str_eq(call->callee, "configure");
    ck_assert_uint_eq(call->nargs, 4);
    ck_assert_str_eq(call->args[0], "::g_fd");
    ck_assert_ptr_null(call->args[1]);
    ck_assert_str_eq(call->args[2], "&i");
    ck_assert_str_eq(call->args[3], "&local");
    ck_assert_ptr_nonnull(call->arg_values);
    ck_assert(!call->arg_values[0].known);
    ck_assert(call->arg_values[1].known);
    ck_assert_int_eq(call->arg_values[1].value, 9);
    ck_assert_uint_eq(fn->nparams, 4);
    ck_assert_str_eq(fn->params[0], "s");
    ck_assert_str_eq(fn->params[3], "i");
    ck_assert_int_eq(fn->linkage, IR_LINKAGE_EXTERNAL);
    facts_free(f);
}
END_TEST

/* String literal arguments (SCK008): casts stripped, macros expanded, concatenation joined;
 * wide literals, non-literals and literals over the cap are not recorded. */
START_TEST(string_literal_arguments)
{
    const char *body = "#define KNOB \"/proc/sys/net/ipv4/\" \"tcp_tw_recycle\"\n"
                       "extern int sink(const char *, ...);\n"
                       "void t(const char *p, int n) {\n"
                       "  sink(KNOB, (const char *)\"w\", p, n, L\"wide\", \"\");\n"
                       "  sink(p, n);\n"
                       "}\n";
    struct facts *f = extract(body);
    const struct ir_function *fn = function(f, "t");
    const struct ir_event *c0 = event_of(fn, IR_CALL, 0, NULL);
    ck_assert_uint_eq(c0->nargs, 6);
    ck_assert_ptr_nonnull(c0->arg_strings);
    ck_assert_str_eq(c0->arg_strings[0], "/proc/sys/net/ipv4/tcp_tw_recycle");
    ck_assert_str_eq(c0->arg_strings[1], "w");
    ck_assert_ptr_null(c0->arg_strings[2]);
    ck_assert_ptr_null(c0->arg_strings[3]);
    ck_assert_ptr_null(c0->arg_strings[4]);
    ck_assert_str_eq(c0->arg_strings[5], "");
    ck_assert_ptr_null(event_of(fn, IR_CALL, 1, NULL)->arg_strings);
    facts_free(f);
}
END_TEST

START_TEST(long_string_literals_are_not_recorded)
{
    char fits[4097], over[4098];
    memset(fits, 'a', sizeof fits - 1);
    fits[sizeof fits - 1] = '\0';
    memset(over, 'b', sizeof over - 1);
    over[sizeof over - 1] = '\0';
    char *body = xasprintf("extern int sink(const char *, const char *);\n"
                           "void t(void) { sink(\"%s\", \"%s\"); }\n",
                           fits, over);
    struct facts *f = extract(body);
    const struct ir_event *c = event_of(function(f, "t"), IR_CALL, 0, NULL);
    ck_assert_ptr_nonnull(c->arg_strings);
    ck_assert_uint_eq(strlen(c->arg_strings[0]), 4096);
    ck_assert_ptr_null(c->arg_strings[1]);
    facts_free(f);
    free(body);
}
END_TEST

START_TEST(result_use_and_bind_family)
{
    struct facts *f =
        extract("static int t(int fd) {\n"
                "  struct sockaddr_un su; struct sockaddr_in6 s6; struct sockaddr_storage ss;\n"
                "  (void)bind(fd, (struct sockaddr *)&su, sizeof su);\n"
                "  bind(fd, (struct sockaddr *)&s6, sizeof s6);\n"
                "  return bind(fd, (struct sockaddr *)&ss, sizeof ss);\n"
                "}\n");
    const struct ir_function *fn = function(f, "t");
    ck_assert_int_eq(fn->linkage, IR_LINKAGE_INTERNAL);
    const struct ir_event *b0 = event_of(fn, IR_BIND, 0, NULL);
    ck_assert_int_eq(b0->result_use, IR_RESULT_VOIDED);
    ck_assert_int_eq(b0->bind.family, IR_FAMILY_UNIX);
    const struct ir_event *b1 = event_of(fn, IR_BIND, 1, NULL);
    ck_assert_int_eq(b1->result_use, IR_RESULT_DISCARDED);
    ck_assert_int_eq(b1->bind.family, IR_FAMILY_INET6);
    const struct ir_event *b2 = event_of(fn, IR_BIND, 2, NULL);
    ck_assert_int_eq(b2->result_use, IR_RESULT_USED);
    ck_assert_int_eq(b2->bind.family, IR_FAMILY_UNKNOWN);
    ck_assert_str_eq(b2->text, "bind ( fd , ( struct sockaddr * ) & ss , sizeof ss )");
    facts_free(f);
}
END_TEST

START_TEST(macro_locations)
{
    struct facts *f = extract("#define BIND(fd, a, l) bind((fd), (a), (l))\n"
                              "void t(int fd, struct sockaddr *sa) {\n"
                              "  if (BIND(fd, sa, 16) < 0)\n"
                              "    a();\n"
                              "}\n");
    const struct ir_function *fn = function(f, "t");
    uint32_t b;
    const struct ir_event *bind = event_of(fn, IR_BIND, 0, &b);
    unsigned base = prelude_lines();
    ck_assert_uint_eq(bind->range.line, base + 3);
    ck_assert_uint_eq(bind->range.col, 7);
    /* A fix goes before the whole if statement that holds the call. */
    ck_assert_uint_eq(bind->stmt.line, base + 3);
    ck_assert_uint_eq(bind->stmt.col, 3);
    ck_assert_uint_eq(bind->stmt.end_line, base + 4);
    ck_assert_str_eq(bind->sock, "fd");
    const struct ir_edge *e = edge_towards(fn, b, "a");
    ck_assert_int_eq(e->cond_outcome, IR_OUTCOME_FAILURE);
    facts_free(f);
}
END_TEST

START_TEST(ranges_are_user_columns)
{
    struct facts *f = extract("void t(int fd) {\n\tlisten(fd, 5);\n}\n");
    const struct ir_function *fn = function(f, "t");
    const struct ir_event *l = event_of(fn, IR_LISTEN, 0, NULL);
    unsigned base = prelude_lines();
    ck_assert_uint_eq(l->range.line, base + 2);
    ck_assert_uint_eq(l->range.col, 2);
    ck_assert_uint_eq(l->range.end_line, base + 2);
    ck_assert_uint_eq(l->range.end_col, 2 + strlen("listen(fd, 5)"));
    ck_assert_uint_eq(fn->range.line, base + 1);
    ck_assert_uint_eq(fn->range.col, 6);
    facts_free(f);
}
END_TEST

START_TEST(windows_target_flag)
{
    static const char *const args[] = {"-D_WIN32"};
    struct facts *f = extract_args("void t(void) {}\n", args, 1);
    ck_assert(f->target_windows);
    facts_free(f);
    f = extract("void t(void) {}\n");
    ck_assert(!f->target_windows);
    facts_free(f);
}
END_TEST

START_TEST(compile_errors_are_kept)
{
    struct facts *f = extract("void t(int fd) { listen(fd, 5); undeclared(); }\n"
                              "#include \"missing-header.h\"\n");
    ck_assert_uint_ge(f->ndiags, 1);
    ck_assert_ptr_nonnull(strstr(f->diags[0].message, "missing-header.h"));
    /* What parsed is still lowered. */
    event_of(function(f, "t"), IR_LISTEN, 0, NULL);
    facts_free(f);
}
END_TEST

START_TEST(missing_file_fails)
{
    struct unit u = {"/nonexistent/sockcheck/x.c", "/", NULL, 0, NULL, true};
    struct fe *fe = fe_new();
    struct sc_error err;
    sc_error_clear(&err);
    struct facts *facts = fe_extract(fe, &u, &err);
    ck_assert_ptr_null(facts);
    ck_assert_int_eq(err.kind, SC_ERROR_IO);
    ck_assert_str_eq(err.file, "/nonexistent/sockcheck/x.c");
    ck_assert_ptr_nonnull(strstr(err.message, "No such file"));
    fe_free(fe);
}
END_TEST

START_TEST(refused_arguments_fail)
{
    char dir[] = "/tmp/sockcheck-fe-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char *path = xasprintf("%s/unit.c", dir);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("int x;\n", f);
    fclose(f);
    static const char *const args[] = {"-std=c99999"};
    struct unit u = {path, dir, (char **)args, 1, NULL, true};
    struct fe *fe = fe_new();
    struct sc_error err;
    sc_error_clear(&err);
    struct facts *facts = fe_extract(fe, &u, &err);
    ck_assert_ptr_null(facts);
    ck_assert_int_eq(err.kind, SC_ERROR_PARSE_FAILED);
    ck_assert_ptr_nonnull(strstr(err.message, "compiler arguments"));
    fe_free(fe);
    unlink(path);
    rmdir(dir);
    free(path);
}
END_TEST

START_TEST(facts_round_trip_of_real_unit)
{
    struct facts *f = extract(
        "void t(void) { int fd = socket(AF_INET, SOCK_STREAM, 0); struct sockaddr_in sa;\n"
        "  if (fd < 0) return; setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &(int){1}, sizeof(int));\n"
        "  while (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) a(); listen(fd, 5); }\n");
    char *json = facts_to_json(f);
    struct sc_error err;
    sc_error_clear(&err);
    struct facts *back = facts_from_json(json, strlen(json), &err);
    ck_assert_msg(back != NULL, "%s", err.message);
    char *again = facts_to_json(back);
    ck_assert_str_eq(json, again);
    free(json);
    free(again);
    facts_free(back);
    facts_free(f);
}
END_TEST

/*
 * Nesting past the front end's depth limit: one warning per function, at the first place cut,
 * naming the function; the code around it and the next function are still lowered.
 */
START_TEST(nesting_too_deep_warns)
{
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_puts(&sb, "int deep(int x) {\n  listen(x, 1);\n  ");
    for (int i = 0; i < 600; i++)
        strbuf_puts(&sb, "if (x) ");
    strbuf_puts(&sb, "connect(x, 0, 0);\n  close(x);\n  return x;\n}\n"
                     "void shallow(int fd) { listen(fd, 5); }\n");
    struct facts *f = extract(sb.data);
    strbuf_fini(&sb);
    ck_assert_uint_eq(f->ndiags, 0);
    ck_assert_uint_eq(f->nwarnings, 1);
    ck_assert_uint_eq(f->warnings[0].file, 0);
    ck_assert_uint_eq(f->warnings[0].line, prelude_lines() + 3);
    /* At the if statement about 400 levels in (the body and the function count too). */
    ck_assert_uint_gt(f->warnings[0].col, 390 * strlen("if (x) "));
    ck_assert_uint_lt(f->warnings[0].col, 410 * strlen("if (x) "));
    ck_assert_msg(strstr(f->warnings[0].message, "nesting deeper than 400 levels") &&
                      strstr(f->warnings[0].message, "function 'deep'"),
                  "%s", f->warnings[0].message);
    const struct ir_function *deep = function(f, "deep");
    event_of(deep, IR_LISTEN, 0, NULL);
    event_of(deep, IR_CLOSE, 0, NULL);
    /* The connect() below the limit is not lowered: that is what the warning says. */
    for (uint32_t b = 0; b < deep->nblocks; b++)
        for (size_t k = 0; k < deep->blocks[b].nevents; k++)
            ck_assert_int_ne(deep->blocks[b].events[k].kind, IR_CONNECT);
    event_of(function(f, "shallow"), IR_LISTEN, 0, NULL);
    facts_free(f);
}
END_TEST

static Suite *fe_suite(void)
{
    Suite *s = suite_create("fe");
    TCase *cfg = tcase_create("cfg");
    tcase_set_timeout(cfg, 60);
    tcase_add_test(cfg, if_else);
    tcase_add_test(cfg, while_loop);
    tcase_add_test(cfg, do_while_loop);
    tcase_add_test(cfg, for_all_clauses);
    tcase_add_test(cfg, for_missing_clauses);
    tcase_add_test(cfg, break_and_continue);
    tcase_add_test(cfg, switch_cases);
    tcase_add_test(cfg, goto_and_labels);
    tcase_add_test(cfg, return_ends_path);
    tcase_add_test(cfg, short_circuit);
    tcase_add_test(cfg, conditional_operator);
    tcase_add_test(cfg, noreturn_calls);
    tcase_add_test(cfg, branch_on_results);
    suite_add_tcase(s, cfg);
    TCase *ev = tcase_create("events");
    tcase_set_timeout(ev, 60);
    tcase_add_test(ev, socket_constants);
    tcase_add_test(ev, access_paths);
    tcase_add_test(ev, string_literal_arguments);
    tcase_add_test(ev, long_string_literals_are_not_recorded);
    tcase_add_test(ev, result_use_and_bind_family);
    tcase_add_test(ev, macro_locations);
    tcase_add_test(ev, ranges_are_user_columns);
    tcase_add_test(ev, windows_target_flag);
    tcase_add_test(ev, compile_errors_are_kept);
    tcase_add_test(ev, missing_file_fails);
    tcase_add_test(ev, refused_arguments_fail);
    tcase_add_test(ev, facts_round_trip_of_real_unit);
    tcase_add_test(ev, nesting_too_deep_warns);
    suite_add_tcase(s, ev);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(fe_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
