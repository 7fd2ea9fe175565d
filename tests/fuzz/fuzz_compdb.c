/*
 * The compilation-database reader on arbitrary text (compdb_parse): no crash, leak or
 * undefined behaviour, and either units or an error, never both, never neither.
 */
#include "compdb.h"
#include "fuzz.h"
#include "fuzz_args.h"
#include "units.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct unit_list list = {0};
    struct sc_error err;
    sc_error_clear(&err);
    int rc =
        compdb_parse((const char *)data, size, "/fuzz/build/compile_commands.json", &list, &err);
    if (rc != 0) {
        FUZZ_CHECK(list.count == 0, "%zu units after an error", list.count);
        FUZZ_CHECK(err.kind == SC_ERROR_COMPDB && err.message[0], "error without a message");
        FUZZ_CHECK(strcmp(err.file, "/fuzz/build/compile_commands.json") == 0, "file %s", err.file);
    } else {
        FUZZ_CHECK(err.kind == SC_ERROR_NONE, "error set on success: %s", err.message);
        for (size_t i = 0; i < list.count; i++) {
            const struct unit *u = &list.items[i];
            FUZZ_CHECK(u->path[0] == '/' && u->directory[0] == '/', "relative unit %s", u->path);
            fuzz_check_args(u->args, u->nargs);
        }
    }
    unit_list_fini(&list);
    return 0;
}
