# Sourced by the end-to-end benchmark scripts (bench/e2e.sh, bench/files.sh): builds the test classes, writes the
# test classpath to target/bench.classpath, unpacks Apicurio into target/apicurio if needed, then runs a benchmark
# main class in a JVM with -Xmx2g and ${JAVA_OPTS}. MVN_OPTS=-o builds offline.

# bench_run MAIN_CLASS [ARGS...]
bench_run() {
  local main="$1"
  shift
  local mvn_opts=(-q ${MVN_OPTS:-})
  ./mvnw "${mvn_opts[@]}" test-compile
  ./mvnw "${mvn_opts[@]}" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
  if [[ ! -f target/apicurio/apicurio-registry-app-2.6.13.Final-runner.jar ]]; then
    ./mvnw "${mvn_opts[@]}" dependency:unpack@unpack-apicurio
  fi
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  exec java -Xmx2g ${JAVA_OPTS:-} \
    -Dapicurio.runner.dir=target/apicurio \
    -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    "$main" "$@"
}
