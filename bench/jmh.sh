#!/usr/bin/env bash
# Runs the JMH benchmark of the mapping path (src/test/java/io/github/schemafirst/connect/bench).
# One operation is one User record, so the scores are records/s on one core.
#
#   bench/jmh.sh                                 # both schemas, both benchmarks (about 1 minute each)
#   bench/jmh.sh -p schema=json-schema           # one schema
#   bench/jmh.sh -p schema=json-schema -prof gc  # with allocation figures
#   bench/jmh.sh -h                              # every JMH option
#
# BENCHMARKS picks the benchmark classes (a JMH regexp; default: UserMappingBenchmark, e.g.
# BENCHMARKS=JsonSchemaStagesBenchmark for the per-stage split). MVN_FLAGS overrides the Maven flags (default:
# -q; add -o to build offline).
set -euo pipefail

cd "$(dirname "$0")/.."
MVN_FLAGS=${MVN_FLAGS:--q}
BENCHMARKS=${BENCHMARKS:-UserMappingBenchmark}
classpath_file=target/bench-classpath.txt
result_file=target/jmh-result.csv

# shellcheck disable=SC2086 # MVN_FLAGS is a list of flags
./mvnw $MVN_FLAGS -DskipTests test-compile
# shellcheck disable=SC2086
./mvnw $MVN_FLAGS dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"

if [[ ! -s target/test-classes/META-INF/BenchmarkList ]]; then
    echo "target/test-classes/META-INF/BenchmarkList is missing: the JMH annotation processor did not run" >&2
    exit 1
fi

log_file=target/jmh-output.txt
rm -f "$result_file" "$log_file"
java -cp "target/test-classes:target/classes:$(cat "$classpath_file")" org.openjdk.jmh.Main \
    -rf csv -rff "$result_file" "$BENCHMARKS" "$@" | tee "$log_file"

if [[ -s "$result_file" ]]; then
    echo
    echo "Per benchmark (one op = one User record, so ops/s = records/s on one core; ± is the 99.9% CI half-width):"
    # CSV columns: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: schema"
    # Secondary metrics (from -prof) are named benchmark:metric and left out here.
    awk -F',' 'NR > 1 && $1 !~ /:/ {
        gsub(/"/, ""); sub(/.*\./, "", $1)
        unit = ($7 == "ops/s") ? "records/s" : $7
        printf "  %-30s %-12s %12.0f ± %-10.0f %s\n", $1, $8, $5, $6, unit
    }' "$result_file"
fi
if grep -q '\[cpu\]' "$log_file"; then
    echo
    echo "CPU cost on the benchmark thread (independent of how much of a core the run got):"
    grep -o '\[cpu\].*' "$log_file" | sed 's/^\[cpu\]/ /'
fi
