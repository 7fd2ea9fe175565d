/* Skipping (issue 7): open_server() is in outer.c, which calls middle() in middle.c, which
 * calls bind_any() in bind.c: only bind.c names bind(). outer.c and middle.c name no socket
 * function; they are parsed because they call a function whose summary binds, found one
 * round after another. */
#include <sys/socket.h>

int open_server(void);

int main(void)
{
    int fd = open_server(); /* expect: SCK001 */
    return listen(fd, 16);
}
