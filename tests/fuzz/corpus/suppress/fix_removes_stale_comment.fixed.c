/*
 * A fix test (with fix_removes_stale_comment.fixed.c): the SCK000 fix deletes a stale
 * suppression comment; a comment alone on its line goes with its line, a comment after code
 * goes with the blanks before it, and the code stays.
 */
#include <sys/socket.h>

int open_unix_stream(void)
{
    /* expect-next-line: SCK000 */
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    return fd; /* expect: SCK000 */
}
