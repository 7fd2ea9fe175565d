/* A "performance tuning" start-up step that writes 1 into the /proc file of the knob. */
#include <fcntl.h>
#include <unistd.h>

int tune_time_wait(void)
{
    int fd = open("/proc/sys/net/ipv4/tcp_tw_recycle", O_WRONLY); /* expect: SCK008 */
    if (fd < 0)
        return -1;
    ssize_t n = write(fd, "1\n", 2);
    close(fd);
    return n == 2 ? 0 : -1;
}
