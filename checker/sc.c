#include "sc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *sc_level_name(enum sc_level level)
{
    switch (level) {
    case SC_LEVEL_NOTE:
        return "note";
    case SC_LEVEL_WARNING:
        return "warning";
    case SC_LEVEL_ERROR:
        return "error";
    }
    return "warning";
}

const char *sc_error_kind_text(enum sc_error_kind kind)
{
    switch (kind) {
    case SC_ERROR_NONE:
        return "no error";
#define SC_ERROR_CASE(name, text)                                                                  \
    case SC_ERROR_##name:                                                                          \
        return text;
        SC_ERROR_MAP(SC_ERROR_CASE)
#undef SC_ERROR_CASE
    }
    return "unknown error";
}

void sc_error_set(struct sc_error *err, enum sc_error_kind kind, const char *file, unsigned line,
                  const char *fmt, ...)
{
    if (!err)
        return;
    err->kind = kind;
    err->line = line;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    } else {
        snprintf(err->message, sizeof err->message, "%s", sc_error_kind_text(kind));
    }
}

void sc_error_clear(struct sc_error *err)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
}
