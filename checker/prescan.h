/*
 * The cheap look at a unit before parsing it: does its main file, or a project header it
 * includes, or its command line even name a socket API? A unit that names none cannot give a
 * finding, so parsing it can be skipped (opt-in, --skip: see docs/performance.md for why it
 * is not the default yet). Owns only its name sets; reads files, never writes.
 */
#ifndef SOCKCHECK_PRESCAN_H
#define SOCKCHECK_PRESCAN_H

#include "name_set.h"
#include "units.h"

#include <stdbool.h>
#include <stddef.h>

/*
 * Adds the names that make a unit matter whatever the program around it: the socket calls
 * the rules follow and the tcp_tw_recycle knob (SCK008, which is spelt inside strings).
 * Functions whose summaries involve sockets are added by the caller when they are known.
 */
void prescan_add_socket_api(struct name_set *set);

/*
 * Whether text (len bytes of C, possibly with preprocessor lines) spells any name of names as
 * an identifier, outside comments; inside string and character literals counts too. It errs
 * towards true: a name in a string or a disabled #if block answers true.
 */
bool prescan_may_matter(const char *text, size_t len, const struct name_set *names);

/*
 * Whether a unit may matter: its arguments (-DLISTEN=listen), its main file, or any project
 * header it includes, directly or not, names one of names. Project headers are the ones
 * found beside the including file or in -iquote/-I directories (not -isystem, not the
 * compiler's own directories); -include and -imacros files count. True whenever it cannot
 * tell: an unreadable main file, an #include through a macro.
 */
bool prescan_unit(const struct unit *unit, const struct name_set *names);

#endif
