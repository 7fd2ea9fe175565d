/* A wrapper that enables reuse only when asked: on some path it does, which is intent (SPEC §2),
 * so no caller is reported, whatever it passes. */
#include <stdbool.h>
#include <sys/socket.h>

int prepare_socket(int fd, bool reuse)
{
    if (reuse) {
        int one = 1;
        if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0)
            return -1;
    }
    return 0;
}
