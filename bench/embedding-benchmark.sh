#!/usr/bin/env bash
# Measures interest embeddings per second in profile-service next to a plain loop over the same
# models, in the same JVM and run (profile-service's EmbeddingBenchmarkTest):
# - service: one purchase per distinct product text sent to cm.customer-events, timed until
#   profile-service has applied all of them (Kafka, language detection, batched model calls,
#   the interest space, the database);
# - plain loop: embed(text) of the text's model (bge-small-zh v1.5 or all-MiniLM-L6-v2) for each
#   text of another set of the same size.
# Two thirds of the texts are English descriptions from ../shared/data/online-retail (generated
# names when it is missing) and one third generated Chinese product names. The test's Kafka and
# PostgreSQL run on free ports of 127.0.0.1.
#
# Usage: bench/embedding-benchmark.sh [texts per phase]   (default 1000; 100 warm-up texts)
# Run it without nice, so it gets the CPU ahead of builds that run at nice 19.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TEXTS="${1:-1000}"
OUT="${CHANNELMIND_BENCH_OUT:-$ROOT/bench/results/embedding}"
mkdir -p "$OUT"

echo "uptime before: $(uptime)" | tee "$OUT/result.txt"
# The test goal, so that packaging the service after the test is not part of the run.
(cd "$ROOT" && ./mvnw -B -o -pl profile-service -am test -Dchannelmind.native-sources.skip=true \
    -Dtest=EmbeddingBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -Dprofile.embedding-benchmark=true \
    -Dprofile.embedding-benchmark.texts="$TEXTS" > "$OUT/maven.log" 2>&1) || {
  echo "embedding-benchmark: the Maven run failed; see $OUT/maven.log" >&2
  exit 1
}
grep -m1 -o 'EMBEDDING-BENCHMARK.*' "$OUT/maven.log" | tee -a "$OUT/result.txt"
echo "uptime after: $(uptime)" | tee -a "$OUT/result.txt"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" | tee -a "$OUT/result.txt"
