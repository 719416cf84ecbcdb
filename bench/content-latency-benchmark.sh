#!/usr/bin/env bash
# Measures the latency that content-service adds over the language model. WireMock on
# 127.0.0.1 returns every chat completion after a fixed 300 ms. ContentLatency.java sends the
# same number of requests at a fixed concurrency straight to WireMock and then to
# POST /api/v1/copy of the packaged service, and prints p50 and p99 of both and the service's
# CPU time per copy in its measured phase. It does so twice: with all workers starting at once
# (synchronised, so the model's responses come back in waves), and with the workers' first
# requests spread evenly over the model delay (staggered). Each request's start and end go to
# $OUT/times/*.csv.
#
# The service runs from content-service/target/quarkus-app against its own PostgreSQL and
# Kafka (io.channelmind.stack.infra.InfraMain on free ports), so nothing else on the machine
# is touched. Every process this script starts is stopped by its PID at exit.
#
# Usage: bench/content-latency-benchmark.sh [concurrency] [requests per phase]
#   defaults: 200 concurrent requests, 2000 requests per phase, as many warm-up requests as
#   requests per phase (fewer leave JIT compilation in the measured phase).
# Environment:
#   CHANNELMIND_BENCH_WARMUP        warm-up requests per side (the requests per phase)
#   CHANNELMIND_BENCH_TIMEOUT       timeout of each request in seconds (60)
#   CHANNELMIND_BENCH_BUILD         false to use the packaged jars as they are (true)
#   CHANNELMIND_BENCH_ARRIVAL       synchronised, staggered or both (both)
#   CHANNELMIND_BENCH_APP           the quarkus-app directory to run, such as a copy of another
#                                   build's (content-service/target/quarkus-app)
#   CHANNELMIND_BENCH_SERVICE_OPTS  extra JVM options of the service, such as
#                                   -XX:StartFlightRecording=filename=/tmp/content.jfr
# A run in which any request timed out or failed ends with exit status 2 and prints the counts.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONCURRENCY="${1:-200}"
REQUESTS="${2:-2000}"
WARMUP="${CHANNELMIND_BENCH_WARMUP:-$REQUESTS}"
TIMEOUT="${CHANNELMIND_BENCH_TIMEOUT:-60}"
OUT="${CHANNELMIND_BENCH_OUT:-$ROOT/bench/results/content-latency}"
APP="${CHANNELMIND_BENCH_APP:-$ROOT/content-service/target/quarkus-app}"
MODEL_DELAY_MS=300
WIREMOCK_VERSION=3.13.2
WIREMOCK_JAR="$HOME/.m2/repository/org/wiremock/wiremock-standalone/$WIREMOCK_VERSION/wiremock-standalone-$WIREMOCK_VERSION.jar"
rm -rf "$OUT"
mkdir -p "$OUT/wiremock/mappings" "$OUT/state"

# Build first, so that the build is not part of the measurement. stack/target/lib contains the
# infrastructure's dependencies.
if [ "${CHANNELMIND_BENCH_BUILD:-true}" != false ]; then
  (cd "$ROOT" && ./mvnw -o -B -q -DskipTests -Dchannelmind.native-sources.skip=true -pl stack,content-service -am package)
fi
if [ ! -e "$WIREMOCK_JAR" ]; then
  echo "content-latency-benchmark: $WIREMOCK_JAR is missing; run the content-service tests once, which download it" >&2
  exit 1
fi

# shellcheck source=bench/bench-keys.sh
source "$ROOT/bench/bench-keys.sh"
bench_keys "$OUT/auth"

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_for() {
  local what="$1" check="$2" seconds="$3"
  for _ in $(seq 1 "$seconds"); do
    if eval "$check" >/dev/null 2>&1; then
      return 0
    fi
    sleep 1
  done
  echo "content-latency-benchmark: $what did not start within $seconds s; see $OUT/*.log" >&2
  exit 1
}

KAFKA_PORT="$(free_port)"
CONTROLLER_PORT="$(free_port)"
POSTGRES_PORT="$(free_port)"
SMTP_PORT="$(free_port)"
WIREMOCK_PORT="$(free_port)"
SERVICE_PORT="$(free_port)"

java -Xmx768m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$ROOT/stack/target/classes:$ROOT/stack/target/lib/*" \
  io.channelmind.stack.infra.InfraMain --state "$OUT/state" --kafka-port "$KAFKA_PORT" \
  --kafka-controller-port "$CONTROLLER_PORT" --postgres-port "$POSTGRES_PORT" --smtp-port "$SMTP_PORT" \
  --databases content > "$OUT/infra.log" 2>&1 &
PIDS+=($!)

# The stub's copy is a valid SMS with no number, link or claim, so the service accepts it at once.
cat > "$OUT/wiremock/mappings/chat-completions.json" <<'JSON'
{
  "request": {"method": "POST", "url": "/v1/chat/completions"},
  "response": {
    "status": 200,
    "fixedDelayMilliseconds": MODEL_DELAY_MS,
    "headers": {"Content-Type": "application/json"},
    "jsonBody": {
      "id": "chatcmpl-bench", "object": "chat.completion", "created": 1714550400, "model": "bench-model",
      "choices": [{"index": 0, "finish_reason": "stop",
        "message": {"role": "assistant", "content": "{\"subject\": null, \"body\": \"Open online today. Reply STOP to opt out\"}"}}],
      "usage": {"prompt_tokens": 200, "completion_tokens": 20, "total_tokens": 220}
    }
  }
}
JSON
sed -i "s/MODEL_DELAY_MS/$MODEL_DELAY_MS/" "$OUT/wiremock/mappings/chat-completions.json"
java -Xmx512m -jar "$WIREMOCK_JAR" --bind-address 127.0.0.1 --port "$WIREMOCK_PORT" --root-dir "$OUT/wiremock" \
  --no-request-journal --async-response-enabled true --async-response-threads 50 --container-threads 400 \
  --disable-banner > "$OUT/wiremock.log" 2>&1 &
PIDS+=($!)

wait_for "PostgreSQL and Kafka" "test -e '$OUT/state/infra.json'" 120
wait_for "WireMock" "curl -sf -o /dev/null http://127.0.0.1:$WIREMOCK_PORT/__admin/mappings" 60

# The provider rate limit and the identical-brief cache are set out of the way: the first
# would throttle the load, and every request names its own product anyway. WireMock listens on
# loopback, which the egress guard rejects unless it is allow-listed.
OPENAI_BASE_URL="http://127.0.0.1:$WIREMOCK_PORT/v1" OPENAI_API_KEY=bench OPENAI_MODEL=bench-model \
  java -Xmx384m -XX:+UseSerialGC ${CHANNELMIND_BENCH_SERVICE_OPTS:-} \
  -Dquarkus.http.port="$SERVICE_PORT" \
  -Dkafka.bootstrap.servers="127.0.0.1:$KAFKA_PORT" \
  -Dquarkus.datasource.reactive.url="postgresql://127.0.0.1:$POSTGRES_PORT/content" \
  -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:$POSTGRES_PORT/content" \
  "-Dio.channelmind.content.client.ModelGateway/call/RateLimit/value=1000000" \
  -Dchannelmind.content.llm.cache.max-entries=0 \
  -Dchannelmind.egress.allow-list=127.0.0.1 \
  -Dquarkus.log.level=WARN \
  -jar "$APP/quarkus-run.jar" > "$OUT/content-service.log" 2>&1 &
PIDS+=($!)
echo "$!" > "$OUT/content-service.pid"
wait_for "content-service" "curl -sf -o /dev/null http://127.0.0.1:$SERVICE_PORT/q/health/live" 120

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx512m "$ROOT/bench/ContentLatency.java" "http://127.0.0.1:$WIREMOCK_PORT" "http://127.0.0.1:$SERVICE_PORT" \
  "$CONCURRENCY" "$REQUESTS" "$WARMUP" "$TIMEOUT" "$(cat "$OUT/content-service.pid")" "$MODEL_DELAY_MS" "$OUT/times" \
  | tee "$OUT/result.txt"
echo "Load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/result.txt"
