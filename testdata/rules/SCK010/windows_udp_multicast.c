/* test-args: --target=x86_64-w64-mingw32 -isystem /usr/x86_64-w64-mingw32/include */
/*
 * A Windows UDP multicast receiver with SO_REUSEADDR, so that several receivers can share the
 * group's port: the one use Microsoft documents for the option. A datagram socket never
 * listens: SCK010 (about listening sockets) must stay silent.
 */
#include <winsock2.h>
#include <ws2tcpip.h>

SOCKET multicast_receiver(unsigned short port)
{
    struct sockaddr_in sa;
    BOOL on = TRUE;
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    if (s == INVALID_SOCKET)
        return s;
    if (setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (const char *)&on, sizeof on) != 0)
        goto fail;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    sa.sin_port = htons(port);
    if (bind(s, (struct sockaddr *)&sa, sizeof sa) != 0)
        goto fail;
    return s;
fail:
    closesocket(s);
    return INVALID_SOCKET;
}
