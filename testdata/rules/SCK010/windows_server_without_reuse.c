/* test-args: --target=x86_64-w64-mingw32 -isystem /usr/x86_64-w64-mingw32/include */
/*
 * A Winsock server with no address option at all. On POSIX this would be SCK001; on Windows
 * a bind() over TIME_WAIT connections succeeds without SO_REUSEADDR, and the option would only
 * open the port to hijacking, so SCK001 does not apply and SCK010 has nothing to report.
 */
#include <winsock2.h>

SOCKET plain_listener(unsigned short port)
{
    struct sockaddr_in sa;
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    if (s == INVALID_SOCKET)
        return s;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    if (bind(s, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(s, 8) != 0) {
        closesocket(s);
        return INVALID_SOCKET;
    }
    return s;
}
