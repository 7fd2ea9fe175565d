/*
 * The socket is bound unconditionally, but listen() is only called in one branch (passive
 * mode); the other branch hands the bound socket back for the caller to connect. A socket is
 * listening when listen() is reached on *some* path after the bind (SPEC section 2), and no
 * reuse is set, so SCK001 must fire at the bind().
 */
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct endpoint_options {
    unsigned short port;
    bool passive;
    int backlog;
};

int endpoint_open(const struct endpoint_options *opts)
{
    struct sockaddr_in addr;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(opts->port);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0) { /* expect: SCK001 */
        close(fd);
        return -1;
    }
    if (opts->passive) {
        if (listen(fd, opts->backlog) != 0) {
            perror("listen");
            close(fd);
            return -1;
        }
    } else {
        fprintf(stderr, "endpoint on port %u is active\n", (unsigned)opts->port);
    }
    return fd;
}
