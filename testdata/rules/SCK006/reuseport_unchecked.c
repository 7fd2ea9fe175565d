/* SO_REUSEADDR is checked, the SO_REUSEPORT right after it is not. */
#include <sys/socket.h>

int prepare_worker_socket(int fd)
{
    int on = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) < 0)
        return -1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on); /* expect: SCK006 */
    return 0;
}
