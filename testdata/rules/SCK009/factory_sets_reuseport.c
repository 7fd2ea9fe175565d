/*
 * A factory creates the socket and enables SO_REUSEPORT on it; the caller binds and listens.
 * The factory does not know the socket will listen, the caller does: the note is at the
 * caller's call to the factory.
 */
#define _DEFAULT_SOURCE
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int shared_port_socket(int family)
{
    int one = 1;
    int fd = socket(family, SOCK_STREAM, 0);
    if (fd >= 0)
        setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one); /* expect: SCK006 */
    return fd;
}

int open_frontend(unsigned short port)
{
    struct sockaddr_in sa;
    int fd = shared_port_socket(AF_INET); /* expect: SCK009 */
    if (fd < 0)
        return -1;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 256) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}
