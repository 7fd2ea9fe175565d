/* popen() of a shell line that redirects into the /proc file. */
#include <stdio.h>

int recycle_via_shell(void)
{
    FILE *p = popen("echo 1 > /proc/sys/net/ipv4/tcp_tw_recycle", "r"); /* expect: SCK008 */
    if (!p)
        return -1;
    return pclose(p);
}
