#!/usr/bin/env bash
# Whole-process harvest of a large generated lease file to an include file, no verification.
# Usage: bench/harvest-bench.sh [RUNS] [LEASES] [ADDRESSES]
# Prints each run's wall time and peak RSS, then the median; JAVA_OPTS defaults to -Xmx256m.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"; leases="${2:-1000000}"; addresses="${3:-300000}"
cd "$root"
mvn -B -q -Dstyle.color=never -DskipTests package >&2
bin/dhcp-harvester --version >/dev/null # the launcher's class-data archive for this jar, made before the timed runs
data="$root/bench-data"; mkdir -p "$data"
file="$data/dhcpd-${leases}-${addresses}.leases"
if [[ ! -f "$file" ]]; then
  java -cp harvester-bench/target/harvester-bench-*.jar dev.dhcpharvester.bench.LeaseFileGenerator \
    "$file" "$leases" "$addresses" 1
fi
echo "file: $file ($(du -m "$file" | cut -f1) MB, $leases lease blocks over $addresses addresses)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
export JAVA_OPTS="${JAVA_OPTS:--Xmx256m}"
times=()
for i in $(seq "$runs"); do
  rm -f "$data/bench.inc"
  out=$( { /usr/bin/time -f "%e %M" bin/dhcp-harvester -l "$file" -x /nonexistent -d "$data/bench.inc" \
      --as-of 2026-11-25T12:00:00Z >/dev/null; } 2>&1 | tail -1)
  read -r wall rss <<<"$out"
  echo "run $i: ${wall} s wall, $((rss / 1024)) MB peak RSS (mapped file pages included)"
  times+=("$wall")
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median: " a[int((NR+1)/2)] " s over " NR " runs"}'
