#!/usr/bin/env bash
# Measures the tracking API of ingestion-service: sustained events/s with batches of 100 calls
# posted to /v1/batch by several client threads, and the p50/p99 request latency. Each 200
# means Kafka acknowledged every event with acks=all and the messageIds are committed in
# PostgreSQL.
#
# Baseline, measured in the same run against the same broker: Kafka's own producer load tool,
# org.apache.kafka.tools.ProducerPerformance (kafka-producer-perf-test) from kafka-tools, with
# records of the mean size the service produced, acks=all, idempotence on, and the service's
# producer settings (linger.ms=10, batch.size=131072, no compression).
#
# The script builds ingestion-service and bench/, then starts its own Kafka broker and
# PostgreSQL (the stack's InfraMain) and one ingestion-service on free loopback ports, and
# stops all three at the end.
#
# Usage: bench/tracking-benchmark.sh
# Environment: BENCH_CLIENTS (8), BENCH_SECONDS (30), BENCH_WARMUP_SECONDS (10),
# BENCH_CEILING_RECORDS (1000000), CHANNELMIND_BENCH_OUT (bench/results),
# CHANNELMIND_BENCH_SKIP_BUILD=1 to use the jars already built, BENCH_SERVICE_APP, the
# service's quarkus-app folder (ingestion-service/target/quarkus-app), to compare a copy of
# another build, and BENCH_SERVICE_JVM_OPTS, extra JVM options of the service, for example
# "-XX:StartFlightRecording=filename=bench/results/service.jfr,settings=profile" to profile it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${CHANNELMIND_BENCH_OUT:-$ROOT/bench/results}"
CLIENTS="${BENCH_CLIENTS:-8}"
SECONDS_MEASURED="${BENCH_SECONDS:-30}"
WARMUP="${BENCH_WARMUP_SECONDS:-10}"
CEILING_RECORDS="${BENCH_CEILING_RECORDS:-1000000}"
WRITE_KEY="bench-write-key-$(date +%s)"
mkdir -p "$OUT"
STATE="$(mktemp -d "${TMPDIR:-/tmp}/channelmind-tracking-bench.XXXXXX")"

# Build first, so the build is not part of the measurement.
if [ "${CHANNELMIND_BENCH_SKIP_BUILD:-0}" != "1" ]; then
  "$ROOT/mvnw" -q -f "$ROOT/pom.xml" -pl stack,ingestion-service -am package -DskipTests
  "$ROOT/mvnw" -q -f "$ROOT/bench/pom.xml" package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt
fi
BENCH_CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/classpath.txt")"

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
KAFKA_PORT="$(free_port)"
CONTROLLER_PORT="$(free_port)"
POSTGRES_PORT="$(free_port)"
SMTP_PORT="$(free_port)"
HTTP_PORT="$(free_port)"

INFRA_PID=""
SERVICE_PID=""
stop_all() {
  # Only the processes this script started, by their ids.
  [ -n "$SERVICE_PID" ] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
  [ -n "$INFRA_PID" ] && kill "$INFRA_PID" 2>/dev/null && wait "$INFRA_PID" 2>/dev/null || true
  rm -rf "$STATE"
}
trap stop_all EXIT

java -Xmx768m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$ROOT/stack/target/classes:$ROOT/stack/target/lib/*" io.channelmind.stack.infra.InfraMain \
  --state "$STATE" --kafka-port "$KAFKA_PORT" --kafka-controller-port "$CONTROLLER_PORT" \
  --postgres-port "$POSTGRES_PORT" --smtp-port "$SMTP_PORT" --databases ingestion \
  > "$OUT/tracking-infra.log" 2>&1 &
INFRA_PID=$!
for _ in $(seq 1 240); do
  [ -f "$STATE/infra.json" ] && break
  kill -0 "$INFRA_PID" 2>/dev/null || { echo "InfraMain failed, see $OUT/tracking-infra.log" >&2; exit 1; }
  sleep 0.5
done
[ -f "$STATE/infra.json" ] || { echo "Kafka and PostgreSQL did not start within 120 s" >&2; exit 1; }

# shellcheck source=bench/bench-keys.sh
source "$ROOT/bench/bench-keys.sh"
bench_keys "$STATE/auth"

# The same JVM options as ./channelmind gives each service.
QUARKUS_HTTP_PORT="$HTTP_PORT" QUARKUS_HTTP_HOST=127.0.0.1 \
  KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
  QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$POSTGRES_PORT/ingestion" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$POSTGRES_PORT/ingestion" \
  QUARKUS_DATASOURCE_USERNAME=postgres CHANNELMIND_LOCAL_WRITE_KEY="$WRITE_KEY" \
  java -Xmx384m -XX:+UseSerialGC ${BENCH_SERVICE_JVM_OPTS:-} -jar "${BENCH_SERVICE_APP:-$ROOT/ingestion-service/target/quarkus-app}/quarkus-run.jar" \
  > "$OUT/tracking-service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$HTTP_PORT/q/health/ready" > /dev/null && break
  kill -0 "$SERVICE_PID" 2>/dev/null || { echo "ingestion-service failed, see $OUT/tracking-service.log" >&2; exit 1; }
  sleep 0.5
done

echo "Tracking load: $CLIENTS clients, batches of 100, ${WARMUP} s warm-up, ${SECONDS_MEASURED} s measured"
java -cp "$BENCH_CP" io.channelmind.bench.TrackingLoad --url "http://127.0.0.1:$HTTP_PORT" \
  --write-key "$WRITE_KEY" --bootstrap "127.0.0.1:$KAFKA_PORT" --clients "$CLIENTS" --batch-size 100 \
  --warmup-seconds "$WARMUP" --seconds "$SECONDS_MEASURED" --service-pid "$SERVICE_PID" \
  --clock-ticks "$(getconf CLK_TCK)" | tee "$OUT/tracking-load.txt"
RECORD_BYTES="$(sed -n 's/^tracking.record_bytes=//p' "$OUT/tracking-load.txt")"

echo "Kafka producer ceiling: $CEILING_RECORDS records of $RECORD_BYTES bytes"
java -cp "$BENCH_CP" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn org.apache.kafka.tools.ProducerPerformance \
  --topic bench-producer-ceiling --num-records "$CEILING_RECORDS" --record-size "$RECORD_BYTES" \
  --throughput -1 --producer-props "bootstrap.servers=127.0.0.1:$KAFKA_PORT" acks=all \
  enable.idempotence=true linger.ms=10 batch.size=131072 compression.type=none \
  | tee "$OUT/tracking-ceiling.txt"

python3 - "$OUT/tracking-load.txt" "$OUT/tracking-ceiling.txt" "$SECONDS_MEASURED" <<'PY'
import re, sys
load = dict(line.strip().split("=", 1) for line in open(sys.argv[1]) if "=" in line)
summary = open(sys.argv[2]).read().strip().splitlines()[-1]
ceiling = float(re.search(r"([\d.]+) records/sec", summary).group(1))
events = float(load["tracking.events_per_second"])
print(f"tracking API, batches of 100:  {events:10,.0f} events/s  (p50 {load['tracking.p50_ms']} ms, p99 {load['tracking.p99_ms']} ms, {load['tracking.failed_requests']} failed requests)")
print(f"Kafka producer ceiling:        {ceiling:10,.0f} records/s ({load['tracking.record_bytes']} bytes each)")
print(f"tracking / ceiling:            {events / ceiling:10.2f}")
cpu = float(load["tracking.cores"]) * float(sys.argv[3])
print(f"CPU in the measured {sys.argv[3]} s ({cpu:.0f} core-seconds on {load['tracking.cores']} cores): "
      f"service {load['tracking.service_cpu_seconds']} s, load driver {load['tracking.driver_cpu_seconds']} s; "
      f"load average {load['tracking.load_average_before']} before, {load['tracking.load_average_after']} after")
PY
