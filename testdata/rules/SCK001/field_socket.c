/*
 * The listening socket lives in a struct field: srv->fd = socket(...), then bind() and
 * listen() on srv->fd in the same function. The access path srv->fd is the socket (SPEC
 * section 2, "what a socket is held in"); no reuse is set on it, so SCK001 must fire at the
 * bind().
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct server {
    int fd;
    unsigned short port;
    int backlog;
    struct sockaddr_in addr;
};

int server_start(struct server *srv)
{
    srv->fd = socket(AF_INET, SOCK_STREAM, 0);
    if (srv->fd < 0)
        return -1;
    memset(&srv->addr, 0, sizeof srv->addr);
    srv->addr.sin_family = AF_INET;
    srv->addr.sin_addr.s_addr = htonl(INADDR_ANY);
    srv->addr.sin_port = htons(srv->port);
    if (bind(srv->fd, (struct sockaddr *)&srv->addr, sizeof srv->addr) < 0) /* expect: SCK001 */
        goto fail;
    if (listen(srv->fd, srv->backlog) < 0)
        goto fail;
    return 0;
fail:
    perror("server_start");
    close(srv->fd);
    srv->fd = -1;
    return -1;
}
