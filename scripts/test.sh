#!/usr/bin/env bash
# Runs every test of the workspace: unit, integration, UI (trybuild), doc tests, benches in test
# mode, and the library's tests again on the `ring` crypto backend.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace --all-targets
cargo test --workspace --doc
cargo test -p antom-vault --no-default-features --features ring,codegen --lib --tests
