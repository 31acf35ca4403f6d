#!/usr/bin/env bash
# Verification benchmark: HOSTS test hosts in a network namespace this script creates, half of
# which answer and half of which silently drop, probed with timeout 1s. Needs root (ip netns).
# It also runs the CORD harvester's way of probing (one `ping -c 1 -w 1` per host, 5 workers)
# over the first CORD_HOSTS of them, in the same run, for the ratio.
# Usage: bench/verify-bench.sh [RUNS] [HOSTS] [CORD_HOSTS]
# Traffic goes only to 198.18.128.0/17 (RFC 2544 benchmark range), routed into the namespace;
# the script checks that route before probing and deletes the namespace on exit.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"; hosts="${2:-10000}"; cord_hosts="${3:-400}"
[[ $(id -u) -eq 0 ]] || { echo "verify-bench: needs root to create a network namespace" >&2; exit 2; }
cd "$root"
mvn -B -q -Dstyle.color=never -DskipTests package >&2
bin/dhcp-harvester --version >/dev/null # the launcher's class-data archive for this jar, made before the timed runs

ns="dhh-bench-$$"; va="dhhb$$a"; vb="dhhb$$b"
cleanup() { ip link del "$va" 2>/dev/null || true; ip netns del "$ns" 2>/dev/null || true; }
trap cleanup EXIT
ip netns add "$ns"
ip link add "$va" type veth peer name "$vb"
ip link set "$vb" netns "$ns"
ip addr add 198.18.0.9/30 dev "$va"; ip link set "$va" up
ip -n "$ns" addr add 198.18.0.10/30 dev "$vb"; ip -n "$ns" link set "$vb" up; ip -n "$ns" link set lo up
ip route add 198.18.128.0/17 via 198.18.0.10 dev "$va"
ip -n "$ns" route add local 198.18.128.0/18 dev lo      # answering half; 198.18.192.0/18 is dropped
for probe in 198.18.128.1 198.18.192.1; do
  ip route get "$probe" | grep -q "dev $va " || { echo "verify-bench: $probe not routed into the namespace" >&2; exit 1; }
done

data="$root/bench-data"; mkdir -p "$data"
leases="$data/verify-$hosts.leases"
awk -v n="$hosts" 'BEGIN {
  for (i = 0; i < n; i++) {
    half = (i % 2 == 0) ? 128 : 192; k = int(i / 2) + 1
    printf "lease 198.18.%d.%d {\n  starts 3 2026/11/25 08:00:00;\n  ends 3 2026/11/25 20:00:00;\n", half + int(k / 256), k % 256
    printf "  binding state active;\n  hardware ethernet 52:54:00:%02x:%02x:%02x;\n", int(i / 65536), int(i / 256) % 256, i % 256
    printf "  client-hostname \"host-%d\";\n}\n", i
  }
}' > "$leases"
echo "hosts: $hosts in $ns ($((hosts / 2)) answering, $((hosts / 2)) silent), timeout 1s, 1 retry"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(fping -v | head -1)"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
walls=(); probes=()
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  bin/dhcp-harvester -l "$leases" -x /nonexistent -d - -y -t 1s --verify-retries 1 \
    --as-of 2026-11-25T12:00:00Z --report "$data/verify-report.json" >/dev/null 2>"$data/verify.err"
  wall=$(( ($(date +%s%N) - start) / 1000000 ))
  probe=$(grep -o '"durationMillis" : [0-9]*' "$data/verify-report.json" | grep -o '[0-9]*$')
  reach=$(grep -o '"reachable" : [0-9]*' "$data/verify-report.json" | grep -o '[0-9]*$')
  echo "run $i: verification ${probe} ms, whole harvest ${wall} ms, reachable ${reach}/${hosts}"
  walls+=("$wall"); probes+=("$probe")
done
ours=$(printf '%s\n' "${probes[@]}" | median)
echo "median: verification $ours ms, whole harvest $(printf '%s\n' "${walls[@]}" | median) ms over $runs runs"

# The CORD harvester's way: ping -c 1 -w 1 per host, 5 worker threads, on the first CORD_HOSTS hosts.
head -n $((cord_hosts * 7)) "$leases" > "$data/verify-cord.leases"
start=$(date +%s%N)
bin/dhcp-harvester -l "$data/verify-cord.leases" -x /nonexistent -d - -y -t 1s --verify-retries 0 -w 5 \
  --verify-method ping --as-of 2026-11-25T12:00:00Z --report "$data/verify-cord.json" >/dev/null 2>"$data/verify-cord.err" \
  || { echo "verify-bench: CORD-way run failed: $(cat "$data/verify-cord.err")" >&2; exit 1; }
cord=$(grep -o '"durationMillis" : [0-9]*' "$data/verify-cord.json" | grep -o '[0-9]*$')
start=$(date +%s%N)
bin/dhcp-harvester -l "$data/verify-cord.leases" -x /nonexistent -d - -y -t 1s --verify-retries 1 \
  --as-of 2026-11-25T12:00:00Z --report "$data/verify-ours-small.json" >/dev/null 2>&1
small=$(grep -o '"durationMillis" : [0-9]*' "$data/verify-ours-small.json" | grep -o '[0-9]*$')
echo "CORD way (ping per host, 5 workers) on $cord_hosts hosts: $cord ms; ours on the same $cord_hosts: $small ms"
echo "CORD way extrapolated to $hosts hosts: $(( cord * hosts / cord_hosts )) ms; ratio to our median: $(( cord * hosts / cord_hosts / (ours > 0 ? ours : 1) ))x"
