/*
 * Helpers in their own file, as redis and many others keep them: one enables SO_REUSEADDR, the
 * other only makes the descriptor non-blocking. Whole-program summaries tell them apart.
 */
#include "net.h"

#include <fcntl.h>
#include <sys/socket.h>

int net_set_reuse(int fd)
{
    int yes = 1;
    return setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
}

int net_set_nonblocking(int fd)
{
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0)
        return -1;
    return fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}
