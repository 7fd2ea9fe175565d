/* The length in a socklen_t variable, computed from the flag: right, and a value the checker
 * does not need to see. */
#include <sys/socket.h>

int set_reuse(int fd)
{
    int on = 1;
    socklen_t len = sizeof on;
    return setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, len);
}
