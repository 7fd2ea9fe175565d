/* The path comes from a macro made of adjacent literals; fopen() for writing. */
#include <stdio.h>

#define PROC_IPV4 "/proc/sys/net/ipv4/"
#define TW_RECYCLE PROC_IPV4 "tcp_tw_recycle"

int enable_recycle(void)
{
    FILE *f = fopen(TW_RECYCLE, "w"); /* expect: SCK008 */
    if (!f)
        return -1;
    fputs("1\n", f);
    return fclose(f);
}
