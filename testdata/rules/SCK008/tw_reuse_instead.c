/* The knob that is meant for client-side TIME_WAIT pressure, and still exists. */
#include <stdlib.h>

int allow_time_wait_reuse(void)
{
    return system("sysctl -w net.ipv4.tcp_tw_reuse=1");
}
