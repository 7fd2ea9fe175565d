/*
 * The option value comes from the caller's settings (&opts->reuse_addr), unknown at analysis
 * time. An unknown value counts as enabling reuse (SPEC section 2: "a value that is non-zero
 * or not known"): the author clearly thought about the option, so SCK001 must stay silent.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct listen_opts {
    unsigned short port;
    int reuse_addr;
    int backlog;
};

int configured_listener(const struct listen_opts *opts)
{
    struct sockaddr_in addr;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &opts->reuse_addr, sizeof opts->reuse_addr) < 0) {
        perror("setsockopt");
        close(fd);
        return -1;
    }
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(opts->port);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(fd, opts->backlog) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}
