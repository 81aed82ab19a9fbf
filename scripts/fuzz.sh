#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for SECONDS each (default 30) and fails if any target
# crashes (a panic, a failed property assertion, a sanitizer report, a timeout or an OOM).
#
#   scripts/fuzz.sh [SECONDS]          every target
#   FUZZ_TARGETS="keys decode" scripts/fuzz.sh 600
#   FUZZ_SANITIZER=none FUZZ_PROFILE=dev scripts/fuzz.sh 20
#       (no AddressSanitizer, unoptimised: a much cheaper first build; what CI uses)
#
# Needs the nightly toolchain (`rustup toolchain install nightly`). cargo-fuzz is installed, pinned,
# into target/tools/cargo-fuzz the first time. Seed corpora are rebuilt from tests/fixtures, spec/
# and codegen/tests/fixtures into fuzz/corpus/<target> (kept between runs, so a long campaign
# continues where the last one stopped). Crash inputs land in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

SECONDS_PER_TARGET="${1:-30}"
CARGO_FUZZ_VERSION=0.13.1
TOOLS="$ROOT/target/tools/cargo-fuzz"
SANITIZER="${FUZZ_SANITIZER:-address}"
BUILD=(--sanitizer "$SANITIZER")
[[ "${FUZZ_PROFILE:-release}" == dev ]] && BUILD+=(--dev)

if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  echo "fuzz.sh: the nightly toolchain is missing (rustup toolchain install nightly)" >&2
  exit 2
fi
if [[ "$("$TOOLS/bin/cargo-fuzz" --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]]; then
  echo "fuzz.sh: installing cargo-fuzz $CARGO_FUZZ_VERSION into $TOOLS"
  cargo install cargo-fuzz --locked --version "$CARGO_FUZZ_VERSION" --root "$TOOLS"
fi
export PATH="$TOOLS/bin:$PATH"

# The fuzz workspace starts from the main lock file, so both build the same dependency versions.
[[ -f fuzz/Cargo.lock ]] || cp Cargo.lock fuzz/Cargo.lock

cd fuzz
TARGETS="${FUZZ_TARGETS:-$(cargo +nightly fuzz list)}"

# ------------------------------------------------------------------------------- seed corpora
seed() { mkdir -p "corpus/$1"; }
sep=$'\xff'
seed keys
for pem in keys/*.pem; do cp "$pem" "corpus/keys/$(basename "$pem")"; done
if command -v openssl >/dev/null 2>&1; then
  openssl pkcs8 -topk8 -nocrypt -in keys/signer_pkcs8.pem -outform DER -out corpus/keys/pkcs8.der
  openssl rsa -in keys/signer_pkcs8.pem -traditional -outform DER -out corpus/keys/pkcs1.der 2>/dev/null
  openssl pkey -pubin -in keys/signer_spki.pem -outform DER -out corpus/keys/spki.der
fi
for target in decode webhook_signed; do
  seed "$target"
  for f in "$ROOT"/tests/fixtures/*/*.json; do
    cp "$f" "corpus/$target/$(basename "$(dirname "$f")")-$(basename "$f")"
  done
done
for target in signature_header webhook emulator; do
  seed "$target"
  for f in "$ROOT"/tests/fixtures/*/*.json; do
    name="$(basename "$(dirname "$f")")-$(basename "$f")"
    {
      printf '/hooks/antom?shop=1%sSANDBOX_FUZZ%s1700000000000%s' "$sep" "$sep" "$sep"
      printf 'algorithm=RSA256,keyVersion=1,signature=AAEC%%2B%%2F%%3D%s' "$sep"
      if [[ $target == webhook ]]; then printf '%s' "$sep"; fi
      cat "$f"
      if [[ $target == emulator ]]; then printf '%sfault-ratelimit-2-x%s4111 1111 1111 1111' "$sep" "$sep"; fi
    } >"corpus/$target/$name"
  done
done
for target in spec_compile diff; do
  seed "$target"
  i=0
  for f in "$ROOT"/spec/*.yaml; do
    { printf "\\x$(printf %02x "$i")"; cat "$f"; } >"corpus/$target/$(basename "$f")"
    i=$((i + 1))
  done
done
seed import
cp "$ROOT"/codegen/tests/fixtures/pages/* corpus/import/

# ------------------------------------------------------------------------------------ the runs
started=$(date +%s)
if [[ -n "${FUZZ_TARGETS:-}" ]]; then
  for target in $TARGETS; do cargo +nightly fuzz build "${BUILD[@]}" "$target"; done
else
  cargo +nightly fuzz build "${BUILD[@]}"
fi
echo "fuzz.sh: built in $(( $(date +%s) - started )) s"
failed=()
corpus_size() { find "corpus/$1" -type f | wc -l; }
stat_of() { # libFuzzer's final stat NAME from a target's log, or "?"
  sed -n "s/^stat::$2: *//p" "target/fuzz-$1.log" | tail -n 1 | grep . || echo "?"
}
for target in $TARGETS; do
  echo "fuzz.sh: $target for ${SECONDS_PER_TARGET} s"
  before=$(corpus_size "$target")
  if ! cargo +nightly fuzz run "${BUILD[@]}" "$target" "corpus/$target" -- \
      -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 2>"target/fuzz-$target.log"; then
    failed+=("$target")
    tail -n 40 "target/fuzz-$target.log" >&2
  fi
  # One line per target for docs/robustness.md: executions, corpus growth, coverage, memory.
  echo "fuzz.sh: result $target: seconds=$SECONDS_PER_TARGET" \
    "execs=$(stat_of "$target" number_of_executed_units)" \
    "execs_per_s=$(stat_of "$target" average_exec_per_sec)" \
    "corpus=$before->$(corpus_size "$target")" \
    "cov=$(grep -o 'cov: [0-9]*' "target/fuzz-$target.log" | tail -n 1 | cut -d' ' -f2)" \
    "peak_rss_mb=$(stat_of "$target" peak_rss_mb)"
done
echo "fuzz.sh: ${#failed[@]} of $(wc -w <<<"$TARGETS") targets failed; total $(( $(date +%s) - started )) s"
if ((${#failed[@]})); then
  echo "fuzz.sh: crashing targets: ${failed[*]} (inputs in fuzz/artifacts/)" >&2
  exit 1
fi
