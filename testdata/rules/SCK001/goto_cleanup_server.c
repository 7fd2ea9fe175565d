/*
 * Kernel-style error handling: every failure jumps to one cleanup label. The fcntl() call
 * before bind() only sets FD_CLOEXEC, a well-known libc call that does nothing to reuse, so
 * no path reaching the bind() enabled SO_REUSEADDR and SCK001 must fire at the bind().
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int daemon_listen(unsigned short port, int backlog)
{
    struct sockaddr_in addr;
    int fd;
    int saved_errno;

    fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        goto fail;
    if (fcntl(fd, F_SETFD, FD_CLOEXEC) < 0)
        goto fail;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) /* expect: SCK001 */
        goto fail;
    if (listen(fd, backlog) < 0)
        goto fail;
    return fd;

fail:
    saved_errno = errno;
    if (fd >= 0)
        close(fd);
    errno = saved_errno;
    return -1;
}
