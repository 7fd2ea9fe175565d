/* Skipping (issue 7): names no socket function; calls middle(). */
int middle(void);

int open_server(void)
{
    return middle(); /* related: SCK001 */
}
