/*
 * Enables SO_REUSEADDR on the socket it is given. Correct for a caller that has not bound the
 * socket yet; useless for one that has. The helper cannot tell: its callers are reported.
 */
#include "sockopt.h"

#include <sys/socket.h>

int sockopt_reuse(int fd)
{
    int on = 1;
    return setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
}
