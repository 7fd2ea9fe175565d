/* Skipping (issue 7): this file names no socket function, yet its body decides the result.
 * Without it, log_fd() is unknown and may enable reuse on the socket it is given, so the
 * missing SO_REUSEADDR in server.c goes unreported; with it, log_fd() is known to leave the
 * socket alone. A unit that may define an unknown function a socket reaches is parsed. */
#include <stdio.h>

void log_fd(const char *what, int fd)
{
    fprintf(stderr, "%s: %d\n", what, fd);
}
