#!/usr/bin/env bash
# End-to-end throughput: N generated users through the embedded Connect worker (file connector, Avro converter),
# beside the raw producer and Kafka's FileStreamSourceConnector, in one run. See docs/benchmarks-e2e.md.
#
#   bench/e2e.sh [N]                      N users (default 1,000,000)
#   JAVA_OPTS="-Dbench.scenarios=raw,avro" bench/e2e.sh 200000
#   MVN_OPTS=-o bench/e2e.sh              build offline (dependencies already in ~/.m2)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh

bench_run io.github.schemafirst.connect.bench.EndToEndBenchmark "${1:-1000000}"
