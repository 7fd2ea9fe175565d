#include "textsafe.h"

#include "xalloc.h"

#include <string.h>

char *textsafe_copy(const char *s)
{
    char *out = xstrdup(s);
    size_t w = 0;
    for (size_t r = 0; out[r]; r++) {
        unsigned char c = (unsigned char)out[r];
        unsigned char next = (unsigned char)out[r + 1];
        if (c == 0xc2 && next >= 0x80 && next <= 0x9f) {
            out[w++] = '?'; /* one character in two bytes: one mark */
            r++;
        } else {
            out[w++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
        }
    }
    out[w] = '\0';
    return out;
}
