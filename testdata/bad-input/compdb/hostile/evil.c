/*
 * Built into evil.so by tests/test_bad_input.sh (never by the project build). If anything
 * loads it (-fplugin=, -Xclang -load, -load, -fpass-plugin=), its constructor creates the
 * file named by SOCKCHECK_EVIL_MARKER: the test proves sockcheck never does, and that clang
 * itself does when given the same flag.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

__attribute__((constructor)) static void loaded(void)
{
    const char *marker = getenv("SOCKCHECK_EVIL_MARKER");
    if (marker) {
        int fd = open(marker, O_WRONLY | O_CREAT, 0600);
        if (fd >= 0)
            close(fd);
    }
}
