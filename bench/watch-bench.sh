#!/usr/bin/env bash
# Watch mode on the 1M-block lease file (generated as by harvest-bench.sh):
#  1. the CPU cost of a cycle that follows one appended lease, in process (WatchCycleBench), in include
#     mode and in dynamic mode (named started by the bench);
#  2. end to end, lease appended -> name resolving in a real named, in include and dynamic mode
#     (WatchLatencyBench: the daemon jar with --watch against named on 127.0.0.1);
#  3. a burst of 10,000 lease writes in 10 s: every name resolves, harvests counted.
# Usage: bench/watch-bench.sh [CHANGES] [CYCLES]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
changes="${1:-30}"; cycles="${2:-240}"
mvn -B -q -Dstyle.color=never -DskipTests install >&2
(cd harvester-bench && mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile=target/bench.cp) >&2
cp="harvester-bench/target/classes:$(cat harvester-bench/target/bench.cp)"
data="$root/bench-data"; mkdir -p "$data"
file="$data/dhcpd-1000000-300000.leases"
[[ -f "$file" ]] || java -cp "$cp" dev.dhcpharvester.bench.LeaseFileGenerator "$file" 1000000 300000 1
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), $(named -v)"
for mode in include ddns; do
  echo "== one appended lease per cycle, $mode mode (in process, -Xmx1g; include mode without reload)"
  java -Xmx1g -cp "$cp" dev.dhcpharvester.bench.WatchCycleBench "$file" "$data/watch-cycle" "$cycles" "$mode" \
    | grep -v '^append cycle'
done
# the daemon runs at the real clock: the end-to-end runs watch a file of the same shape whose leases
# started over the last day, so that about 170,000 hosts are in force while they run
now_file="$data/dhcpd-1000000-300000-now.leases"
java -cp "$cp" dev.dhcpharvester.bench.LeaseFileGenerator "$now_file" 1000000 300000 1 "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
for mode in include ddns; do
  echo "== end to end, $mode mode"
  java -cp "$cp" dev.dhcpharvester.bench.WatchLatencyBench harvester-cli/target/dhcp-harvester.jar "$now_file" "$mode" "$changes" \
    2> >(grep -v SLF4J >&2)
  echo "== burst of 10,000 lease writes in 10 s, $mode mode"
  java -cp "$cp" dev.dhcpharvester.bench.WatchLatencyBench harvester-cli/target/dhcp-harvester.jar "$now_file" "$mode" burst \
    2> >(grep -v SLF4J >&2)
done
