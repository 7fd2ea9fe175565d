/* The usual form: the address of an int and its size. */
#include <sys/socket.h>

int set_reuse(int fd)
{
    int one = 1;
    return setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
}
