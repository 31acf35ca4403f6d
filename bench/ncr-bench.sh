#!/usr/bin/env bash
# Kea D2 against ours (issue 8): a real kea-dhcp4 with DDNS on, in a network namespace, serves
# perfdhcp clients at RATE new leases a second and sends an NCR for each; kea-dhcp-ddns or our
# daemon (reading the same kea-dhcp-ddns.conf) carries them out into a fresh named on 127.0.0.1.
# Prints names published, dropped, and the time to the final state. Needs root (namespaces).
# Usage: bench/ncr-bench.sh d2|ours RATE LEASES [RUNS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [[ -z "${NO_BUILD:-}" ]]; then
  mvn -B -q -o -Dstyle.color=never -DskipTests install >&2 || mvn -B -q -Dstyle.color=never -DskipTests install >&2
  (cd harvester-bench && mvn -B -q -o -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile=target/bench.cp) >&2
fi
cp=$(cat harvester-bench/target/bench.cp)
# our daemon's JVM as bin/dhcp-harvester starts it in this mode (set NCR_BENCH_JAVA_OPTS= for the default JIT)
export NCR_BENCH_JAVA_OPTS="${NCR_BENCH_JAVA_OPTS--XX:TieredStopAtLevel=1}"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(named -v), kea $(kea-dhcp4 -v)"
java -cp "harvester-bench/target/classes:$cp" dev.dhcpharvester.bench.NcrBench "$root/harvester-cli/target/dhcp-harvester.jar" "$@" \
  2> >(grep -v SLF4J >&2)
