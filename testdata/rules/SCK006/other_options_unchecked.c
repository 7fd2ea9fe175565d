/* Unchecked options that are not about address reuse are outside this rule. */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

int tune_connection(int fd)
{
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}
