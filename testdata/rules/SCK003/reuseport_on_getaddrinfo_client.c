/*
 * The getaddrinfo() connect loop of a client, with SO_REUSEPORT enabled on each socket. The
 * sockets are never bound nor listening: SO_REUSEPORT, like SO_REUSEADDR, only matters to a
 * bind(), so it has no effect. SCK003 must fire at the setsockopt().
 */
#define _DEFAULT_SOURCE /* SO_REUSEPORT and getaddrinfo() */
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int dial(const char *host, const char *service)
{
    struct addrinfo hints, *res, *ai;
    int fd = -1;

    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, service, &hints, &res) != 0)
        return -1;
    for (ai = res; ai; ai = ai->ai_next) {
        int one = 1;
        fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd == -1)
            continue;
        setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one); /* expect: SCK003, SCK006 */
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
            break;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd >= 0)
        (void)write(fd, "PING\r\n", 6);
    return fd >= 0 ? 0 : -1;
}
