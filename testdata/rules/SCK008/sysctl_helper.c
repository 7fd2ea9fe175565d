/* The program's own helper turns a sysctl name into a /proc path and writes it: the finding
 * is at the call that passes the knob, with the helper's open() as a note. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int write_sysctl(const char *name, const char *value)
{
    char path[256];
    snprintf(path, sizeof path, "/proc/sys/%s", name);
    int fd = open(path, O_WRONLY | O_TRUNC); /* related: SCK008 */
    if (fd < 0)
        return -1;
    ssize_t n = write(fd, value, strlen(value));
    close(fd);
    return n < 0 ? -1 : 0;
}

int tune_kernel(void)
{
    if (write_sysctl("net/ipv4/tcp_fin_timeout", "15") < 0)
        return -1;
    return write_sysctl("net/ipv4/tcp_tw_recycle", "1"); /* expect: SCK008 */
}
