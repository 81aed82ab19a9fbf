#!/usr/bin/env bash
# Property-based conformance run: schemathesis drives the emulator from generated/openapi.json,
# every request signed with the merchant key (see scripts/conformance.py for what is checked).
# Installs its pinned tools into target/tools/venv-conformance on first use (PyPI only).
# Bounded: EXAMPLES per operation and mode (default 100, so 200 per operation), derandomized.
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION=4.32.5
CRYPTOGRAPHY_VERSION=46.0.3
EXAMPLES="${EXAMPLES:-100}"
VENV=target/tools/venv-conformance

. scripts/lib/skip.sh
if ! command -v python3 >/dev/null; then
    skip_step conformance "python3 is missing, so schemathesis cannot run; install python3 (Debian: apt-get install python3 python3-venv)"
fi
if ! "$VENV/bin/python" - "$SCHEMATHESIS_VERSION" "$CRYPTOGRAPHY_VERSION" 2>/dev/null <<'PY'
import sys, schemathesis, cryptography
sys.exit(0 if (schemathesis.__version__, cryptography.__version__) == tuple(sys.argv[1:3]) else 1)
PY
then
    echo "conformance: installing schemathesis $SCHEMATHESIS_VERSION into $VENV"
    rm -rf "$VENV"
    if ! python3 -m venv "$VENV"; then
        skip_step conformance "python3 cannot create a virtualenv; install python3-venv"
    fi
    "$VENV/bin/pip" install --quiet --disable-pip-version-check \
        "schemathesis==$SCHEMATHESIS_VERSION" "cryptography==$CRYPTOGRAPHY_VERSION"
fi

cargo build --quiet -p antom-vault-mock --bin antom-vault
work="$(mktemp -d)"
emulator_pid=""
cleanup() {
    if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

target/debug/antom-vault mock --addr 127.0.0.1:0 --notify-speedup 1000000 \
    --write-antom-public-key "$work/antom.pub" \
    --write-merchant-private-key "$work/merchant.key" >"$work/out" 2>&1 &
emulator_pid=$!
base_url=""
for _ in $(seq 1 100); do
    # The emulator creates its output file only once it runs: until then there is nothing to read.
    base_url="$(sed -n 's/^base URL: //p' "$work/out" 2>/dev/null || true)"
    if [ -n "$base_url" ] && [ -s "$work/merchant.key" ]; then break; fi
    sleep 0.1
done
if [ -z "$base_url" ]; then
    echo "conformance: the emulator did not start:" >&2
    cat "$work/out" >&2
    exit 1
fi
client_id="$(sed -n 's/^client id: //p' "$work/out")"

start=$(date +%s)
"$VENV/bin/python" ${PROFILE:+-m cProfile -s cumtime} scripts/conformance.py \
    --openapi generated/openapi.json \
    --base-url "$base_url" \
    --client-id "$client_id" \
    --merchant-private-key "$work/merchant.key" \
    --antom-public-key "$work/antom.pub" \
    --examples "$EXAMPLES"
echo "conformance: finished in $(( $(date +%s) - start )) s"
