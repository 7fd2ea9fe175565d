/*
 * The testdata annotation parser (tests/testdata_runner.c, STYLE §5) on arbitrary text: a
 * malformed directive must become a problem, never a crash. The runner is one file with its
 * parser static, so it is included whole, its main() renamed.
 */
#include "fuzz.h"

int testdata_runner_main(int argc, char **argv);
#define main testdata_runner_main
#include "../testdata_runner.c"
#undef main

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The rule ids a directive may name, as --list-rules would give them. */
    static struct runner r;
    if (r.rule_ids.count == 0) {
        static const char *const ids[] = {"SCK001", "SCK002", "SCK003", "SCK004", "SCK005",
                                          "SCK006", "SCK007", "SCK008", "SCK009", "SCK010"};
        for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
            strlist_push(&r.rule_ids, copy(ids[i]));
    }
    struct source src;
    memset(&src, 0, sizeof src);
    src.path = copy("fuzz.c");
    struct problem_list problems = {0};
    source_scan(&r, &src, (const char *)data, size, &problems);
    for (size_t i = 0; i < src.nexps; i++)
        FUZZ_CHECK(src.exps[i].rule != NULL, "expectation without a rule");
    source_fini(&src);
    problem_list_fini(&problems);
    return 0;
}
