/*
 * A UDP multicast receiver: several processes on the host receive the same group, so each
 * enables SO_REUSEADDR before binding the group's port. This is the textbook use of the
 * option on a socket that is not a TCP server. It binds and never connects: SCK003 must stay
 * silent (and SCK001 ignores UDP).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int join_group(const char *group, unsigned short port)
{
    struct sockaddr_in sa;
    struct ip_mreq mreq;
    int on = 1;
    int fd = socket(AF_INET, SOCK_DGRAM, 0);

    if (fd < 0)
        return -1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) < 0)
        goto fail;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    sa.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
        goto fail;
    memset(&mreq, 0, sizeof mreq);
    if (inet_pton(AF_INET, group, &mreq.imr_multiaddr) != 1)
        goto fail;
    mreq.imr_interface.s_addr = htonl(INADDR_ANY);
    if (setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mreq, sizeof mreq) < 0)
        goto fail;
    return fd;
fail:
    close(fd);
    return -1;
}
