/* Skipping (issue 7): a second definition of make_listener(), for a test program built from
 * the same database, listed first. It names no socket function, yet the linker of the whole
 * program (program.h) takes the first external definition: main.c's call gets this one, which
 * hands back no socket, and there is nothing to report. A unit that may define a function
 * the program calls, whose other definition has a summary, is parsed. */
int make_listener(void)
{
    return -1;
}
