/*
 * SO_REUSEPORT is enabled by a small helper, set_reuseport(), called on the listener before
 * bind(). The note goes to the call (where the listener chooses the option), not into the
 * helper, which might also serve sockets that legitimately share a port.
 */
#define _DEFAULT_SOURCE
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int set_reuseport(int fd)
{
    int one = 1;
    return setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
}

int listen_tcp(unsigned short port)
{
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    if (set_reuseport(fd) < 0) /* expect: SCK009 */
        goto fail;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 64) < 0)
        goto fail;
    return fd;
fail:
    close(fd);
    return -1;
}
