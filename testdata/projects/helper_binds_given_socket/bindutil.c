/*
 * A helper that binds and listens whatever socket it is given. It is right for callers that set
 * SO_REUSEADDR first and wrong for the others, so the finding belongs at the wrong caller's call
 * site, with this bind() and listen() as related locations.
 */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

int bind_any(int fd, unsigned short port)
{
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    sa.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) /* related: SCK001 */
        return -1;
    return listen(fd, 128); /* related: SCK001 */
}
