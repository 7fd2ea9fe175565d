/* SO_REUSEPORT at SOL_TCP (Linux's alias of IPPROTO_TCP) in a helper that prepares worker
 * sockets: the option number 15 means something else at the TCP level. */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

int share_port(int fd)
{
    int on = 1;
    return setsockopt(fd, SOL_TCP, SO_REUSEPORT, &on, sizeof on); /* expect: SCK004 */
}
