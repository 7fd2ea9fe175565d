/*
 * A Windows service with a control listener made safe with SO_EXCLUSIVEADDRUSE (clean) and a
 * data listener that calls sock_allow_reuse(): SCK010 at that call. No SCK001 anywhere: it
 * does not apply to Windows targets. The compilation database carries the mingw target and
 * headers, as a Windows project's database would.
 */
#include <winsock2.h>
#include <ws2tcpip.h>

int sock_allow_reuse(SOCKET s);
int sock_exclusive(SOCKET s);

static SOCKET listen_on(unsigned short port, int exclusive)
{
    struct sockaddr_in sa;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP); /* related: SCK010 */
    if (s == INVALID_SOCKET)
        return s;
    if ((exclusive ? sock_exclusive(s) : sock_allow_reuse(s)) != 0) /* expect: SCK010 */
        goto fail;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    sa.sin_port = htons(port);
    if (bind(s, (SOCKADDR *)&sa, sizeof sa) != 0 || listen(s, SOMAXCONN) != 0)
        goto fail;
    return s;
fail:
    closesocket(s);
    return INVALID_SOCKET;
}

static SOCKET control_listener(void)
{
    struct sockaddr_in sa;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (s == INVALID_SOCKET)
        return s;
    if (sock_exclusive(s) != 0)
        goto fail;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sa.sin_port = htons(9999);
    if (bind(s, (SOCKADDR *)&sa, sizeof sa) != 0 || listen(s, 4) != 0)
        goto fail;
    return s;
fail:
    closesocket(s);
    return INVALID_SOCKET;
}

int service_start(void)
{
    WSADATA wsa;
    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0)
        return -1;
    SOCKET control = control_listener();
    /* Known duplicate (see projects/reuseport_workers/main.c): already reported in listen_on(). */
    SOCKET data = listen_on(8443, 0);
    return control == INVALID_SOCKET || data == INVALID_SOCKET ? -1 : 0;
}
