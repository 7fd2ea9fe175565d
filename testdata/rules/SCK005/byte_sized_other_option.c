/* Options that do take one byte (the multicast TTL and loop flags at IPPROTO_IP) are not
 * reuse options and are not judged by this rule. */
#include <netinet/in.h>
#include <sys/socket.h>

int multicast_sender(int fd)
{
    unsigned char ttl = 4, loop = 0;
    int one = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0)
        return -1;
    if (setsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof ttl) < 0)
        return -1;
    return setsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof loop);
}
