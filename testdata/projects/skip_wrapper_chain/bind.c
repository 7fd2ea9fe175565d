/* Skipping (issue 7): the only file of the chain that binds. */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

int bind_any(void)
{
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(7000);
    bind(fd, (struct sockaddr *)&sa, sizeof sa); /* related: SCK001 */
    return fd;
}
