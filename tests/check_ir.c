/*
 * The IR module: every enum spelling round-trips and unknown spellings are refused, and the
 * builders number events, keep edges and own what they are given.
 */
#include "ir.h"
#include "xalloc.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

/* One enum's pair of functions, called through wrappers taking int so that one loop serves
 * them all. */
struct enum_table {
    const char *what;
    int count;
    const char *(*name)(int value);
    int (*parse)(const char *name);
};

static const char *kind_name(int v)
{
    return ir_kind_name((enum ir_kind)v);
}
static const char *family_name(int v)
{
    return ir_family_name((enum ir_family)v);
}
static const char *socktype_name(int v)
{
    return ir_socktype_name((enum ir_socktype)v);
}
static const char *level_name(int v)
{
    return ir_level_name((enum ir_level)v);
}
static const char *option_name(int v)
{
    return ir_option_name((enum ir_option)v);
}
static const char *optval_name(int v)
{
    return ir_optval_name((enum ir_optval)v);
}
static const char *result_use_name(int v)
{
    return ir_result_use_name((enum ir_result_use)v);
}
static const char *outcome_name(int v)
{
    return ir_outcome_name((enum ir_outcome)v);
}

static const struct enum_table tables[] = {
    {"kind", IR_KIND_COUNT, kind_name, ir_kind_parse},
    {"family", IR_FAMILY_OTHER + 1, family_name, ir_family_parse},
    {"socktype", IR_SOCKTYPE_OTHER + 1, socktype_name, ir_socktype_parse},
    {"level", IR_LEVEL_OTHER + 1, level_name, ir_level_parse},
    {"option", IR_OPTION_OTHER + 1, option_name, ir_option_parse},
    {"optval", IR_OPTVAL_NONZERO + 1, optval_name, ir_optval_parse},
    {"result_use", IR_RESULT_VOIDED + 1, result_use_name, ir_result_use_parse},
    {"outcome", IR_OUTCOME_FAILURE + 1, outcome_name, ir_outcome_parse},
};

#define NTABLES (sizeof tables / sizeof tables[0])

START_TEST(names_round_trip)
{
    const struct enum_table *t = &tables[_i];
    for (int v = 0; v < t->count; v++) {
        const char *name = t->name(v);
        ck_assert_msg(name && *name, "%s %d has no name", t->what, v);
        ck_assert_msg(t->parse(name) == v, "%s '%s' parses to %d, not %d", t->what, name,
                      t->parse(name), v);
        for (int w = 0; w < v; w++)
            ck_assert_msg(strcmp(t->name(w), name) != 0, "%s '%s' twice", t->what, name);
    }
}
END_TEST

START_TEST(unknown_names_refused)
{
    const struct enum_table *t = &tables[_i];
    ck_assert_int_eq(t->parse("bnid"), -1);
    ck_assert_int_eq(t->parse(""), -1);
    ck_assert_int_eq(t->parse(NULL), -1);
    /* Case matters: the JSON spelling is lower case, exactly. */
    char upper[64];
    const char *name = t->name(t->count - 1);
    size_t len = strlen(name);
    ck_assert_uint_lt(len, sizeof upper);
    for (size_t i = 0; i <= len; i++)
        upper[i] = (char)(name[i] >= 'a' && name[i] <= 'z' ? name[i] - 'a' + 'A' : name[i]);
    ck_assert_int_eq(t->parse(upper), -1);
    /* A value outside the enum gets a name no parser accepts, so it cannot turn valid. */
    ck_assert_int_eq(t->parse(t->name(t->count)), -1);
    ck_assert_int_eq(t->parse(t->name(-1)), -1);
}
END_TEST

START_TEST(the_specified_spellings)
{
    ck_assert_str_eq(ir_kind_name(IR_CREATE), "create");
    ck_assert_str_eq(ir_kind_name(IR_SETSOCKOPT), "setsockopt");
    ck_assert_str_eq(ir_kind_name(IR_RETURN), "return");
    ck_assert_str_eq(ir_family_name(IR_FAMILY_INET6), "inet6");
    ck_assert_str_eq(ir_socktype_name(IR_SOCKTYPE_SEQPACKET), "seqpacket");
    ck_assert_str_eq(ir_level_name(IR_LEVEL_SOCKET), "socket");
    ck_assert_str_eq(ir_option_name(IR_OPTION_EXCLUSIVEADDRUSE), "exclusiveaddruse");
    ck_assert_str_eq(ir_optval_name(IR_OPTVAL_NONZERO), "nonzero");
    ck_assert_str_eq(ir_result_use_name(IR_RESULT_VOIDED), "voided");
    ck_assert_str_eq(ir_outcome_name(IR_OUTCOME_FAILURE), "failure");
    ck_assert_int_eq(ir_kind_parse("bind"), IR_BIND);
    ck_assert_int_eq(ir_kind_parse("bnid"), -1);
}
END_TEST

static struct ir_event event_of(enum ir_kind kind, const char *sock)
{
    struct ir_event ev;
    memset(&ev, 0, sizeof ev);
    ev.kind = kind;
    ev.sock = xstrdup(sock);
    return ev;
}

START_TEST(blocks_are_numbered_in_order)
{
    struct ir_function fn;
    memset(&fn, 0, sizeof fn);
    ck_assert_uint_eq(ir_function_add_block(&fn), IR_ENTRY_BLOCK);
    ck_assert_uint_eq(ir_function_add_block(&fn), IR_EXIT_BLOCK);
    /* Enough to make the array move several times. */
    for (uint32_t i = 2; i < 100; i++)
        ck_assert_uint_eq(ir_function_add_block(&fn), i);
    ck_assert_uint_eq(fn.nblocks, 100);
    ck_assert_uint_eq(fn.blocks[57].nevents, 0);
    ck_assert_uint_eq(fn.blocks[57].nsuccs, 0);
    ir_function_fini(&fn);
    ck_assert_ptr_null(fn.blocks);
    ck_assert_uint_eq(fn.nblocks, 0);
}
END_TEST

START_TEST(events_get_ids_across_blocks)
{
    struct ir_function fn;
    memset(&fn, 0, sizeof fn);
    ir_function_add_block(&fn);
    ir_function_add_block(&fn);
    uint32_t b2 = ir_function_add_block(&fn);

    struct ir_event ev = event_of(IR_CREATE, "fd");
    ev.id = 77; /* whatever the caller left there is replaced */
    struct ir_event *added = ir_block_add_event(&fn, b2, &ev);
    ck_assert_uint_eq(added->id, 0);
    ck_assert_uint_eq(ev.id, 0);
    ck_assert_int_eq(added->kind, IR_CREATE);
    ck_assert_str_eq(added->sock, "fd");

    ev = event_of(IR_BIND, "fd");
    ck_assert_uint_eq(ir_block_add_event(&fn, IR_ENTRY_BLOCK, &ev)->id, 1);
    ev = event_of(IR_LISTEN, "fd");
    ck_assert_uint_eq(ir_block_add_event(&fn, b2, &ev)->id, 2);
    ck_assert_uint_eq(fn.nevents, 3);
    ck_assert_uint_eq(fn.blocks[b2].nevents, 2);
    ck_assert_uint_eq(fn.blocks[IR_ENTRY_BLOCK].nevents, 1);
    ck_assert_int_eq(fn.blocks[b2].events[1].kind, IR_LISTEN);

    /* Many events in one block: the array moves, the contents stay. */
    for (uint32_t i = 3; i < 500; i++) {
        ev = event_of(IR_CLOSE, "fd");
        ck_assert_uint_eq(ir_block_add_event(&fn, IR_EXIT_BLOCK, &ev)->id, i);
    }
    ck_assert_uint_eq(fn.blocks[IR_EXIT_BLOCK].events[496].id, 499);
    ck_assert_str_eq(fn.blocks[IR_EXIT_BLOCK].events[0].sock, "fd");
    ir_function_fini(&fn); /* frees every string: a leak or double free shows under ASan */
}
END_TEST

START_TEST(edges_keep_their_condition)
{
    struct ir_function fn;
    memset(&fn, 0, sizeof fn);
    ir_function_add_block(&fn);
    ir_function_add_block(&fn);
    struct ir_event ev = event_of(IR_BIND, "fd");
    uint32_t bind_id = ir_block_add_event(&fn, IR_ENTRY_BLOCK, &ev)->id;
    /* A forward edge, to a block that does not exist yet. */
    ir_block_add_edge(&fn, IR_ENTRY_BLOCK, 2, bind_id, IR_OUTCOME_SUCCESS);
    ir_block_add_edge(&fn, IR_ENTRY_BLOCK, 3, bind_id, IR_OUTCOME_FAILURE);
    ir_block_add_edge(&fn, IR_ENTRY_BLOCK, IR_EXIT_BLOCK, 42, IR_OUTCOME_ANY);
    ir_function_add_block(&fn);
    ir_function_add_block(&fn);

    const struct ir_block *entry = &fn.blocks[IR_ENTRY_BLOCK];
    ck_assert_uint_eq(entry->nsuccs, 3);
    ck_assert_uint_eq(entry->succs[0].target, 2);
    ck_assert_uint_eq(entry->succs[0].cond_event, bind_id);
    ck_assert_int_eq(entry->succs[0].cond_outcome, IR_OUTCOME_SUCCESS);
    ck_assert_uint_eq(entry->succs[1].target, 3);
    ck_assert_int_eq(entry->succs[1].cond_outcome, IR_OUTCOME_FAILURE);
    ck_assert_uint_eq(entry->succs[2].target, IR_EXIT_BLOCK);
    ck_assert_int_eq(entry->succs[2].cond_outcome, IR_OUTCOME_ANY);
    /* An unconditional edge has no condition to remember. */
    ck_assert_uint_eq(entry->succs[2].cond_event, 0);
    ck_assert_uint_eq(fn.blocks[IR_EXIT_BLOCK].nsuccs, 0);
    ir_function_fini(&fn);
}
END_TEST

START_TEST(event_lookup_by_id)
{
    struct ir_function fn;
    memset(&fn, 0, sizeof fn);
    ir_function_add_block(&fn);
    ir_function_add_block(&fn);
    struct ir_event ev = event_of(IR_CREATE, "a");
    ir_block_add_event(&fn, IR_EXIT_BLOCK, &ev);
    ev = event_of(IR_CREATE, "b");
    ir_block_add_event(&fn, IR_ENTRY_BLOCK, &ev);
    ev = event_of(IR_CREATE, "c");
    ir_block_add_event(&fn, IR_EXIT_BLOCK, &ev);

    ck_assert_str_eq(ir_function_event(&fn, 0)->sock, "a");
    ck_assert_str_eq(ir_function_event(&fn, 1)->sock, "b");
    ck_assert_str_eq(ir_function_event(&fn, 2)->sock, "c");
    ck_assert_ptr_null(ir_function_event(&fn, 3));
    ck_assert_ptr_null(ir_function_event(&fn, UINT32_MAX));
    ir_function_fini(&fn);

    struct ir_function empty;
    memset(&empty, 0, sizeof empty);
    ck_assert_ptr_null(ir_function_event(&empty, 0));
}
END_TEST

START_TEST(fini_releases_everything)
{
    struct ir_event ev;
    memset(&ev, 0, sizeof ev);
    ev.sock = xstrdup("s");
    ev.dst = xstrdup("d");
    ev.src = xstrdup("r");
    ev.callee = xstrdup("f");
    ev.text = xstrdup("f(s, 0)");
    ev.nargs = 3;
    ev.args = xcalloc(3, sizeof *ev.args);
    ev.args[0] = xstrdup("s");
    ev.args[2] = xstrdup("t");
    ir_event_fini(&ev);
    ck_assert_ptr_null(ev.sock);
    ck_assert_ptr_null(ev.args);
    ck_assert_uint_eq(ev.nargs, 0);
    ir_event_fini(&ev); /* twice is harmless */
    ir_event_fini(NULL);

    struct ir_function fn;
    memset(&fn, 0, sizeof fn);
    fn.name = xstrdup("serve");
    fn.nparams = 2;
    fn.params = xcalloc(2, sizeof *fn.params);
    fn.params[1] = xstrdup("port");
    ir_function_add_block(&fn);
    ir_function_fini(&fn);
    ck_assert_ptr_null(fn.name);
    ir_function_fini(&fn);
    ir_function_fini(NULL);
}
END_TEST

static Suite *ir_suite(void)
{
    Suite *s = suite_create("ir");
    TCase *names = tcase_create("names");
    tcase_add_loop_test(names, names_round_trip, 0, (int)NTABLES);
    tcase_add_loop_test(names, unknown_names_refused, 0, (int)NTABLES);
    tcase_add_test(names, the_specified_spellings);
    suite_add_tcase(s, names);
    TCase *build = tcase_create("builders");
    tcase_add_test(build, blocks_are_numbered_in_order);
    tcase_add_test(build, events_get_ids_across_blocks);
    tcase_add_test(build, edges_keep_their_condition);
    tcase_add_test(build, event_lookup_by_id);
    tcase_add_test(build, fini_releases_everything);
    suite_add_tcase(s, build);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(ir_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
