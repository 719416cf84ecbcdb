#!/usr/bin/env bash
# Measures a bulk import end to end: rows/s from the POST until the job is completed (every
# message acknowledged by Kafka with acks=all), and the peak memory of the ingestion-service
# process (RSS and PSS from /proc/PID/smaps_rollup, sampled every 0.2 s) while it imports.
#
# Runs its own PostgreSQL and Kafka (the stack's InfraMain) and one ingestion-service on free
# ports of 127.0.0.1, so it does not touch a running ./channelmind stack.
#
# Files: the UCI online-retail file with the online-retail preset, then a generated file ten
# times larger (the same rows repeated, gzip-compressed) to show whether memory stays flat.
#
# Baselines, measured in the same run:
# - input: gunzip and a plain CSV parse of every row of the same file with Python's csv module
#   (no mapping, no Kafka), the cost of only reading the input;
# - raw producer: Kafka's own producer load tool, org.apache.kafka.tools.ProducerPerformance
#   (kafka-producer-perf-test), sending as many records as the measured import published, of the
#   mean size of the import's records, to the same broker with the import producer's settings
#   (acks=all, idempotence, linger.ms=10, batch.size=131072, no compression). It is the cost of
#   only storing the messages, so import / raw producer is the share of Kafka's ceiling reached.
#
# Usage: bench/import-benchmark.sh [path to online-retail.csv.gz]
#   default: ../shared/data/online-retail/online-retail.csv.gz from the repository root
# Environment: CHANNELMIND_BENCH_SKIP_LARGE=1 skips the file ten times larger, and
# CHANNELMIND_BENCH_SKIP_BUILD=1 uses the jars already in ingestion-service/target and stack/target.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
INPUT="${1:-$ROOT/../shared/data/online-retail/online-retail.csv.gz}"
WORK="$(mktemp -d -t channelmind-import-bench.XXXXXX)"
OUT="${CHANNELMIND_BENCH_OUT:-$ROOT/bench/results}"
mkdir -p "$OUT"

if [ ! -f "$INPUT" ]; then
  echo "Input file $INPUT not found; pass the path of online-retail.csv.gz" >&2
  exit 1
fi

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

INFRA_PID=""
SERVICE_PID=""
cleanup() {
  [ -n "$SERVICE_PID" ] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
  [ -n "$INFRA_PID" ] && kill "$INFRA_PID" 2>/dev/null && wait "$INFRA_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ "${CHANNELMIND_BENCH_SKIP_BUILD:-0}" != "1" ]; then
  echo "Building ingestion-service and stack (not measured)"
  (cd "$ROOT" && ./mvnw -B -q -DskipTests -pl ingestion-service,stack -am package)
  "$ROOT/mvnw" -B -q -f "$ROOT/bench/pom.xml" package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
fi
BENCH_CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/classpath.txt")"

KAFKA_PORT="$(free_port)"
CONTROLLER_PORT="$(free_port)"
POSTGRES_PORT="$(free_port)"
SMTP_PORT="$(free_port)"
HTTP_PORT="$(free_port)"

echo "Starting PostgreSQL and Kafka (state in $WORK/state)"
java -Xmx768m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$ROOT/stack/target/channelmind-stack-0.1.0-SNAPSHOT.jar:$ROOT/stack/target/lib/*" \
  io.channelmind.stack.infra.InfraMain --state "$WORK/state" --kafka-port "$KAFKA_PORT" \
  --kafka-controller-port "$CONTROLLER_PORT" --postgres-port "$POSTGRES_PORT" --smtp-port "$SMTP_PORT" \
  --databases ingestion > "$WORK/infra.log" 2>&1 &
INFRA_PID=$!
# Up to 120 s, because Kafka and PostgreSQL start slowly when other builds share the cores.
for _ in $(seq 1 240); do [ -f "$WORK/state/infra.json" ] && break; sleep 0.5; done
[ -f "$WORK/state/infra.json" ] || { echo "Infrastructure did not start; see $WORK/infra.log" >&2; cat "$WORK/infra.log" >&2; exit 1; }

# shellcheck source=bench/bench-keys.sh
source "$ROOT/bench/bench-keys.sh"
bench_keys "$WORK/auth"

echo "Starting ingestion-service on 127.0.0.1:$HTTP_PORT"
java -Xmx1g \
  -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$HTTP_PORT" \
  -Dkafka.bootstrap.servers="127.0.0.1:$KAFKA_PORT" \
  -Dquarkus.datasource.reactive.url="postgresql://127.0.0.1:$POSTGRES_PORT/ingestion" \
  -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:$POSTGRES_PORT/ingestion" \
  -Dingestion.import.spool-directory="$WORK/spool" \
  -jar "$ROOT/ingestion-service/target/quarkus-app/quarkus-run.jar" > "$WORK/service.log" 2>&1 &
SERVICE_PID=$!
BASE="http://127.0.0.1:$HTTP_PORT"
for _ in $(seq 1 240); do curl -sf "$BASE/q/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
curl -sf "$BASE/q/health/ready" >/dev/null || { echo "ingestion-service did not become ready" >&2; tail -50 "$WORK/service.log" >&2; exit 1; }

# Samples the service's RSS and PSS (KiB) into $WORK/peak until killed.
sample_memory() {
  local peak_rss=0 peak_pss=0 rss pss
  while kill -0 "$SERVICE_PID" 2>/dev/null; do
    rss="$(awk '/^Rss:/ { print $2 }' "/proc/$SERVICE_PID/smaps_rollup" 2>/dev/null || echo 0)"
    pss="$(awk '/^Pss:/ { print $2 }' "/proc/$SERVICE_PID/smaps_rollup" 2>/dev/null || echo 0)"
    [ "${rss:-0}" -gt "$peak_rss" ] && peak_rss=$rss
    [ "${pss:-0}" -gt "$peak_pss" ] && peak_pss=$pss
    echo "$peak_rss $peak_pss" > "$WORK/peak"
    sleep 0.2
  done
}

# Imports one file and prints: rows seconds rows/s peak-RSS-MiB peak-PSS-MiB start-RSS-MiB
import_file() {
  local file="$1" start_rss started import_id status job finished
  start_rss="$(awk '/^Rss:/ { print $2 }' "/proc/$SERVICE_PID/smaps_rollup")"
  echo "0 0" > "$WORK/peak"
  sample_memory &
  local sampler=$!
  started="$(date +%s.%N)"
  import_id="$(curl -sf -X POST -H "Authorization: Bearer $BENCH_TOKEN" -H 'Content-Type: text/csv' --data-binary "@$file" \
    "$BASE/api/v1/imports?mapping=online-retail&onError=skip" | python3 -c 'import json, sys; print(json.load(sys.stdin)["importId"])')"
  while true; do
    job="$(curl -sf -H "Authorization: Bearer $BENCH_TOKEN" "$BASE/api/v1/imports/$import_id")"
    status="$(printf '%s' "$job" | python3 -c 'import json, sys; print(json.load(sys.stdin)["status"])')"
    [ "$status" != "queued" ] && [ "$status" != "running" ] && break
    sleep 0.2
  done
  finished="$(date +%s.%N)"
  kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
  printf '%s' "$job" > "$WORK/job-$(basename "$file").json"
  [ "$status" = "completed" ] || { echo "Import $import_id ended as $status: $job" >&2; exit 1; }
  printf '%s' "$job" | python3 -c '
import json, sys
job = json.load(sys.stdin)
started, finished, start_rss = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
peak_rss, peak_pss = (int(v) for v in open(sys.argv[4]).read().split())
seconds = finished - started
print(job["rowsRead"], round(seconds, 2), round(job["rowsRead"] / seconds), peak_rss // 1024, peak_pss // 1024, start_rss // 1024)
' "$started" "$finished" "$start_rss" "$WORK/peak"
}

echo "Baseline: gunzip and csv-parse $INPUT"
BASELINE="$(python3 - "$INPUT" <<'PY'
import csv, gzip, io, sys, time
started = time.monotonic()
rows = 0
with gzip.open(sys.argv[1], "rt", encoding="utf-8", newline="") as text:
    reader = csv.reader(text)
    next(reader)
    for _ in reader:
        rows += 1
seconds = time.monotonic() - started
print(rows, round(seconds, 2), round(rows / seconds))
PY
)"

echo "Warm-up import (not measured)"
import_file "$INPUT" > /dev/null

echo "Importing $INPUT"
SMALL="$(import_file "$INPUT")"

LARGE=""
if [ "${CHANNELMIND_BENCH_SKIP_LARGE:-0}" != "1" ]; then
  echo "Generating a file ten times larger"
  python3 - "$INPUT" "$WORK/online-retail-x10.csv.gz" <<'PY'
import gzip, sys
with gzip.open(sys.argv[1], "rt", encoding="utf-8", newline="") as source:
    header = source.readline()
    body = source.read()
with gzip.open(sys.argv[2], "wt", encoding="utf-8", newline="", compresslevel=1) as target:
    target.write(header)
    for _ in range(10):
        target.write(body)
PY
  echo "Importing the file ten times larger"
  LARGE="$(import_file "$WORK/online-retail-x10.csv.gz")"
fi

# The raw producer baseline sends as many records as the measured import published, of the
# mean size of its customer events (the online-retail preset publishes only those and dead letters).
MESSAGES="$(python3 -c 'import json, sys; job = json.load(open(sys.argv[1])); print(job["customerEvents"] + job["spendEvents"] + job["deadLetterEvents"])' "$WORK/job-$(basename "$INPUT").json")"
RECORD_BYTES="$(java -cp "$BENCH_CP" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn io.channelmind.bench.RecordSizes \
  "127.0.0.1:$KAFKA_PORT" cm.customer-events 5000)"
echo "Raw producer baseline: $MESSAGES records of $RECORD_BYTES bytes"
java -cp "$BENCH_CP" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn org.apache.kafka.tools.ProducerPerformance \
  --topic bench-import-producer --num-records "$MESSAGES" --record-size "$RECORD_BYTES" --throughput -1 \
  --producer-props "bootstrap.servers=127.0.0.1:$KAFKA_PORT" acks=all enable.idempotence=true linger.ms=10 \
  batch.size=131072 compression.type=none > "$WORK/producer.txt"
PRODUCER="$(python3 - "$WORK/producer.txt" "$MESSAGES" "$RECORD_BYTES" "$SMALL" <<'PY'
import re, sys
summary = open(sys.argv[1]).read().strip().splitlines()[-1]
records_per_second = float(re.search(r"([\d.]+) records/sec", summary).group(1))
messages, record_bytes = int(sys.argv[2]), int(sys.argv[3])
import_seconds = float(sys.argv[4].split()[1])
producer_seconds = messages / records_per_second
print(messages, record_bytes, round(records_per_second), round(producer_seconds, 2), round(producer_seconds / import_seconds, 2))
PY
)"

CPU="$(awk -F: '/model name/ { gsub(/^ +/, "", $2); print $2; exit }' /proc/cpuinfo)"
{
  echo "machine: $(nproc) cores, $CPU, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "baseline gunzip+csv (rows seconds rows/s): $BASELINE"
  echo "load average (1, 5, 15 min) at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "import online-retail (rows seconds rows/s peakRSS-MiB peakPSS-MiB startRSS-MiB): $SMALL"
  echo "raw producer (records bytes records/s seconds producer-seconds/import-seconds): $PRODUCER"
  if [ -n "$LARGE" ]; then
    echo "import online-retail x10 (rows seconds rows/s peakRSS-MiB peakPSS-MiB startRSS-MiB): $LARGE"
  fi
} | tee "$OUT/import-benchmark.txt"
