/* Skipping (issue 7): names no socket function; calls bind_any(). */
int bind_any(void);

int middle(void)
{
    return bind_any(); /* related: SCK001 */
}
