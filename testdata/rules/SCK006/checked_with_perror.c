/* Checked and logged: the failure has a message where it happens. */
#include <stdio.h>
#include <sys/socket.h>

int enable_reuse(int fd)
{
    int one = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0) {
        perror("setsockopt(SO_REUSEADDR)");
        return -1;
    }
    return 0;
}
