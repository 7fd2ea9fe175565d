/* A void helper cannot report the failure to its caller, and does not log it either. */
#include <sys/socket.h>

static void make_reusable(int fd)
{
    const int yes = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes)); /* expect: SCK006 */
}

int prepare(int fd)
{
    make_reusable(fd);
    return fd;
}
