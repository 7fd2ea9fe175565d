/* A long flag with sizeof(int): the kernel reads the first four of its eight bytes, which on
 * a big-endian machine are the zero half. */
#include <sys/socket.h>

int set_reuse(int fd)
{
    long on = 1;
    return setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(int)); /* expect: SCK005 */
}
