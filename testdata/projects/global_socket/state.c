/* A global listening socket: created in one function, bound and listened in another, one file
 * away from main(). The bind happens in start_listening(), on whatever init_socket() made. */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

int g_listen_fd = -1;

void init_socket(void)
{
    g_listen_fd = socket(AF_INET, SOCK_STREAM, 0);
}

int start_listening(unsigned short port)
{
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    if (bind(g_listen_fd, (struct sockaddr *)&sa, sizeof sa) < 0) /* related: SCK001 */
        return -1;
    return listen(g_listen_fd, 64);
}
