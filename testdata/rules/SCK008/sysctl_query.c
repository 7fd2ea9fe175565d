/* Commands that only show the knob's value read it. */
#include <stdio.h>
#include <stdlib.h>

int show_time_wait_settings(void)
{
    if (system("sysctl net.ipv4.tcp_tw_recycle net.ipv4.tcp_tw_reuse") != 0)
        return -1;
    FILE *p = popen("cat /proc/sys/net/ipv4/tcp_tw_recycle", "r");
    return p ? pclose(p) : -1;
}
