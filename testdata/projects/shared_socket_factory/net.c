/*
 * One factory for every TCP socket of the program, servers and clients alike. It enables
 * SO_REUSEADDR on everything it creates: right for the server (server.c), useless for the
 * client (client.c). The factory is not where the fix belongs; the client's call is.
 */
#include "net.h"

#include <sys/socket.h>
#include <unistd.h>

int net_tcp_socket(int family)
{
    int one = 1;
    int fd = socket(family, SOCK_STREAM, 0); /* related: SCK003 */
    if (fd < 0)
        return -1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}
