/* The value comes from the configuration: it may enable reuse, so the ignored result matters. */
#include <sys/socket.h>

struct listener_config {
    int reuse_addr;
    int backlog;
};

void apply_config(int fd, const struct listener_config *cfg)
{
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &cfg->reuse_addr, sizeof cfg->reuse_addr); /* expect: SCK006 */
}
