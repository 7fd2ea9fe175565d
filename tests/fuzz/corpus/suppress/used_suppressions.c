/*
 * Suppressions that are used: SCK001 fires at both bind() calls, one suppressed by a comment
 * on its line, one by a comment on the line above, by id and by name. A used suppression is
 * not reported, and the suppressed findings are not reported either.
 */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

static void fill(struct sockaddr_in *addr, unsigned short port)
{
    memset(addr, 0, sizeof *addr);
    addr->sin_family = AF_INET;
    addr->sin_port = htons(port);
}

int open_test_listener(unsigned short port)
{
    struct sockaddr_in addr;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    fill(&addr, port);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) // sockcheck: ignore[SCK001] test only
        return -1;
    return listen(fd, 1) < 0 ? -1 : fd;
}

int open_inetd_listener(unsigned short port)
{
    struct sockaddr_in addr;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    fill(&addr, port);
    /* sockcheck: ignore[missing-reuseaddr] inetd hands the port over, never restarts */
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0)
        return -1;
    return listen(fd, 1) < 0 ? -1 : fd;
}
