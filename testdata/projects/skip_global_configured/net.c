/* Skipping (issue 7): the global listening socket and what can be done to it. */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

int g_listen_fd = -1;

void net_allow_reuse(void)
{
    int on = 1;
    if (setsockopt(g_listen_fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) < 0)
        g_listen_fd = -1;
}

int net_listen(unsigned short port)
{
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    if (bind(g_listen_fd, (struct sockaddr *)&sa, sizeof sa) < 0)
        return -1;
    return listen(g_listen_fd, 64);
}
