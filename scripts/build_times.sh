#!/usr/bin/env bash
# Build-time figures of the `antom-vault` package, side by side in one run, each clean build in an
# empty target directory of its own under /tmp (the worktree's target/ is not touched):
#   clean debug and release builds with the default features and with --no-default-features,
#   then an incremental debug rebuild (default features) after touching one spec file.
# Prints a markdown table (wall and CPU time) and the load average before and after.
# Usage: scripts/build_times.sh [ROOT]   (ROOT defaults to /tmp/antom-vault-build-times)
set -euo pipefail
cd "$(dirname "$0")/.."
root="${1:-/tmp/antom-vault-build-times}"
rm -rf "$root"
mkdir -p "$root"

rows=()
measure() { # label, target dir name, cargo args...
  local label="$1" dir="$2"
  shift 2
  local start end cpu
  start=$(date +%s.%N)
  local before_cpu
  before_cpu=$(awk '{print $14+$15+$16+$17}' /proc/$$/stat)
  CARGO_TARGET_DIR="$root/$dir" cargo build -q -p antom-vault "$@"
  end=$(date +%s.%N)
  # CPU time of finished children (cargo and everything it ran), in clock ticks.
  cpu=$(awk -v b="$before_cpu" -v hz="$(getconf CLK_TCK)" '{printf "%.0f", ($14+$15+$16+$17-b)/hz}' /proc/$$/stat)
  rows+=("| $label | $(awk -v s="$start" -v e="$end" 'BEGIN{printf "%.1f s", e-s}') | $cpu s |")
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
measure "clean debug, default features (\`build.rs\` generates from spec/)" default-debug
measure "clean debug, \`--no-default-features\` (types only, committed generated/)" bare-debug --no-default-features
measure "clean release, default features" default-release --release
measure "clean release, \`--no-default-features\`" bare-release --release --no-default-features
touch spec/enums.yaml
measure "incremental debug rebuild after \`touch spec/enums.yaml\` (default features)" default-debug
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| build | wall time | CPU time |"
echo "|---|---|---|"
printf '%s\n' "${rows[@]}"
