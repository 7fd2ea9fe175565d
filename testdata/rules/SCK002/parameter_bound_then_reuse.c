/*
 * A function that binds the socket it is given and only then enables SO_REUSEADDR. Everything
 * that decides it happens here: every path through this function has bound the socket before
 * the setsockopt(), whatever the caller did before, so the option comes too late and SCK002
 * fires here. The caller's call is not reported: there the socket is unbound when the call
 * starts, and this function is where the fix belongs.
 */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int bind_then_tune(int fd, unsigned short port)
{
    struct sockaddr_in sa;
    int on = 1;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    sa.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
        return -1;
    return setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on); /* expect: SCK002 */
}

int open_listener(unsigned short port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    if (bind_then_tune(fd, port) < 0 || listen(fd, 64) < 0) { /* expect: SCK001 */
        close(fd);
        return -1;
    }
    return fd;
}
