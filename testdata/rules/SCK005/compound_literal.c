/* A compound literal holds the int: its size is sizeof(int). */
#include <sys/socket.h>

int set_reuse(int fd)
{
    return setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &(int){1}, sizeof(int));
}
