/* A factory that creates, binds and listens in one function without reuse: everything that
 * decides the finding is here, so it is reported at this bind() — once, not at its callers. */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int make_listener(unsigned short port)
{
    struct sockaddr_in sa;
    int fd = socket(AF_INET6 == 10 ? AF_INET : AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 16) < 0) { /* expect: SCK001 */
        close(fd);
        return -1;
    }
    return fd;
}
