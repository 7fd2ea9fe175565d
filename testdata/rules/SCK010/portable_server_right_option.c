/* test-args: --target=x86_64-w64-mingw32 -isystem /usr/x86_64-w64-mingw32/include */
/*
 * Portable code that picks the right option per platform: SO_EXCLUSIVEADDRUSE on Windows,
 * SO_REUSEADDR elsewhere. Built for Windows, only the first is compiled: SCK010 must stay
 * silent.
 */
#ifdef _WIN32
#include <winsock2.h>
#define ADDR_OPTION SO_EXCLUSIVEADDRUSE
typedef SOCKET sock_t;
#else
#include <netinet/in.h>
#include <sys/socket.h>
#define ADDR_OPTION SO_REUSEADDR
typedef int sock_t;
#endif
#include <string.h>

int open_port(sock_t *out, unsigned short port)
{
    struct sockaddr_in sa;
    int one = 1;
    sock_t s = socket(AF_INET, SOCK_STREAM, 0);

    if (setsockopt(s, SOL_SOCKET, ADDR_OPTION, (const char *)&one, sizeof one) != 0)
        return -1;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    if (bind(s, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(s, 32) != 0)
        return -1;
    *out = s;
    return 0;
}
