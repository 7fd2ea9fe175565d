/* sizeof(int) spelt as a type, and an unsigned int flag of the same size. */
#include <sys/socket.h>

int set_reuse(int fd)
{
    unsigned int yes = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(int)) == -1)
        return -1;
    return setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &yes, (socklen_t)sizeof(unsigned int));
}
