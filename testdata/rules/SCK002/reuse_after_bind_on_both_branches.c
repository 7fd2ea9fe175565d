/*
 * The address is IPv4 or IPv6 depending on the configuration, and each branch binds. After the
 * if/else, every path has bound the socket, so the SO_REUSEADDR below comes too late whichever
 * branch ran: SCK002 at the setsockopt(), SCK001 at both bind() calls.
 */
#include <netinet/in.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int listen_on(bool ipv6, unsigned short port)
{
    int one = 1;
    int fd = socket(ipv6 ? AF_INET6 : AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    if (ipv6) {
        struct sockaddr_in6 a6;
        memset(&a6, 0, sizeof a6);
        a6.sin6_family = AF_INET6;
        a6.sin6_addr = in6addr_any;
        a6.sin6_port = htons(port);
        if (bind(fd, (struct sockaddr *)&a6, sizeof a6) < 0) { /* expect: SCK001 */
            close(fd);
            return -1;
        }
    } else {
        struct sockaddr_in a4;
        memset(&a4, 0, sizeof a4);
        a4.sin_family = AF_INET;
        a4.sin_addr.s_addr = htonl(INADDR_ANY);
        a4.sin_port = htons(port);
        if (bind(fd, (struct sockaddr *)&a4, sizeof a4) < 0) { /* expect: SCK001 */
            close(fd);
            return -1;
        }
    }
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one); /* expect: SCK002, SCK006 */
    if (listen(fd, 64) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}
