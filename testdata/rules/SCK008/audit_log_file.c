/* An audit trail: the message naming the knob is formatted and appended to a log file whose
 * name is fixed. The helper writes a file, but not the knob. */
#include <stdio.h>
#include <time.h>

static void audit(const char *what)
{
    char line[256];
    snprintf(line, sizeof line, "%ld %s\n", (long)time(NULL), what);
    FILE *log = fopen("/var/log/netd-audit.log", "a");
    if (!log)
        return;
    fputs(line, log);
    fclose(log);
}

void refuse_obsolete_setting(void)
{
    audit("refused: net.ipv4.tcp_tw_recycle=1 (removed in Linux 4.12)");
}
