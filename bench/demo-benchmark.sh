#!/usr/bin/env bash
# Measures ./channelmind demo: wall time of each step (from the demo report) and the peak
# memory of the whole stack, summed over every process the stack runs (the launcher, the
# infrastructure JVM with Kafka and SMTP, PostgreSQL and its backends, the five services).
# Memory is the proportional set size (PSS) from /proc/PID/smaps_rollup, sampled every
# 0.5 s, so pages shared between PostgreSQL processes count once.
#
# Baseline, measured in the same run: FileScan, one plain pass over the same input file
# (read and split every line, nothing else).
#
# Usage: bench/demo-benchmark.sh [demo options], for example
#   bench/demo-benchmark.sh
#   bench/demo-benchmark.sh --input ../shared/data/bank-marketing/bank-additional-full.csv --mapping bank-marketing
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${CHANNELMIND_BENCH_OUT:-$ROOT/bench/results}"
mkdir -p "$OUT"
REPORT="$OUT/report.json"
PEAK_FILE="$OUT/peak-pss-kib"
echo 0 > "$PEAK_FILE"

# Build first, so the build is not part of the measurement.
"$ROOT/channelmind" build
"$ROOT/channelmind" down --purge >/dev/null

# Prints the PIDs of processes whose command line mentions the repository, and of all their
# descendants (PostgreSQL backends name no path).
stack_pids() {
  local roots
  roots="$(grep -l -a -F "$ROOT" /proc/[0-9]*/cmdline 2>/dev/null | cut -d/ -f3 | grep -v "^$$\$" || true)"
  [ -z "$roots" ] && return 0
  ps -e -o pid=,ppid= | awk -v roots="$roots" '
    BEGIN { n = split(roots, r, "\n"); for (i = 1; i <= n; i++) keep[r[i]] = 1 }
    { parent[$1] = $2; pids[NR] = $1 }
    END {
      changed = 1
      while (changed) { changed = 0
        for (i in pids) { p = pids[i]; if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; changed = 1 } } }
      for (p in keep) print p
    }'
}

sample() {
  local peak=0 total pid pss
  while true; do
    total=0
    for pid in $(stack_pids); do
      pss="$(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null || true)"
      total=$((total + ${pss:-0}))
    done
    if [ "$total" -gt "$peak" ]; then peak=$total; echo "$peak" > "$PEAK_FILE"; fi
    sleep 0.5
  done
}

sample &
SAMPLER=$!
trap 'kill $SAMPLER 2>/dev/null || true' EXIT

START=$(date +%s%N)
"$ROOT/channelmind" demo --report "$REPORT" "$@" > "$OUT/demo.out" 2>&1
END=$(date +%s%N)
kill $SAMPLER 2>/dev/null || true
wait $SAMPLER 2>/dev/null || true

INPUT="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["input"]["file"])' "$REPORT")"
DELIMITER=","
case "$*" in *bank-marketing*) DELIMITER=";" ;; esac
SCAN="$(java -cp "$ROOT/stack/target/classes" io.channelmind.stack.demo.FileScan "$INPUT" "$DELIMITER")"

python3 - "$REPORT" "$(( (END - START) / 1000000 ))" "$(cat "$PEAK_FILE")" "$SCAN" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
wall_ms, peak_kib, scan = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
scan_ms = max(1, int(scan.split("millis=")[1]))
t = report["timings"]
print(f"input: {report['input']['file']} ({report['import']['rowsAccepted']:,} rows accepted)")
print(f"demo command, start to stop:   {wall_ms / 1000:8.1f} s")
print(f"  main job (import to sends):  {t['totalMillis'] / 1000:8.1f} s")
print(f"  import:                      {t['importMillis'] / 1000:8.1f} s")
print(f"  profiles and channel stats:  {t['profilesMillis'] / 1000:8.1f} s")
print(f"  campaign:                    {t['campaignMillis'] / 1000:8.1f} s")
print(f"baseline, one pass over file:  {scan_ms / 1000:8.3f} s")
print(f"main job / baseline:           {t['totalMillis'] / scan_ms:8.1f}x")
print(f"peak memory, whole stack (PSS): {peak_kib / 1024:7.0f} MiB")
PY
