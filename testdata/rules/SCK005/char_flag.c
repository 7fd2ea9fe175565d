/* A one-byte flag: optlen 1 is smaller than sizeof(int), and Linux answers EINVAL, so the
 * listener below runs without reuse although the code seems to ask for it. */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

int start_server(unsigned short port)
{
    char reuse = 1;
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof reuse) < 0) /* expect: SCK005 */
        perror("SO_REUSEADDR");
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
        return -1;
    return listen(fd, 10) < 0 ? -1 : fd;
}
