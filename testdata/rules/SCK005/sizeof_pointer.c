/* The flag arrives by pointer and its size is taken of the pointer: 8 bytes on LP64, of
 * which the kernel reads the first int and the rest belongs to nobody. */
#include <sys/socket.h>

int apply_reuse(int fd, const int *enabled)
{
    return setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, enabled, sizeof enabled); /* expect: SCK005 */
}
