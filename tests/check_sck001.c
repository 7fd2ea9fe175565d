/*
 * SCK001 and the reuse dataflow on hand-written facts (no parsing): each SPEC §2 situation as a
 * small CFG, checked for a finding at the bind or for silence.
 */
#include "analysis.h"
#include "models.h"
#include "program.h"
#include "facts.h"
#include "finding.h"
#include "ir.h"
#include "rule.h"
#include "rule_api.h"
#include "xalloc.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

/* A function under construction: blocks are added as the test needs them. */
struct builder {
    struct facts *facts;
    struct ir_function *fn;
    unsigned line;
};

static struct builder start(void)
{
    struct builder b;
    b.facts = facts_new();
    facts_intern_file(b.facts, "/nonexistent/server.c");
    b.fn = facts_add_function(b.facts);
    b.fn->name = xstrdup("serve");
    ir_function_add_block(b.fn); /* entry */
    ir_function_add_block(b.fn); /* exit */
    b.line = 10;
    return b;
}

static uint32_t add(struct builder *b, uint32_t block, enum ir_kind kind, const char *sock,
                    const char *dst)
{
    struct ir_event ev = {0};
    ev.kind = kind;
    ev.sock = sock ? xstrdup(sock) : NULL;
    ev.dst = dst ? xstrdup(dst) : NULL;
    ev.range = (struct sc_range){0, b->line, 5, b->line, 20};
    b->line++;
    return ir_block_add_event(b->fn, block, &ev)->id;
}

static uint32_t create(struct builder *b, uint32_t block, const char *dst, enum ir_family fam,
                       enum ir_socktype type)
{
    uint32_t id = add(b, block, IR_CREATE, NULL, dst);
    struct ir_event *ev = &b->fn->blocks[block].events[b->fn->blocks[block].nevents - 1];
    ev->family = fam;
    ev->socktype = type;
    return id;
}

static uint32_t reuse(struct builder *b, uint32_t block, const char *sock, enum ir_optval value)
{
    uint32_t id = add(b, block, IR_SETSOCKOPT, sock, NULL);
    struct ir_event *ev = &b->fn->blocks[block].events[b->fn->blocks[block].nevents - 1];
    ev->sockopt.level = IR_LEVEL_SOCKET;
    ev->sockopt.option = IR_OPTION_REUSEADDR;
    ev->sockopt.value = value;
    return id;
}

static uint32_t bind_at(struct builder *b, uint32_t block, const char *sock, enum ir_family fam)
{
    uint32_t id = add(b, block, IR_BIND, sock, NULL);
    b->fn->blocks[block].events[b->fn->blocks[block].nevents - 1].bind.family = fam;
    return id;
}

static void go(struct builder *b, uint32_t from, uint32_t to)
{
    ir_block_add_edge(b->fn, from, to, 0, IR_OUTCOME_ANY);
}

/* Runs the analysis and SCK001; returns how many findings, with the first one's line. */
static size_t run_sck001(struct builder *b, unsigned *line_out)
{
    struct sc_error err;
    struct models *models = models_builtin(&err);
    ck_assert_ptr_nonnull(models);
    struct program *program = program_link(&b->facts, 1, models);
    struct analysis *analysis = analysis_run(program);
    struct finding_list out = {0};
    for (uint32_t f = 0; f < program->nfunctions; f++) {
        struct rule_context ctx = {rule_find("SCK001"), program, analysis, f, "/nonexistent", &out};
        ctx.rule->check(&ctx);
    }
    size_t n = out.count;
    if (n && line_out)
        *line_out = out.items[0].loc.line;
    if (n) {
        ck_assert_str_eq(out.items[0].rule_id, "SCK001");
        ck_assert_str_eq(out.items[0].loc.path, "server.c");
        ck_assert_ptr_nonnull(strstr(out.items[0].message, "SO_REUSEADDR"));
    }
    finding_list_fini(&out);
    analysis_free(analysis);
    program_free(program);
    models_free(models);
    facts_free(b->facts);
    return n;
}

START_TEST(plain_server_fires_at_bind)
{
    struct builder b = start();
    create(&b, 0, "fd", IR_FAMILY_INET, IR_SOCKTYPE_STREAM);
    bind_at(&b, 0, "fd", IR_FAMILY_INET);
    add(&b, 0, IR_LISTEN, "fd", NULL);
    go(&b, 0, 1);
    unsigned line = 0;
    ck_assert_uint_eq(run_sck001(&b, &line), 1);
    ck_assert_uint_eq(line, 11);
}
END_TEST

START_TEST(reuse_before_bind_is_clean)
{
    struct builder b = start();
    create(&b, 0, "fd", IR_FAMILY_INET, IR_SOCKTYPE_STREAM);
    reuse(&b, 0, "fd", IR_OPTVAL_NONZERO);
    bind_at(&b, 0, "fd", IR_FAMILY_INET);
    add(&b, 0, IR_LISTEN, "fd", NULL);
    go(&b, 0, 1);
    ck_assert_uint_eq(run_sck001(&b, NULL), 0);
}
END_TEST

START_TEST(reuse_with_unknown_value_counts)
{
    struct builder b = start();
    create(&b, 0, "fd", IR_FAMILY_INET6, IR_SOCKTYPE_UNKNOWN);
    reuse(&b, 0, "fd", IR_OPTVAL_UNKNOWN);
    bind_at(&b, 0, "fd", IR_FAMILY_UNKNOWN);
    add(&b, 0, IR_LISTEN, "fd", NULL);
    go(&b, 0, 1);
    ck_assert_uint_eq(run_sck001(&b, NULL), 0);
}
END_TEST

START_TEST(reuse_disabled_fires)
{
    struct builder b = start();
    create(&b, 0, "fd", IR_FAMILY_INET, IR_SOCKTYPE_STREAM);
    reuse(&b, 0, "fd", IR_OPTVAL_ZERO);
    bind_at(&b, 0, "fd", IR_FAMILY_INET);
    add(&b, 0, IR_LISTEN, "fd", NULL);
    go(&b, 0, 1);
    ck_assert_uint_eq(run_sck001(&b, NULL), 1);
}
END_TEST

START_TEST(reuse_on_some_path_is_intent)
{
    /* entry: create; if (flag) { reuse } bind; listen */
    struct builder b = start();
    uint32_t then_b = ir_function_add_block(b.fn), join = ir_function_add_block(b.fn);
    create(&b, 0, "fd", IR_FAMILY_INET, IR_SOCKTYPE_STREAM);
    go(&b, 0, then_b);
    go(&b, 0, join);
    reuse(&b, then_b, "fd", IR_OPTVAL_NONZERO);
    go(&b, then_b, join);
    bind_at(&b, join, "fd", IR_FAMILY_INET);
    add(&b, join, IR_LISTEN, "fd", NULL);
    go(&b, join, 1);
    ck_assert_uint_eq(run_sck001(&b, NULL), 0);
}
END_TEST

START_TEST(retry_pattern_is_clean)
{
    /* create; if (bind() fails) { reuse; bind again } listen */
    struct builder b = start();
    uint32_t retry = ir_function_add_block(b.fn), join = ir_function_add_block(b.fn);
    create(&b, 0, "fd", IR_FAMILY_INET, IR_SOCKTYPE_STREAM);
    uint32_t first = bind_at(&b, 0, "fd", IR_FAMILY_INET);
    ir_block_add_edge(b.fn, 0, retry, first, IR_OUTCOME_FAILURE);
    ir_block_add_edge(b.fn, 0, join, first, IR_OUTCOME_SUCCESS);
    reuse(&b, retry, "fd", IR_OPTVAL_NONZERO);
    bind_at(&b, retry, "fd", IR_FAMILY_INET);
    go(&b, retry, join);
    add(&b, join, IR_LISTEN, "fd", NULL);
    go(&b, join, 1);
    ck_assert_uint_eq(run_sck001(&b, NULL), 0);
}
END_TEST

START_TEST(bind_retried_without_reuse_fires)
{
    /* create; while (bind() fails) sleep; listen */
    struct builder b = start();
    uint32_t head = ir_function_add_block(b.fn), body = ir_function_add_block(b.fn);
    uint32_t after = ir_function_add_block(b.fn);
    create(&b, 0, "fd", IR_FAMILY_INET, IR_SOCKTYPE_STREAM);
    go(&b, 0, head);
    uint32_t bind_id = bind_at(&b, head, "fd", IR_FAMILY_INET);
    ir_block_add_edge(b.fn, head, body, bind_id, IR_OUTCOME_FAILURE);
    ir_block_add_edge(b.fn, head, after, bind_id, IR_OUTCOME_SUCCESS);
    add(&b, body, IR_CALL, NULL, NULL);
    go(&b, body, head);
    add(&b, after, IR_LISTEN, "fd", NULL);
    go(&b, after, 1);
    ck_assert_uint_eq(run_sck001(&b, NULL), 1);
}
END_TEST

START_TEST(loop_that_sets_reuse_late_is_clean)
{
    /* The loop's later turns reach the bind with reuse set: some path enables it, and a
     * partial fixpoint state seen first must not leave a finding behind. */
    struct builder b = start();
    uint32_t head = ir_function_add_block(b.fn), after = ir_function_add_block(b.fn);
    create(&b, 0, "fd", IR_FAMILY_INET, IR_SOCKTYPE_STREAM);
    go(&b, 0, head);
    bind_at(&b, head, "fd", IR_FAMILY_INET);
    reuse(&b, head, "fd", IR_OPTVAL_NONZERO);
    go(&b, head, head);
    go(&b, head, after);
    add(&b, after, IR_LISTEN, "fd", NULL);
    go(&b, after, 1);
    ck_assert_uint_eq(run_sck001(&b, NULL), 0);
}
END_TEST

START_TEST(udp_unix_and_unlistened_are_clean)
{
    struct builder b = start();
    create(&b, 0, "u", IR_FAMILY_INET, IR_SOCKTYPE_DGRAM);
    bind_at(&b, 0, "u", IR_FAMILY_INET);
    add(&b, 0, IR_LISTEN, "u", NULL);
    create(&b, 0, "x", IR_FAMILY_UNIX, IR_SOCKTYPE_STREAM);
    bind_at(&b, 0, "x", IR_FAMILY_UNIX);
    add(&b, 0, IR_LISTEN, "x", NULL);
    create(&b, 0, "y", IR_FAMILY_UNKNOWN, IR_SOCKTYPE_STREAM);
    bind_at(&b, 0, "y", IR_FAMILY_UNIX); /* struct sockaddr_un address */
    add(&b, 0, IR_LISTEN, "y", NULL);
    create(&b, 0, "c", IR_FAMILY_INET, IR_SOCKTYPE_STREAM);
    bind_at(&b, 0, "c", IR_FAMILY_INET);
    add(&b, 0, IR_CONNECT, "c", NULL);
    go(&b, 0, 1);
    ck_assert_uint_eq(run_sck001(&b, NULL), 0);
}
END_TEST

START_TEST(copies_and_unknown_calls)
{
    /* int fd = socket(); int s = fd; helper(s); bind(fd); listen(fd): the helper may have
     * enabled reuse on the same socket through its copy. */
    struct builder b = start();
    create(&b, 0, "fd", IR_FAMILY_INET, IR_SOCKTYPE_STREAM);
    struct ir_event as = {0};
    as.kind = IR_ASSIGN;
    as.dst = xstrdup("s");
    as.src = xstrdup("fd");
    ir_block_add_event(b.fn, 0, &as);
    struct ir_event call = {0};
    call.kind = IR_CALL;
    call.callee = xstrdup("enable_reuse");
    call.nargs = 1;
    call.args = xcalloc(1, sizeof *call.args);
    call.args[0] = xstrdup("s");
    ir_block_add_event(b.fn, 0, &call);
    bind_at(&b, 0, "fd", IR_FAMILY_INET);
    add(&b, 0, IR_LISTEN, "fd", NULL);
    go(&b, 0, 1);
    ck_assert_uint_eq(run_sck001(&b, NULL), 0);
}
END_TEST

START_TEST(libc_calls_keep_reuse_off)
{
    struct builder b = start();
    create(&b, 0, "fd", IR_FAMILY_INET, IR_SOCKTYPE_STREAM);
    struct ir_event call = {0};
    call.kind = IR_CALL;
    call.callee = xstrdup("fcntl");
    call.nargs = 1;
    call.args = xcalloc(1, sizeof *call.args);
    call.args[0] = xstrdup("fd");
    ir_block_add_event(b.fn, 0, &call);
    bind_at(&b, 0, "fd", IR_FAMILY_INET);
    add(&b, 0, IR_LISTEN, "fd", NULL);
    go(&b, 0, 1);
    ck_assert_uint_eq(run_sck001(&b, NULL), 1);
}
END_TEST

START_TEST(parameter_socket_is_not_reported)
{
    struct builder b = start();
    bind_at(&b, 0, "fd", IR_FAMILY_INET);
    add(&b, 0, IR_LISTEN, "fd", NULL);
    go(&b, 0, 1);
    ck_assert_uint_eq(run_sck001(&b, NULL), 0);
}
END_TEST

START_TEST(failed_socket_path_is_dropped)
{
    /* if ((fd = socket()) < 0) { bind(fd); listen(fd); }: on that edge fd holds no socket. */
    struct builder b = start();
    uint32_t fail = ir_function_add_block(b.fn);
    uint32_t id = create(&b, 0, "fd", IR_FAMILY_INET, IR_SOCKTYPE_STREAM);
    ir_block_add_edge(b.fn, 0, fail, id, IR_OUTCOME_FAILURE);
    ir_block_add_edge(b.fn, 0, 1, id, IR_OUTCOME_SUCCESS);
    bind_at(&b, fail, "fd", IR_FAMILY_INET);
    add(&b, fail, IR_LISTEN, "fd", NULL);
    go(&b, fail, 1);
    ck_assert_uint_eq(run_sck001(&b, NULL), 0);
}
END_TEST

START_TEST(windows_targets_are_not_reported)
{
    struct builder b = start();
    b.facts->target_windows = true;
    create(&b, 0, "fd", IR_FAMILY_INET, IR_SOCKTYPE_STREAM);
    bind_at(&b, 0, "fd", IR_FAMILY_INET);
    add(&b, 0, IR_LISTEN, "fd", NULL);
    go(&b, 0, 1);
    ck_assert_uint_eq(run_sck001(&b, NULL), 0);
}
END_TEST

static Suite *sck001_suite(void)
{
    Suite *s = suite_create("sck001");
    TCase *tc = tcase_create("dataflow");
    tcase_add_test(tc, plain_server_fires_at_bind);
    tcase_add_test(tc, reuse_before_bind_is_clean);
    tcase_add_test(tc, reuse_with_unknown_value_counts);
    tcase_add_test(tc, reuse_disabled_fires);
    tcase_add_test(tc, reuse_on_some_path_is_intent);
    tcase_add_test(tc, retry_pattern_is_clean);
    tcase_add_test(tc, bind_retried_without_reuse_fires);
    tcase_add_test(tc, loop_that_sets_reuse_late_is_clean);
    tcase_add_test(tc, udp_unix_and_unlistened_are_clean);
    tcase_add_test(tc, copies_and_unknown_calls);
    tcase_add_test(tc, libc_calls_keep_reuse_off);
    tcase_add_test(tc, parameter_socket_is_not_reported);
    tcase_add_test(tc, failed_socket_path_is_dropped);
    tcase_add_test(tc, windows_targets_are_not_reported);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(sck001_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
