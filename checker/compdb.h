/*
 * compile_commands.json → units. The "command" string is split like a POSIX shell would
 * split words (quotes and backslashes), never run; arguments are filtered down to those
 * that change how the source parses (-I, -D, -U, -std, -include, --target, -f..., -m...),
 * so nothing in a compilation database can make libclang load or write anything.
 */
#ifndef SOCKCHECK_COMPDB_H
#define SOCKCHECK_COMPDB_H

#include "sc.h"
#include "units.h"

#include <stddef.h>

/*
 * Reads DIR/compile_commands.json and appends one unit per entry to out. Returns -1 and
 * fills err (file, line where cJSON tells, the entry and field that is wrong) when the file
 * cannot be read or is not a valid compilation database.
 */
int compdb_load(const char *dir, struct unit_list *out, struct sc_error *err) SC_MUST_CHECK;

/*
 * The same for a database already in memory: len bytes of text (no terminating NUL needed),
 * as if read from db_path (absolute; it names the database in messages, and its directory is
 * the base of relative "directory" values). Appends to out; on error out is unchanged and
 * err is filled as for compdb_load. Reads nothing but the entries' source files' status.
 */
int compdb_parse(const char *text, size_t len, const char *db_path, struct unit_list *out,
                 struct sc_error *err) SC_MUST_CHECK;

/*
 * Splits a shell-style command line into words. *argv_out is a heap array of heap strings
 * (free each, then the array). Returns -1 and fills err on an unterminated quote.
 */
int compdb_split_command(const char *command, char ***argv_out, size_t *argc_out,
                         struct sc_error *err) SC_MUST_CHECK;

/*
 * From a compiler's full argv (compiler name first), the arguments for libclang: drops the
 * compiler, the source file named file, outputs (-o, -MF, -MT ...), -c, and anything that
 * loads code or reads argument files (-load, -Xclang, -fplugin=, @file). Heap array as above.
 */
void compdb_filter_args(char *const *argv, size_t argc, const char *file, char ***args_out,
                        size_t *nargs_out);

#endif
