/* Factories that only create: one sets reuse, one does not. The caller binds and listens, so the
 * finding for the bare one is at the caller's bind(), with the socket() in here as a note. */
#include <sys/socket.h>

int tcp_socket(void)
{
    return socket(AF_INET, SOCK_STREAM, 0); /* related: SCK001 */
}

int tcp_socket_reusable(void)
{
    int one = 1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd >= 0)
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one); /* expect: SCK006 */
    return fd;
}

/* Through an out-parameter, without reuse. */
int tcp_socket_out(int *out)
{
    *out = socket(AF_INET, SOCK_STREAM, 0);
    return *out < 0 ? -1 : 0;
}
