/* Turning reuse off explicitly (a client that inherited a reusable socket): if that fails,
 * nothing is lost, and the rule is about enabling. */
#include <sys/socket.h>

void no_reuse(int fd)
{
    int zero = 0;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &zero, sizeof zero);
}
