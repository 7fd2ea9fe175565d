/* A diagnostic that reads the knob, on kernels that still have it, to warn the operator. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int recycle_enabled(void)
{
    char c = '0';
    FILE *f = fopen("/proc/sys/net/ipv4/tcp_tw_recycle", "r");
    if (f) {
        c = (char)fgetc(f);
        fclose(f);
    }
    int fd = open("/proc/sys/net/ipv4/tcp_tw_recycle", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        if (read(fd, &c, 1) != 1)
            c = '0';
        close(fd);
    }
    return c == '1';
}
