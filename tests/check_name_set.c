/* The name set: sorted, no duplicates, lookups by length, copies. */
#include "name_set.h"

#include <check.h>
#include <stdlib.h>

START_TEST(test_name_set)
{
    struct name_set s;
    name_set_init(&s);
    name_set_add(&s, "listen");
    name_set_add(&s, "bind");
    name_set_add(&s, "listen");
    name_set_add(&s, "accept");
    ck_assert_uint_eq(s.count, 3);
    struct name_set copy;
    name_set_init(&copy);
    name_set_add(&copy, "connect");
    name_set_add_all(&copy, &s);
    ck_assert_uint_eq(copy.count, 4);
    ck_assert(name_set_has(&copy, "accept", 6) && name_set_has(&copy, "connect", 7));
    name_set_fini(&copy);
    ck_assert(name_set_has(&s, "bind", 4));
    ck_assert(name_set_has(&s, "binding", 4)); /* a length, not a NUL, ends the name */
    ck_assert(!name_set_has(&s, "binding", 7));
    ck_assert(!name_set_has(&s, "bin", 3));
    ck_assert(!name_set_has(&s, "zzz", 3));
    name_set_fini(&s);
    ck_assert_uint_eq(s.count, 0);
}
END_TEST

static Suite *name_set_suite(void)
{
    Suite *s = suite_create("name_set");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_name_set);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(name_set_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
