/* The persistent row map: reads and writes, copies that stay apart, join, equality, growth,
 * the empty map, and the visit of what changed; checked against a dense model. */
#include "rowmap.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

START_TEST(test_empty)
{
    struct rowmap m, n;
    rowmap_init(&m, 0);
    rowmap_init(&n, 0);
    ck_assert(rowmap_equal(&m, &n));
    ck_assert(!rowmap_join(&m, &n));
    rowmap_fini(&m);
    rowmap_init(&m, 100);
    size_t count = 7;
    ck_assert_ptr_null(rowmap_ids(&m, 99, &count));
    ck_assert_uint_eq(count, 0);
    ck_assert_uint_eq(rowmap_word(&m, 5), 0);
    ck_assert(!rowmap_has_id(&m, 5, 0));
    /* Emptying a row again leaves a map equal to the empty one, and joining it changes nothing. */
    rowmap_add_id(&m, 5, 3);
    rowmap_remove_id(&m, 5, 3);
    rowmap_set_word(&m, 6, 1);
    rowmap_set_word(&m, 6, 0);
    struct rowmap e;
    rowmap_init(&e, 100);
    ck_assert(rowmap_equal(&m, &e) && rowmap_equal(&e, &m));
    ck_assert(!rowmap_join(&e, &m));
    rowmap_fini(&e);
    rowmap_fini(&m);
    rowmap_fini(&n);
}
END_TEST

START_TEST(test_insert_lookup)
{
    struct rowmap m;
    rowmap_init(&m, 40);
    rowmap_add_id(&m, 3, 9);
    rowmap_add_id(&m, 3, 2);
    rowmap_add_id(&m, 3, 9);
    rowmap_add_id(&m, 3, 5);
    size_t n;
    const uint32_t *ids = rowmap_ids(&m, 3, &n);
    ck_assert_uint_eq(n, 3);
    ck_assert(ids[0] == 2 && ids[1] == 5 && ids[2] == 9);
    ck_assert(rowmap_has_id(&m, 3, 5) && !rowmap_has_id(&m, 3, 4) && !rowmap_has_id(&m, 4, 5));
    rowmap_set_word(&m, 3, 0x81);
    ck_assert_uint_eq(rowmap_word(&m, 3), 0x81);
    rowmap_remove_id(&m, 3, 5);
    ids = rowmap_ids(&m, 3, &n);
    ck_assert(n == 2 && ids[0] == 2 && ids[1] == 9);
    ck_assert_uint_eq(rowmap_word(&m, 3), 0x81); /* ids and word are independent */
    uint32_t two[] = {1, 30};
    rowmap_set_ids(&m, 39, two, 2);
    rowmap_copy_row(&m, 0, 39);
    ids = rowmap_ids(&m, 0, &n);
    ck_assert(n == 2 && ids[0] == 1 && ids[1] == 30);
    rowmap_clear_row(&m, 39);
    ck_assert(!rowmap_has_id(&m, 39, 1) && rowmap_has_id(&m, 0, 1));
    rowmap_clear_row(&m, 3);
    ck_assert_uint_eq(rowmap_word(&m, 3), 0);
    rowmap_fini(&m);
}
END_TEST

START_TEST(test_copies_stay_apart)
{
    struct rowmap a, b;
    rowmap_init(&a, 1000);
    rowmap_init(&b, 1000);
    rowmap_add_id(&a, 700, 1);
    rowmap_copy(&b, &a);
    ck_assert(rowmap_equal(&a, &b));
    size_t n;
    const uint32_t *borrowed = rowmap_ids(&a, 700, &n);
    rowmap_add_id(&b, 700, 2);
    rowmap_set_word(&b, 701, 4);
    rowmap_set_word(&a, 3, 8); /* a write to another row keeps a borrowed row valid */
    ck_assert(n == 1 && borrowed[0] == 1);
    ck_assert(!rowmap_has_id(&a, 700, 2) && rowmap_word(&a, 701) == 0);
    ck_assert(rowmap_has_id(&b, 700, 2) && rowmap_word(&b, 3) == 0);
    ck_assert(!rowmap_equal(&a, &b));
    rowmap_fini(&a);
    ck_assert(rowmap_has_id(&b, 700, 1)); /* b owns its share */
    rowmap_fini(&b);
}
END_TEST

START_TEST(test_join)
{
    struct rowmap a, b;
    rowmap_init(&a, 300);
    rowmap_init(&b, 300);
    rowmap_add_id(&a, 10, 1);
    rowmap_add_id(&a, 10, 4);
    rowmap_set_word(&a, 11, 1);
    rowmap_add_id(&b, 10, 2);
    rowmap_add_id(&b, 10, 4);
    rowmap_set_word(&b, 11, 2);
    rowmap_set_word(&b, 299, 16);
    ck_assert(rowmap_join(&a, &b));
    size_t n;
    const uint32_t *ids = rowmap_ids(&a, 10, &n);
    ck_assert(n == 3 && ids[0] == 1 && ids[1] == 2 && ids[2] == 4);
    ck_assert_uint_eq(rowmap_word(&a, 11), 3);
    ck_assert_uint_eq(rowmap_word(&a, 299), 16);
    ck_assert(!rowmap_join(&a, &b)); /* b is in a now */
    ck_assert(!rowmap_join(&a, &a));
    ck_assert(rowmap_join(&b, &a) && rowmap_equal(&a, &b));
    /* The same content built apart: equal, and joining it is no change (else no fixpoint). */
    struct rowmap c;
    rowmap_init(&c, 300);
    uint32_t same[] = {1, 2, 4};
    rowmap_set_ids(&c, 10, same, 3);
    rowmap_set_word(&c, 11, 3);
    rowmap_set_word(&c, 299, 16);
    ck_assert(rowmap_equal(&a, &c));
    ck_assert(!rowmap_join(&a, &c));
    rowmap_set_word(&c, 11, 4);
    ck_assert(!rowmap_equal(&a, &c));
    ck_assert(rowmap_join(&a, &c));
    ck_assert_uint_eq(rowmap_word(&a, 11), 7);
    rowmap_fini(&c);
    rowmap_fini(&a);
    rowmap_fini(&b);
}
END_TEST

/* A dense model of a map: rows × (word, ids below MODEL_IDS). */
#define MODEL_ROWS 5000
#define MODEL_IDS  64
struct model {
    uint64_t word[MODEL_ROWS];
    uint64_t ids[MODEL_ROWS];
};

static void check_model(const struct rowmap *m, const struct model *d)
{
    for (uint32_t r = 0; r < MODEL_ROWS; r++) {
        ck_assert_uint_eq(rowmap_word(m, r), d->word[r]);
        size_t n;
        const uint32_t *ids = rowmap_ids(m, r, &n);
        uint64_t bits = 0;
        for (size_t i = 0; i < n; i++) {
            ck_assert(i == 0 || ids[i - 1] < ids[i]);
            bits |= (uint64_t)1 << ids[i];
        }
        ck_assert_uint_eq(bits, d->ids[r]);
    }
}

/* Random writes on two maps that keep copying and joining each other, against the model:
 * a map of 5,000 rows grows to four levels, and its copies must never see each other. */
START_TEST(test_growth_against_model)
{
    static struct model da, db;
    memset(&da, 0, sizeof da);
    memset(&db, 0, sizeof db);
    struct rowmap a, b;
    rowmap_init(&a, MODEL_ROWS);
    rowmap_init(&b, MODEL_ROWS);
    unsigned seed = 12345;
    for (int step = 0; step < 20000; step++) {
        seed = seed * 1103515245u + 12345u;
        uint32_t r = (seed >> 8) % MODEL_ROWS, id = (seed >> 3) % MODEL_IDS;
        bool on_a = (seed >> 30) & 1;
        struct rowmap *m = on_a ? &a : &b;
        struct model *d = on_a ? &da : &db;
        switch ((seed >> 24) % 8) {
        case 0:
        case 1:
            rowmap_add_id(m, r, id);
            d->ids[r] |= (uint64_t)1 << id;
            break;
        case 2:
            rowmap_remove_id(m, r, id);
            d->ids[r] &= ~((uint64_t)1 << id);
            break;
        case 3:
            rowmap_set_word(m, r, seed & 0xff);
            d->word[r] = seed & 0xff;
            break;
        case 4:
            rowmap_clear_row(m, r);
            d->word[r] = d->ids[r] = 0;
            break;
        case 5:
            if (step % 97 == 0) {
                rowmap_copy(on_a ? &b : &a, m);
                memcpy(on_a ? &db : &da, d, sizeof *d);
            }
            break;
        default:
            if (step % 89 == 0) {
                struct model *o = on_a ? &db : &da;
                bool changed = false;
                for (uint32_t k = 0; k < MODEL_ROWS; k++) {
                    changed |= (d->word[k] | o->word[k]) != d->word[k] ||
                               (d->ids[k] | o->ids[k]) != d->ids[k];
                    d->word[k] |= o->word[k];
                    d->ids[k] |= o->ids[k];
                }
                ck_assert_int_eq(rowmap_join(m, on_a ? &b : &a), changed);
            }
            break;
        }
    }
    check_model(&a, &da);
    check_model(&b, &db);
    ck_assert_int_eq(rowmap_equal(&a, &b), memcmp(&da, &db, sizeof da) == 0);
    rowmap_copy(&b, &a);
    ck_assert(rowmap_equal(&a, &b));
    rowmap_fini(&a);
    rowmap_fini(&b);
}
END_TEST

struct visits {
    uint64_t or_of[64];
    unsigned calls;
};

static void record(void *ctx, uint32_t row, uint64_t word)
{
    struct visits *v = ctx;
    v->or_of[row] |= word;
    v->calls++;
}

/* Visiting after every write sees every version of every row in range, and nothing twice. */
START_TEST(test_visit_unseen)
{
    struct rowmap m, keep;
    rowmap_init(&m, 64);
    rowmap_init(&keep, 64);
    struct rowmap_seen seen;
    rowmap_seen_init(&seen);
    struct visits v = {{0}, 0};
    rowmap_set_word(&m, 1, 1);
    rowmap_set_word(&m, 40, 1);
    rowmap_visit_unseen(&m, &seen, 0, 32, record, &v);
    ck_assert_uint_eq(v.calls, 1); /* row 40 is out of range */
    rowmap_visit_unseen(&m, &seen, 0, 32, record, &v);
    ck_assert_uint_eq(v.calls, 1); /* nothing changed */
    rowmap_copy(&keep, &m);
    rowmap_set_word(&m, 1, 2); /* seen nodes are frozen: this copies them */
    rowmap_visit_unseen(&m, &seen, 0, 32, record, &v);
    ck_assert_uint_eq(v.or_of[1], 3);
    ck_assert_uint_eq(rowmap_word(&keep, 1), 1);
    rowmap_seen_fini(&seen);
    rowmap_fini(&keep);
    rowmap_fini(&m);
}
END_TEST

static Suite *rowmap_suite(void)
{
    Suite *s = suite_create("rowmap");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_empty);
    tcase_add_test(tc, test_insert_lookup);
    tcase_add_test(tc, test_copies_stay_apart);
    tcase_add_test(tc, test_join);
    tcase_add_test(tc, test_growth_against_model);
    tcase_add_test(tc, test_visit_unseen);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(rowmap_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
