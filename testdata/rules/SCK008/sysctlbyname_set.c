/* sysctlbyname() with a new value sets the knob; with a null new value it only reads it.
 * (Declared here: the BSDs have it, glibc does not; the name is Linux's.) */
#include <stddef.h>

int sysctlbyname(const char *name, void *oldp, size_t *oldlenp, const void *newp, size_t newlen);

int recycle_state(int enable, int *was)
{
    size_t len = sizeof *was;
    if (sysctlbyname("net.ipv4.tcp_tw_recycle", was, &len, NULL, 0) != 0)
        return -1;
    return sysctlbyname("net.ipv4.tcp_tw_recycle", NULL, NULL, &enable, sizeof enable); /* expect: SCK008 */
}
