/* One listener per address family, each given reuse in a loop without a check. */
#include <sys/socket.h>

void reuse_all(const int *fds, int count)
{
    int one = 1;
    for (int i = 0; i < count; i++)
        setsockopt(fds[i], SOL_SOCKET, SO_REUSEADDR, &one, sizeof one); /* expect: SCK006 */
}
