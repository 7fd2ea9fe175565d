/* A unit that includes itself with no guard: clang stops at its include depth limit. */
#include __FILE__
#include <sys/socket.h>

int serve(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    bind(fd, 0, 0);
    return listen(fd, 1);
}
