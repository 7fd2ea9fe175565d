/*
 * The source port comes from the caller (a configuration value): nothing says it is a fixed
 * constant; it may well be 0. SCK007 only reports ports it can see are constant and non-zero,
 * so it must stay silent here (an unknown port is not a finding).
 */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct upstream_config {
    struct sockaddr_in server;
    unsigned short source_port;
};

int upstream_connect(const struct upstream_config *cfg)
{
    struct sockaddr_in local;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    memset(&local, 0, sizeof local);
    local.sin_family = AF_INET;
    local.sin_addr.s_addr = htonl(INADDR_ANY);
    local.sin_port = htons(cfg->source_port);
    if (bind(fd, (struct sockaddr *)&local, sizeof local) < 0 ||
        connect(fd, (const struct sockaddr *)&cfg->server, sizeof cfg->server) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}
