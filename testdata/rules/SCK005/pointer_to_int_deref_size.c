/* The flag by pointer with the size of what it points at: right. */
#include <sys/socket.h>

int apply_reuse(int fd, const int *enabled)
{
    return setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, enabled, sizeof *enabled);
}
