/*
 * A client that binds its socket to a chosen local interface address (port 0, so the kernel
 * still picks the port) and then connects. It never calls listen(): it is not a server, and
 * SO_REUSEADDR would do nothing for it. SCK001 must stay silent.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int connect_from(const char *local_ip, const char *server_ip, unsigned short server_port)
{
    struct sockaddr_in local, remote;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    memset(&local, 0, sizeof local);
    local.sin_family = AF_INET;
    local.sin_port = htons(0);
    if (inet_pton(AF_INET, local_ip, &local.sin_addr) != 1)
        goto fail;
    if (bind(fd, (struct sockaddr *)&local, sizeof local) < 0)
        goto fail;
    memset(&remote, 0, sizeof remote);
    remote.sin_family = AF_INET;
    remote.sin_port = htons(server_port);
    if (inet_pton(AF_INET, server_ip, &remote.sin_addr) != 1)
        goto fail;
    if (connect(fd, (struct sockaddr *)&remote, sizeof remote) < 0)
        goto fail;
    return fd;
fail:
    perror("connect_from");
    close(fd);
    return -1;
}
