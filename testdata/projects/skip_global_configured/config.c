/* Skipping (issue 7): names the global socket but no socket function, and enables
 * reuse on it through net_allow_reuse(), whose summary names the global: the unit is parsed
 * because it calls a function with a summary. Skipped, configure() would be unknown, and an
 * unknown call with no argument cannot touch a global: main.c would get a false SCK001. */
void net_allow_reuse(void);
extern int g_listen_fd;

void configure(int verbose)
{
    if (verbose)
        g_listen_fd = g_listen_fd; /* names the global, does nothing to it */
    net_allow_reuse();
}
