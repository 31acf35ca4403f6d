#!/usr/bin/env bash
# Whole-process harvests of one lease file under several JAVA_OPTS, alternating, so that the
# machine's noise falls on every configuration alike; then each one's median wall and CPU time.
# Usage: bench/alternate.sh RUNS LEASE_FILE "JAVA_OPTS 1" ["JAVA_OPTS 2" ...]
# e.g.   bench/alternate.sh 8 bench-data/kea-1m.csv "-Xmx256m -XX:+UseG1GC" "-Xmx256m -XX:+UseSerialGC"
# Runs bin/dhcp-harvester (with the launcher's own flags) to a scratch fragment, no verification.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="$1"; file="$2"; shift 2
cd "$root"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
echo "file: $file; machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
for i in $(seq "$runs"); do
  k=0
  for opts in "$@"; do
    k=$((k + 1))
    # a run that fails (out of heap, exit 1) is counted, not left to end the batch
    { JAVA_OPTS="$opts" /usr/bin/time -f "%e %U %S %M" bin/dhcp-harvester -l "$file" -x /nonexistent \
        -d "$out/fragment.inc" --as-of 2026-11-25T12:00:00Z --force >/dev/null || echo "failed" >&2; } 2>>"$out/times.$k"
  done
done
source "$root/bench/timings.sh"
k=0
for opts in "$@"; do
  k=$((k + 1))
  summary "$opts" "$out/times.$k"
done
