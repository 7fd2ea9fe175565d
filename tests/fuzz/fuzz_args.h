/*
 * The property every argument list that leaves the compilation-database filter must have
 * (compdb.h: nothing in a database can make libclang load or write anything), shared by the
 * targets that reach the filter.
 */
#ifndef SOCKCHECK_FUZZ_ARGS_H
#define SOCKCHECK_FUZZ_ARGS_H

#include "fuzz.h"

#include <stdbool.h>
#include <string.h>

/* Kept flags whose value is the next word: that word is a value, not a flag. */
static bool takes_next(const char *arg)
{
    static const char *const two_word[] = {"-I",       "-isystem", "-iquote",   "-idirafter",
                                           "-include", "-imacros", "-isysroot", "--sysroot",
                                           "-D",       "-U",       "-target",   "-x"};
    for (size_t i = 0; i < sizeof two_word / sizeof two_word[0]; i++)
        if (strcmp(arg, two_word[i]) == 0)
            return true;
    return false;
}

/* A flag libclang must never see from a compilation database. */
static bool is_dangerous(const char *arg)
{
    static const char *const prefixes[] = {"@",
                                           "-X",
                                           "-load",
                                           "-fplugin",
                                           "-fpass-plugin",
                                           "-mllvm",
                                           "-o",
                                           "-M",
                                           "-W",
                                           "-B",
                                           "--config",
                                           "-include-pch",
                                           "-ivfsoverlay",
                                           "-save",
                                           "-L",
                                           "-l",
                                           "-fmodules-cache-path",
                                           "-fcrash-diagnostics",
                                           "-ftime-trace",
                                           "-fprofile-",
                                           "-fmodule-file",
                                           "-fsave-optimization-record",
                                           "--serialize",
                                           "-serialize",
                                           "-resource-dir",
                                           "-working-directory"};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (strncmp(arg, prefixes[i], strlen(prefixes[i])) == 0)
            return true;
    return false;
}

/*
 * A kept flag with its value joined ("-Idir", "-DX=1", "--sysroot=/s"). clang reads a joined
 * word as the longest option it starts with only when that option takes a joined value, so
 * "-include-pchX" is "-include" of a file "-pchX", not a PCH; only the exact spellings of
 * longer options are another flag.
 */
static bool is_joined_kept(const char *arg)
{
    static const char *const joined[] = {"-I",       "-isystem",  "-iquote", "-idirafter",
                                         "-include", "-imacros",  "-D",      "-U",
                                         "-x",       "--sysroot="};
    static const char *const exact_other[] = {"-include-pch"};
    for (size_t i = 0; i < sizeof exact_other / sizeof exact_other[0]; i++)
        if (strcmp(arg, exact_other[i]) == 0)
            return false;
    for (size_t i = 0; i < sizeof joined / sizeof joined[0]; i++) {
        size_t n = strlen(joined[i]);
        if (strncmp(arg, joined[i], n) == 0 && arg[n])
            return true;
    }
    return false;
}

/*
 * Checks args (n of them, NULL-terminated): flags only, none dangerous; the value after a
 * two-word flag may be anything (a path or a macro: libclang reads it as that flag's value,
 * never as a flag or a response file).
 */
static void fuzz_check_args(char *const *args, size_t n)
{
    FUZZ_CHECK(args[n] == NULL, "args not NULL-terminated");
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(args[i][0] == '-', "positional word kept: '%s'", args[i]);
        FUZZ_CHECK(is_joined_kept(args[i]) || !is_dangerous(args[i]), "dangerous flag kept: '%s'",
                   args[i]);
        if (takes_next(args[i])) {
            FUZZ_CHECK(i + 1 < n, "'%s' kept without its value", args[i]);
            i++;
        }
    }
}

#endif
