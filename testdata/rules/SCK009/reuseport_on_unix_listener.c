/*
 * SO_REUSEPORT only, on a listening socket in the unix domain (a control socket). Unix
 * sockets have no ports, no TIME_WAIT, and SO_REUSEADDR would do nothing for them, so the
 * "use SO_REUSEADDR instead" advice does not apply. SPEC section 2 does not name the family,
 * but the rationale is about inet ports (as SCK001's): SCK009 must stay silent.
 */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int control_socket(const char *path)
{
    struct sockaddr_un sa;
    int one = 1;
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one); /* expect: SCK006 */
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    snprintf(sa.sun_path, sizeof sa.sun_path, "%s", path);
    unlink(path);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 8) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}
