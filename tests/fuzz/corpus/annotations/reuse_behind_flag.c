/*
 * SO_REUSEADDR is enabled only when the configuration asks for it. Reuse on only some paths
 * is a deliberate choice (SPEC section 2: "reuse set on only some paths is intent"), so
 * SCK001 must stay silent even though one path reaches the bind() without reuse.
 */
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct config {
    unsigned short port;
    bool reuse_address;
};

int listen_from_config(const struct config *cfg)
{
    struct sockaddr_in addr;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    if (cfg->reuse_address) {
        int on = 1;
        if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) < 0) {
            perror("setsockopt");
            close(fd);
            return -1;
        }
    }
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(cfg->port);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(fd, 128) < 0) {
        perror("bind/listen");
        close(fd);
        return -1;
    }
    return fd;
}
