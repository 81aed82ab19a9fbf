#!/usr/bin/env bash
# Mutation testing (issue 20): cargo-mutants changes the security-critical code one small way at a
# time (a `<` becomes `<=`, a function returns a default, a `!` disappears) and checks that some
# test fails. A "missed" mutant is a change no test notices.
#
#   scripts/mutants.sh                  every file of the security-critical set, one at a time
#   scripts/mutants.sh src/wire.rs ...  only these files
#   scripts/mutants.sh --in-diff FILE   only the mutants on lines that the diff FILE changes,
#                                       within the set (CI: the previous commit's diff)
#
# Installs a pinned cargo-mutants from crates.io into target/tools/cargo-mutants on first use.
# Settings (environment):
#   MUTANTS_JOBS       parallel builds (default 1: each one is a full crate build)
#   MUTANTS_TEST_ARGS  what `cargo test` runs per mutant in the first pass (default `--lib`: the
#                      library's unit tests, one test binary to build). A mutant that pass misses
#                      is tested again with the integration tests that exercise its file (see
#                      `tests_for`), then with every test (`--lib --tests`), before it counts as
#                      missed
#   MUTANTS_TIMEOUT    seconds a mutant's tests may take before it counts as a timeout (default:
#                      cargo-mutants' own, a multiple of the unmutated run's time)
#   MUTANTS_ITERATE=1  re-test only the mutants the previous run of each file did not catch
#                      (cargo-mutants --iterate; keeps target/mutants/<file>/)
#   MUTANTS_SKIP_BASELINE=1  skip the unmutated run (needs MUTANTS_TIMEOUT)
#   MUTANTS_IN_PLACE=1 mutate this tree itself instead of a copy per file (cargo-mutants
#                      --in-place): every file then reuses one incremental build instead of
#                      building the workspace's crates afresh; only in a worktree nobody edits
#                      meanwhile (an interrupted run can leave a mutant behind: `git checkout .`);
#                      one job only
#   MUTANTS_TARGET_DIR where the mutated copies build (default target/, so the dependencies
#                      built by ordinary runs are reused and only the workspace's crates rebuild;
#                      run no other cargo command on it meanwhile: its lock turns waits into timeouts)
# Exclusions of truly equivalent mutants, each with its reason: .cargo/mutants.toml.
# The generated code is mutated in its committed copy, generated/antom_vault.rs, which the crate
# compiles as a module file without the codegen feature (cargo-mutants only reaches files through
# `mod`): its `Validate` impls, the result-code and enum tables (`from_known`, `is_known`) and the
# client-id rule; the rest of it (serde and Debug impls, builders) is exercised by every test.
# Prints one line per file, then the caught / missed / unviable / timeout totals; exits 1 when any
# mutant was missed. A timeout is a mutant under which the tests never finished (a loop such as
# `i += 1` made `i *= 1`): the suite noticed it, as CI would by timing out, so it is not counted as
# missed; each is listed by name so that a person can check it is such a loop and not a slow
# machine (re-run it with a longer MUTANTS_TIMEOUT when in doubt).
# Outcomes per file: target/mutants/<file>/mutants.out/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

CARGO_MUTANTS_VERSION=27.1.0
TOOLS="$ROOT/target/tools/cargo-mutants"
MUTANTS="$TOOLS/bin/cargo-mutants"
JOBS="${MUTANTS_JOBS:-1}"
ALL_TESTS="--lib --tests"
export CARGO_TARGET_DIR="${MUTANTS_TARGET_DIR:-$ROOT/target}"

# The code whose mistakes would be security or money bugs.
SET=(
    src/signing.rs src/signing/backend_aws_lc.rs src/signing/backend_ring.rs
    src/keys.rs src/keys/der.rs src/keys/set.rs
    src/webhook.rs src/webhook/guard.rs src/webhook/axum.rs
    src/redact.rs src/wire.rs src/wire/fast.rs src/validate.rs src/retry.rs
    src/client/resolve.rs src/client/response.rs
    generated/antom_vault.rs
)
GENERATED=generated/antom_vault.rs
# Of the generated code, the functions whose mistakes would be security or money bugs.
GENERATED_RE='Validate for|from_known|is_known|is_well_formed_client_id'
# Every test but the one that compares the committed copy with the generator's output (it fails
# on any change to the file, so it would "catch" every mutant there without testing anything).
all_tests_for() {
    if [ "$1" != "$GENERATED" ]; then echo "$ALL_TESTS"; return; fi
    local t args="--lib"
    for t in tests/*.rs; do
        t="$(basename "$t" .rs)"
        case "$t" in generated_fresh | axum_webhook) ;; *) args="$args --test $t" ;; esac
    done
    echo "$args"
}

# The features a file is compiled with: the ring backend only exists without aws-lc-rs, and the
# axum extractor only with its feature (a file that is not compiled would show every mutant as
# missed).
features_for() {
    case "$1" in
        src/signing/backend_ring.rs) echo "--no-default-features --features ring,codegen" ;;
        src/webhook/axum.rs) echo "--features axum" ;;
        "$GENERATED") echo "--no-default-features --features aws-lc-rs,schemars" ;;
        *) echo "" ;;
    esac
}

# The tests that exercise a file. Fewer test binaries to build per mutant makes a run several
# times faster; a narrower set can only miss more mutants, never fewer, and every mutant it misses
# is tested again with all tests.
tests_for() {
    case "$1" in
        src/signing.rs | src/signing/* | src/keys.rs | src/keys/*)
            echo "--lib --test signatures --test tamper_matrix --test client --test webhook_service" ;;
        src/webhook/axum.rs) echo "--lib --test axum_webhook --test webhook_service" ;;
        src/webhook.rs | src/webhook/*)
            echo "--lib --test webhook_service --test tamper_matrix --test signatures" ;;
        src/redact.rs) echo "--lib --test sensitive_data --test tracing --test card_token" ;;
        src/client/*) echo "--lib --test client --test deadlines --test http_client" ;;
        src/wire.rs)
            echo "--lib --test inbound_leniency --test fixtures_roundtrip --test generated_types" ;;
        src/wire/fast.rs) echo "--lib --test fast_decode --test fast_decode_kinds --test inbound_leniency" ;;
        "$GENERATED")
            echo "--lib --test generated_rules --test generated_types --test service_facts" ;;
        *) all_tests_for "$1" ;;
    esac
}

diff_file=""
files=()
if [ "${1:-}" = "--in-diff" ]; then
    diff_file="$(realpath "${2:?--in-diff needs a diff file}")"
    for f in "${SET[@]}"; do
        if ! grep -q "^+++ b/$f\$" "$diff_file"; then continue; fi
        if [ "$f" = "$GENERATED" ]; then
            # cargo-mutants matches a diff to no mutant of a file the crate reaches through `..`.
            echo "mutants: $f changed; its mutants are not matched to a diff: run" \
                "scripts/mutants.sh $f (about 25 minutes)"
            continue
        fi
        files+=("$f")
    done
elif [ $# -gt 0 ]; then
    files=("$@")
else
    files=("${SET[@]}")
fi
# A full run builds each mutant without debug information: linking the test binaries is then a
# few times faster (about 8 s a mutant instead of 20). The dependencies are built once more for
# that profile, which a run over a few lines of a diff (CI) would not win back, so --in-diff keeps
# the profile that the rest of CI has already built.
if [ -z "$diff_file" ]; then export CARGO_PROFILE_DEV_DEBUG="${CARGO_PROFILE_DEV_DEBUG:-0}"; fi
if [ ${#files[@]} -eq 0 ]; then
    echo "mutants: no file of the security-critical set changed; nothing to mutate"
    exit 0
fi

# Installed only when there is something to mutate (CI's step is a no-op for most commits).
if [ "$("$MUTANTS" mutants --version 2>/dev/null || true)" != "cargo-mutants $CARGO_MUTANTS_VERSION" ]; then
    echo "mutants: installing cargo-mutants $CARGO_MUTANTS_VERSION into $TOOLS"
    cargo install --locked --quiet --version "$CARGO_MUTANTS_VERSION" --root "$TOOLS" cargo-mutants
fi

count() { # outcome-file -> number of mutants in it
    if [ -f "$1" ]; then grep -c . "$1" || true; else echo 0; fi
}

total_caught=0 total_missed=0 total_unviable=0 total_timeout=0
for f in "${files[@]}"; do
    out="$ROOT/target/mutants/${f//\//_}"
    if [ -z "${MUTANTS_ITERATE:-}" ]; then rm -rf "$out"; fi
    mkdir -p "$out"
    args=(mutants --package antom-vault --output "$out" --no-shuffle --colors never)
    if [ -n "${MUTANTS_IN_PLACE:-}" ]; then args+=(--in-place); else args+=(--jobs "$JOBS"); fi
    if [ "$f" = "$GENERATED" ]; then
        # The crate reaches it as src/../generated/antom_vault.rs.
        args+=(--file "**/$f" --re "$GENERATED_RE")
    else
        args+=(--file "$f")
    fi
    if [ -n "${MUTANTS_TIMEOUT:-}" ]; then args+=(--timeout "$MUTANTS_TIMEOUT"); fi
    if [ -n "$diff_file" ]; then args+=(--in-diff "$diff_file"); fi
    if [ -n "${MUTANTS_SKIP_BASELINE:-}" ]; then args+=(--baseline skip); fi
    # shellcheck disable=SC2207 # word lists of cargo arguments
    args+=($(features_for "$f"))
    run_pass() { # extra cargo-mutants args, then cargo test args
        local status=0 extra="$1" tests="$2"
        # The test selection goes to the build as well as to the test run (`--cargo-arg`): what
        # follows `--` reaches only `cargo test`, and the build would then compile every test
        # binary, example and bench for each mutant.
        local selection=() arg
        # shellcheck disable=SC2086 # lists of arguments
        for arg in $tests; do selection+=("--cargo-arg=$arg"); done
        # shellcheck disable=SC2086
        "$MUTANTS" "${args[@]}" $extra "${selection[@]}" >"$out/pass.txt" 2>&1 || status=$?
        cat "$out/pass.txt" >>"$out/log.txt"
        # A diff that touches only lines without mutants (comments, docs, imports).
        if [ "$status" -eq 0 ] && grep -q "No mutants to filter" "$out/pass.txt"; then
            mkdir -p "$out/mutants.out"
            echo '{"outcomes": []}' >"$out/mutants.out/outcomes.json"
            return
        fi
        # cargo-mutants exits 0 (all caught), 2 (some missed) or 3 (some timed out) after a full run.
        if [ "$status" -ne 0 ] && [ "$status" -ne 2 ] && [ "$status" -ne 3 ] ||
            [ ! -f "$out/mutants.out/outcomes.json" ]; then
            echo "mutants: $f: cargo-mutants did not finish (exit $status); see $out/log.txt" >&2
            tail -20 "$out/log.txt" >&2
            exit 2
        fi
    }
    results="$out/mutants.out"
    iterate=""
    if [ -n "${MUTANTS_ITERATE:-}" ]; then iterate="--iterate"; fi
    # Passes from the cheapest test set to all tests; each later pass tests only what the one
    # before missed (cargo-mutants --iterate skips what its output directory records as caught).
    # The generated file's rules are tested by integration tests only: no `--lib` pass for it.
    first="--lib"
    if [ "$f" = "$GENERATED" ]; then first="$(tests_for "$f")"; fi
    passes=("${MUTANTS_TEST_ARGS:-$first}")
    for tests in "$(tests_for "$f")" "$(all_tests_for "$f")"; do
        if [ "$tests" != "${passes[${#passes[@]}-1]}" ]; then passes+=("$tests"); fi
    done
    timeouts="$out/timeouts.txt"
    : >"$timeouts"
    caught=0 unviable=0 pass=0
    for tests in "${passes[@]}"; do
        if [ "$pass" -gt 0 ]; then
            if [ ! -s "$results/missed.txt" ]; then break; fi
            echo "mutants: $f: $(count "$results/missed.txt") missed by \`${passes[$pass-1]}\`;" \
                "testing them with \`$tests\`"
            # A timeout stays a timeout: recorded once, not waited for again.
            cat "$results/timeout.txt" >>"$results/previously_caught.txt"
            iterate="--iterate"
        fi
        run_pass "$iterate" "$tests"
        caught=$((caught + $(count "$results/caught.txt")))
        unviable=$((unviable + $(count "$results/unviable.txt")))
        cat "$results/timeout.txt" >>"$timeouts"
        pass=$((pass + 1))
    done
    missed=$(count "$results/missed.txt")
    timeout=$(count "$timeouts")
    echo "mutants: $f: caught $caught, missed $missed, unviable $unviable, timeout $timeout"
    if [ -s "$results/missed.txt" ]; then sed 's/^/  MISSED /' "$results/missed.txt"; fi
    if [ -s "$timeouts" ]; then sed 's/^/  TIMEOUT /' "$timeouts"; fi
    total_caught=$((total_caught + caught))
    total_missed=$((total_missed + missed))
    total_unviable=$((total_unviable + unviable))
    total_timeout=$((total_timeout + timeout))
done
echo "mutants: ${#files[@]} files: caught $total_caught, missed $total_missed, unviable $total_unviable, timeout $total_timeout"
[ "$total_missed" -eq 0 ]
