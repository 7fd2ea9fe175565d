/*
 * One function opens either end of a tunnel: in listen mode it binds and listens, in connect
 * mode it connects. SO_REUSEADDR is enabled in both modes before the branch. The socket may be
 * bound and listening, so it is not a client socket: SCK003 must stay silent (and the listen
 * mode is a correctly protected listener, so SCK001 too).
 */
#include <netinet/in.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int tunnel_open(bool listen_mode, const struct sockaddr_in *addr)
{
    int one = 1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0)
        goto fail;
    if (listen_mode) {
        int conn;
        if (bind(fd, (const struct sockaddr *)addr, sizeof *addr) < 0 || listen(fd, 1) < 0)
            goto fail;
        conn = accept(fd, NULL, NULL);
        close(fd);
        return conn;
    }
    if (connect(fd, (const struct sockaddr *)addr, sizeof *addr) < 0)
        goto fail;
    return fd;
fail:
    close(fd);
    return -1;
}
