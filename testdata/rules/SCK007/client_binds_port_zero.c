/*
 * A client that binds a chosen source address with port 0 (htons(0)): the kernel picks a free
 * ephemeral port at bind(), so every reconnect gets a new 4-tuple and never meets its own
 * TIME_WAIT. SCK007 must stay silent; the socket binds, so SCK003 has nothing to say either.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int connect_from_interface(const char *source_ip, const struct sockaddr_in *server)
{
    struct sockaddr_in local;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    memset(&local, 0, sizeof local);
    local.sin_family = AF_INET;
    local.sin_port = htons(0);
    if (inet_pton(AF_INET, source_ip, &local.sin_addr) != 1 ||
        bind(fd, (struct sockaddr *)&local, sizeof local) < 0 ||
        connect(fd, (const struct sockaddr *)server, sizeof *server) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}
