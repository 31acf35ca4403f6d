#!/usr/bin/env bash
# Daemon benchmarks: POST /harvest latency on a 10,000-lease file (include mode, no verification),
# and the idle daemon's resident memory with the launcher's default JVM settings.
# Usage: bench/daemon-bench.sh [REQUESTS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
requests="${1:-50}"
cd "$root"
mvn -B -q -Dstyle.color=never -DskipTests package >&2
data="$root/bench-data"; mkdir -p "$data"
leases="$data/dhcpd-10000-8000.leases"
[[ -f "$leases" ]] || java -cp harvester-bench/target/harvester-bench-*.jar dev.dhcpharvester.bench.LeaseFileGenerator "$leases" 10000 8000 1
port=$((20000 + RANDOM % 20000))
bin/dhcp-harvester -l "$leases" -x /nonexistent -d "$data/daemon.inc" -r 1h -q 0 -e "$port" --force > "$data/daemon.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
echo "file: $leases ($(du -k "$leases" | cut -f1) KB); machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
sleep 5
jpid=$(pgrep -f "dhcp-harvester.jar -l $leases" | head -1)
echo "idle resident memory after the first harvest: $(( $(awk '/VmRSS/ {print $2}' /proc/$jpid/status) / 1024 )) MB (JAVA_OPTS='${JAVA_OPTS:-}')"
times=()
for i in $(seq "$requests"); do
  t=$(curl -s -o /dev/null -w '%{time_total}' -XPOST "http://127.0.0.1:$port/harvest")
  times+=("$(awk -v t="$t" 'BEGIN {printf "%.0f", t * 1000}')")
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "POST /harvest over %d requests, one at a time: median %d ms, p90 %d ms, min %d ms, max %d ms\n", NR, a[int((NR+1)/2)], a[int(NR*0.9)], a[1], a[NR]}'
echo "resident memory right after the requests: $(( $(awk '/VmRSS/ {print $2}' /proc/$jpid/status) / 1024 )) MB"
sleep 20
echo "resident memory after 20 s idle: $(( $(awk '/VmRSS/ {print $2}' /proc/$jpid/status) / 1024 )) MB"
