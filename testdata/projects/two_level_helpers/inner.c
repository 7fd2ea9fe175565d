/* The innermost helper binds and listens what it is given. */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

int inner_bind_listen(int s, unsigned short port)
{
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    if (bind(s, (struct sockaddr *)&sa, sizeof sa) != 0) /* related: SCK001 */
        return -1;
    return listen(s, 5);
}
