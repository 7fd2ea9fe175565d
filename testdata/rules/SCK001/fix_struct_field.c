/*
 * A fix test (with fix_struct_field.fixed.c): the socket is a field reached through a
 * pointer, so the fix must spell it as written, 'srv->fd', in the setsockopt() it inserts
 * before the bind() statement, in that statement's indentation (4 spaces, inside a block).
 * <stdio.h> is already included: no second #include.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct server {
    int fd;
    unsigned short port;
};

int server_start(struct server *srv)
{
    struct sockaddr_in addr;

    srv->fd = socket(AF_INET, SOCK_STREAM, 0);
    if (srv->fd < 0)
        return -1;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(srv->port);
    if (srv->port != 0) {
        int rc = bind(srv->fd, (struct sockaddr *)&addr, sizeof addr); /* expect: SCK001 */
        if (rc < 0) {
            close(srv->fd);
            return -1;
        }
    }
    return listen(srv->fd, 64);
}
