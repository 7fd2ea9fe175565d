/*
 * The portable server of portable_server_same_option.c built for Linux (no test-args, so
 * _WIN32 is not defined): SO_REUSEADDR before bind() is exactly right there. SCK010 only
 * applies to Windows targets and must stay silent; SCK001 is satisfied.
 */
#ifdef _WIN32
#include <winsock2.h>
typedef SOCKET sock_t;
#else
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
typedef int sock_t;
#endif
#include <string.h>

int server_bind(sock_t *out, unsigned short port)
{
    struct sockaddr_in sa;
    int yes = 1;
    sock_t s = socket(AF_INET, SOCK_STREAM, 0);

    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (const char *)&yes, sizeof yes); /* expect: SCK006 */
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    if (bind(s, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(s, 64) != 0)
        return -1;
    *out = s;
    return 0;
}
