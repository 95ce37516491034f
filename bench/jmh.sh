#!/usr/bin/env bash
# Runs the JMH benchmark of the mapping path (src/test/java/io/github/schemafirst/connect/bench).
# One operation is one User record, so the scores are records/s on one core.
#
#   bench/jmh.sh                                 # both schemas, both benchmarks (about 1 minute each)
#   bench/jmh.sh -p schema=json-schema           # one schema
#   bench/jmh.sh -p schema=json-schema -prof gc  # with allocation figures
#   bench/jmh.sh -h                              # every JMH option
#
# MVN_FLAGS overrides the Maven flags (default: -q; add -o to build offline).
set -euo pipefail

cd "$(dirname "$0")/.."
MVN_FLAGS=${MVN_FLAGS:--q}
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

java -cp "target/test-classes:target/classes:$(cat "$classpath_file")" org.openjdk.jmh.Main \
    -rf csv -rff "$result_file" UserMappingBenchmark "$@"

if [[ -s "$result_file" ]]; then
    echo
    echo "Records/s on one core (one op = one User record; ± is the 99.9% confidence half-width):"
    # CSV columns: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: schema"
    awk -F',' 'NR > 1 && $7 == "\"ops/s\"" {
        gsub(/"/, "", $1); gsub(/"/, "", $8); sub(/.*\./, "", $1)
        printf "  %-15s %-12s %12.0f ± %.0f records/s\n", $1, $8, $5, $6
    }' "$result_file"
fi
