/* (void) says the failure was considered and does not matter here. */
#include <sys/socket.h>

void best_effort_reuse(int fd)
{
    int one = 1;
    (void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    (void)setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
}
