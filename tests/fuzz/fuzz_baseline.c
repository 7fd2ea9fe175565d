/*
 * The baseline reader (baseline_parse) on arbitrary text: results or an error, never both; an
 * error names the file and a line within the text; every result it keeps has a known rule and
 * a fingerprint; and a run that finds exactly the baseline's results has nothing new and
 * nothing absent, while a run that finds nothing has every result absent.
 */
#include "baseline.h"
#include "fuzz.h"
#include "rule.h"

#include <string.h>

#define PATH "/fuzz/baseline.json"

static unsigned count_lines(const char *text, size_t len)
{
    unsigned n = 1;
    for (size_t i = 0; i < len; i++)
        n += text[i] == '\n';
    return n;
}

static void check_result(const struct finding *r)
{
    FUZZ_CHECK(r->rule_id && rule_find(r->rule_id) != NULL, "unknown rule %s", r->rule_id);
    FUZZ_CHECK(strlen(r->fingerprint) == 16 &&
                   strspn(r->fingerprint, "0123456789abcdef") == strlen(r->fingerprint),
               "fingerprint '%s'", r->fingerprint);
    FUZZ_CHECK(r->loc.abs_path == NULL, "a baseline result with an absolute path");
    FUZZ_CHECK(r->level <= SC_LEVEL_ERROR, "level %d", (int)r->level);
}

static void check_apply(const struct baseline *b)
{
    struct finding_list same = {0}, absent = {0};
    for (size_t i = 0; i < b->results.count; i++) {
        struct finding *f = finding_list_add(&same);
        f->rule_id = b->results.items[i].rule_id;
        memcpy(f->fingerprint, b->results.items[i].fingerprint, sizeof f->fingerprint);
    }
    baseline_apply(b, &same, &absent);
    for (size_t i = 0; i < same.count; i++)
        FUZZ_CHECK(same.items[i].baseline == FINDING_BASELINE_UNCHANGED, "result %zu is new", i);
    FUZZ_CHECK(absent.count == 0, "%zu absent in a run that found them all", absent.count);
    struct finding_list none = {0};
    baseline_apply(b, &none, &absent);
    FUZZ_CHECK(absent.count == b->results.count, "%zu of %zu absent", absent.count,
               b->results.count);
    for (size_t i = 0; i < absent.count; i++)
        FUZZ_CHECK(absent.items[i].baseline == FINDING_BASELINE_ABSENT, "not marked absent");
    finding_list_fini(&same);
    finding_list_fini(&absent);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    struct baseline b;
    struct sc_error err;
    sc_error_clear(&err);
    if (baseline_parse(text, size, PATH, &b, &err) == 0) {
        FUZZ_CHECK(err.kind == SC_ERROR_NONE, "error set on success: %s", err.message);
        FUZZ_CHECK(b.path && strcmp(b.path, PATH) == 0, "path %s", b.path);
        for (size_t i = 0; i < b.results.count; i++)
            check_result(&b.results.items[i]);
        check_apply(&b);
    } else {
        FUZZ_CHECK(b.results.count == 0 && !b.path, "results after an error");
        FUZZ_CHECK(err.kind == SC_ERROR_BASELINE && err.message[0], "error without a message");
        FUZZ_CHECK(strcmp(err.file, PATH) == 0, "error names %s", err.file);
        unsigned lines = count_lines(text, size);
        FUZZ_CHECK(err.line >= 1 && err.line <= lines, "line %u of %u: %s", err.line, lines,
                   err.message);
    }
    baseline_fini(&b);
    return 0;
}
