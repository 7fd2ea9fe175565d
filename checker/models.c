/*
 * What calls that are not socket APIs do to a socket passed to them. This slice knows libc's
 * descriptor functions that never touch address reuse; anything else may (a wrapper that sets
 * SO_REUSEADDR, in another file), so the analysis assumes it might (analysis.h).
 */
#include "analysis.h"

#include <stdlib.h>
#include <string.h>

static const char *const keeps_reuse[] = {
    "__errno_location",
    "accept",
    "accept4",
    "dprintf",
    "dup",
    "dup2",
    "epoll_ctl",
    "fcntl",
    "fdopen",
    "fprintf",
    "fputs",
    "freeaddrinfo",
    "fstat",
    "getnameinfo",
    "getpeername",
    "getsockname",
    "getsockopt",
    "htonl",
    "htons",
    "inet_ntop",
    "inet_pton",
    "ioctl",
    "ntohl",
    "ntohs",
    "perror",
    "poll",
    "printf",
    "puts",
    "read",
    "recv",
    "recvfrom",
    "recvmsg",
    "select",
    "send",
    "sendmsg",
    "sendto",
    "shutdown",
    "snprintf",
    "strerror",
    "syslog",
    "write",
};

static int compare_names(const void *key, const void *item)
{
    return strcmp(key, *(const char *const *)item);
}

bool analysis_call_keeps_reuse(const char *callee)
{
    if (!callee)
        return false;
    return bsearch(callee, keeps_reuse, sizeof keeps_reuse / sizeof keeps_reuse[0],
                   sizeof keeps_reuse[0], compare_names) != NULL;
}
