#!/bin/sh
# The ifmon benchmark (README, "Benchmark"). Loopback only: it starts its own target server.
#   bench/run.sh [--n 1000] [--concurrency 5] [--latency-ms 50] [--runs 3] [--soak-rounds 0] [--out FILE]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. ./.mvn/find-jdk.sh

echo "bench: building (tests skipped)..." >&2
./mvnw -q -B -DskipTests package -pl monitor-runner,monitor-bench -am

runner_jar=$(ls "$root"/monitor-runner/target/monitor-runner-*.jar | head -n 1)
runner_cp="$runner_jar:$root/monitor-runner/target/lib/*"
bench_cp="$root/monitor-bench/target/classes:$root/monitor-bench/target/lib/*"
exec "$JAVA_HOME/bin/java" -Xmx512m \
    -Dbench.classpath="$bench_cp" \
    -Difmon.classpath="$runner_cp" \
    -Difmon.jvm.options="$root/monitor-runner/src/dist/bin/jvm.options" \
    -cp "$bench_cp" dev.ifmon.bench.Bench "$@"
