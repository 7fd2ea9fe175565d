/* The program's own logging function: the string goes to vfprintf(), which writes a message,
 * not the knob. */
#include <stdarg.h>
#include <stdio.h>

static void log_warning(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("warning: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
}

void check_settings(int recycle)
{
    if (recycle)
        log_warning("%s is gone since Linux 4.12\n", "net.ipv4.tcp_tw_recycle");
    log_warning("ignoring /proc/sys/net/ipv4/tcp_tw_recycle\n");
}
