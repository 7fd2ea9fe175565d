/*
 * Winsock helpers of a Windows service. sock_allow_reuse() enables SO_REUSEADDR: on Windows
 * that lets any other socket bind a port this one is using. The listener that calls it is
 * reported (SCK010 at the call in service.c); the client's use is SCK003's business.
 */
#include <winsock2.h>

int sock_allow_reuse(SOCKET s)
{
    BOOL on = TRUE;
    return setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (const char *)&on, sizeof on);
}

int sock_exclusive(SOCKET s)
{
    BOOL on = TRUE;
    return setsockopt(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (const char *)&on, sizeof on);
}
