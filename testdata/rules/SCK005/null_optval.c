/* Enabling by naming the option alone: a null optval and an optlen of 0 (EINVAL on Linux,
 * EFAULT elsewhere). */
#include <stddef.h>
#include <sys/socket.h>

int quick_reuse(int fd)
{
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, NULL, 0) != 0) /* expect: SCK005 "null" */
        return -1;
    return 0;
}
