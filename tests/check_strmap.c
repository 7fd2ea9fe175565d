/* The string map: empty, insert and lookup, overwrite, growth past many doublings. */
#include "strmap.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

START_TEST(test_empty)
{
    struct strmap m;
    strmap_init(&m);
    ck_assert_ptr_null(strmap_find(&m, "x"));
    ck_assert_ptr_null(strmap_find(&m, ""));
    strmap_fini(&m);
    ck_assert_uint_eq(m.count, 0);
}
END_TEST

START_TEST(test_put_find)
{
    struct strmap m;
    strmap_init(&m);
    ck_assert(strmap_put(&m, "fd", 1));
    ck_assert(strmap_put(&m, "fd#2", 2));
    ck_assert(strmap_put(&m, "", 3));
    ck_assert(!strmap_put(&m, "fd", 4)); /* an overwrite, not a new key */
    ck_assert_uint_eq(m.count, 3);
    ck_assert_uint_eq(*strmap_find(&m, "fd"), 4);
    ck_assert_uint_eq(*strmap_find(&m, "fd#2"), 2);
    ck_assert_uint_eq(*strmap_find(&m, ""), 3);
    ck_assert_ptr_null(strmap_find(&m, "f"));
    *strmap_find(&m, "fd#2") = 9;
    ck_assert_uint_eq(*strmap_find(&m, "fd#2"), 9);
    strmap_fini(&m);
}
END_TEST

START_TEST(test_growth)
{
    struct strmap m;
    strmap_init(&m);
    char key[32];
    for (unsigned i = 0; i < 50000; i++) {
        snprintf(key, sizeof key, "v%u", i);
        ck_assert(strmap_put(&m, key, i));
    }
    ck_assert_uint_eq(m.count, 50000);
    for (unsigned i = 0; i < 50000; i++) {
        snprintf(key, sizeof key, "v%u", i);
        ck_assert_uint_eq(*strmap_find(&m, key), i);
    }
    ck_assert_ptr_null(strmap_find(&m, "v50000"));
    strmap_fini(&m);
}
END_TEST

static Suite *strmap_suite(void)
{
    Suite *s = suite_create("strmap");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_empty);
    tcase_add_test(tc, test_put_find);
    tcase_add_test(tc, test_growth);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(strmap_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
