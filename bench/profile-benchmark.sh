#!/usr/bin/env bash
# Measures profile-service on synthetic customer events:
# 1. customer events applied to profiles per second by the packaged service, next to a bare
#    KafkaConsumer loop (read and parse each record as JSON) over the same topic in the same run,
#    and the service's peak resident memory;
# 2. the time to create and to re-evaluate (POST /api/v1/segments/{name}/evaluate) three rule
#    segments over all profiles: a trait rule, a feature rule and an event window.
#
# The events go to the topic before the service starts: one identify per profile, the rest
# purchases of random profiles, without product texts (the embedding model has its own
# benchmark, bench/embedding-benchmark.sh). The service's rate counts from the first applied
# batch to the last, read from GET /api/v1/imports/{importId}/progress every 50 ms, so the
# JVM start is not part of it.
#
# The script starts its own Kafka broker and PostgreSQL (the stack's InfraMain) and one
# profile-service on free loopback ports, and stops them at the end.
#
# Usage: bench/profile-benchmark.sh [events] [profiles]   (default 300000 over 100000)
# Environment: CHANNELMIND_BENCH_OUT (bench/results/profile), CHANNELMIND_BENCH_SKIP_BUILD=1 to
# use the jars already built, CHANNELMIND_SERVICE_HEAP (384m, as ./channelmind gives it), and
# BENCH_SERVICE_JVM_OPTS, extra JVM options of the service, for example
# "-XX:StartFlightRecording=filename=bench/results/profile.jfr,settings=profile" to profile it.
# Run it without nice, so it gets the CPU ahead of builds that run at nice 19.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EVENTS="${1:-300000}"
PROFILES="${2:-100000}"
OUT="${CHANNELMIND_BENCH_OUT:-$ROOT/bench/results/profile}"
HEAP="${CHANNELMIND_SERVICE_HEAP:-384m}"
# The purchases fall in the 180 days before this instant; segments are evaluated at it.
AS_OF="2026-01-01T00:00:00Z"
IMPORT_ID="bench-$(date +%s)"
mkdir -p "$OUT"
STATE="$(mktemp -d "${TMPDIR:-/tmp}/channelmind-profile-bench.XXXXXX")"

if [ "${CHANNELMIND_BENCH_SKIP_BUILD:-0}" != "1" ]; then
  echo "Building profile-service, stack and bench/ (not measured)"
  (cd "$ROOT" && ./mvnw -B -q -o -DskipTests -Dchannelmind.native-sources.skip=true \
    -pl profile-service,stack -am package)
  "$ROOT/mvnw" -B -q -o -f "$ROOT/bench/pom.xml" package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt
fi
BENCH_CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/classpath.txt")"
driver() {
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$BENCH_CP" io.channelmind.bench.ProfileLoad "$@"
}

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

RESULT="$OUT/result.txt"
echo "uptime before: $(uptime)" | tee "$RESULT"

java -Xmx768m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$ROOT/stack/target/classes:$ROOT/stack/target/lib/*" io.channelmind.stack.infra.InfraMain \
  --state "$STATE" --kafka-port "$KAFKA_PORT" --kafka-controller-port "$CONTROLLER_PORT" \
  --postgres-port "$POSTGRES_PORT" --smtp-port "$SMTP_PORT" --databases profile \
  > "$OUT/infra.log" 2>&1 &
INFRA_PID=$!
for _ in $(seq 1 240); do
  [ -f "$STATE/infra.json" ] && break
  kill -0 "$INFRA_PID" 2>/dev/null || { echo "InfraMain failed, see $OUT/infra.log" >&2; exit 1; }
  sleep 0.5
done
[ -f "$STATE/infra.json" ] || { echo "Kafka and PostgreSQL did not start within 120 s" >&2; exit 1; }

echo "Producing $EVENTS events over $PROFILES profiles to cm.customer-events (not measured)"
driver produce --bootstrap "127.0.0.1:$KAFKA_PORT" --events "$EVENTS" --profiles "$PROFILES" \
  --import-id "$IMPORT_ID" --as-of "$AS_OF" | tee "$OUT/produce.txt"

echo "Bare KafkaConsumer loop over the same topic"
driver consume --bootstrap "127.0.0.1:$KAFKA_PORT" --events "$EVENTS" | tee "$OUT/consume.txt"

# shellcheck source=bench/bench-keys.sh
source "$ROOT/bench/bench-keys.sh"
bench_keys "$OUT/auth"

# The same JVM options as ./channelmind gives each service. The interval of the rate prior
# refresh is left at its default.
QUARKUS_HTTP_PORT="$HTTP_PORT" QUARKUS_HTTP_HOST=127.0.0.1 \
  KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
  QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$POSTGRES_PORT/profile" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$POSTGRES_PORT/profile" \
  QUARKUS_DATASOURCE_USERNAME=postgres \
  java -Xmx"$HEAP" -XX:+UseSerialGC ${BENCH_SERVICE_JVM_OPTS:-} -jar "$ROOT/profile-service/target/quarkus-app/quarkus-run.jar" \
  > "$OUT/service.log" 2>&1 &
SERVICE_PID=$!

echo "profile-service applying the events"
driver apply --url "http://127.0.0.1:$HTTP_PORT" --import-id "$IMPORT_ID" --events "$EVENTS" \
  --service-pid "$SERVICE_PID" --clock-ticks "$(getconf CLK_TCK)" | tee "$OUT/apply.txt"
curl -sf -H "Authorization: Bearer $BENCH_TOKEN" "http://127.0.0.1:$HTTP_PORT/api/v1/stats" | tee "$OUT/stats.json"
echo

echo "Segments over all profiles"
driver segments --url "http://127.0.0.1:$HTTP_PORT" --as-of "$AS_OF" | tee "$OUT/segments.txt"
echo "peak RSS after the segments: $(sed -n 's/^VmHWM:[[:space:]]*//p' "/proc/$SERVICE_PID/status")" \
  | tee -a "$OUT/segments.txt"

python3 - "$OUT" "$PROFILES" "$HEAP" <<'PY' | tee -a "$RESULT"
import sys
out, profiles, heap = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def read(name):
    return dict(line.strip().split("=", 1) for line in open(f"{out}/{name}") if "=" in line)
produce, consume, apply, segments = read("produce.txt"), read("consume.txt"), read("apply.txt"), read("segments.txt")
bare, service = float(consume["consume.events_per_second"]), float(apply["apply.events_per_second"])
print(f"events: {produce['produce.events']} over {produce['produce.profiles']} profiles, {produce['produce.mean_bytes']} bytes each, {produce['produce.partitions']} partitions")
print(f"bare KafkaConsumer + JSON parse: {bare:10,.0f} events/s ({consume['consume.seconds']} s)")
print(f"profile-service applied:         {service:10,.0f} events/s ({apply['apply.seconds']} s)")
print(f"service / bare consumer:         {service / bare:10.3f}")
print(f"profile-service peak RSS while applying: {apply['apply.peak_rss_mb']} MB (-Xmx{heap})")
cpu, cores = float(apply["apply.service_cpu_seconds"]), int(apply["apply.cores"])
print(f"profile-service CPU while applying: {cpu:.1f} s in {apply['apply.seconds']} s on {cores} cores "
      f"({cpu / float(apply['apply.seconds']):.2f} cores busy on average)")
for name in ("bench-trait", "bench-feature", "bench-window"):
    p = f"segment.{name}"
    create, evaluate = float(segments[p + ".create_seconds"]), float(segments[p + ".evaluate_seconds"])
    print(f"segment {name} ({segments[p + '.rule']}): size {segments[p + '.size']}; "
          f"create {create:.2f} s ({profiles / create:,.0f} profiles/s), "
          f"evaluate {evaluate:.2f} s ({profiles / evaluate:,.0f} profiles/s)")
PY
echo "uptime after: $(uptime)" | tee -a "$RESULT"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" | tee -a "$RESULT"
