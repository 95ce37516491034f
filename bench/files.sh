#!/usr/bin/env bash
# The file connector on one big directory: FILES small JSON lines files (10 users each) beside one big file of
# BIGFILE_MB MiB, one task, Avro converter, embedded worker; the big file alone as the reference. Prints time to first
# record, records/s, peak open file descriptors, heap, and the cost of one listing. See docs/benchmarks-e2e.md,
# "A big directory".
#
#   bench/files.sh [FILES [BIGFILE_MB]]    default 10000 files and 1024 MiB
#   bench/files.sh 1000 64                 a small run
#   JAVA_OPTS="-Dbench.scenarios=dir -Dbench.connector.file.max.open.files=8" bench/files.sh
#   MVN_OPTS=-o bench/files.sh             build offline (dependencies already in ~/.m2)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh

if [[ $# -ge 1 ]]; then JAVA_OPTS="${JAVA_OPTS:-} -Dbench.files=$1"; fi
if [[ $# -ge 2 ]]; then JAVA_OPTS="${JAVA_OPTS:-} -Dbench.bigfile.mb=$2"; fi
bench_run io.github.schemafirst.connect.bench.BigDirectoryBenchmark
