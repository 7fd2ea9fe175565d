/*
 * The engine without parsing: program linking (extern across units, static per unit, models),
 * the SCC order, slot paths and their translation at calls, API models from JSON, and function
 * summaries computed on hand-written facts.
 */
#include "analysis.h"
#include "facts.h"
#include "models.h"
#include "program.h"
#include "summary.h"
#include "xalloc.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

/* ---- builders ---------------------------------------------------------------------------- */

static struct ir_function *add_function(struct facts *facts, const char *name,
                                        enum ir_linkage linkage, const char *const *params,
                                        size_t nparams)
{
    struct ir_function *fn = facts_add_function(facts);
    fn->name = xstrdup(name);
    fn->linkage = linkage;
    fn->range = (struct sc_range){0, 1, 1, 1, 2};
    fn->nparams = nparams;
    fn->params = nparams ? xcalloc(nparams, sizeof *fn->params) : NULL;
    for (size_t i = 0; i < nparams; i++)
        fn->params[i] = params[i] ? xstrdup(params[i]) : NULL;
    ir_function_add_block(fn);
    ir_function_add_block(fn);
    ir_block_add_edge(fn, 0, 1, 0, IR_OUTCOME_ANY);
    return fn;
}

static struct ir_event *event(struct ir_function *fn, enum ir_kind kind, const char *sock,
                              const char *dst)
{
    struct ir_event ev = {0};
    ev.kind = kind;
    ev.sock = sock ? xstrdup(sock) : NULL;
    ev.dst = dst ? xstrdup(dst) : NULL;
    ev.range = (struct sc_range){0, 10 + fn->nevents, 5, 10 + fn->nevents, 9};
    return ir_block_add_event(fn, 0, &ev);
}

static void create(struct ir_function *fn, const char *dst)
{
    struct ir_event *ev = event(fn, IR_CREATE, NULL, dst);
    ev->family = IR_FAMILY_INET;
    ev->socktype = IR_SOCKTYPE_STREAM;
}

static void reuse(struct ir_function *fn, const char *sock)
{
    struct ir_event *ev = event(fn, IR_SETSOCKOPT, sock, NULL);
    ev->sockopt.level = IR_LEVEL_SOCKET;
    ev->sockopt.option = IR_OPTION_REUSEADDR;
    ev->sockopt.value = IR_OPTVAL_NONZERO;
}

static struct ir_event *call(struct ir_function *fn, const char *callee, const char *dst,
                             const char *const *args, size_t nargs)
{
    struct ir_event *ev = event(fn, IR_CALL, NULL, dst);
    ev->callee = xstrdup(callee);
    ev->nargs = nargs;
    ev->args = xcalloc(nargs + 1, sizeof *ev->args);
    for (size_t i = 0; i < nargs; i++)
        ev->args[i] = args[i] ? xstrdup(args[i]) : NULL;
    return ev;
}

static struct facts *unit(const char *path)
{
    struct facts *f = facts_new();
    facts_intern_file(f, path);
    return f;
}

struct world {
    struct facts *units[3];
    size_t nunits;
    struct models *models;
    struct program *program;
    struct analysis *analysis;
};

static void analyse(struct world *w)
{
    struct sc_error err;
    w->models = models_builtin(&err);
    ck_assert_msg(w->models != NULL, "%s", err.message);
    w->program = program_link(w->units, w->nunits, w->models);
    w->analysis = analysis_run(w->program);
}

static void world_fini(struct world *w)
{
    analysis_free(w->analysis);
    program_free(w->program);
    models_free(w->models);
    for (size_t i = 0; i < w->nunits; i++)
        facts_free(w->units[i]);
}

static uint32_t function_index(const struct world *w, size_t unit, const char *name)
{
    for (uint32_t f = 0; f < w->program->nfunctions; f++)
        if (w->program->functions[f].unit == unit &&
            strcmp(w->program->functions[f].fn->name, name) == 0)
            return f;
    ck_abort_msg("no function %s in unit %zu", name, unit);
    return 0;
}

static const struct summary_slot *slot(const struct world *w, uint32_t f, const char *path)
{
    return summary_find(&w->analysis->functions[f].summary, path);
}

static size_t listened_sites(const struct world *w, uint32_t f)
{
    size_t n = 0;
    const struct analysis_function *af = &w->analysis->functions[f];
    for (size_t i = 0; i < af->nsites; i++)
        n += af->sites[i].listened && !af->sites[i].retried;
    return n;
}

/* ---- slots and translation ------------------------------------------------------------------ */

START_TEST(slot_paths)
{
    struct facts *f = unit("/a.c");
    static const char *const params[] = {"srv", "out", NULL};
    struct ir_function *fn = add_function(f, "g", IR_LINKAGE_EXTERNAL, params, 3);
    struct {
        const char *path, *slot;
    } cases[] = {
        {"srv", "$0"},    {"srv->fd", "$0->fd"}, {"*out", "*$1"}, {"::g_fd", "::g_fd"},
        {"%ret", "%ret"}, {"srvx", NULL},        {"local", NULL}, {"srv.a[].fd", "$0.a[].fd"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = summary_slot_of_path(fn, cases[i].path);
        if (cases[i].slot)
            ck_assert_str_eq(got, cases[i].slot);
        else
            ck_assert_ptr_null(got);
        free(got);
    }
    facts_free(f);
}
END_TEST

START_TEST(slot_translation)
{
    char *args[] = {"fd", "&s", "p", NULL, "&out"};
    struct {
        const char *slot, *want;
    } cases[] = {
        {"$0", "fd"},   {"$1->fd", "s.fd"}, {"*$1", "s"}, {"$2->fd", "p->fd"},
        {"*$2", "*p"},  {"$3", NULL},       {"$9", NULL}, {"*$4", "out"},
        {"%ret", "rc"}, {"::g", "::g"},     {"$1", NULL}, {"**$4", "*out"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = summary_translate(cases[i].slot, args, 5, "rc");
        if (cases[i].want)
            ck_assert_msg(got && strcmp(got, cases[i].want) == 0, "%s -> %s, expected %s",
                          cases[i].slot, got ? got : "NULL", cases[i].want);
        else
            ck_assert_msg(!got, "%s -> %s, expected none", cases[i].slot, got);
        free(got);
    }
    char *none = summary_translate("%ret", args, 5, NULL);
    ck_assert_ptr_null(none);
}
END_TEST

START_TEST(summary_sets_and_equality)
{
    struct summary a = {0}, b = {0};
    struct summary_slot *s = summary_slot(&a, "$0");
    summary_ids_add(&s->pending, 7);
    summary_ids_add(&s->pending, 3);
    summary_ids_add(&s->pending, 7);
    ck_assert_uint_eq(s->pending.count, 2);
    ck_assert_uint_eq(s->pending.ids[0], 3);
    summary_slot(&a, "%ret")->creates = true;
    ck_assert_ptr_nonnull(summary_find(&a, "$0"));
    ck_assert_ptr_null(summary_find(&a, "$1"));
    ck_assert(!summary_equal(&a, &b));
    struct summary_slot *t = summary_slot(&b, "$0");
    summary_ids_add(&t->pending, 3);
    summary_ids_add(&t->pending, 7);
    summary_slot(&b, "%ret")->creates = true;
    ck_assert(summary_equal(&a, &b));
    summary_slot(&b, "%ret")->created_known = true;
    ck_assert(!summary_equal(&a, &b));
    summary_fini(&a);
    summary_fini(&b);
}
END_TEST

/* ---- linking ----------------------------------------------------------------------------------
 */

START_TEST(linking_and_scc_order)
{
    struct world w = {0};
    w.nunits = 2;
    w.units[0] = unit("/main.c");
    w.units[1] = unit("/net.c");
    static const char *const fd_param[] = {"fd"};
    static const char *const fd_arg[] = {"fd"};
    struct ir_function *main_fn = add_function(w.units[0], "main", IR_LINKAGE_EXTERNAL, NULL, 0);
    call(main_fn, "helper", NULL, fd_arg, 1);   /* static in unit 0 */
    call(main_fn, "net_open", NULL, fd_arg, 1); /* external in unit 1 */
    call(main_fn, "fcntl", NULL, fd_arg, 1);    /* a model */
    call(main_fn, "mystery", NULL, fd_arg, 1);  /* nothing */
    add_function(w.units[0], "helper", IR_LINKAGE_INTERNAL, fd_param, 1);
    add_function(w.units[1], "helper", IR_LINKAGE_INTERNAL, fd_param, 1);
    struct ir_function *open_fn =
        add_function(w.units[1], "net_open", IR_LINKAGE_EXTERNAL, fd_param, 1);
    call(open_fn, "net_open", NULL, fd_arg, 1); /* recursion */
    analyse(&w);
    const struct program_function *pm = &w.program->functions[function_index(&w, 0, "main")];
    ck_assert_int_eq(pm->callees[0].kind, PROGRAM_CALL_FUNCTION);
    ck_assert_uint_eq(pm->callees[0].function, function_index(&w, 0, "helper"));
    ck_assert_int_eq(pm->callees[1].kind, PROGRAM_CALL_FUNCTION);
    ck_assert_uint_eq(pm->callees[1].function, function_index(&w, 1, "net_open"));
    ck_assert_int_eq(pm->callees[2].kind, PROGRAM_CALL_MODEL);
    ck_assert_str_eq(pm->callees[2].model->name, "fcntl");
    ck_assert_int_eq(pm->callees[3].kind, PROGRAM_CALL_UNKNOWN);
    /* Callees' components come before their callers'. */
    size_t pos_main = 0, pos_open = 0;
    for (size_t i = 0; i < w.program->nfunctions; i++) {
        if (w.program->scc_order[i] == function_index(&w, 0, "main"))
            pos_main = i;
        if (w.program->scc_order[i] == function_index(&w, 1, "net_open"))
            pos_open = i;
    }
    ck_assert_uint_lt(pos_open, pos_main);
    ck_assert_uint_eq(w.program->nsccs, 4);
    world_fini(&w);
}
END_TEST

/* ---- summaries ------------------------------------------------------------------------------- */

START_TEST(summary_of_reuse_helper_and_binder)
{
    struct world w = {0};
    w.nunits = 1;
    w.units[0] = unit("/net.c");
    static const char *const fd_param[] = {"fd"};
    struct ir_function *set =
        add_function(w.units[0], "set_reuse", IR_LINKAGE_EXTERNAL, fd_param, 1);
    reuse(set, "fd");
    struct ir_function *bl =
        add_function(w.units[0], "bind_listen", IR_LINKAGE_EXTERNAL, fd_param, 1);
    event(bl, IR_BIND, "fd", NULL);
    event(bl, IR_LISTEN, "fd", NULL);
    struct ir_function *mk = add_function(w.units[0], "make", IR_LINKAGE_EXTERNAL, NULL, 0);
    create(mk, "s");
    struct ir_event *ret = event(mk, IR_RETURN, NULL, NULL);
    ret->src = xstrdup("s");
    analyse(&w);
    const struct summary_slot *s = slot(&w, function_index(&w, 0, "set_reuse"), "$0");
    ck_assert_ptr_nonnull(s);
    ck_assert(s->enables_reuse);
    ck_assert(!s->listens);
    s = slot(&w, function_index(&w, 0, "bind_listen"), "$0");
    ck_assert_ptr_nonnull(s);
    ck_assert(!s->enables_reuse);
    ck_assert(s->listens);
    ck_assert_uint_eq(s->listened.count, 1);
    ck_assert_uint_eq(s->listened.ids[0], 0); /* the bind event */
    ck_assert_uint_eq(s->pending.count, 0);
    /* The binder alone reports nothing: its caller decides. */
    ck_assert_uint_eq(listened_sites(&w, function_index(&w, 0, "bind_listen")), 0);
    s = slot(&w, function_index(&w, 0, "make"), "%ret");
    ck_assert_ptr_nonnull(s);
    ck_assert(s->creates);
    ck_assert(s->created_known);
    ck_assert(!(s->created_flags & ANALYSIS_REUSE));
    ck_assert(s->created_flags & ANALYSIS_TYPE_BIT(IR_SOCKTYPE_STREAM));
    world_fini(&w);
}
END_TEST

START_TEST(caller_decides_at_call_site)
{
    struct world w = {0};
    w.nunits = 2;
    w.units[0] = unit("/main.c");
    w.units[1] = unit("/net.c");
    static const char *const fd_param[] = {"fd"};
    static const char *const fd_arg[] = {"fd"};
    struct ir_function *bl =
        add_function(w.units[1], "bind_listen", IR_LINKAGE_EXTERNAL, fd_param, 1);
    event(bl, IR_BIND, "fd", NULL);
    event(bl, IR_LISTEN, "fd", NULL);
    struct ir_function *good = add_function(w.units[0], "good", IR_LINKAGE_EXTERNAL, NULL, 0);
    create(good, "fd");
    reuse(good, "fd");
    call(good, "bind_listen", NULL, fd_arg, 1);
    struct ir_function *bad = add_function(w.units[0], "bad", IR_LINKAGE_EXTERNAL, NULL, 0);
    create(bad, "fd");
    struct ir_event *c = call(bad, "bind_listen", NULL, fd_arg, 1);
    uint32_t call_id = c->id;
    analyse(&w);
    ck_assert_uint_eq(listened_sites(&w, function_index(&w, 0, "good")), 0);
    uint32_t fbad = function_index(&w, 0, "bad");
    ck_assert_uint_eq(listened_sites(&w, fbad), 1);
    const struct analysis_function *af = &w.analysis->functions[fbad];
    ck_assert_uint_eq(af->sites[0].event, call_id);
    /* The trace leads into the helper's bind. */
    struct site link = af->links[call_id];
    ck_assert_uint_eq(link.fn, function_index(&w, 1, "bind_listen"));
    ck_assert_uint_eq(link.event, 0);
    ck_assert_uint_eq(af->sites[0].listen_at.fn, function_index(&w, 1, "bind_listen"));
    world_fini(&w);
}
END_TEST

START_TEST(recursion_reaches_a_fixpoint)
{
    /* even(fd) calls odd(fd), odd(fd) calls even(fd) or enables reuse: the cycle's summary must
     * say reuse may be enabled, and a caller that then binds and listens is clean. */
    struct world w = {0};
    w.nunits = 1;
    w.units[0] = unit("/r.c");
    static const char *const fd_param[] = {"fd"};
    static const char *const fd_arg[] = {"fd"};
    struct ir_function *even = add_function(w.units[0], "even", IR_LINKAGE_INTERNAL, fd_param, 1);
    call(even, "odd", NULL, fd_arg, 1);
    struct ir_function *odd = add_function(w.units[0], "odd", IR_LINKAGE_INTERNAL, fd_param, 1);
    call(odd, "even", NULL, fd_arg, 1);
    reuse(odd, "fd");
    struct ir_function *main_fn = add_function(w.units[0], "main", IR_LINKAGE_EXTERNAL, NULL, 0);
    create(main_fn, "fd");
    call(main_fn, "even", NULL, fd_arg, 1);
    event(main_fn, IR_BIND, "fd", NULL);
    event(main_fn, IR_LISTEN, "fd", NULL);
    analyse(&w);
    ck_assert(slot(&w, function_index(&w, 0, "even"), "$0")->enables_reuse);
    ck_assert(slot(&w, function_index(&w, 0, "odd"), "$0")->enables_reuse);
    ck_assert_uint_eq(listened_sites(&w, function_index(&w, 0, "main")), 0);
    world_fini(&w);
}
END_TEST

START_TEST(model_conditions)
{
    /* evconnlistener_new_bind binds and listens inside; only flag bit 8 brings reuse. */
    struct world w = {0};
    w.nunits = 1;
    w.units[0] = unit("/ev.c");
    static const char *const args[] = {"base", NULL, NULL, NULL, NULL, NULL, NULL};
    struct ir_function *fn = add_function(w.units[0], "start", IR_LINKAGE_EXTERNAL, NULL, 0);
    struct ir_event *with = call(fn, "evconnlistener_new_bind", NULL, args, 7);
    with->arg_values = xcalloc(7, sizeof *with->arg_values);
    with->arg_values[3] = (struct ir_const){true, 8 | 2};
    struct ir_event *without = call(fn, "evconnlistener_new_bind", NULL, args, 7);
    without->arg_values = xcalloc(7, sizeof *without->arg_values);
    without->arg_values[3] = (struct ir_const){true, 2};
    uint32_t without_id = without->id;
    call(fn, "evconnlistener_new_bind", NULL, args, 7); /* flags unknown: may be reusable */
    analyse(&w);
    const struct analysis_function *af = &w.analysis->functions[0];
    ck_assert_uint_eq(listened_sites(&w, 0), 1);
    for (size_t i = 0; i < af->nsites; i++)
        if (af->sites[i].listened)
            ck_assert_uint_eq(af->sites[i].event, without_id);
    world_fini(&w);
}
END_TEST

/* ---- models from JSON ------------------------------------------------------------------------ */

static void assert_model_error(const char *json, const char *fragment)
{
    struct models *m = models_new();
    struct sc_error err;
    sc_error_clear(&err);
    ck_assert_int_eq(models_add_json(m, json, strlen(json), "user.json", &err), -1);
    ck_assert_msg(strstr(err.message, fragment) != NULL, "'%s' lacks '%s'", err.message, fragment);
    ck_assert_str_eq(err.file, "user.json");
    ck_assert_msg(err.line > 0, "'%s' names no line", err.message);
    models_free(m);
}

START_TEST(models_parse_and_refuse)
{
    struct models *m = models_new();
    struct sc_error err;
    const char *ok = "{\"models\": [{\"function\": \"my_listen\", \"hint\": \"call it right\","
                     " \"effects\": [{\"socket\": \"*arg1\", \"actions\": [\"enable_reuse\","
                     " \"bind\"], \"enable_reuse_when\": [{\"arg\": 2, \"has_bits\": 4}]}]}]}";
    ck_assert_int_eq(models_add_json(m, ok, strlen(ok), "user.json", &err), 0);
    const struct model_function *f = models_find(m, "my_listen");
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(f->effects[0].slot, "*$1");
    ck_assert_uint_eq(f->effects[0].nactions, 2);
    ck_assert_int_eq(f->effects[0].actions[1], MODEL_BIND);
    ck_assert_str_eq(f->hint, "call it right");
    struct ir_const values[3] = {{false, 0}, {false, 0}, {true, 5}};
    ck_assert(models_conditions_may_hold(f->effects[0].reuse_when, 1, values, 3));
    values[2].value = 3;
    ck_assert(!models_conditions_may_hold(f->effects[0].reuse_when, 1, values, 3));
    values[2].known = false;
    ck_assert(models_conditions_may_hold(f->effects[0].reuse_when, 1, values, 3));
    models_free(m);

    assert_model_error("[1]", "models file is an object");
    assert_model_error("{\"models\": [{\"effects\": []}]}", "\"function\"");
    assert_model_error("{\"models\": [{\"function\": \"f\"}]}", "\"effects\"");
    assert_model_error("{\"models\": [{\"function\": \"f\", \"effects\": [{\"socket\": \"arg0\","
                       " \"actions\": [\"fly\"]}]}]}",
                       "unknown action 'fly'");
    assert_model_error("{\"models\": [{\"function\": \"f\", \"effects\": [{\"socket\": \"fd\","
                       " \"actions\": []}]}]}",
                       "\"socket\"");
    assert_model_error("{\"models\": [{\"function\": \"f\", \"bogus\": 1, \"effects\": []}]}",
                       "unknown member 'bogus'");
    assert_model_error("{\"models\": [{\"function\": \"f\", \"effects\": [{\"socket\": \"arg0\","
                       " \"actions\": [\"bind\"], \"enable_reuse_when\": [{\"arg\": 1}]}]}]}",
                       "exactly one");
    assert_model_error("{\"models\": [", "not valid JSON");
}
END_TEST

START_TEST(builtin_models_load)
{
    struct sc_error err;
    struct models *m = models_builtin(&err);
    ck_assert_msg(m != NULL, "%s", err.message);
    static const char *const names[] = {"fcntl",
                                        "evutil_make_listen_socket_reuseable",
                                        "evconnlistener_new_bind",
                                        "uv_tcp_bind",
                                        "g_socket_bind",
                                        "apr_socket_opt_set"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        ck_assert_msg(models_find(m, names[i]) != NULL, "no model of %s", names[i]);
    ck_assert_ptr_null(models_find(m, "bind"));
    models_free(m);
}
END_TEST

static Suite *summary_suite(void)
{
    Suite *s = suite_create("summary");
    TCase *tc = tcase_create("engine");
    tcase_add_test(tc, slot_paths);
    tcase_add_test(tc, slot_translation);
    tcase_add_test(tc, summary_sets_and_equality);
    tcase_add_test(tc, linking_and_scc_order);
    tcase_add_test(tc, summary_of_reuse_helper_and_binder);
    tcase_add_test(tc, caller_decides_at_call_site);
    tcase_add_test(tc, recursion_reaches_a_fixpoint);
    tcase_add_test(tc, model_conditions);
    tcase_add_test(tc, models_parse_and_refuse);
    tcase_add_test(tc, builtin_models_load);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(summary_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
