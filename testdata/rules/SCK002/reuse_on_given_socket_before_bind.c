/*
 * A library function that prepares a socket it is given and binds it: reuse is enabled on the
 * parameter before the bind(), which is right. The function has no idea whether the caller
 * bound the socket already, and SCK002 does not guess about parameters: it must stay silent.
 */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

int prepare_and_bind(int fd, const struct sockaddr_in *addr)
{
    int on = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) < 0)
        return -1;
    return bind(fd, (const struct sockaddr *)addr, sizeof *addr);
}
