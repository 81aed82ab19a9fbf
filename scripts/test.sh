#!/usr/bin/env bash
# Runs every test of the workspace: unit, integration, UI (trybuild), doc tests, benches in test
# mode, and the library's tests again on the `ring` crypto backend.
# A test whose tool or input is missing says SKIPPED (and fails under CI=true, where the project's
# scripts install every tool); the last line sums up what ran and what was skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p target
# Every SKIPPED line of this run (tests/support/skip.rs and the scripts append to it).
export ANTOM_SKIP_LOG="$PWD/target/test-skips.txt"
: >"$ANTOM_SKIP_LOG"
# Every cargo test output of this run, for the summary's counts.
OUTPUT="$PWD/target/test-output.txt"
: >"$OUTPUT"

summary() {
    local status=$?
    local passed ignored skipped
    passed="$(sed -n 's/^test result: .* \([0-9][0-9]*\) passed;.*/\1/p' "$OUTPUT" | awk '{s+=$1} END {print s+0}')"
    ignored="$(sed -n 's/^test result: .* \([0-9][0-9]*\) ignored;.*/\1/p' "$OUTPUT" | awk '{s+=$1} END {print s+0}')"
    skipped="$(grep -c . "$ANTOM_SKIP_LOG" || true)"
    if [ "$skipped" -gt 0 ]; then
        sed 's/^/test.sh: /' "$ANTOM_SKIP_LOG"
    fi
    local verdict="ok"
    [ "$status" -eq 0 ] || verdict="FAILED (exit $status)"
    echo "test.sh: $verdict: ran $passed tests ($ignored ignored) and the conformance, browser and interop scripts; skipped $skipped (listed in target/test-skips.txt)"
}
trap summary EXIT

# Cargo's own output, also kept for the summary.
cargo_test() {
    cargo test "$@" 2>&1 | tee -a "$OUTPUT"
}

# The browser test runs below through scripts/browser.sh, which installs its tools first.
# (criterion's bench harness takes no --skip, so the benches run in test mode on a line of their own).
cargo_test --workspace --lib --bins --tests --examples -- --skip buyer_pages_work_in_headless_chromium
cargo_test --workspace --benches
cargo_test --workspace --doc
cargo_test -p antom-vault --no-default-features --features ring,codegen --lib --tests
# The `axum` feature's extractor (off by default, so named here rather than left to unification).
cargo_test -p antom-vault --features axum --test axum_webhook
# The tamper matrix (tests/tamper_matrix.rs), the resolve-unknown tests and the 300-card chaos soak
# (mock/tests/resolve_unknown.rs, mock/tests/soak.rs) are ordinary tests run by the first line;
# scripts/soak.sh runs the long soak and scripts/fuzz.sh the fuzz targets.
# Emulator conformance: schemathesis from generated/openapi.json, every request signed (about a
# minute; installs its pinned tools into target/tools on first use).
bash scripts/conformance.sh
# The buyer pages in headless Chromium (installs Debian's chromium and a pinned playwright-core on
# first use; about a minute after that); screenshots in target/browser-artifacts/.
bash scripts/browser.sh 2>&1 | tee -a "$OUTPUT"
# The exports with other languages' real generators (openapi-generator and openapi-python-client against the
# emulator, datamodel-code-generator, openapi-typescript + tsc --strict); installs its pinned tools into target/tools once.
scripts/interop.sh
