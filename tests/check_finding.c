/* Findings: order, duplicates, fingerprints. */
#include "finding.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

/* Adds a finding with the fields the order and the fingerprint look at. */
static struct finding *add(struct finding_list *list, const char *rule, const char *path,
                           unsigned line, unsigned col, const char *message)
{
    struct finding *f = finding_list_add(list);
    f->rule_id = rule;
    f->rule_name = "some-rule";
    f->level = SC_LEVEL_WARNING;
    f->message = message ? strdup(message) : NULL;
    f->loc.path = path ? strdup(path) : NULL;
    f->loc.abs_path = path ? strdup(path) : NULL;
    f->loc.line = line;
    f->loc.col = col;
    f->loc.end_line = line;
    f->loc.end_col = col + 5;
    return f;
}

static void set_inputs(struct finding *f, const char *function, const char *socket,
                       const char *call)
{
    free(f->function);
    free(f->socket_name);
    free(f->call_text);
    f->function = function ? strdup(function) : NULL;
    f->socket_name = socket ? strdup(socket) : NULL;
    f->call_text = call ? strdup(call) : NULL;
}

START_TEST(add_returns_zeroed_finding)
{
    struct finding_list list = {0};
    for (int i = 0; i < 20; i++) {
        struct finding *f = finding_list_add(&list);
        ck_assert_ptr_null(f->message);
        ck_assert_uint_eq(f->nrelated, 0);
        ck_assert_uint_eq(f->fingerprint[0], 0);
        f->message = strdup("m");
    }
    ck_assert_uint_eq(list.count, 20);
    finding_list_fini(&list);
    ck_assert_uint_eq(list.count, 0);
    ck_assert_ptr_null(list.items);
}
END_TEST

START_TEST(related_and_trace_are_copies)
{
    struct finding_list list = {0};
    struct finding *f = add(&list, "SCK001", "a.c", 3, 1, "m");
    char path[] = "a.c";
    char msg[] = "socket created here";
    struct finding_loc loc = {.abs_path = path,
                              .path = path,
                              .line = 1,
                              .col = 2,
                              .end_line = 1,
                              .end_col = 9,
                              .message = msg,
                              .depth = 2};
    struct finding_loc *r = finding_add_related(f, &loc);
    struct finding_loc *t = finding_add_trace(f, &loc);
    msg[0] = 'X';
    ck_assert_str_eq(f->related[0].message, "socket created here");
    ck_assert_str_eq(f->trace[0].message, "socket created here");
    ck_assert_ptr_ne(r->path, path);
    ck_assert_uint_eq(t->depth, 2);
    ck_assert_uint_eq(r->end_col, 9);
    ck_assert_uint_eq(f->nrelated, 1);
    ck_assert_uint_eq(f->ntrace, 1);

    struct finding_loc copy;
    finding_loc_copy(&copy, &f->related[0]);
    ck_assert_str_eq(copy.message, "socket created here");
    ck_assert_ptr_ne(copy.message, f->related[0].message);
    finding_loc_fini(&copy);
    ck_assert_ptr_null(copy.message);
    finding_list_fini(&list);
}
END_TEST

START_TEST(sort_orders_path_line_col_rule_message)
{
    struct finding_list list = {0};
    add(&list, "SCK002", "b.c", 1, 1, "m");
    add(&list, "SCK001", "a.c", 10, 1, "m");
    add(&list, "SCK001", "a.c", 2, 7, "m");
    add(&list, "SCK002", "a.c", 2, 5, "m");
    add(&list, "SCK001", "a.c", 2, 5, "z");
    add(&list, "SCK001", "a.c", 2, 5, "b");
    add(&list, "SCK001", NULL, 99, 1, "m"); /* no path sorts as "" */
    finding_list_sort(&list);

    static const struct {
        const char *path, *rule, *msg;
        unsigned line, col;
    } want[] = {
        {"", "SCK001", "m", 99, 1},   {"a.c", "SCK001", "b", 2, 5}, {"a.c", "SCK001", "z", 2, 5},
        {"a.c", "SCK002", "m", 2, 5}, {"a.c", "SCK001", "m", 2, 7}, {"a.c", "SCK001", "m", 10, 1},
        {"b.c", "SCK002", "m", 1, 1},
    };
    ck_assert_uint_eq(list.count, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < list.count; i++) {
        const struct finding *f = &list.items[i];
        ck_assert_str_eq(f->loc.path ? f->loc.path : "", want[i].path);
        ck_assert_uint_eq(f->loc.line, want[i].line);
        ck_assert_uint_eq(f->loc.col, want[i].col);
        ck_assert_str_eq(f->rule_id, want[i].rule);
        ck_assert_str_eq(f->message, want[i].msg);
    }
    finding_list_fini(&list);
}
END_TEST

/* Two findings equal in the sort key still come out in one order, whatever the input order. */
START_TEST(sort_is_total)
{
    for (int flip = 0; flip < 2; flip++) {
        struct finding_list list = {0};
        struct finding *a = add(&list, "SCK001", "a.c", 1, 1, "m");
        struct finding *b = add(&list, "SCK001", "a.c", 1, 1, "m");
        set_inputs(flip ? a : b, "alpha", NULL, NULL);
        set_inputs(flip ? b : a, "beta", NULL, NULL);
        finding_list_sort(&list);
        ck_assert_str_eq(list.items[0].function, "alpha");
        ck_assert_str_eq(list.items[1].function, "beta");
        finding_list_fini(&list);
    }
}
END_TEST

START_TEST(dedup_removes_same_rule_and_location)
{
    struct finding_list list = {0};
    add(&list, "SCK001", "a.c", 5, 3, "second");
    add(&list, "SCK001", "a.c", 5, 3, "first");
    add(&list, "SCK002", "a.c", 5, 3, "other rule");
    add(&list, "SCK001", "a.c", 5, 4, "other column");
    add(&list, "SCK001", "b.c", 5, 3, "other file");
    add(&list, "SCK001", "a.c", 5, 3, "first");
    /* Same start, different end: not the same location. */
    struct finding *wide = add(&list, "SCK001", "a.c", 5, 3, "a wide one");
    wide->loc.end_col = 40;
    finding_list_sort(&list);
    finding_list_dedup(&list);
    ck_assert_uint_eq(list.count, 5);
    ck_assert_str_eq(list.items[0].message, "a wide one");
    ck_assert_str_eq(list.items[1].message, "first");
    ck_assert_str_eq(list.items[2].message, "other rule");
    ck_assert_str_eq(list.items[3].message, "other column");
    ck_assert_str_eq(list.items[4].message, "other file");
    finding_list_fini(&list);
}
END_TEST

/* Duplicates that do not sit next to each other in sorted order (messages interleave). */
START_TEST(dedup_finds_interleaved_duplicates)
{
    struct finding_list list = {0};
    struct finding *a = add(&list, "SCK001", "a.c", 1, 1, "a");
    struct finding *b = add(&list, "SCK001", "a.c", 1, 1, "b");
    struct finding *c = add(&list, "SCK001", "a.c", 1, 1, "c");
    a->loc.end_col = 10;
    b->loc.end_col = 20;
    c->loc.end_col = 10; /* duplicate of a, sorted after b */
    finding_list_sort(&list);
    finding_list_dedup(&list);
    ck_assert_uint_eq(list.count, 2);
    ck_assert_str_eq(list.items[0].message, "a");
    ck_assert_str_eq(list.items[1].message, "b");
    finding_list_fini(&list);
}
END_TEST

START_TEST(dedup_of_empty_list)
{
    struct finding_list list = {0};
    finding_list_sort(&list);
    finding_list_dedup(&list);
    finding_list_fingerprint(&list);
    ck_assert_uint_eq(list.count, 0);
    finding_list_fini(&list);
}
END_TEST

static int is_lower_hex16(const char *s)
{
    if (strlen(s) != 16)
        return 0;
    for (; *s; s++) {
        if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
            return 0;
    }
    return 1;
}

START_TEST(fingerprint_ignores_line_numbers)
{
    struct finding_list list = {0};
    struct finding *f = add(&list, "SCK001", "src/server.c", 12, 9, "message one");
    set_inputs(f, "main", "fd", "bind(fd, (struct sockaddr *)&sa, sizeof sa)");
    finding_fingerprint(f, 0);
    char before[17];
    memcpy(before, f->fingerprint, sizeof before);
    ck_assert(is_lower_hex16(before));

    f->loc.line = 40;
    f->loc.col = 2;
    f->loc.end_line = 41;
    f->loc.end_col = 3;
    free(f->message);
    f->message = strdup("message reworded");
    finding_fingerprint(f, 0);
    ck_assert_str_eq(f->fingerprint, before);
    finding_list_fini(&list);
}
END_TEST

/* Any of the inputs changes the fingerprint; n too. */
START_TEST(fingerprint_depends_on_each_input)
{
    struct finding_list list = {0};
    struct finding *base = add(&list, "SCK001", "src/server.c", 12, 9, "m");
    set_inputs(base, "main", "fd", "bind(fd)");
    finding_fingerprint(base, 0);
    char ref[17];
    memcpy(ref, base->fingerprint, sizeof ref);

    struct finding *v[6];
    v[0] = add(&list, "SCK002", "src/server.c", 12, 9, "m");
    set_inputs(v[0], "main", "fd", "bind(fd)");
    v[1] = add(&list, "SCK001", "src/client.c", 12, 9, "m");
    set_inputs(v[1], "main", "fd", "bind(fd)");
    v[2] = add(&list, "SCK001", "src/server.c", 12, 9, "m");
    set_inputs(v[2], "serve", "fd", "bind(fd)");
    v[3] = add(&list, "SCK001", "src/server.c", 12, 9, "m");
    set_inputs(v[3], "main", "srv->fd", "bind(fd)");
    v[4] = add(&list, "SCK001", "src/server.c", 12, 9, "m");
    set_inputs(v[4], "main", "fd", "bind(sock)");
    v[5] = add(&list, "SCK001", "src/server.c", 12, 9, "m");
    set_inputs(v[5], "main", "fd", "bind(fd)");
    for (int i = 0; i < 5; i++) {
        finding_fingerprint(v[i], 0);
        ck_assert_str_ne(v[i]->fingerprint, ref);
    }
    finding_fingerprint(v[5], 1);
    ck_assert_str_ne(v[5]->fingerprint, ref);
    finding_fingerprint(v[5], 0);
    ck_assert_str_eq(v[5]->fingerprint, ref);
    finding_list_fini(&list);
}
END_TEST

/* Field boundaries count: ("ab", "c") is not ("a", "bc"); NULL reads as "". */
START_TEST(fingerprint_separates_fields)
{
    struct finding_list list = {0};
    struct finding *a = add(&list, "SCK001", "p.c", 1, 1, "m");
    struct finding *b = add(&list, "SCK001", "p.c", 1, 1, "m");
    struct finding *c = add(&list, "SCK001", "p.c", 1, 1, "m");
    struct finding *d = add(&list, "SCK001", "p.c", 1, 1, "m");
    set_inputs(a, "ab", "c", NULL);
    set_inputs(b, "a", "bc", NULL);
    set_inputs(c, NULL, NULL, NULL);
    set_inputs(d, "", "", "");
    finding_fingerprint(a, 0);
    finding_fingerprint(b, 0);
    finding_fingerprint(c, 0);
    finding_fingerprint(d, 0);
    ck_assert_str_ne(a->fingerprint, b->fingerprint);
    ck_assert_str_eq(c->fingerprint, d->fingerprint);
    finding_list_fini(&list);
}
END_TEST

/*
 * Baselines compare fingerprints across versions of sockcheck, so the algorithm is frozen:
 * this value may change only with a new key version (sockcheckFindingHash/v2).
 */
START_TEST(fingerprint_value_is_frozen)
{
    struct finding_list list = {0};
    struct finding *f = add(&list, "SCK001", "src/server.c", 12, 9, "m");
    set_inputs(f, "main", "fd", "bind(fd, (struct sockaddr *)&sa, sizeof sa)");
    finding_fingerprint(f, 0);
    ck_assert_str_eq(f->fingerprint, "6cd10e92b069d762");
    finding_list_fini(&list);
}
END_TEST

START_TEST(list_fingerprint_numbers_identical_inputs)
{
    struct finding_list list = {0};
    for (unsigned line = 30; line >= 10; line -= 10) {
        struct finding *f = add(&list, "SCK006", "a.c", line, 5, "m");
        set_inputs(f, "main", "fd", "setsockopt(fd)");
    }
    struct finding *other = add(&list, "SCK006", "a.c", 15, 5, "m");
    set_inputs(other, "main", "other", "setsockopt(other)");
    finding_list_sort(&list);
    finding_list_fingerprint(&list);

    /* Sorted: lines 10, 15 (other), 20, 30; identical inputs numbered 0, 1, 2 in that order. */
    ck_assert_uint_eq(list.items[1].loc.line, 15);
    struct finding probe = list.items[0];
    unsigned n = 0;
    for (size_t i = 0; i < list.count; i++) {
        if (i == 1)
            continue;
        finding_fingerprint(&probe, n++);
        ck_assert_str_eq(list.items[i].fingerprint, probe.fingerprint);
    }
    finding_fingerprint(&probe, 0);
    ck_assert_str_ne(list.items[1].fingerprint, probe.fingerprint);
    struct finding alone = list.items[1];
    finding_fingerprint(&alone, 0);
    ck_assert_str_eq(list.items[1].fingerprint, alone.fingerprint);
    ck_assert_str_ne(list.items[0].fingerprint, list.items[2].fingerprint);
    ck_assert_str_ne(list.items[2].fingerprint, list.items[3].fingerprint);
    finding_list_fini(&list);
}
END_TEST

static bool keep_odd_lines(const struct finding *f, void *arg)
{
    (void)arg;
    return f->loc.line % 2 == 1;
}

/* Filters keep order; fixes are owned by the finding; what counts as reported. */
START_TEST(retain_edits_and_reported)
{
    struct finding_list list = {0};
    for (unsigned i = 1; i <= 6; i++)
        add(&list, "SCK001", "a.c", i, 1, "m");
    struct finding_loc loc = list.items[0].loc;
    finding_add_edit(&list.items[0], FINDING_EDIT_INSERT_LINES, &loc, "x;\ny;");
    list.items[0].fix_description = strdup("d");
    ck_assert_uint_eq(list.items[0].nedits, 1);
    ck_assert_str_eq(list.items[0].edits[0].text, "x;\ny;");
    ck_assert_ptr_ne(list.items[0].edits[0].loc.path, loc.path); /* a copy */
    finding_list_retain(&list, keep_odd_lines, NULL);
    ck_assert_uint_eq(list.count, 3);
    ck_assert_uint_eq(list.items[0].loc.line, 1);
    ck_assert_uint_eq(list.items[1].loc.line, 3);
    ck_assert_uint_eq(list.items[2].loc.line, 5);
    ck_assert_uint_eq(list.items[0].nedits, 1);
    finding_drop_fix(&list.items[0]);
    ck_assert_uint_eq(list.items[0].nedits, 0);
    ck_assert_ptr_null(list.items[0].fix_description);
    struct finding *f = &list.items[1];
    ck_assert(finding_is_reported(f));
    f->baseline = FINDING_BASELINE_NEW;
    ck_assert(finding_is_reported(f));
    f->baseline = FINDING_BASELINE_UNCHANGED;
    ck_assert(!finding_is_reported(f));
    f->baseline = FINDING_BASELINE_NONE;
    f->suppressed = true;
    ck_assert(!finding_is_reported(f));
    finding_list_fini(&list);
}
END_TEST

static Suite *finding_suite(void)
{
    Suite *s = suite_create("finding");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, add_returns_zeroed_finding);
    tcase_add_test(tc, related_and_trace_are_copies);
    tcase_add_test(tc, sort_orders_path_line_col_rule_message);
    tcase_add_test(tc, sort_is_total);
    tcase_add_test(tc, dedup_removes_same_rule_and_location);
    tcase_add_test(tc, dedup_finds_interleaved_duplicates);
    tcase_add_test(tc, dedup_of_empty_list);
    tcase_add_test(tc, fingerprint_ignores_line_numbers);
    tcase_add_test(tc, fingerprint_depends_on_each_input);
    tcase_add_test(tc, fingerprint_separates_fields);
    tcase_add_test(tc, fingerprint_value_is_frozen);
    tcase_add_test(tc, list_fingerprint_numbers_identical_inputs);
    tcase_add_test(tc, retain_edits_and_reported);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(finding_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
