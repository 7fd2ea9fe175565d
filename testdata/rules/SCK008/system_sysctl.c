/* The sysctl name in a command string run through the shell. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    if (system("sysctl -w net.ipv4.tcp_tw_recycle=1 net.ipv4.tcp_fin_timeout=15") != 0) /* expect: SCK008 */
        fprintf(stderr, "tuning failed\n");
    return 0;
}
