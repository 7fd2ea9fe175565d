/* test-args: --target=x86_64-w64-mingw32 -isystem /usr/x86_64-w64-mingw32/include */
/*
 * Portable server code that hides the socket API differences behind #ifdef _WIN32 but sets
 * SO_REUSEADDR on every platform. Built for Windows, that is the port-hijacking option: SCK010
 * must fire at the setsockopt().
 */
#ifdef _WIN32
#include <winsock2.h>
#include <ws2tcpip.h>
typedef SOCKET sock_t;
#define CLOSE_SOCKET closesocket
#else
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
typedef int sock_t;
#define CLOSE_SOCKET close
#endif
#include <string.h>

int server_bind(sock_t *out, unsigned short port)
{
    struct sockaddr_in6 sa;
    int yes = 1;
    sock_t s = socket(AF_INET6, SOCK_STREAM, 0);

    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (const char *)&yes, sizeof yes); /* expect: SCK010, SCK006 */
    memset(&sa, 0, sizeof sa);
    sa.sin6_family = AF_INET6;
    sa.sin6_addr = in6addr_any;
    sa.sin6_port = htons(port);
    if (bind(s, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(s, 64) != 0) {
        CLOSE_SOCKET(s);
        return -1;
    }
    *out = s;
    return 0;
}
