/* A server next to a user API model whose effects are not an array (see .sockcheck.json). */
#define SERVER_PORT 8080
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

int serve(void)
{
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&sa, 0, sizeof sa);
    sa.sin_port = htons(SERVER_PORT);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
        return -1;
    return listen(fd, 5);
}
