/* A hand-written length of 2 for an int flag: short of sizeof(int), and not the size of the
 * object either. The result is discarded too (SCK006). */
#include <sys/socket.h>

void reuse_both(int fd)
{
    int one = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0)
        return;
    setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, 2); /* expect: SCK005, SCK006 */
}
