/*
 * The cheap look at units before parsing them (docs/performance.md "Skipping"): which names
 * each unit's main file, the project headers it includes and its command line spell, and
 * which of them it may define as a function. skip.h decides from that which units cannot
 * change the results. The same walk refuses a unit that includes something that is not a
 * regular file (a FIFO or device would make libclang read forever). Owns every file it read
 * (their names, not their text); reads files, never writes.
 */
#ifndef SOCKCHECK_PRESCAN_H
#define SOCKCHECK_PRESCAN_H

#include "name_set.h"
#include "sc.h"
#include "units.h"

#include <stdbool.h>
#include <stddef.h>

/*
 * Adds the names the front end turns into socket events (socket, bind, listen, setsockopt,
 * accept, accept4, connect, close, closesocket), the Windows socket constructors, and the
 * tcp_tw_recycle knob (SCK008, which is spelt inside strings).
 */
void prescan_add_socket_api(struct name_set *set);

/* The files of a run's units, each read and scanned once however many units include it. */
struct prescan;

struct prescan *prescan_new(void);
void prescan_free(struct prescan *ps);

/*
 * Reads unit (its arguments, main file, and every project header it includes: found beside
 * the includer or in -iquote/-I/-idirafter directories, followed transitively; -include and
 * -imacros files too; not -isystem or the compiler's own directories) and returns its handle
 * for prescan_match. Returns -1 with err filled when the main file or a file it would include
 * is not a regular file (FIFO, device, socket): "not a regular file: PATH (included from
 * FILE:LINE); ...". A unit that cannot be read, or includes through a macro, matches always.
 */
long prescan_add_unit(struct prescan *ps, const struct unit *unit,
                      struct sc_error *err) SC_MUST_CHECK;

/*
 * Sets the question prescan_match answers until the next query: does a unit spell a name of
 * mentioned, or may it define a function named in defined (either may be NULL)? The sets are
 * borrowed until then. Each file is looked at once per query, however many units include it.
 */
void prescan_query(struct prescan *ps, const struct name_set *mentioned,
                   const struct name_set *defined);
/*
 * The answer for unit `handle` (from prescan_add_unit; a refused unit's -1 answers true). Errs
 * towards true: a name in a string, a disabled #if block or a prototype that it cannot tell
 * from a definition counts, and so does a unit it could not read.
 */
bool prescan_match(const struct prescan *ps, long handle);

/* Whether text (len bytes of C) spells a name of names outside comments (for tests). */
bool prescan_may_matter(const char *text, size_t len, const struct name_set *names);
/* Whether text may define a function named in names (for tests). */
bool prescan_may_define(const char *text, size_t len, const struct name_set *names);

/* prescan_add_unit and prescan_match in one (for tests); a refused unit matches. */
bool prescan_unit(const struct unit *unit, const struct name_set *names);

#endif
