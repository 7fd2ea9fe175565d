/* The level comes through the project's own macro, which names the TCP level; the call's
 * result is also ignored (SCK006). */
#include <netinet/in.h>
#include <sys/socket.h>

#define NET_OPT_LEVEL IPPROTO_TCP

void tune_listener(int fd)
{
    int one = 1;
    setsockopt(fd, NET_OPT_LEVEL, SO_REUSEADDR, &one, sizeof one); /* expect: SCK004, SCK006 */
}
