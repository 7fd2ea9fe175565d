/* test-args: --target=x86_64-w64-mingw32 -isystem /usr/x86_64-w64-mingw32/include */
/*
 * A helper that enables SO_REUSEADDR, called on a Winsock listening socket. The helper itself
 * does not know the socket listens; the caller does: SCK010 fires at the call.
 */
#include <winsock2.h>

static int allow_reuse(SOCKET s)
{
    BOOL yes = TRUE;
    return setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (const char *)&yes, sizeof yes);
}

SOCKET control_listener(void)
{
    struct sockaddr_in sa;
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    if (s == INVALID_SOCKET)
        return s;
    if (allow_reuse(s) != 0) /* expect: SCK010 */
        goto fail;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sa.sin_port = htons(7070);
    if (bind(s, (SOCKADDR *)&sa, sizeof sa) != 0 || listen(s, 4) != 0)
        goto fail;
    return s;
fail:
    closesocket(s);
    return INVALID_SOCKET;
}
