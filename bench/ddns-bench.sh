#!/usr/bin/env bash
# Dynamic DNS benchmark: HOSTS new hosts, forward and reverse, into a real named started on
# 127.0.0.1 (all checked resolvable), then an unchanged cycle; RUNS times, each with a fresh named
# in the same JVM. With D2_RATE > 0 (default 400), Kea's kea-dhcp-ddns gets the same hosts first,
# as NameChangeRequests sent at D2_RATE per second. Usage: bench/ddns-bench.sh [HOSTS] [RUNS] [D2_RATE]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -Dstyle.color=never -DskipTests install >&2
(cd harvester-bench && mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile=target/bench.cp) >&2
cp=$(cat harvester-bench/target/bench.cp)
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(named -v)"
java -cp "harvester-bench/target/classes:$cp" dev.dhcpharvester.bench.DdnsBench "${1:-10000}" "${2:-3}" "${3:-400}" 2> >(grep -v SLF4J >&2)
