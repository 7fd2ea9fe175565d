/* Messages that mention the knob write nothing. */
#include <stdio.h>
#include <syslog.h>

void explain_time_wait(int recycle_requested)
{
    if (recycle_requested) {
        fprintf(stderr, "net.ipv4.tcp_tw_recycle was removed in Linux 4.12; ignoring it\n");
        syslog(LOG_WARNING, "option %s is obsolete", "net.ipv4.tcp_tw_recycle");
        puts("see /proc/sys/net/ipv4/tcp_tw_recycle in old kernels only");
    }
}
