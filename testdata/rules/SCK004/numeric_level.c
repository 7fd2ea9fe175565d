/* The level written as a number: 6 is IPPROTO_TCP everywhere (an IANA protocol number), so
 * this is the TCP level whatever the spelling. */
#include <sys/socket.h>

int make_reusable(int fd)
{
    int yes = 1;
    if (setsockopt(fd, 6, SO_REUSEADDR, (char *)&yes, sizeof(yes)) == -1) /* expect: SCK004 */
        return -1;
    return 0;
}
