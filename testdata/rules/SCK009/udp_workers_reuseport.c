/*
 * A DNS-style UDP server where each worker thread opens its own socket on port 53 with
 * SO_REUSEPORT, so that the kernel spreads the queries among them: the load balancing
 * SO_REUSEPORT exists for. A datagram socket never listens: SCK009 (about listening sockets
 * used for restarts) must stay silent.
 */
#define _DEFAULT_SOURCE
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int worker_udp_socket(void)
{
    struct sockaddr_in sa;
    int one = 1;
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0)
        return -1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) < 0)
        goto fail;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    sa.sin_port = htons(53);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
        goto fail;
    return fd;
fail:
    close(fd);
    return -1;
}
