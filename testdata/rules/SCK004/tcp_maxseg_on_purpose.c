/* TCP_MAXSEG at IPPROTO_TCP is meant: on Linux it has the number of SO_REUSEADDR, but it is
 * spelt as the TCP option, so nothing is wrong. */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

int clamp_mss(int fd, int mss)
{
    return setsockopt(fd, IPPROTO_TCP, TCP_MAXSEG, &mss, sizeof mss);
}
