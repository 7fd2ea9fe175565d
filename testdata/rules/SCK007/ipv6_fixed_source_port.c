/*
 * The IPv6 form: sin6_port set to a constant before bind(), then connect(). Same 4-tuple on
 * every reconnect, same TIME_WAIT collision: SCK007 must fire at the bind().
 */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int replicate_to(const struct sockaddr_in6 *primary)
{
    struct sockaddr_in6 local;
    int fd = socket(AF_INET6, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    memset(&local, 0, sizeof local);
    local.sin6_family = AF_INET6;
    local.sin6_addr = in6addr_any;
    local.sin6_port = htons(6380);
    if (bind(fd, (struct sockaddr *)&local, sizeof local) != 0) { /* expect: SCK007 */
        close(fd);
        return -1;
    }
    if (connect(fd, (const struct sockaddr *)primary, sizeof *primary) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}
