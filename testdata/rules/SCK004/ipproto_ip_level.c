/* "IP level" for an IP address reuse option: IPPROTO_IP (0) is not SOL_SOCKET either. */
#include <netinet/in.h>
#include <sys/socket.h>

int reuse_ip(int fd)
{
    const int enable = 1;
    int rc = setsockopt(fd, IPPROTO_IP, SO_REUSEADDR, &enable, sizeof enable); /* expect: SCK004 */
    return rc;
}
