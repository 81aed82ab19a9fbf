#!/usr/bin/env bash
# Drives the emulator's hosted card page and 3-D Secure page in headless Chromium
# (mock/tests/browser.rs). Installs Debian's chromium (apt) and a pinned playwright-core (npm, into
# target/tools/browser) on first use; skips with a message only where they cannot be installed.
# Screenshots: target/browser-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."

PLAYWRIGHT_CORE_VERSION=1.65.1
TOOLS="$PWD/target/tools/browser"

. scripts/lib/skip.sh
skip() { skip_step "browser test" "$1; install it (or run as root so that this script can)"; }

if [ ! -x /usr/bin/chromium ]; then
    if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
        echo "browser test: installing Debian's chromium"
        apt-get install -y --no-install-recommends chromium >/dev/null ||
            { apt-get update >/dev/null && apt-get install -y --no-install-recommends chromium >/dev/null; } ||
            skip "chromium could not be installed with apt-get"
    else
        skip "/usr/bin/chromium is missing and apt-get cannot install it here (not root)"
    fi
fi
command -v node >/dev/null || skip "node is not installed"
installed="$(node -p "require('$TOOLS/node_modules/playwright-core/package.json').version" 2>/dev/null || true)"
if [ "$installed" != "$PLAYWRIGHT_CORE_VERSION" ]; then
    command -v npm >/dev/null || skip "npm is not installed"
    echo "browser test: installing playwright-core $PLAYWRIGHT_CORE_VERSION into $TOOLS"
    mkdir -p "$TOOLS"
    printf '{"name":"antom-vault-browser-tools","private":true,"dependencies":{"playwright-core":"%s"}}\n' \
        "$PLAYWRIGHT_CORE_VERSION" >"$TOOLS/package.json"
    (cd "$TOOLS" && npm install --no-audit --no-fund --silent)
fi

ANTOM_BROWSER_TOOLS="$TOOLS" ANTOM_BROWSER_ARTIFACTS="$PWD/target/browser-artifacts" \
    cargo test -q -p antom-vault-mock --test browser -- --nocapture
