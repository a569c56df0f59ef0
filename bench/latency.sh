#!/usr/bin/env bash
# Prints the latency Spillway adds over calling the upstream directly (p50/p99, non-streaming and time to first
# stream event), measured against the local Anthropic simulator with interleaved runs.
#   bench/latency.sh [WARMUP] [RUNS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -B -pl proxy-engine -am -DskipTests install >&2
mvn -q -B -pl proxy-engine dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
cp="proxy-engine/target/test-classes:proxy-engine/target/classes:$(cat proxy-engine/target/bench.classpath)"
exec java -Xms256m -cp "$cp" dev.spillway.engine.bench.ProxyLatencyBenchmark "$@"
