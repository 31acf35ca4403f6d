#!/usr/bin/env bash
# Whole-process harvests of one lease file by an earlier commit's build and this checkout's,
# alternating, so that the machine's noise falls on both alike; the fragments must be the same.
# Usage: bench/ab.sh COMMIT RUNS LEASE_FILE [HEAP]
# e.g.   bench/ab.sh 72b47d2 6 bench-data/dnsmasq-1m.leases 256m
# Builds COMMIT in a temporary git worktree (removed on exit) and runs each build through its own
# launcher (bin/dhcp-harvester, its class-data archive made before the timed runs), no verification.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
commit="$1"; runs="$2"; file="$(realpath "$3")"; heap="${4:-256m}"
cd "$root"
old="$(mktemp -d)"; out="$(mktemp -d)"
trap 'git -C "$root" worktree remove --force "$old" >/dev/null 2>&1 || rm -rf "$old"; rm -rf "$out"' EXIT
git worktree add --detach -f "$old" "$commit" >/dev/null 2>&1
for build in "$old" "$root"; do # this checkout's too: a jar older than its sources would be measured
  (cd "$build" && mvn -B -o -q -Dstyle.color=never -DskipTests -pl harvester-cli -am package >&2)
done
for build in "$old" "$root"; do
  "$build/bin/dhcp-harvester" --version >/dev/null # each build's archive, made before the timed runs
done
echo "file: $file; heap: $heap; machine: $(nproc) cores, $(java -version 2>&1 | head -1); $(date +%H:%M)"
for i in $(seq "$runs"); do
  for side in old new; do
    launcher="$root/bin/dhcp-harvester"
    [[ $side == old ]] && launcher="$old/bin/dhcp-harvester"
    { JAVA_OPTS="-Xmx$heap" /usr/bin/time -f "%e %U %S %M" "$launcher" -l "$file" -x /nonexistent \
        -d "$out/$side.inc" --as-of 2026-11-25T12:00:00Z --force >/dev/null || echo "failed" >&2; } 2>>"$out/$side.times"
  done
done
if cmp -s "$out/old.inc" "$out/new.inc"; then echo "fragments: the same"; else echo "fragments: DIFFERENT"; fi
source "$root/bench/timings.sh"
summary "$commit" "$out/old.times"
summary "$(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' with changes')" "$out/new.times"
