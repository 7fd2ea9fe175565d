/* test-args: --target=x86_64-w64-mingw32 -isystem /usr/x86_64-w64-mingw32/include */
/*
 * A Winsock server that enables SO_REUSEADDR before bind(), as POSIX servers should. On
 * Windows the option means something else: another socket (of any user) may then bind the same
 * address and port while this server is using it, and take its connections. SCK010 must fire
 * at the setsockopt(); SCK001 does not apply on Windows targets.
 */
#include <winsock2.h>
#include <ws2tcpip.h>

SOCKET open_listener(unsigned short port)
{
    struct sockaddr_in sa;
    BOOL on = TRUE;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);

    if (s == INVALID_SOCKET)
        return INVALID_SOCKET;
    /* expect-next-line: SCK010 */
    if (setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (const char *)&on, sizeof on) == SOCKET_ERROR)
        goto fail;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    sa.sin_port = htons(port);
    if (bind(s, (struct sockaddr *)&sa, sizeof sa) == SOCKET_ERROR ||
        listen(s, SOMAXCONN) == SOCKET_ERROR)
        goto fail;
    return s;
fail:
    closesocket(s);
    return INVALID_SOCKET;
}
