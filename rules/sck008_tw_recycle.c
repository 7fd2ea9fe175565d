/*
 * SCK008 tw-recycle: the program writes or sets the kernel knob tcp_tw_recycle, removed in
 * Linux 4.12 (SPEC §2). Reported at a call that takes a string literal naming the knob (the
 * /proc/sys path or the sysctl name, alone or inside a command) when the call writes it: a
 * file or command call, or a function of the program whose body writes what it is given.
 * Reading the knob (fopen(..., "r"), open(..., O_RDONLY), "sysctl NAME") and logging a
 * message that mentions it are not writes.
 */
#include "rule_api.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

/* How deep calls into the program's own functions are followed. */
#define MAX_DEPTH 4

static const char *const tags[] = {"reliability", "portability", "network", NULL};

enum call_class { CALL_OTHER, CALL_FILE, CALL_COMMAND, CALL_SYSCTL, CALL_LOG };

/* Calls that open, create or truncate a path, run a command, or set a sysctl by name, and
 * calls whose string is a message (mentioning the knob in a log line writes nothing). */
static const struct {
    const char *name;
    enum call_class class;
} known_calls[] = {
    {"open", CALL_FILE},      {"open64", CALL_FILE},     {"openat", CALL_FILE},
    {"openat64", CALL_FILE},  {"fopen", CALL_FILE},      {"fopen64", CALL_FILE},
    {"freopen", CALL_FILE},   {"creat", CALL_FILE},      {"creat64", CALL_FILE},
    {"truncate", CALL_FILE},  {"truncate64", CALL_FILE}, {"system", CALL_COMMAND},
    {"popen", CALL_COMMAND},  {"execl", CALL_COMMAND},   {"execlp", CALL_COMMAND},
    {"execle", CALL_COMMAND}, {"execv", CALL_COMMAND},   {"execvp", CALL_COMMAND},
    {"execve", CALL_COMMAND}, {"execvpe", CALL_COMMAND}, {"sysctlbyname", CALL_SYSCTL},
    {"printf", CALL_LOG},     {"fprintf", CALL_LOG},     {"dprintf", CALL_LOG},
    {"vprintf", CALL_LOG},    {"vfprintf", CALL_LOG},    {"vdprintf", CALL_LOG},
    {"syslog", CALL_LOG},     {"vsyslog", CALL_LOG},     {"puts", CALL_LOG},
    {"fputs", CALL_LOG},      {"perror", CALL_LOG},      {"warn", CALL_LOG},
    {"warnx", CALL_LOG},      {"vwarn", CALL_LOG},       {"vwarnx", CALL_LOG},
    {"err", CALL_LOG},        {"errx", CALL_LOG},        {"verr", CALL_LOG},
    {"verrx", CALL_LOG},      {"error", CALL_LOG},
};

static enum call_class classify(const char *callee)
{
    for (size_t i = 0; callee && i < sizeof known_calls / sizeof known_calls[0]; i++)
        if (strcmp(callee, known_calls[i].name) == 0)
            return known_calls[i].class;
    return CALL_OTHER;
}

/* Where the knob's name starts in s ("tcp_tw_recycle"), when s names the knob: the path
 * (/proc/sys/net/ipv4/...), the sysctl name (net.ipv4....), or the bare file name that
 * openat() takes relative to /proc/sys/net/ipv4. */
static const char *knob_in(const char *s)
{
    const char *p = strstr(s, "ipv4/tcp_tw_recycle");
    if (!p)
        p = strstr(s, "ipv4.tcp_tw_recycle");
    if (p)
        return p + strlen("ipv4/");
    return strcmp(s, "tcp_tw_recycle") == 0 ? s : NULL;
}

/* A command writes the knob with "NAME=value" (sysctl), a redirection or tee; a command
 * that only names it (sysctl NAME, cat PATH) reads it. Unknown text counts as a write. */
static bool command_writes(const char *command)
{
    if (!command)
        return true;
    const char *knob = knob_in(command);
    if (knob) {
        const char *after = knob + strlen("tcp_tw_recycle");
        after += strspn(after, " \t");
        if (*after == '=')
            return true;
    }
    return strchr(command, '>') != NULL || strstr(command, "tee ") != NULL;
}

/* open() flags with O_ACCMODE (3 on Linux, the BSDs and macOS) equal to O_RDONLY (0) read. */
static bool flags_write(const struct ir_event *ev, size_t arg)
{
    if (!ev->arg_values || arg >= ev->nargs || !ev->arg_values[arg].known)
        return true;
    return (ev->arg_values[arg].value & 3) != 0;
}

/* An fopen() mode "r" or "rb" reads; "w", "a", "r+" and unknown modes write. */
static bool mode_writes(const struct ir_event *ev, size_t arg)
{
    const char *mode = ev->arg_strings && arg < ev->nargs ? ev->arg_strings[arg] : NULL;
    return !mode || mode[0] != 'r' || strchr(mode, '+') != NULL;
}

static bool is_zero_argument(const struct ir_event *ev, size_t arg)
{
    return ev->arg_values && arg < ev->nargs && ev->arg_values[arg].known &&
           ev->arg_values[arg].value == 0;
}

/* Whether a file, command or sysctl call writes; command is the command text when known. */
static bool call_writes(const struct ir_event *ev, enum call_class class, const char *command)
{
    const char *callee = ev->callee;
    switch (class) {
    case CALL_FILE:
        if (strncmp(callee, "openat", 6) == 0)
            return flags_write(ev, 2);
        if (strncmp(callee, "open", 4) == 0)
            return flags_write(ev, 1);
        if (strncmp(callee, "fopen", 5) == 0 || strcmp(callee, "freopen") == 0)
            return mode_writes(ev, 1);
        return true; /* creat, truncate */
    case CALL_COMMAND:
        return command_writes(command);
    case CALL_SYSCTL:
        /* sysctlbyname(name, oldp, oldlenp, newp, newlen): no new value (newlen 0; a NULL
         * newp is a pointer, which the facts do not evaluate) only reads. */
        return !is_zero_argument(ev, 3) && !is_zero_argument(ev, 4);
    case CALL_OTHER:
    case CALL_LOG:
        break;
    }
    return false;
}

static bool writes_param(const struct rule_context *ctx, uint32_t fn, size_t param,
                         const char *knob_text, unsigned depth, struct site *at);

/* Whether one call that receives the string (as argument arg) writes it; *at is set to the
 * call that does. */
static bool use_writes(const struct rule_context *ctx, uint32_t fn, const struct ir_event *ev,
                       size_t arg, const char *knob_text, unsigned depth, struct site *at)
{
    enum call_class class = classify(ev->callee);
    const struct program_callee *callee = &ctx->program->functions[fn].callees[ev->id];
    bool writes = false;
    if (class != CALL_OTHER)
        writes = call_writes(ev, class, knob_text);
    else if (callee->kind == PROGRAM_CALL_FUNCTION && depth > 0)
        writes = writes_param(ctx, callee->function, arg, knob_text, depth - 1, at);
    if (writes && at->fn == UINT32_MAX)
        *at = (struct site){fn, ev->id};
    return writes;
}

/* Whether a file or command call's path or command is a string literal that does not name
 * the knob (a log file opened for appending): it writes something else, whatever the function
 * was given. The exec family spreads its command over arguments and is never sure. */
static bool targets_other(const struct ir_event *ev)
{
    if (strncmp(ev->callee, "exec", 4) == 0)
        return false;
    size_t target = strncmp(ev->callee, "openat", 6) == 0 ? 1 : 0;
    const char *s = ev->arg_strings && target < ev->nargs ? ev->arg_strings[target] : NULL;
    return s && !knob_in(s);
}

/* The first call of fn that may write a file or run a command with what the function was
 * given, or NULL. */
static const struct ir_event *any_write(const struct program_function *pf)
{
    for (uint32_t i = 0; i < pf->fn->nevents; i++) {
        const struct ir_event *ev = pf->events[i];
        enum call_class class = ev->kind == IR_CALL ? classify(ev->callee) : CALL_OTHER;
        if (class != CALL_OTHER && class != CALL_LOG && !targets_other(ev) &&
            call_writes(ev, class, NULL))
            return ev;
    }
    return NULL;
}

/* The parameter that receives argument arg: past the named ones, the last named one (a
 * format whose arguments go where it goes). NULL for an unnamed parameter. */
static const char *param_name(const struct ir_function *fn, size_t arg, bool *none_out)
{
    *none_out = fn->nparams == 0;
    if (fn->nparams == 0)
        return NULL;
    return fn->params[arg < fn->nparams ? arg : fn->nparams - 1];
}

/*
 * Whether function fn writes the string it receives as argument arg. Its uses of the
 * parameter decide: a file or command call that writes, or a function that writes it in
 * turn. Logging uses and reads do not count. Any other use (snprintf into a path, a copy)
 * cannot be followed: then the function counts as a writer when it writes some file or runs
 * some command at all, which a function that builds a /proc path and opens it does.
 */
static bool writes_param(const struct rule_context *ctx, uint32_t fn, size_t arg,
                         const char *knob_text, unsigned depth, struct site *at)
{
    const struct program_function *pf = &ctx->program->functions[fn];
    bool no_params = false;
    const char *name = param_name(pf->fn, arg, &no_params);
    if (!name && !no_params)
        return false;
    bool followed_all = true, used = false;
    for (uint32_t i = 0; name && i < pf->fn->nevents; i++) {
        const struct ir_event *ev = pf->events[i];
        for (size_t j = 0; ev->kind == IR_CALL && j < ev->nargs; j++) {
            if (!ev->args[j] || strcmp(ev->args[j], name) != 0)
                continue;
            used = true;
            if (use_writes(ctx, fn, ev, j, knob_text, depth, at))
                return true;
            /* A library call that is neither a file, command nor logging call, or a call
             * deeper than MAX_DEPTH, is not followed. */
            bool followed = classify(ev->callee) != CALL_OTHER ||
                            (pf->callees[ev->id].kind == PROGRAM_CALL_FUNCTION && depth > 0);
            followed_all &= followed;
        }
    }
    if (used && followed_all)
        return false;
    const struct ir_event *write = any_write(pf);
    if (write && at->fn == UINT32_MAX)
        *at = (struct site){fn, write->id};
    return write != NULL;
}

/* The index of the first argument naming the knob, or nargs. */
static size_t knob_argument(const struct ir_event *ev)
{
    for (size_t i = 0; ev->arg_strings && i < ev->nargs; i++)
        if (ev->arg_strings[i] && knob_in(ev->arg_strings[i]))
            return i;
    return ev->nargs;
}

static char *message_for(const struct ir_event *ev, enum call_class class)
{
    const char *what = class == CALL_FILE      ? "opens the kernel knob tcp_tw_recycle for writing"
                       : class == CALL_COMMAND ? "runs a command that sets the kernel knob "
                                                 "tcp_tw_recycle"
                       : class == CALL_SYSCTL  ? "sets the kernel knob tcp_tw_recycle"
                                               : "is given the kernel knob tcp_tw_recycle and "
                                                 "writes it";
    return xasprintf(
        "'%s()' %s, which was removed in Linux 4.12: it dropped connections from clients "
        "behind NAT, and on current kernels the write fails. Remove it; many short outgoing "
        "connections (client-side TIME_WAIT) are net.ipv4.tcp_tw_reuse's business, and a "
        "server's restart needs SO_REUSEADDR, not a kernel knob.",
        ev->callee, what);
}

static void check_call(const struct rule_context *ctx, const struct ir_event *ev)
{
    size_t arg = knob_argument(ev);
    if (arg == ev->nargs || !ev->callee)
        return;
    const char *text = ev->arg_strings[arg];
    struct site at = SITE_NONE;
    if (!use_writes(ctx, ctx->function, ev, arg, text, MAX_DEPTH, &at))
        return;
    enum call_class class = classify(ev->callee);
    char *message = message_for(ev, class);
    struct finding *f = rule_report(ctx, ev, message, NULL);
    if (at.fn != ctx->function || at.event != ev->id)
        rule_relate(ctx, f, at, "the knob is written here");
    free(message);
}

static void check(const struct rule_context *ctx)
{
    const struct program_function *pf = rule_function(ctx);
    for (uint32_t i = 0; i < pf->fn->nevents; i++)
        if (pf->events[i]->kind == IR_CALL && pf->events[i]->arg_strings)
            check_call(ctx, pf->events[i]);
}

const struct rule rule_sck008 = {
    .id = "SCK008",
    .name = "tw-recycle",
    .level = SC_LEVEL_WARNING,
    .summary = "The program writes the kernel knob tcp_tw_recycle, removed in Linux 4.12.",
    .description =
        "net.ipv4.tcp_tw_recycle made the kernel drop connections whose TCP timestamps went "
        "backwards, which broke clients behind NAT (their timestamps come from different "
        "hosts), and Linux 4.12 removed it. A program that writes /proc/sys/net/ipv4/"
        "tcp_tw_recycle or runs sysctl -w net.ipv4.tcp_tw_recycle=1 fails on current kernels "
        "and harms clients on older ones. Client-side TIME_WAIT pressure is what "
        "net.ipv4.tcp_tw_reuse addresses; a restarting server needs SO_REUSEADDR.",
    .help_text =
        "Why: tcp_tw_recycle dropped connections from clients behind NAT and no longer exists "
        "since Linux 4.12, so the write fails. Fix: remove it. For many short outgoing "
        "connections use net.ipv4.tcp_tw_reuse (a system setting, not the program's); for a "
        "server that must restart while connections sit in TIME_WAIT, set SO_REUSEADDR on the "
        "listening socket before bind(). The rule's page has complete examples.",
    .help_markdown =
        "**Why.** `tcp_tw_recycle` dropped connections from clients behind NAT and was removed "
        "in Linux 4.12, so the write fails on current kernels.\n\n"
        "**Fix.** Remove it. Many short outgoing connections (client-side `TIME_WAIT`) are "
        "`net.ipv4.tcp_tw_reuse`'s business, a system setting; a server that restarts while "
        "connections sit in `TIME_WAIT` needs `SO_REUSEADDR` before `bind()`:\n\n"
        "```c\nint one = 1;\nif (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0)\n"
        "    return -1;\n```\n\n"
        "[Rule documentation](" RULE_HELP_BASE "SCK008.md)",
    .tags = tags,
    .precision = "high",
    .check = check,
};
