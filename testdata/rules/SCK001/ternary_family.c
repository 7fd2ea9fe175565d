/*
 * The family is chosen at run time with a conditional expression:
 * socket(use6 ? AF_INET6 : AF_INET, SOCK_STREAM, 0). Both arms are inet families, and the
 * address goes through a struct sockaddr_storage. Nothing sets SO_REUSEADDR before bind(), so
 * SCK001 must fire at the bind().
 */
#include <netinet/in.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int open_any(bool use6, unsigned short port)
{
    struct sockaddr_storage ss;
    socklen_t len;
    int fd = socket(use6 ? AF_INET6 : AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    memset(&ss, 0, sizeof ss);
    if (use6) {
        struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
        sin6->sin6_family = AF_INET6;
        sin6->sin6_addr = in6addr_any;
        sin6->sin6_port = htons(port);
        len = sizeof *sin6;
    } else {
        struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
        sin->sin_family = AF_INET;
        sin->sin_addr.s_addr = htonl(INADDR_ANY);
        sin->sin_port = htons(port);
        len = sizeof *sin;
    }
    if (bind(fd, (struct sockaddr *)&ss, len) < 0 || listen(fd, 100) < 0) { /* expect: SCK001 */
        close(fd);
        return -1;
    }
    return fd;
}
