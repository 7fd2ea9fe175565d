/*
 * SCK000 unused-suppression: a "sockcheck: ignore[...]" comment that suppressed nothing
 * (like clang-tidy's and Ruff's unused-noqa), so that stale suppressions do not pile up.
 *
 * The rule lives in the registry like any other, so that it can be listed, configured,
 * disabled and documented the same way; but whether a suppression was used is only known
 * once every other rule has reported on the whole program and the suppressions have been
 * matched against those findings. So its per-function check does nothing, and the
 * suppression filter (checker/suppress.c) emits its findings.
 */
#include "rule_api.h"

static const char *const tags[] = {"maintainability", "suppression", NULL};

static void check(const struct rule_context *ctx)
{
    (void)ctx; /* reported by the suppression filter, see above */
}

const struct rule rule_sck000 = {
    .id = "SCK000",
    .name = "unused-suppression",
    .level = SC_LEVEL_NOTE,
    .summary = "A sockcheck suppression comment suppresses nothing.",
    .description =
        "A 'sockcheck: ignore[...]' comment names a rule that reported nothing on the comment's "
        "line or the line below it. The code was fixed or moved, or the comment names the wrong "
        "rule; a stale suppression would silently hide a future finding there.",
    .help_text = "Remove the suppression comment, or the rule ids in it that no longer apply. If "
                 "the finding moved, move the comment to the line of the finding or the line "
                 "above it. The rule's page has examples.",
    .help_markdown =
        "**Why.** A suppression that matches nothing hides nothing today, but it would hide a "
        "future finding on that line without anyone deciding to.\n\n"
        "**Fix.** Remove the comment, or the ids in it that no longer apply:\n\n"
        "```c\nint fd = socket(AF_INET, SOCK_DGRAM, 0); /* sockcheck: ignore[SCK001] was TCP */\n"
        "```\n\nbecomes\n\n```c\nint fd = socket(AF_INET, SOCK_DGRAM, 0);\n```\n\n"
        "[Rule documentation](" RULE_HELP_BASE "SCK000.md)",
    .tags = tags,
    .precision = "very-high",
    .check = check,
};
