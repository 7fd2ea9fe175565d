/*
 * The portable spelling found in many servers: SO_REUSEPORT where the platform has it, and no
 * SO_REUSEADDR at all. On Linux the #ifdef is taken, so the listener has SO_REUSEPORT only:
 * SCK009 notes it (at the line where the macro-guarded call is written), SCK001 stays silent.
 */
#define _DEFAULT_SOURCE
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int bind_listener6(unsigned short port)
{
    struct sockaddr_in6 sa;
    int fd = socket(AF_INET6, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
#ifdef SO_REUSEPORT
    {
        int on = 1;
        (void)setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on); /* expect: SCK009 */
    }
#endif
    memset(&sa, 0, sizeof sa);
    sa.sin6_family = AF_INET6;
    sa.sin6_addr = in6addr_any;
    sa.sin6_port = htons(port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(fd, 511) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}
