/*
 * Shell-like splitting of a "command" (compdb_split_command) and the argument filter
 * (compdb_filter_args) on arbitrary text. Beyond no crash: nothing the filter keeps may load
 * code, read an argument file or write a file (compdb.h), whatever the words were.
 */
#include "compdb.h"
#include "fuzz.h"
#include "fuzz_args.h"
#include "xalloc.h"

#include <string.h>

static void free_words(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *command = xstrndup((const char *)data, size); /* stops at a NUL, as C strings do */
    char **argv = NULL;
    size_t argc = 0;
    struct sc_error err;
    sc_error_clear(&err);
    if (compdb_split_command(command, &argv, &argc, &err) != 0) {
        FUZZ_CHECK(argv == NULL && argc == 0, "words after an error");
        FUZZ_CHECK(strstr(err.message, "unterminated") != NULL, "message: %s", err.message);
        free(command);
        return 0;
    }
    FUZZ_CHECK(argv[argc] == NULL, "argv not NULL-terminated");
    char **args = NULL;
    size_t nargs = 0;
    compdb_filter_args(argv, argc, "a.c", &args, &nargs);
    FUZZ_CHECK(args[nargs] == NULL, "args not NULL-terminated");
    FUZZ_CHECK(nargs <= 2 * argc, "%zu args from %zu words", nargs, argc);
    fuzz_check_args(args, nargs);
    free_words(args, nargs);
    free_words(argv, argc);
    free(command);
    return 0;
}
