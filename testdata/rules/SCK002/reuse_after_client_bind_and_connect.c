/*
 * A client that binds a chosen local interface (port 0) and connects, then enables
 * SO_REUSEADDR "to avoid TIME_WAIT problems". The socket is bound and connected on every path
 * by then: the option does nothing. This is SCK002 (the socket was bound, so it is not
 * SCK003's never-bound client) and nothing else.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int connect_via(const char *local_ip, const struct sockaddr_in *server)
{
    struct sockaddr_in local;
    int one = 1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    memset(&local, 0, sizeof local);
    local.sin_family = AF_INET;
    local.sin_port = htons(0);
    if (inet_pton(AF_INET, local_ip, &local.sin_addr) != 1 ||
        bind(fd, (struct sockaddr *)&local, sizeof local) < 0 ||
        connect(fd, (const struct sockaddr *)server, sizeof *server) < 0) {
        close(fd);
        return -1;
    }
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0) { /* expect: SCK002 */
        close(fd);
        return -1;
    }
    return fd;
}
