#!/usr/bin/env bash
# Measures how fast automation-service sends a campaign into the stack's SMTP server
# (GreenMail, io.channelmind.stack.infra.InfraMain), next to a plain SMTP client loop into the
# same server in the same run, and the peak RSS of the service for two campaign sizes.
#
# SendingLoad.java serves profile-service's segment API and content-service's copy API from one
# stub process, runs the raw-socket SMTP baselines, and drives each campaign through the REST
# API. The `mime` baseline writes the same message as the service (same parts, links and
# headers, encoded by the same Vert.x mail encoder). Both sides then cost the server the same
# per message. The `text` baseline, a short text/plain message, shows the server's own ceiling. For each size a fresh automation-service JVM runs from automation-service/target/quarkus-app
# against its own database, so its peak RSS (VmHWM from /proc/PID/status) belongs to that
# campaign alone. Every process this script starts is stopped by its PID at exit.
#
# The SMTP server runs in sink mode (InfraMain --smtp-mode sink, see MailServer.sink). GreenMail
# still runs the whole SMTP dialogue and parses and stores every message. But it delivers every
# recipient to one inbox that it empties every 500 ms, and writes no .eml files. So the server
# keeps no state that grows from one phase to the next: every baseline phase and every campaign
# starts from the same server state, whatever the phases before it sent. Each phase also writes
# to recipients of its own (10,000 new ones each with the defaults). In the default store mode
# (./channelmind up, CHANNELMIND_BENCH_SMTP_MODE=store here) GreenMail creates a mailbox per new
# recipient and scans all of them for each delivery, so later phases pay for the earlier ones.
#
# Usage: bench/sending-benchmark.sh [sizes] [max seconds per campaign] [baseline messages]
#   defaults: "10000 100000", 600 s, 10000 messages; the concurrency of both sides is 8.
# Environment:
#   CHANNELMIND_BENCH_CONCURRENCY=N      connections of the baseline and sends in flight in the
#                                        service (8). Raise quarkus.mailer.max-pool-size to match.
#   CHANNELMIND_BENCH_BASELINES="..."    the baseline shapes to run ("text mime"); "dialogue" adds
#                                        the mime message sent with the Vert.x mail client's
#                                        dialogue (RSET, one write per line), see SendingLoad.java
#   CHANNELMIND_BENCH_WARMUP=N           warm-up messages (0): each baseline JVM first sends N messages,
#                                        and each service JVM first sends a campaign of N members to
#                                        other profiles, before the measured phase. The warm-up lines
#                                        are the cold figures of the same run.
#   CHANNELMIND_BENCH_SMTP_MODE=store    keep every message and a mailbox per recipient, as
#                                        ./channelmind up does, to compare with runs before the
#                                        sink mode existed (sink by default)
#   CHANNELMIND_BENCH_BUILD=false        skip the build (the jars in target/ must be current)
#   CHANNELMIND_BENCH_SERVICE_OPTS="..." extra JVM options for automation-service, for example
#                                        -XX:StartFlightRecording=filename=/tmp/send.jfr,settings=profile
#   CHANNELMIND_BENCH_SERVICE_APP=DIR    the quarkus-app folder to run, by default
#                                        automation-service/target/quarkus-app (to compare a copy of
#                                        an earlier build in the same conditions)
#
# Besides the rates, it prints the CPU time that the service and the PostgreSQL processes used
# during each campaign (utime + stime from /proc/PID/stat), per message sent. Unlike the rates,
# that figure changes little when other processes load the machine. It also prints the CPU time
# of the infrastructure JVM (GreenMail and Kafka) during each loop and each campaign.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZES="${1:-10000 100000}"
MAX_SECONDS="${2:-600}"
BASELINE_MESSAGES="${3:-10000}"
CONCURRENCY="${CHANNELMIND_BENCH_CONCURRENCY:-8}"
WARMUP="${CHANNELMIND_BENCH_WARMUP:-0}"
OUT="${CHANNELMIND_BENCH_OUT:-$ROOT/bench/results/sending}"
rm -rf "$OUT"
mkdir -p "$OUT/state"

# Build first, so that the build is not part of the measurement. stack/target/lib contains the
# infrastructure's dependencies.
if [ "${CHANNELMIND_BENCH_BUILD:-true}" != "false" ]; then
  (cd "$ROOT" && ./mvnw -B -q -DskipTests -pl stack,automation-service -am package)
fi

# SendingLoad.java encodes its MIME baseline with the service's Vert.x mail client jars.
SERVICE_APP="${CHANNELMIND_BENCH_SERVICE_APP:-$ROOT/automation-service/target/quarkus-app}"
SERVICE_LIB="$SERVICE_APP/lib/main"
MAIL_CP="$(ls "$SERVICE_LIB"/io.vertx.vertx-core-*.jar "$SERVICE_LIB"/io.vertx.vertx-mail-client-*.jar \
  "$SERVICE_LIB"/io.netty.netty-*.jar "$SERVICE_LIB"/com.fasterxml.jackson.core.jackson-core-*.jar | paste -sd:)"

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

# CPU seconds (user + system) that the given processes used so far.
cpu_seconds() {
  local total=0 pid
  for pid in "$@"; do
    if [ -r "/proc/$pid/stat" ]; then
      # utime and stime are fields 14 and 15. With the command name cut off (it may contain
      # spaces), they are the 12th and 13th.
      total=$((total + $(sed 's/^.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
    fi
  done
  awk -v ticks="$total" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", ticks / hz}'
}

# The PostgreSQL server of this run (it detaches from InfraMain) and its backends.
postgres_pids() {
  local server
  server="$(pgrep -f -- "-D $OUT/state/postgres" | head -1 || true)"
  if [ -n "$server" ]; then
    echo "$server $(pgrep -d ' ' -P "$server" || true)"
  fi
}

wait_for() {
  local what="$1" check="$2" seconds="$3"
  for _ in $(seq 1 "$seconds"); do
    if eval "$check" >/dev/null 2>&1; then
      return 0
    fi
    sleep 1
  done
  echo "sending-benchmark: $what did not start within $seconds s; see $OUT/*.log" >&2
  exit 1
}

KAFKA_PORT="$(free_port)"
CONTROLLER_PORT="$(free_port)"
POSTGRES_PORT="$(free_port)"
SMTP_PORT="$(free_port)"
STUB_PORT="$(free_port)"
DATABASES=""
# The warm-up campaign writes into the database of the measured campaign, as a running service would.
for size in $SIZES; do
  DATABASES="${DATABASES:+$DATABASES,}automation$size"
done

java -Xmx768m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$ROOT/stack/target/classes:$ROOT/stack/target/lib/*" \
  io.channelmind.stack.infra.InfraMain --state "$OUT/state" --kafka-port "$KAFKA_PORT" \
  --kafka-controller-port "$CONTROLLER_PORT" --postgres-port "$POSTGRES_PORT" --smtp-port "$SMTP_PORT" \
  --databases "$DATABASES" --smtp-mode "${CHANNELMIND_BENCH_SMTP_MODE:-sink}" > "$OUT/infra.log" 2>&1 &
INFRA_PID=$!
PIDS+=($INFRA_PID)
java -Xmx256m -cp "$MAIL_CP" "$ROOT/bench/SendingLoad.java" stub "$STUB_PORT" > "$OUT/stub.log" 2>&1 &
PIDS+=($!)
wait_for "PostgreSQL, Kafka and SMTP" "test -e '$OUT/state/infra.json'" 120
wait_for "the stub" "curl -sf -o /dev/null http://127.0.0.1:$STUB_PORT/api/v1/segments/bench-1" 60

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/result.txt"
echo "SMTP server mode: ${CHANNELMIND_BENCH_SMTP_MODE:-sink}" | tee -a "$OUT/result.txt"
echo "Warm-up: $WARMUP messages per baseline and a campaign of $WARMUP members per service JVM" | tee -a "$OUT/result.txt"
# Two baselines: a short text/plain message, and the same MIME message that the service sends
# for the campaign's copy (text and HTML parts, open pixel, signed links, List-Unsubscribe),
# encoded by the service's own Vert.x mail encoder. The goal's ratio is against the second.
for shape in ${CHANNELMIND_BENCH_BASELINES:-text mime}; do
  infra_before="$(cpu_seconds "$INFRA_PID")"
  java -Xmx256m -cp "$MAIL_CP" "$ROOT/bench/SendingLoad.java" baseline "127.0.0.1:$SMTP_PORT" "$BASELINE_MESSAGES" \
    "$CONCURRENCY" "$shape" "$WARMUP" | tee -a "$OUT/result.txt"
  awk -v a="$infra_before" -v b="$(cpu_seconds "$INFRA_PID")" -v sent="$((BASELINE_MESSAGES + WARMUP))" -v shape="$shape" \
    'BEGIN {printf "CPU during the %s loop and its warm-up: SMTP server and Kafka %.1f s, %.2f ms per message\n",
      shape, b - a, 1000 * (b - a) / sent}' | tee -a "$OUT/result.txt"
done

# Runs one campaign of LABEL (bench or warmup) with MEMBERS members against the service on
# SERVICE_PORT, and prints its rate and the CPU time that the service and PostgreSQL used for it.
run_campaign() {
  local label="$1" members="$2" service_before postgres_before infra_before service_cpu postgres_cpu infra_cpu sent
  service_before="$(cpu_seconds "$SERVICE_PID")"
  infra_before="$(cpu_seconds "$INFRA_PID")"
  postgres_before="$(cpu_seconds $(postgres_pids))"
  java -Xmx256m -cp "$MAIL_CP" "$ROOT/bench/SendingLoad.java" campaign "http://127.0.0.1:$SERVICE_PORT" "$members" \
    "$MAX_SECONDS" "$label" | tee -a "$OUT/result.txt" | tee "$OUT/$label-$members.txt"
  service_cpu="$(awk -v a="$service_before" -v b="$(cpu_seconds "$SERVICE_PID")" 'BEGIN {printf "%.2f", b - a}')"
  postgres_cpu="$(awk -v a="$postgres_before" -v b="$(cpu_seconds $(postgres_pids))" 'BEGIN {printf "%.2f", b - a}')"
  infra_cpu="$(awk -v a="$infra_before" -v b="$(cpu_seconds "$INFRA_PID")" 'BEGIN {printf "%.2f", b - a}')"
  sent="$(sed -n 's/.* with \([0-9]*\) sent.*/\1/p' "$OUT/$label-$members.txt")"
  awk -v service="$service_cpu" -v postgres="$postgres_cpu" -v infra="$infra_cpu" -v sent="${sent:-0}" \
    -v size="$members" -v what="$([ "$label" = warmup ] && echo "warm-up campaign" || echo campaign)" 'BEGIN {
    printf "CPU during the %s-member %s: automation-service %.1f s, PostgreSQL %.1f s, SMTP server and Kafka %.1f s",
      size, what, service, postgres, infra
    if (sent > 0) printf "; per message sent: %.2f ms, %.2f ms and %.2f ms", 1000 * service / sent,
      1000 * postgres / sent, 1000 * infra / sent
    printf "\n" }' | tee -a "$OUT/result.txt"
}

for size in $SIZES; do
  SERVICE_PORT="$(free_port)"
  # shellcheck disable=SC2086 # the extra options are split into words on purpose
  java -Xmx384m -XX:+UseSerialGC ${CHANNELMIND_BENCH_SERVICE_OPTS:-} \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$SERVICE_PORT" \
    -Dkafka.bootstrap.servers="127.0.0.1:$KAFKA_PORT" \
    -Dquarkus.datasource.reactive.url="postgresql://127.0.0.1:$POSTGRES_PORT/automation$size" \
    -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:$POSTGRES_PORT/automation$size" \
    -Dquarkus.mailer.host=127.0.0.1 -Dquarkus.mailer.port="$SMTP_PORT" \
    -Dquarkus.rest-client.profile-service.url="http://127.0.0.1:$STUB_PORT" \
    -Dquarkus.rest-client.content-service.url="http://127.0.0.1:$STUB_PORT" \
    -Dquarkus.rest-client.channel-optimizer.url="http://127.0.0.1:$STUB_PORT" \
    -Dautomation.quiet-hours.start=00:00 -Dautomation.quiet-hours.end=00:00 \
    -Dautomation.send.concurrency="$CONCURRENCY" \
    -Dquarkus.log.level=WARN \
    -jar "$SERVICE_APP/quarkus-run.jar" > "$OUT/automation-service-$size.log" 2>&1 &
  SERVICE_PID=$!
  PIDS+=($SERVICE_PID)
  wait_for "automation-service" "curl -sf -o /dev/null http://127.0.0.1:$SERVICE_PORT/q/health/live" 180
  if [ "$WARMUP" -gt 0 ]; then
    echo "load average before the $WARMUP-member warm-up campaign: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/result.txt"
    run_campaign warmup "$WARMUP"
    if ! grep -q "; completed after" "$OUT/warmup-$WARMUP.txt"; then
      echo "warning: the warm-up campaign did not complete within $MAX_SECONDS s, so its pending rows are sent" \
        "during the measured campaign and take part of its rate" | tee -a "$OUT/result.txt"
    fi
  fi
  echo "load average before the $size-member campaign: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/result.txt"
  run_campaign bench "$size"
  echo "automation-service peak RSS for $size members: $(awk '/VmHWM/ {printf "%.0f MiB", $2 / 1024}' /proc/$SERVICE_PID/status)" \
    | tee -a "$OUT/result.txt"
  kill "$SERVICE_PID"
  wait "$SERVICE_PID" 2>/dev/null || true
done
