/* The command run without a shell: the knob is one of execlp()'s arguments. */
#include <stddef.h>
#include <sys/wait.h>
#include <unistd.h>

int run_tuning(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        execlp("sysctl", "sysctl", "-w", "net.ipv4.tcp_tw_recycle=1", (char *)NULL); /* expect: SCK008 */
        _exit(127);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) < 0)
        return -1;
    return status;
}
