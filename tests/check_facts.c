/*
 * Facts and their JSON form: a unit built by hand with every field set survives
 * to_json → from_json unchanged (bytes and fields), defaults are left out and read back,
 * and bad documents of every kind are refused with a message naming what is wrong,
 * without crashing or leaking (run under ASan), however they are cut or mangled.
 */
#include "facts.h"
#include "xalloc.h"

#include <check.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- building by hand */

static struct ir_const known(long long value)
{
    struct ir_const c = {true, value};
    return c;
}

static struct sc_range range_at(unsigned file, unsigned line)
{
    struct sc_range r = {file, line, line % 7 + 1, line + 1, line % 5 + 20};
    return r;
}

/* Constants at the edges of what a JSON number holds exactly, and past them. */
static long long edge_value(unsigned seed)
{
    static const long long values[] = {
        LLONG_MIN,
        LLONG_MAX,
        (1LL << 53) - 1,
        (1LL << 53),
        (1LL << 53) + 1,
        -(1LL << 53),
        -(1LL << 53) + 1,
        -1,
        0xffff,
        0,
        999999999999999LL,
        1000000000000000LL,
        -999999999999999LL,
        -1000000000000000LL,
        123456789012345678LL,
    };
    return values[seed % (sizeof values / sizeof values[0])];
}

/* An event with every field away from its default; seed varies the values. */
static struct ir_event full_event(enum ir_kind kind, unsigned seed)
{
    struct ir_event ev;
    memset(&ev, 0, sizeof ev);
    ev.kind = kind;
    ev.range = range_at(seed % 3, 10 + seed);
    ev.stmt = range_at(seed % 3, 9 + seed);
    ev.sock = xasprintf("srv->fds[].fd%u", seed);
    ev.dst = xasprintf("*out%u", seed);
    ev.src = xasprintf("::g%u", seed);
    ev.callee = xasprintf("call_%u", seed);
    /* Everything JSON has to escape, and UTF-8. */
    ev.text = xasprintf("f(\"q\\\\\", '\\t',\n\t\x01 caf\xc3\xa9 %u)", seed);
    ev.nargs = 3;
    ev.args = xcalloc(3, sizeof *ev.args);
    ev.args[0] = xasprintf("fd#%u", seed + 2);
    ev.args[2] = xstrdup("");
    ev.arg_values = xcalloc(3, sizeof *ev.arg_values);
    ev.arg_values[1] = known(edge_value(seed + 1));
    /* String literal arguments: escapes, UTF-8, and an empty one apart from NULL. */
    ev.arg_strings = xcalloc(3, sizeof *ev.arg_strings);
    ev.arg_strings[0] = xasprintf("/proc/sys/net/ipv4/tcp_tw_recycle\n\"%u\" caf\xc3\xa9", seed);
    ev.arg_strings[1] = xstrdup("");
    ev.result_use = (enum ir_result_use)(1 + seed % 2);
    ev.family = (enum ir_family)(1 + seed % 4);
    ev.socktype = (enum ir_socktype)(1 + seed % 5);
    struct ir_sockopt *so = &ev.sockopt;
    so->level = (enum ir_level)(1 + seed % 2);
    so->level_value = known(edge_value(seed));
    so->level_range = range_at(0, 30 + seed);
    so->option = (enum ir_option)(1 + seed % 4);
    so->option_value = known(edge_value(seed + 5));
    so->value = (enum ir_optval)(1 + seed % 2);
    so->optlen = known(4);
    so->optlen_is_pointer_size = true;
    so->optval_size = known(8 + seed);
    so->optval_null = true;
    so->optval_range = range_at(1, 40 + seed);
    so->optlen_range = range_at(2, 50 + seed);
    ev.bind.family = (enum ir_family)(1 + (seed + 1) % 4);
    /* Port 0 is known and must stay apart from "unknown". */
    ev.bind.port = known(seed == 0 ? 0 : 8080 + seed);
    return ev;
}

static void add_event(struct ir_function *fn, uint32_t b, struct ir_event ev)
{
    ir_block_add_event(fn, b, &ev);
}

/* Blocks 0..4; events of every kind scattered so that ids do not follow block order. */
static void build_serve(struct facts *facts)
{
    struct ir_function *fn = facts_add_function(facts);
    fn->name = xstrdup("serve");
    fn->linkage = IR_LINKAGE_EXTERNAL;
    fn->range = range_at(0, 5);
    fn->nparams = 3;
    fn->params = xcalloc(3, sizeof *fn->params);
    fn->params[0] = xstrdup("port");
    fn->params[2] = xstrdup("cfg");
    for (int i = 0; i < 5; i++)
        ir_function_add_block(fn);
    for (unsigned k = 0; k < IR_KIND_COUNT; k++)
        add_event(fn, 4 - k % 3, full_event((enum ir_kind)k, k));
    add_event(fn, IR_ENTRY_BLOCK, full_event(IR_BIND, 99));
    uint32_t bind_id = fn->nevents - 1;
    ir_block_add_edge(fn, IR_ENTRY_BLOCK, 2, bind_id, IR_OUTCOME_SUCCESS);
    ir_block_add_edge(fn, IR_ENTRY_BLOCK, 3, bind_id, IR_OUTCOME_FAILURE);
    ir_block_add_edge(fn, 2, 4, 0, IR_OUTCOME_ANY);
    ir_block_add_edge(fn, 3, 4, 0, IR_OUTCOME_ANY);
    ir_block_add_edge(fn, 4, 4, 3, IR_OUTCOME_FAILURE);
    ir_block_add_edge(fn, 4, IR_EXIT_BLOCK, 3, IR_OUTCOME_SUCCESS);
}

/* A static helper with nothing but defaults: no location, no parameters. */
static void build_helper(struct facts *facts)
{
    struct ir_function *fn = facts_add_function(facts);
    fn->name = xstrdup("helper");
    fn->linkage = IR_LINKAGE_INTERNAL;
    ir_function_add_block(fn);
    ir_function_add_block(fn);
    struct ir_event ev;
    memset(&ev, 0, sizeof ev);
    ev.kind = IR_CALL;
    ir_block_add_event(fn, IR_ENTRY_BLOCK, &ev);
    ir_block_add_edge(fn, IR_ENTRY_BLOCK, IR_EXIT_BLOCK, 0, IR_OUTCOME_ANY);
}

/* Unnamed parameters only, and an empty argument list next to a list of nulls. */
static void build_unnamed(struct facts *facts)
{
    struct ir_function *fn = facts_add_function(facts);
    fn->name = xstrdup("unnamed_params");
    fn->range = range_at(2, 1);
    fn->nparams = 2;
    fn->params = xcalloc(2, sizeof *fn->params);
    for (int i = 0; i < 3; i++)
        ir_function_add_block(fn);
    struct ir_event ev;
    memset(&ev, 0, sizeof ev);
    ev.kind = IR_CALL;
    ev.callee = xstrdup("g");
    ev.nargs = 2;
    ev.args = xcalloc(2, sizeof *ev.args);
    ir_block_add_event(fn, 2, &ev);
    ir_block_add_edge(fn, IR_ENTRY_BLOCK, 2, 0, IR_OUTCOME_ANY);
    ir_block_add_edge(fn, 2, IR_EXIT_BLOCK, 0, IR_OUTCOME_ANY);
}

static struct facts *build_full(void)
{
    struct facts *facts = facts_new();
    ck_assert_uint_eq(facts_intern_file(facts, "/src/server.c"), 0);
    ck_assert_uint_eq(facts_intern_file(facts, "/usr/include/sys/socket.h"), 1);
    ck_assert_uint_eq(facts_intern_file(facts, "/src/we\"ird\\ na\tme \xc3\xa9.h"), 2);
    ck_assert_uint_eq(facts_intern_file(facts, "/src/server.c"), 0);
    ck_assert_uint_eq(facts->nfiles, 3);
    facts->target_windows = true;
    facts_add_diag(facts, 0, 3, 14, "unknown type name 'sockaddr_inn'");
    facts_add_diag(facts, 2, 1, 1, "quote \" backslash \\ newline \n end");
    build_serve(facts);
    build_helper(facts);
    build_unnamed(facts);
    return facts;
}

/* ---------------------------------------------------------------- comparing */

static void assert_str_same(const char *a, const char *b, const char *what)
{
    if (!a || !b)
        ck_assert_msg(a == b, "%s: one is NULL", what);
    else
        ck_assert_msg(strcmp(a, b) == 0, "%s: '%s' != '%s'", what, a, b);
}

static void assert_range_same(const struct sc_range *a, const struct sc_range *b)
{
    ck_assert_uint_eq(a->file, b->file);
    ck_assert_uint_eq(a->line, b->line);
    ck_assert_uint_eq(a->col, b->col);
    ck_assert_uint_eq(a->end_line, b->end_line);
    ck_assert_uint_eq(a->end_col, b->end_col);
}

static void assert_const_same(struct ir_const a, struct ir_const b)
{
    ck_assert_int_eq(a.known, b.known);
    ck_assert_msg(a.value == b.value, "constant %lld != %lld", a.value, b.value);
}

static void assert_sockopt_same(const struct ir_sockopt *a, const struct ir_sockopt *b)
{
    ck_assert_int_eq(a->level, b->level);
    assert_const_same(a->level_value, b->level_value);
    assert_range_same(&a->level_range, &b->level_range);
    ck_assert_int_eq(a->option, b->option);
    assert_const_same(a->option_value, b->option_value);
    ck_assert_int_eq(a->value, b->value);
    assert_const_same(a->optlen, b->optlen);
    ck_assert_int_eq(a->optlen_is_pointer_size, b->optlen_is_pointer_size);
    assert_const_same(a->optval_size, b->optval_size);
    ck_assert_int_eq(a->optval_null, b->optval_null);
    assert_range_same(&a->optval_range, &b->optval_range);
    assert_range_same(&a->optlen_range, &b->optlen_range);
}

static void assert_event_same(const struct ir_event *a, const struct ir_event *b)
{
    ck_assert_int_eq(a->kind, b->kind);
    ck_assert_uint_eq(a->id, b->id);
    assert_range_same(&a->range, &b->range);
    assert_range_same(&a->stmt, &b->stmt);
    assert_str_same(a->sock, b->sock, "sock");
    assert_str_same(a->dst, b->dst, "dst");
    assert_str_same(a->src, b->src, "src");
    assert_str_same(a->callee, b->callee, "callee");
    assert_str_same(a->text, b->text, "text");
    ck_assert_uint_eq(a->nargs, b->nargs);
    for (size_t i = 0; i < a->nargs; i++)
        assert_str_same(a->args[i], b->args[i], "args[i]");
    ck_assert_int_eq(a->arg_values != NULL, b->arg_values != NULL);
    for (size_t i = 0; a->arg_values && i < a->nargs; i++) {
        ck_assert_int_eq(a->arg_values[i].known, b->arg_values[i].known);
        if (a->arg_values[i].known)
            ck_assert_int_eq(a->arg_values[i].value, b->arg_values[i].value);
    }
    ck_assert_int_eq(a->arg_strings != NULL, b->arg_strings != NULL);
    for (size_t i = 0; a->arg_strings && i < a->nargs; i++)
        assert_str_same(a->arg_strings[i], b->arg_strings[i], "arg_strings[i]");
    ck_assert_int_eq(a->result_use, b->result_use);
    ck_assert_int_eq(a->family, b->family);
    ck_assert_int_eq(a->socktype, b->socktype);
    assert_sockopt_same(&a->sockopt, &b->sockopt);
    ck_assert_int_eq(a->bind.family, b->bind.family);
    assert_const_same(a->bind.port, b->bind.port);
}

static void assert_block_same(const struct ir_block *a, const struct ir_block *b)
{
    ck_assert_uint_eq(a->nevents, b->nevents);
    for (size_t i = 0; i < a->nevents; i++)
        assert_event_same(&a->events[i], &b->events[i]);
    ck_assert_uint_eq(a->nsuccs, b->nsuccs);
    for (size_t i = 0; i < a->nsuccs; i++) {
        ck_assert_uint_eq(a->succs[i].target, b->succs[i].target);
        ck_assert_int_eq(a->succs[i].cond_outcome, b->succs[i].cond_outcome);
        ck_assert_uint_eq(a->succs[i].cond_event, b->succs[i].cond_event);
    }
}

static void assert_function_same(const struct ir_function *a, const struct ir_function *b)
{
    assert_str_same(a->name, b->name, "name");
    ck_assert_int_eq(a->linkage, b->linkage);
    assert_range_same(&a->range, &b->range);
    ck_assert_uint_eq(a->nparams, b->nparams);
    for (size_t i = 0; i < a->nparams; i++)
        assert_str_same(a->params[i], b->params[i], "params[i]");
    ck_assert_uint_eq(a->nevents, b->nevents);
    ck_assert_uint_eq(a->nblocks, b->nblocks);
    for (size_t i = 0; i < a->nblocks; i++)
        assert_block_same(&a->blocks[i], &b->blocks[i]);
}

static void assert_facts_same(const struct facts *a, const struct facts *b)
{
    ck_assert_uint_eq(a->nfiles, b->nfiles);
    for (size_t i = 0; i < a->nfiles; i++)
        assert_str_same(a->files[i], b->files[i], "files[i]");
    ck_assert_int_eq(a->target_windows, b->target_windows);
    ck_assert_uint_eq(a->ndiags, b->ndiags);
    for (size_t i = 0; i < a->ndiags; i++) {
        ck_assert_uint_eq(a->diags[i].file, b->diags[i].file);
        ck_assert_uint_eq(a->diags[i].line, b->diags[i].line);
        ck_assert_uint_eq(a->diags[i].col, b->diags[i].col);
        assert_str_same(a->diags[i].message, b->diags[i].message, "diag message");
    }
    ck_assert_uint_eq(a->nfunctions, b->nfunctions);
    for (size_t i = 0; i < a->nfunctions; i++)
        assert_function_same(&a->functions[i], &b->functions[i]);
}

/* Parses text that must be valid; fails the test with the reader's message otherwise. */
static struct facts *parse_ok(const char *text)
{
    struct sc_error err;
    sc_error_clear(&err);
    struct facts *facts = facts_from_json(text, strlen(text), &err);
    ck_assert_msg(facts != NULL, "refused: %s (line %u)", err.message, err.line);
    return facts;
}

/* ---------------------------------------------------------------- round trips */

START_TEST(full_facts_round_trip_byte_for_byte)
{
    struct facts *facts = build_full();
    char *first = facts_to_json(facts);
    ck_assert_ptr_nonnull(first);
    char *again = facts_to_json(facts);
    ck_assert_str_eq(first, again); /* deterministic */
    struct facts *parsed = parse_ok(first);
    char *second = facts_to_json(parsed);
    ck_assert_str_eq(first, second);
    free(first);
    free(again);
    free(second);
    facts_free(parsed);
    facts_free(facts);
}
END_TEST

START_TEST(full_facts_round_trip_field_by_field)
{
    struct facts *facts = build_full();
    char *json = facts_to_json(facts);
    struct facts *parsed = parse_ok(json);
    assert_facts_same(facts, parsed);
    /* Spot checks, in case both sides were wrong the same way. */
    const struct ir_function *serve = &parsed->functions[0];
    const struct ir_event *bind = ir_function_event(serve, serve->nevents - 1);
    ck_assert_ptr_nonnull(bind);
    ck_assert_int_eq(bind->kind, IR_BIND);
    ck_assert_ptr_eq(bind, &serve->blocks[IR_ENTRY_BLOCK].events[0]);
    const struct ir_event *create = ir_function_event(serve, 0);
    ck_assert_int_eq(create->sockopt.level_value.value, LLONG_MIN);
    ck_assert_int_eq(create->sockopt.option_value.value, -(1LL << 53));
    ck_assert_int_eq(ir_function_event(serve, 1)->sockopt.level_value.value, LLONG_MAX);
    ck_assert(create->bind.port.known);
    ck_assert_int_eq(create->bind.port.value, 0);
    ck_assert_str_eq(create->text, "f(\"q\\\\\", '\\t',\n\t\x01 caf\xc3\xa9 0)");
    ck_assert_ptr_null(create->args[1]);
    ck_assert_str_eq(create->args[2], "");
    ck_assert_ptr_null(serve->params[1]);
    ck_assert_str_eq(parsed->files[2], "/src/we\"ird\\ na\tme \xc3\xa9.h");
    ck_assert(parsed->target_windows);
    free(json);
    facts_free(parsed);
    facts_free(facts);
}
END_TEST

START_TEST(empty_facts_round_trip)
{
    static const char expected[] = "{\n"
                                   "  \"format\": 5,\n"
                                   "  \"files\": [],\n"
                                   "  \"target_windows\": false,\n"
                                   "  \"diagnostics\": [],\n"
                                   "  \"functions\": []\n"
                                   "}\n";
    struct facts *facts = facts_new();
    char *json = facts_to_json(facts);
    ck_assert_str_eq(json, expected);
    struct facts *parsed = parse_ok(json);
    ck_assert_uint_eq(parsed->nfiles, 0);
    ck_assert_uint_eq(parsed->nfunctions, 0);
    ck_assert_uint_eq(parsed->ndiags, 0);
    ck_assert(!parsed->target_windows);
    char *again = facts_to_json(parsed);
    ck_assert_str_eq(again, expected);
    free(json);
    free(again);
    facts_free(parsed);
    facts_free(facts);
    facts_free(NULL);
}
END_TEST

/* Warnings (limits the front end met) are written only when there are some, one per line,
 * after the diagnostics, and read back. */
START_TEST(warnings_round_trip)
{
    static const char expected[] =
        "{\n"
        "  \"format\": 5,\n"
        "  \"files\": [\n"
        "    \"/a.c\"\n"
        "  ],\n"
        "  \"target_windows\": false,\n"
        "  \"diagnostics\": [],\n"
        "  \"warnings\": [\n"
        "    {\"file\":0,\"line\":7,\"col\":3,\"message\":\"too deep\"},\n"
        "    {\"file\":0,\"line\":9,\"col\":1,\"message\":\"\"}\n"
        "  ],\n"
        "  \"functions\": []\n"
        "}\n";
    struct facts *facts = facts_new();
    facts_intern_file(facts, "/a.c");
    facts_add_warning(facts, 0, 7, 3, "too deep");
    facts_add_warning(facts, 0, 9, 1, NULL);
    char *json = facts_to_json(facts);
    ck_assert_str_eq(json, expected);
    struct facts *parsed = parse_ok(json);
    ck_assert_uint_eq(parsed->nwarnings, 2);
    ck_assert_uint_eq(parsed->warnings[0].line, 7);
    ck_assert_uint_eq(parsed->warnings[0].col, 3);
    ck_assert_str_eq(parsed->warnings[0].message, "too deep");
    ck_assert_uint_eq(parsed->ndiags, 0);
    char *again = facts_to_json(parsed);
    ck_assert_str_eq(again, expected);
    free(json);
    free(again);
    facts_free(parsed);
    facts_free(facts);
}
END_TEST

/* The layout: skeleton one member per line, an event per line, defaults left out. */
START_TEST(defaults_are_left_out)
{
    static const char expected[] = "{\n"
                                   "  \"format\": 5,\n"
                                   "  \"files\": [\n"
                                   "    \"/a.c\"\n"
                                   "  ],\n"
                                   "  \"target_windows\": false,\n"
                                   "  \"diagnostics\": [],\n"
                                   "  \"functions\": [\n"
                                   "    {\n"
                                   "      \"name\": \"f\",\n"
                                   "      \"linkage\": \"external\",\n"
                                   "      \"range\": [0,0,0,0,0],\n"
                                   "      \"params\": [],\n"
                                   "      \"blocks\": [\n"
                                   "        {\n"
                                   "          \"events\": [\n"
                                   "            {\"kind\":\"listen\",\"id\":0}\n"
                                   "          ],\n"
                                   "          \"succs\": [{\"target\":1}]\n"
                                   "        },\n"
                                   "        {\n"
                                   "          \"events\": [],\n"
                                   "          \"succs\": []\n"
                                   "        }\n"
                                   "      ]\n"
                                   "    }\n"
                                   "  ]\n"
                                   "}\n";
    struct facts *facts = facts_new();
    facts_intern_file(facts, "/a.c");
    struct ir_function *fn = facts_add_function(facts);
    fn->name = xstrdup("f");
    ir_function_add_block(fn);
    ir_function_add_block(fn);
    struct ir_event ev;
    memset(&ev, 0, sizeof ev);
    ev.kind = IR_LISTEN;
    ir_block_add_event(fn, IR_ENTRY_BLOCK, &ev);
    ir_block_add_edge(fn, IR_ENTRY_BLOCK, IR_EXIT_BLOCK, 0, IR_OUTCOME_ANY);
    char *json = facts_to_json(facts);
    ck_assert_str_eq(json, expected);
    free(json);
    facts_free(facts);
}
END_TEST

#define HEAD                                                                                       \
    "{\"format\":5,\"files\":[\"/a.c\"],\"target_windows\":false,\"diagnostics\":[],"              \
    "\"functions\":["
#define FN_OPEN                                                                                    \
    "{\"name\":\"f\",\"linkage\":\"external\",\"range\":[0,1,1,1,2],\"params\":[],"                \
    "\"blocks\":["
#define EMPTY_BLOCK "{\"events\":[],\"succs\":[]}"
/* A document whose function's entry block is b0, then an empty exit block. */
#define DOC_BLOCK0(b0) HEAD FN_OPEN b0 "," EMPTY_BLOCK "]}]}"
/* A document whose entry block holds the events evs. */
#define DOC_EVENTS(evs) DOC_BLOCK0("{\"events\":[" evs "],\"succs\":[]}")

START_TEST(defaults_are_read_back)
{
    struct facts *facts = parse_ok(DOC_EVENTS("{\"kind\":\"setsockopt\",\"id\":0}"));
    const struct ir_event *ev = &facts->functions[0].blocks[0].events[0];
    ck_assert_int_eq(ev->kind, IR_SETSOCKOPT);
    ck_assert_ptr_null(ev->sock);
    ck_assert_ptr_null(ev->dst);
    ck_assert_ptr_null(ev->src);
    ck_assert_ptr_null(ev->callee);
    ck_assert_ptr_null(ev->text);
    ck_assert_ptr_null(ev->args);
    ck_assert_ptr_null(ev->arg_strings);
    ck_assert_uint_eq(ev->nargs, 0);
    ck_assert_int_eq(ev->result_use, IR_RESULT_USED);
    ck_assert_int_eq(ev->family, IR_FAMILY_UNKNOWN);
    ck_assert_int_eq(ev->socktype, IR_SOCKTYPE_UNKNOWN);
    ck_assert_int_eq(ev->sockopt.level, IR_LEVEL_UNKNOWN);
    ck_assert(!ev->sockopt.optlen.known);
    ck_assert(!ev->sockopt.optval_null);
    ck_assert_uint_eq(ev->sockopt.optval_range.line, 0);
    ck_assert(!ev->bind.port.known);
    ck_assert_uint_eq(ev->range.line, 0);
    facts_free(facts);
}
END_TEST

/* Defaults spelt out are accepted, and written back left out. */
START_TEST(explicit_defaults_are_accepted)
{
    struct facts *facts = parse_ok(DOC_BLOCK0(
        "{\"events\":[{\"kind\":\"bind\",\"id\":0,\"result_use\":\"used\",\"family\":\"unknown\","
        "\"sockopt\":{},\"bind\":{\"family\":\"unknown\"},\"args\":[]}],"
        "\"succs\":[{\"target\":1,\"outcome\":\"any\"}]}"));
    char *json = facts_to_json(facts);
    ck_assert_ptr_nonnull(strstr(json, "{\"kind\":\"bind\",\"id\":0}\n"));
    ck_assert_ptr_nonnull(strstr(json, "\"succs\": [{\"target\":1}]"));
    free(json);
    facts_free(facts);
}
END_TEST

START_TEST(constants_beyond_double_are_strings)
{
    struct facts *facts = parse_ok(
        DOC_EVENTS("{\"kind\":\"bind\",\"id\":0,\"bind\":{\"port\":\"-9223372036854775808\"},"
                   "\"sockopt\":{\"optlen\":9007199254740991,\"optval_size\":\"9007199254740993\","
                   "\"level_value\":-999999999999999}}"));
    const struct ir_event *ev = &facts->functions[0].blocks[0].events[0];
    ck_assert(ev->bind.port.known);
    ck_assert_int_eq(ev->bind.port.value, LLONG_MIN);
    ck_assert_int_eq(ev->sockopt.optlen.value, 9007199254740991LL);
    ck_assert_int_eq(ev->sockopt.optval_size.value, 9007199254740993LL);
    char *json = facts_to_json(facts);
    /* Exact as a number on the way in; written as a string, since cJSON would print it
     * with 15 digits. Below 10^15 it stays a number. */
    ck_assert_ptr_nonnull(strstr(json, "\"optlen\":\"9007199254740991\","));
    ck_assert_ptr_nonnull(strstr(json, "\"level_value\":-999999999999999,"));
    ck_assert_ptr_nonnull(strstr(json, "\"optval_size\":\"9007199254740993\""));
    free(json);
    facts_free(facts);
}
END_TEST

/* ---------------------------------------------------------------- bad documents */

struct bad_doc {
    const char *text;
    const char *message; /* must appear in err.message */
    unsigned line;       /* err.line */
};

static const struct bad_doc bad_docs[] = {
    /* syntax */
    {"{\n  \"format\": 5,\n  \"files\": [,]\n}", "syntax error at line 3, column 13", 3},
    {"{\"format\":5}\n\n  x", "line 3, column 3: unexpected text after the document", 3},
    {"", "the input is empty", 0},
    {" \n\t ", "the input is empty", 0},
    {"{\"format\":5,\"files\":[\"/a.c\"", "syntax error at line 1", 1},
    {"[1, 2]", "expected a JSON object at the top level", 0},
    /* format */
    {"{\"format\":4,\"files\":[],\"bogus\":1}",
     "format: unsupported facts format 4 (this sockcheck reads format 5)", 0},
    {"{\"files\":[]}", "format: missing", 0},
    {"{\"format\":\"1\"}", "format: expected a number", 0},
    /* the top level */
    {"{\"format\":5,\"files\":{},\"target_windows\":false,\"diagnostics\":[],\"functions\":[]}",
     "files: expected an array", 0},
    {"{\"format\":5,\"files\":[1],\"target_windows\":false,\"diagnostics\":[],\"functions\":[]}",
     "files[0]: expected a string", 0},
    {"{\"format\":5,\"files\":[\"/a.c\",\"/b.c\",\"/a.c\"],\"target_windows\":false,"
     "\"diagnostics\":[],\"functions\":[]}",
     "files: '/a.c' is listed more than once", 0},
    {"{\"format\":5,\"files\":[],\"target_windows\":1,\"diagnostics\":[],\"functions\":[]}",
     "target_windows: expected true or false", 0},
    {"{\"format\":5,\"files\":[],\"diagnostics\":[],\"functions\":[]}", "target_windows: missing",
     0},
    {"{\"format\":5,\"files\":[],\"target_windows\":false,\"diagnostics\":[],\"functions\":\"x\"}",
     "functions: expected an array", 0},
    {"{\"format\":5,\"files\":[],\"target_windows\":false,\"diagnostics\":[],\"functions\":[],"
     "\"extra\":0}",
     "unknown member 'extra'", 0},
    {"{\"format\":5,\"files\":[\"/a.c\"],\"target_windows\":false,\"diagnostics\":[{\"file\":5,"
     "\"line\":1,\"col\":1,\"message\":\"m\"}],\"functions\":[]}",
     "diagnostics[0].file: file index 5 is out of range (the file table has 1 entries)", 0},
    {"{\"format\":5,\"files\":[\"/a.c\"],\"target_windows\":false,\"diagnostics\":[{\"file\":0,"
     "\"line\":1,\"col\":1,\"message\":7}],\"functions\":[]}",
     "diagnostics[0].message: expected a string", 0},
    {"{\"format\":5,\"files\":[\"/a.c\"],\"target_windows\":false,\"diagnostics\":[],"
     "\"warnings\":{},\"functions\":[]}",
     "warnings: expected an array", 0},
    {"{\"format\":5,\"files\":[\"/a.c\"],\"target_windows\":false,\"diagnostics\":[],"
     "\"warnings\":[{\"file\":1,\"line\":1,\"col\":1,\"message\":\"m\"}],\"functions\":[]}",
     "warnings[0].file: file index 1 is out of range", 0},
    {"{\"format\":5,\"files\":[\"/a.c\"],\"target_windows\":false,\"diagnostics\":[],"
     "\"warnings\":[{\"file\":0,\"line\":1,\"col\":1}],\"functions\":[]}",
     "warnings[0].message: missing", 0},
    /* functions */
    {HEAD "{\"linkage\":\"external\",\"range\":[0,0,0,0,0],\"params\":[],\"blocks\":[" EMPTY_BLOCK
          "," EMPTY_BLOCK "]}]}",
     "functions[0].name: missing", 0},
    {HEAD "{\"name\":\"\",\"linkage\":\"external\",\"range\":[0,0,0,0,0],\"params\":[],\"blocks\":"
          "[" EMPTY_BLOCK "," EMPTY_BLOCK "]}]}",
     "functions[0].name: empty", 0},
    {HEAD "{\"name\":\"f\",\"linkage\":\"extern\",\"range\":[0,0,0,0,0],\"params\":[],\"blocks\":"
          "[" EMPTY_BLOCK "," EMPTY_BLOCK "]}]}",
     "functions[0].linkage: unknown linkage 'extern'", 0},
    {HEAD "{\"name\":\"f\",\"linkage\":\"internal\",\"range\":[3,1,1,1,1],\"params\":[],"
          "\"blocks\":[" EMPTY_BLOCK "," EMPTY_BLOCK "]}]}",
     "functions[0].range: file index 3 is out of range", 0},
    {HEAD "{\"name\":\"f\",\"linkage\":\"internal\",\"range\":[0,1,1,1],\"params\":[],"
          "\"blocks\":[" EMPTY_BLOCK "," EMPTY_BLOCK "]}]}",
     "functions[0].range: expected [file, line, col, end_line, end_col]", 0},
    {HEAD "{\"name\":\"f\",\"linkage\":\"internal\",\"range\":[0,1,1,1,2,3],\"params\":[],"
          "\"blocks\":[" EMPTY_BLOCK "," EMPTY_BLOCK "]}]}",
     "functions[0].range: expected [file", 0},
    {HEAD "{\"name\":\"f\",\"linkage\":\"internal\",\"range\":[0,-1,1,1,2],\"params\":[],"
          "\"blocks\":[" EMPTY_BLOCK "," EMPTY_BLOCK "]}]}",
     "functions[0].range: expected [file", 0},
    {HEAD "{\"name\":\"f\",\"linkage\":\"internal\",\"range\":[0,1.5,1,1,2],\"params\":[],"
          "\"blocks\":[" EMPTY_BLOCK "," EMPTY_BLOCK "]}]}",
     "functions[0].range: expected [file", 0},
    {HEAD "{\"name\":\"f\",\"linkage\":\"internal\",\"range\":[0,0,0,0,0],\"params\":[\"a\",true],"
          "\"blocks\":[" EMPTY_BLOCK "," EMPTY_BLOCK "]}]}",
     "functions[0].params[1]: expected a string or null", 0},
    {HEAD FN_OPEN EMPTY_BLOCK "]}]}", "functions[0].blocks: a function has at least 2 blocks", 0},
    {HEAD FN_OPEN "1,2]}]}", "functions[0].blocks[0]: expected an object", 0},
    {HEAD FN_OPEN "{\"events\":[]}," EMPTY_BLOCK "]}]}", "functions[0].blocks[0].succs: missing",
     0},
    {HEAD FN_OPEN "{\"events\":{},\"succs\":[]}," EMPTY_BLOCK "]}]}",
     "functions[0].blocks[0].events: expected an array", 0},
    /* events */
    {DOC_EVENTS("{\"kind\":\"bnid\",\"id\":0}"),
     "functions[0].blocks[0].events[0].kind: unknown event kind 'bnid'", 0},
    {DOC_EVENTS("{\"kind\":3,\"id\":0}"), "events[0].kind: expected a string naming the event kind",
     0},
    {DOC_EVENTS("{\"id\":0}"), "events[0].kind: missing", 0},
    {DOC_EVENTS("{\"kind\":\"bind\"}"), "events[0].id: missing", 0},
    {DOC_EVENTS("{\"kind\":\"bind\",\"id\":-1}"),
     "events[0].id: expected an integer from 0 to 4294967295", 0},
    {DOC_EVENTS("{\"kind\":\"bind\",\"id\":5}"),
     "events[0].id: 5 is out of range (the function has 1 events", 0},
    {DOC_EVENTS("{\"kind\":\"bind\",\"id\":0},{\"kind\":\"listen\",\"id\":0}"),
     "functions[0].blocks[0].events[1].id: 0 is used by another event", 0},
    {DOC_EVENTS("{\"kind\":\"bind\",\"id\":0,\"sockk\":\"fd\"}"),
     "functions[0].blocks[0].events[0]: unknown member 'sockk'", 0},
    {DOC_EVENTS("{\"kind\":\"bind\",\"id\":0,\"sock\":\"a\",\"sock\":\"b\"}"),
     "events[0].sock: given more than once", 0},
    {DOC_EVENTS("{\"kind\":\"bind\",\"id\":0,\"sock\":null}"), "events[0].sock: expected a string",
     0},
    {DOC_EVENTS("{\"kind\":\"call\",\"id\":0,\"args\":[\"a\",null,1]}"),
     "events[0].args[2]: expected a string or null", 0},
    {DOC_EVENTS("{\"kind\":\"call\",\"id\":0,\"args\":\"a\"}"), "events[0].args: expected an array",
     0},
    {DOC_EVENTS("{\"kind\":\"call\",\"id\":0,\"args\":[\"a\",null],\"arg_strings\":[null]}"),
     "events[0].arg_strings: expected 2 entries, one per argument", 0},
    {DOC_EVENTS("{\"kind\":\"call\",\"id\":0,\"args\":[null,null],\"arg_strings\":[\"x\",7]}"),
     "events[0].arg_strings[1]: expected a string or null", 0},
    {DOC_EVENTS("{\"kind\":\"call\",\"id\":0,\"arg_strings\":[\"x\"]}"),
     "events[0].arg_strings: expected 0 entries, one per argument", 0},
    {DOC_EVENTS("{\"kind\":\"bind\",\"id\":0,\"range\":[1,2,3,4,5]}"),
     "events[0].range: file index 1 is out of range", 0},
    {DOC_EVENTS("{\"kind\":\"create\",\"id\":0,\"socktype\":\"STREAM\"}"),
     "events[0].socktype: unknown socket type 'STREAM'", 0},
    {DOC_EVENTS("{\"kind\":\"call\",\"id\":0,\"result_use\":\"ignored\"}"),
     "events[0].result_use: unknown result use 'ignored'", 0},
    {DOC_EVENTS("{\"kind\":\"setsockopt\",\"id\":0,\"sockopt\":[]}"),
     "events[0].sockopt: expected an object", 0},
    {DOC_EVENTS("{\"kind\":\"setsockopt\",\"id\":0,\"sockopt\":{\"level\":\"tcp\"}}"),
     "functions[0].blocks[0].events[0].sockopt.level: unknown level 'tcp'", 0},
    {DOC_EVENTS("{\"kind\":\"setsockopt\",\"id\":0,\"sockopt\":{\"value\":\"one\"}}"),
     "sockopt.value: unknown option value 'one'", 0},
    {DOC_EVENTS("{\"kind\":\"setsockopt\",\"id\":0,\"sockopt\":{\"optval_null\":\"yes\"}}"),
     "sockopt.optval_null: expected true or false", 0},
    {DOC_EVENTS("{\"kind\":\"setsockopt\",\"id\":0,\"sockopt\":{\"optlen_range\":[9,1,1,1,1]}}"),
     "sockopt.optlen_range: file index 9", 0},
    {DOC_EVENTS("{\"kind\":\"setsockopt\",\"id\":0,\"sockopt\":{\"level\":\"socket\",\"x\":1}}"),
     "events[0].sockopt: unknown member 'x'", 0},
    {DOC_EVENTS("{\"kind\":\"bind\",\"id\":0,\"bind\":{\"port\":1e300}}"),
     "events[0].bind.port: expected an integer", 0},
    {DOC_EVENTS("{\"kind\":\"bind\",\"id\":0,\"bind\":{\"port\":80.5}}"),
     "events[0].bind.port: expected an integer", 0},
    {DOC_EVENTS("{\"kind\":\"bind\",\"id\":0,\"bind\":{\"port\":9007199254740993}}"),
     "events[0].bind.port: expected an integer", 0},
    {DOC_EVENTS("{\"kind\":\"bind\",\"id\":0,\"bind\":{\"port\":\"12x\"}}"),
     "events[0].bind.port: expected an integer", 0},
    {DOC_EVENTS("{\"kind\":\"bind\",\"id\":0,\"bind\":{\"port\":\"99999999999999999999\"}}"),
     "events[0].bind.port: expected an integer", 0},
    {DOC_EVENTS("{\"kind\":\"bind\",\"id\":0,\"bind\":{\"family\":\"ipx\"}}"),
     "events[0].bind.family: unknown family 'ipx'", 0},
    /* edges */
    {DOC_BLOCK0("{\"events\":[],\"succs\":[{\"target\":2}]}"),
     "functions[0].blocks[0].succs[0].target: block 2 does not exist (the function has 2 blocks)",
     0},
    {DOC_BLOCK0("{\"events\":[],\"succs\":[{}]}"), "succs[0].target: missing", 0},
    {DOC_BLOCK0("{\"events\":[],\"succs\":[{\"target\":1,\"outcome\":\"maybe\"}]}"),
     "succs[0].outcome: unknown outcome 'maybe'", 0},
    {DOC_BLOCK0("{\"events\":[{\"kind\":\"bind\",\"id\":0}],"
                "\"succs\":[{\"target\":1,\"outcome\":\"success\"}]}"),
     "succs[0].cond_event: missing", 0},
    {DOC_BLOCK0("{\"events\":[{\"kind\":\"bind\",\"id\":0}],"
                "\"succs\":[{\"target\":1,\"cond_event\":0}]}"),
     "succs[0].cond_event: given on an unconditional edge", 0},
    {DOC_BLOCK0(
         "{\"events\":[{\"kind\":\"bind\",\"id\":0}],"
         "\"succs\":[{\"target\":1},{\"target\":1,\"cond_event\":3,\"outcome\":\"failure\"}]}"),
     "functions[0].blocks[0].succs[1].cond_event: no event has id 3", 0},
};

#define NBAD (sizeof bad_docs / sizeof bad_docs[0])

START_TEST(bad_document_is_refused)
{
    const struct bad_doc *bad = &bad_docs[_i];
    struct sc_error err;
    sc_error_clear(&err);
    struct facts *facts = facts_from_json(bad->text, strlen(bad->text), &err);
    ck_assert_msg(facts == NULL, "accepted: %s", bad->text);
    ck_assert_int_eq(err.kind, SC_ERROR_FACTS);
    ck_assert_msg(strstr(err.message, bad->message) != NULL, "message '%s' lacks '%s'", err.message,
                  bad->message);
    ck_assert_uint_eq(err.line, bad->line);
}
END_TEST

/* The templates the bad documents are made from are themselves good, so each refusal above
 * is owed to the one thing that case changes. */
START_TEST(templates_are_good)
{
    facts_free(parse_ok(DOC_EVENTS("{\"kind\":\"bind\",\"id\":0}")));
    facts_free(parse_ok(DOC_BLOCK0("{\"events\":[{\"kind\":\"bind\",\"id\":0}],"
                                   "\"succs\":[{\"target\":1,\"cond_event\":0,\"outcome\":"
                                   "\"failure\"}]}")));
    facts_free(parse_ok(HEAD "{\"name\":\"f\",\"linkage\":\"internal\",\"range\":[0,0,0,0,0],"
                             "\"params\":[\"a\",null],\"blocks\":[" EMPTY_BLOCK "," EMPTY_BLOCK
                             "]}]}"));
    facts_free(parse_ok("{\"format\":5,\"files\":[\"/a.c\"],\"target_windows\":true,"
                        "\"diagnostics\":[{\"file\":0,\"line\":1,\"col\":1,\"message\":\"m\"}],"
                        "\"functions\":[]}"));
}
END_TEST

START_TEST(exact_message_for_a_bad_kind)
{
    static const char text[] =
        DOC_EVENTS("{\"kind\":\"bind\",\"id\":0},{\"kind\":\"bnid\",\"id\":1}");
    struct sc_error err;
    sc_error_clear(&err);
    ck_assert_ptr_null(facts_from_json(text, strlen(text), &err));
    ck_assert_str_eq(err.message,
                     "functions[0].blocks[0].events[1].kind: unknown event kind 'bnid'");
}
END_TEST

START_TEST(null_and_hostile_input)
{
    struct sc_error err;
    sc_error_clear(&err);
    ck_assert_ptr_null(facts_from_json(NULL, 0, &err));
    ck_assert_int_eq(err.kind, SC_ERROR_FACTS);
    /* Deeper than cJSON's nesting limit. */
    size_t depth = 5000;
    char *deep = xmalloc(2 * depth);
    memset(deep, '[', depth);
    memset(deep + depth, ']', depth);
    ck_assert_ptr_null(facts_from_json(deep, 2 * depth, &err));
    free(deep);
    /* A NUL inside the given length is not the end of the document. */
    static const char with_nul[] = "{\"format\":5}\0{";
    ck_assert_ptr_null(facts_from_json(with_nul, sizeof with_nul - 1, &err));
    ck_assert_ptr_nonnull(strstr(err.message, "unexpected text"));
}
END_TEST

/* Every prefix of a valid document is refused, and no byte past the given length is read
 * (each prefix sits in a heap block of exactly its size, for ASan). */
START_TEST(every_truncation_is_refused)
{
    struct facts *facts = build_full();
    char *json = facts_to_json(facts);
    size_t end = strrchr(json, '}') - json; /* the closing brace */
    for (size_t n = 0; n <= end; n++) {
        char *cut = xmalloc(n ? n : 1);
        memcpy(cut, json, n);
        struct sc_error err;
        struct facts *parsed = facts_from_json(cut, n, &err);
        ck_assert_msg(parsed == NULL, "prefix of %zu bytes accepted", n);
        ck_assert_int_eq(err.kind, SC_ERROR_FACTS);
        free(cut);
    }
    free(json);
    facts_free(facts);
}
END_TEST

/* A byte changed anywhere: refused, or read into facts that write and read back stably. */
START_TEST(mangled_bytes_never_crash)
{
    static const char replacements[] = {'0', '"', '}', '\0', '9', 'x'};
    struct facts *facts = build_full();
    char *json = facts_to_json(facts);
    size_t len = strlen(json);
    char *copy = xmalloc(len);
    size_t accepted = 0;
    for (size_t i = 0; i < len; i++) {
        /* Two replacements per position, rotating, keep this quick under sanitizers. */
        for (size_t r = i; r < i + 2; r++) {
            memcpy(copy, json, len);
            copy[i] = replacements[r % sizeof replacements];
            struct sc_error err;
            struct facts *parsed = facts_from_json(copy, len, &err);
            if (!parsed)
                continue;
            accepted++;
            char *first = facts_to_json(parsed);
            struct facts *again = parse_ok(first);
            char *second = facts_to_json(again);
            ck_assert_str_eq(first, second);
            free(first);
            free(second);
            facts_free(again);
            facts_free(parsed);
        }
    }
    /* Some changes keep the document valid (a digit for a digit); the loop exercised both. */
    ck_assert_uint_gt(accepted, 0);
    free(copy);
    free(json);
    facts_free(facts);
}
END_TEST

/* ---------------------------------------------------------------- building */

START_TEST(builders_keep_order_and_copy)
{
    struct facts *facts = facts_new();
    char path[] = "/src/a.c";
    ck_assert_uint_eq(facts_intern_file(facts, path), 0);
    path[5] = 'b';
    ck_assert_uint_eq(facts_intern_file(facts, path), 1);
    ck_assert_uint_eq(facts_intern_file(facts, "/src/a.c"), 0);
    ck_assert_str_eq(facts->files[1], "/src/b.c");
    for (int i = 0; i < 50; i++) {
        struct ir_function *fn = facts_add_function(facts);
        ck_assert_ptr_null(fn->name);
        ck_assert_uint_eq(fn->nblocks, 0);
        fn->name = xasprintf("f%d", i);
    }
    ck_assert_uint_eq(facts->nfunctions, 50);
    ck_assert_str_eq(facts->functions[49].name, "f49");
    char message[] = "expected ';'";
    facts_add_diag(facts, 1, 7, 3, message);
    message[0] = 'X';
    ck_assert_str_eq(facts->diags[0].message, "expected ';'");
    ck_assert_uint_eq(facts->diags[0].file, 1);
    ck_assert_uint_eq(facts->diags[0].line, 7);
    ck_assert_uint_eq(facts->diags[0].col, 3);
    facts_free(facts);
}
END_TEST

static Suite *facts_suite(void)
{
    Suite *s = suite_create("facts");
    TCase *trip = tcase_create("round_trip");
    tcase_add_test(trip, full_facts_round_trip_byte_for_byte);
    tcase_add_test(trip, full_facts_round_trip_field_by_field);
    tcase_add_test(trip, empty_facts_round_trip);
    tcase_add_test(trip, warnings_round_trip);
    tcase_add_test(trip, defaults_are_left_out);
    tcase_add_test(trip, defaults_are_read_back);
    tcase_add_test(trip, explicit_defaults_are_accepted);
    tcase_add_test(trip, constants_beyond_double_are_strings);
    suite_add_tcase(s, trip);
    TCase *bad = tcase_create("bad_input");
    tcase_add_loop_test(bad, bad_document_is_refused, 0, (int)NBAD);
    tcase_add_test(bad, templates_are_good);
    tcase_add_test(bad, exact_message_for_a_bad_kind);
    tcase_add_test(bad, null_and_hostile_input);
    tcase_add_test(bad, every_truncation_is_refused);
    tcase_add_test(bad, mangled_bytes_never_crash);
    tcase_set_timeout(bad, 120);
    suite_add_tcase(s, bad);
    TCase *build = tcase_create("builders");
    tcase_add_test(build, builders_keep_order_and_copy);
    suite_add_tcase(s, build);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(facts_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
