/*
 * The facts JSON reader (facts_from_json) on arbitrary text: facts come from caches and other
 * machines (ARCHITECTURE.md), so nothing in them is trusted. Whatever it accepts must write
 * back to JSON that reads again to the same bytes (the reader and writer agree).
 */
#include "facts.h"
#include "fuzz.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sc_error err;
    sc_error_clear(&err);
    struct facts *facts = facts_from_json((const char *)data, size, &err);
    if (!facts) {
        FUZZ_CHECK(err.kind == SC_ERROR_FACTS && err.message[0], "error without a message");
        return 0;
    }
    char *json = facts_to_json(facts);
    FUZZ_CHECK(json != NULL, "accepted facts cannot be written");
    struct facts *again = facts_from_json(json, strlen(json), &err);
    FUZZ_CHECK(again != NULL, "written facts do not read back: %s\n%s", err.message, json);
    char *json2 = facts_to_json(again);
    FUZZ_CHECK(strcmp(json, json2) == 0, "round trip changed the facts:\n%s\n---\n%s", json, json2);
    free(json);
    free(json2);
    facts_free(again);
    facts_free(facts);
    return 0;
}
