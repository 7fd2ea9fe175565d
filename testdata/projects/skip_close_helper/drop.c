/* Skipping (issue 7): names close() and nothing else of the socket API. drop() hands the
 * socket to note_fd(), defined nowhere: it may enable reuse there, and drop()'s summary says
 * so. Skipped, drop() would be unknown to hold(), which would then look like it does nothing
 * to the socket, and server.c would get a false SCK001: close is one of the names a unit is
 * parsed for. */
#include <unistd.h>

void note_fd(int fd);

void drop(int fd)
{
    note_fd(fd);
    close(fd);
}
