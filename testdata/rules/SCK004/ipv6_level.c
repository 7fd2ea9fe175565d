/* An IPv6 listener that sets its IPv6 options at IPPROTO_IPV6 and, by copy and paste, reuse
 * there too: IPV6_V6ONLY is right at that level, SO_REUSEADDR is not. */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int listen6(unsigned short port)
{
    int on = 1;
    struct sockaddr_in6 sa;
    int fd = socket(AF_INET6, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    if (setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on) < 0 ||
        setsockopt(fd, IPPROTO_IPV6, SO_REUSEADDR, &on, sizeof on) < 0) { /* expect: SCK004 */
        close(fd);
        return -1;
    }
    memset(&sa, 0, sizeof sa);
    sa.sin6_family = AF_INET6;
    sa.sin6_addr = in6addr_any;
    sa.sin6_port = htons(port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 64) < 0) { /* expect: SCK001 */
        close(fd);
        return -1;
    }
    return fd;
}
