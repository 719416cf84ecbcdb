#!/usr/bin/env bash
# Times channel-optimizer's Markov attribution (path file and a generated 1M-row file) and
# budget allocation (5 and 20 channels), each against a baseline measured in the same run.
# See OptimizerBenchmark in channel-optimizer's test sources for the cases and baselines.
#
# Usage: bench/optimizer-benchmark.sh [path file], default ../shared/data/channel-paths/path-data.csv
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PATH_FILE="${1:-$ROOT/../shared/data/channel-paths/path-data.csv}"
CLASSPATH_FILE="$ROOT/channel-optimizer/target/bench-classpath.txt"

cd "$ROOT"
# One invocation, so the reactor modules resolve to their target/classes folders. Every module
# writes the file in turn and channel-optimizer, built last, writes it last.
./mvnw -q -o -pl channel-optimizer -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$CLASSPATH_FILE" -Dmdep.includeScope=test >/dev/null

java -Xmx2g -cp "channel-optimizer/target/test-classes:channel-optimizer/target/classes:$(cat "$CLASSPATH_FILE")" \
  io.channelmind.optimizer.bench.OptimizerBenchmark "$PATH_FILE"
