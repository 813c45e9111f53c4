#!/usr/bin/env bash
# Fault benchmark: what a killed or raced writer leaves behind (issue 10). Not part of the test command.
#
#   bench/faults.sh                      # 8 kill trials per kind (5 kinds: 40), 20 writer trials, 200,000 rows
#   KILLS=20 WRITERS=40 ROWS=500000 bench/faults.sh
#   SEED=42 bench/faults.sh              # repeat a run's random kill moments
#
# Kill trials, per kind (parquet replace, parquet append, DuckDB temp_swap replace, temp_swap append,
# merge): the destination holds OLD; a child JVM writes NEW and is killed (SIGKILL) after a random
# delay between 0 and 1.1 x an uninterrupted write's time. A read through hygge's Home must then see
# OLD or the write's result (append: OLD or OLD+NEW; merge: OLD or OLD merged with NEW), never a mix;
# the next normal run of the write must give exactly its result with nothing left over (staging
# folders, staging tables, files beside the database, DuckDB native libraries in the temp folder).
# Writer trials: two JVMs append to one parquet folder at once, or two flows of one JVM append to
# one DuckDB table at once; every row of each writer that reported success must be there.
# Last line:
#   kill_trials=<n> wrong_after_repair=<n> left_over=<n> writer_trials=<n> rows_lost=<n>
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
KILLS="${KILLS:-8}"
WRITERS="${WRITERS:-20}"
ROWS="${ROWS:-200000}"
WORK="bench/work/faults"
CP_FILE=examples/target/classpath.txt

if [[ ! -f examples/target/hygge-examples-0.1.0-SNAPSHOT.jar || ! -f "$CP_FILE" || -n "${HYGGE_REBUILD:-}" ]]; then
  echo "building hygge..." >&2
  # in the reactor, so hygge's own modules resolve to their build folders' jars (nothing is installed into ~/.m2)
  ./mvnw -q -B -pl examples -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
fi
rm -rf "$WORK"
mkdir -p "$WORK"
exec java --add-opens=java.base/java.nio=ALL-UNNAMED -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "examples/target/hygge-examples-0.1.0-SNAPSHOT.jar:$(cat "$CP_FILE")" \
  dev.hygge.examples.faults.FaultTrials "$WORK" "$KILLS" "$WRITERS" "$ROWS" ${SEED:-}
