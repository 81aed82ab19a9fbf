#!/usr/bin/env bash
# The long chaos soak (bench mode): the real client vaults CARDS cards (default 2000) against the
# emulator under random faults (seed SOAK_SEED, fixed by default) and checks every
# vaultingRequestId: 0 lost, 0 duplicated, 0 wrong. Prints the counts per fault kind; docs/robustness.md
# quotes them. `cargo test` runs the same test with 300 cards.
#
#   scripts/soak.sh [CARDS]
#   SOAK_SEED=7 scripts/soak.sh 5000
set -euo pipefail
cd "$(dirname "$0")/.."
SOAK_CARDS="${1:-2000}" cargo test -p antom-vault-mock --test soak -- --nocapture
