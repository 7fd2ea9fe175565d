/* Skipping (issue 7): the real make_listener(), which binds without SO_REUSEADDR. */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

int make_listener(void)
{
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(9000);
    bind(fd, (struct sockaddr *)&sa, sizeof sa);
    return fd;
}
