/* The result is kept and tested a line later. */
#include <errno.h>
#include <sys/socket.h>

int enable_reuse(int fd)
{
    int one = 1;
    int rc = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (rc != 0)
        return -errno;
    return 0;
}
