#!/usr/bin/env bash
# Runs every test of the workspace: unit, integration, UI (trybuild), doc tests, benches in test
# mode, and the library's tests again on the `ring` crypto backend.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace --all-targets
cargo test --workspace --doc
cargo test -p antom-vault --no-default-features --features ring,codegen --lib --tests
# The `axum` feature's extractor (off by default, so named here rather than left to unification).
cargo test -p antom-vault --features axum --test axum_webhook
# The tamper matrix (tests/tamper_matrix.rs), the resolve-unknown tests and the 300-card chaos soak
# (mock/tests/resolve_unknown.rs, mock/tests/soak.rs) are ordinary tests run by the first line;
# scripts/soak.sh runs the long soak and scripts/fuzz.sh the fuzz targets.
# Emulator conformance: schemathesis from generated/openapi.json, every request signed (about a
# minute; installs its pinned tools into target/tools on first use).
bash scripts/conformance.sh
# The buyer pages in headless Chromium (installs Debian's chromium and a pinned playwright-core on
# first use; about a minute after that); screenshots in target/browser-artifacts/.
bash scripts/browser.sh
# The exports with other languages' real generators (openapi-generator and openapi-python-client against the
# emulator, datamodel-code-generator, openapi-typescript + tsc --strict); installs its pinned tools into target/tools once.
scripts/interop.sh
