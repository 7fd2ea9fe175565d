/* Skipping (issue 7): names no socket function; passes its parameter on to drop(). */
void drop(int fd);

void hold(int fd, int failed)
{
    if (failed)
        drop(fd);
}
