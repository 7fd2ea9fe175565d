/* A path with spaces, "#", "%" and non-ASCII letters: text, JSON and SARIF (URIs) must carry it. */
#define SERVER_PORT 8080 /* naïve: UTF-8 here */
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
