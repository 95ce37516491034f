#!/usr/bin/env bash
# End-to-end throughput: N generated users through the embedded Connect worker (file connector, Avro converter),
# beside the raw producer and Kafka's FileStreamSourceConnector, in one run. See docs/benchmarks-e2e.md.
#
#   bench/e2e.sh [N]                      N users (default 1,000,000)
#   JAVA_OPTS="-Dbench.scenarios=raw,avro" bench/e2e.sh 200000
#   MVN_OPTS=-o bench/e2e.sh              build offline (dependencies already in ~/.m2)
set -euo pipefail
cd "$(dirname "$0")/.."

records="${1:-1000000}"
mvn_opts=(-q ${MVN_OPTS:-})

./mvnw "${mvn_opts[@]}" test-compile
./mvnw "${mvn_opts[@]}" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
if [[ ! -f target/apicurio/apicurio-registry-app-2.6.13.Final-runner.jar ]]; then
  ./mvnw "${mvn_opts[@]}" dependency:unpack@unpack-apicurio
fi

# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java -Xmx2g ${JAVA_OPTS:-} \
  -Dapicurio.runner.dir=target/apicurio \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.github.schemafirst.connect.bench.EndToEndBenchmark "$records"
