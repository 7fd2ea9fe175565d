/*
 * The client connects what net_tcp_socket() gives it and never binds it: the SO_REUSEADDR the
 * factory set has no effect. SCK003 at this call, with the factory's socket() as a note.
 */
#include "net.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

int client_notify(const struct sockaddr_in *peer)
{
    int fd = net_tcp_socket(AF_INET); /* expect: SCK003 */
    if (fd < 0)
        return -1;
    if (connect(fd, (const struct sockaddr *)peer, sizeof *peer) < 0 ||
        write(fd, "RELOAD\n", 7) != 7) {
        close(fd);
        return -1;
    }
    close(fd);
    return 0;
}
