/* The level written as Linux's number for SOL_SOCKET (1): non-portable, but the right level
 * on the target it is compiled for, which is what the value comparison sees. */
#include <sys/socket.h>

int make_reusable(int fd)
{
    int yes = 1;
    if (setsockopt(fd, 1 /* SOL_SOCKET on Linux */, SO_REUSEADDR, &yes, sizeof yes) != 0)
        return -1;
    return 0;
}
