/* Skipping (issue 7): log.c defines log_fd() and names no socket function. */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

void log_fd(const char *what, int fd);

int serve(unsigned short port)
{
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    log_fd("listening socket", fd);
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) /* expect: SCK001 */
        return -1;
    return listen(fd, 16);
}
