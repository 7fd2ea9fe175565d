/* The program runs its commands through a small wrapper: setting the knob through it is a
 * write (reported at the call that passes the command, with the wrapper's system() as a
 * note); showing it through the same wrapper is a read. */
#include <stdio.h>
#include <stdlib.h>

static int run_command(const char *command)
{
    fprintf(stderr, "+ %s\n", command);
    return system(command); /* related: SCK008 */
}

int apply_legacy_tuning(int verbose)
{
    if (verbose)
        run_command("sysctl net.ipv4.tcp_tw_recycle");
    return run_command("sysctl -w net.ipv4.tcp_tw_recycle=1"); /* expect: SCK008 */
}
