/* The call is written through a macro; the finding is at the line that uses it. */
#include <sys/socket.h>

#define ENABLE_REUSE(s, flag) setsockopt((s), SOL_SOCKET, SO_REUSEADDR, &(flag), sizeof(flag))

void configure(int fd)
{
    int one = 1;
    ENABLE_REUSE(fd, one); /* expect: SCK006 */
}
