/*
 * SCK005 reuse-bad-optval: a reuse setsockopt() whose optval/optlen pair cannot be right
 * (SPEC §2): optlen smaller than sizeof(int), optlen that is the size of a pointer, optval
 * pointing at an object of another size than optlen, or a null optval. The front end
 * evaluates the sizes; this file only compares them, one finding per call naming every
 * problem it has.
 */
#include "reuse_common.h"
#include "rule_api.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdlib.h>

static const char *const tags[] = {"correctness", "network", NULL};

/* Appends "; " between problems. */
static void add_problem(struct strbuf *sb, bool *first)
{
    if (!*first)
        strbuf_puts(sb, "; ");
    *first = false;
}

/* Every problem of the call, as clauses joined by "; "; empty when there is none. */
static void describe(const struct ir_sockopt *so, struct strbuf *sb)
{
    bool first = true;
    if (so->optval_null) {
        add_problem(sb, &first);
        strbuf_puts(sb, "optval is a null pointer");
    }
    if (so->optlen.known && so->optlen.value < REUSE_INT_SIZE) {
        add_problem(sb, &first);
        strbuf_printf(sb, "optlen is %lld, smaller than sizeof(int) (Linux answers EINVAL)",
                      so->optlen.value);
    }
    if (so->optlen_is_pointer_size) {
        add_problem(sb, &first);
        strbuf_puts(sb, "optlen is the size of a pointer, not of the int it points at");
    }
    if (!so->optval_null && so->optval_size.known && so->optlen.known &&
        so->optval_size.value != so->optlen.value) {
        add_problem(sb, &first);
        strbuf_printf(sb, "optval points at an object of %lld byte%s but optlen says %lld",
                      so->optval_size.value, so->optval_size.value == 1 ? "" : "s",
                      so->optlen.value);
    }
}

static void check_call(const struct rule_context *ctx, const struct ir_event *ev)
{
    struct strbuf problems;
    strbuf_init(&problems);
    describe(&ev->sockopt, &problems);
    char *text = strbuf_take(&problems);
    if (text[0]) {
        const char *option = reuse_option_spelling(ev->sockopt.option);
        char *message = xasprintf(
            "setsockopt() of %s is given a bad option value: %s. The kernel refuses the call "
            "or reads other bytes than the int meant, so reuse may not be enabled; pass the "
            "address of an int and its size: int one = 1; setsockopt(fd, SOL_SOCKET, %s, &one, "
            "sizeof one).",
            option, text, option);
        rule_report(ctx, ev, message, ev->sock);
        free(message);
    }
    free(text);
}

static void check(const struct rule_context *ctx)
{
    const struct program_function *pf = rule_function(ctx);
    for (uint32_t i = 0; i < pf->fn->nevents; i++) {
        const struct ir_event *ev = pf->events[i];
        /* At another level the option is someone else's (SCK004 says so); its size rules
         * are that option's. */
        if (reuse_is_reuse_setsockopt(ev) && ev->sockopt.level != IR_LEVEL_OTHER)
            check_call(ctx, ev);
    }
}

const struct rule rule_sck005 = {
    .id = "SCK005",
    .name = "reuse-bad-optval",
    .level = SC_LEVEL_ERROR,
    .summary = "SO_REUSEADDR or SO_REUSEPORT is given an optval/optlen pair that is not an int.",
    .description =
        "SO_REUSEADDR and SO_REUSEPORT take a pointer to an int and sizeof(int). An optlen "
        "smaller than sizeof(int) makes Linux answer EINVAL; an optlen that is the size of a "
        "pointer, or an optval pointing at an object of another size, makes the kernel read "
        "bytes that are not the intended value; a null optval fails. In each case reuse may "
        "never be enabled, and a restarting server fails with EADDRINUSE while connections "
        "of the previous process sit in TIME_WAIT.",
    .help_text =
        "Why: the kernel reads exactly optlen bytes at optval and insists on at least "
        "sizeof(int). sizeof of a pointer, a char or short flag, or NULL break that: the call "
        "fails or sets a value nobody chose. Fix: int one = 1; setsockopt(fd, SOL_SOCKET, "
        "SO_REUSEADDR, &one, sizeof one). The rule's page has complete examples.",
    .help_markdown =
        "**Why.** The kernel reads exactly `optlen` bytes at `optval` and insists on at least "
        "`sizeof(int)`. `sizeof` of a pointer, a `char` or `short` flag, or `NULL` break that: "
        "the call fails with `EINVAL` or sets a value nobody chose, and reuse is not enabled "
        "when the server restarts while connections sit in `TIME_WAIT`.\n\n"
        "**Fix.** Pass the address of an `int` and its size:\n\n"
        "```c\nint one = 1;\nif (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0)\n"
        "    return -1;\n```\n\n"
        "[Rule documentation](" RULE_HELP_BASE "SCK005.md)",
    .tags = tags,
    .precision = "high",
    .check = check,
};
