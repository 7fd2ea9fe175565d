/* test-args: --target=x86_64-w64-mingw32 -isystem /usr/x86_64-w64-mingw32/include */
/*
 * The getaddrinfo() pattern from Microsoft's Winsock server sample, with SO_REUSEADDR added
 * before bind(). Family and type come from the address info, so they are unknown, but the
 * socket listens: SCK010 must fire.
 */
#include <winsock2.h>
#include <ws2tcpip.h>

SOCKET listen_on(const char *port)
{
    struct addrinfo hints, *result = NULL;
    SOCKET s;
    int on = 1;

    ZeroMemory(&hints, sizeof hints);
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    hints.ai_flags = AI_PASSIVE;
    if (getaddrinfo(NULL, port, &hints, &result) != 0)
        return INVALID_SOCKET;
    s = socket(result->ai_family, result->ai_socktype, result->ai_protocol);
    if (s == INVALID_SOCKET) {
        freeaddrinfo(result);
        return INVALID_SOCKET;
    }
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (char *)&on, sizeof on); /* expect: SCK010, SCK006 */
    if (bind(s, result->ai_addr, (int)result->ai_addrlen) == SOCKET_ERROR) {
        freeaddrinfo(result);
        closesocket(s);
        return INVALID_SOCKET;
    }
    freeaddrinfo(result);
    if (listen(s, SOMAXCONN) == SOCKET_ERROR) {
        closesocket(s);
        return INVALID_SOCKET;
    }
    return s;
}
