# Visible skips for the test scripts (the shell side of tests/support/skip.rs). Source it, then
# `skip_step WHO "WHAT is missing; HOW to install it"`: prints a SKIPPED line, appends it to
# $ANTOM_SKIP_LOG (scripts/test.sh counts them) and exits 0; under CI=true, where the project's
# scripts install every tool, it exits 1 instead.
skip_step() {
    local line="SKIPPED $1: $2"
    if [ "${CI:-}" = true ]; then
        echo "$line (CI=true: a missing tool fails the run)" >&2
        exit 1
    fi
    echo "$line" >&2
    if [ -n "${ANTOM_SKIP_LOG:-}" ]; then
        echo "$line" >>"$ANTOM_SKIP_LOG"
    fi
    exit 0
}
