/* A C99 bool is one byte: sizeof on is 1, not sizeof(int). */
#include <stdbool.h>
#include <sys/socket.h>

int allow_reuse(int fd, bool reuse_port)
{
    bool on = true;
    if (reuse_port)
        return setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on); /* expect: SCK005 */
    return setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(bool)); /* expect: SCK005 */
}
