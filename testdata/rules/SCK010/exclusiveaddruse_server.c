/* test-args: --target=x86_64-w64-mingw32 -isystem /usr/x86_64-w64-mingw32/include */
/*
 * The Windows-correct server: SO_EXCLUSIVEADDRUSE before bind(). No other socket can bind the
 * port while this one uses it, and the restart works once the old sockets are closed. SCK010
 * must stay silent (SO_EXCLUSIVEADDRUSE is ~SO_REUSEADDR in the headers: a different option),
 * and SCK001 does not apply on Windows.
 */
#include <winsock2.h>
#include <ws2tcpip.h>

SOCKET exclusive_listener(unsigned short port)
{
    struct sockaddr_in sa;
    BOOL on = TRUE;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);

    if (s == INVALID_SOCKET)
        return INVALID_SOCKET;
    if (setsockopt(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (const char *)&on, sizeof on) != 0)
        goto fail;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    sa.sin_port = htons(port);
    if (bind(s, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(s, SOMAXCONN) != 0)
        goto fail;
    return s;
fail:
    closesocket(s);
    return INVALID_SOCKET;
}
