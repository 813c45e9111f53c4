#!/usr/bin/env bash
# Polish benchmark: what each polish: step costs per million rows. The same hygge parquet -> parquet
# flow over the generated ROWS x 8-column benchmark table (as bench/parquet-copy.sh makes it: int64
# id, int32, float64, 10-40 char strings, bool, date, timestamp us UTC, decimal(18,2); 2-6% nulls;
# snappy) runs with no polish (the reference, measured in the same run) and with one step each:
#
#   rename      columns: {remove_special: true, case: pascal}       (every column renamed)
#   hash        hash_ids: [{name: row_hash, from_columns: [id, name, amount, updated_at]}]  (sha256 hex)
#   constants   constants: [{name: source_system, value: crm}], add_row_marker: true
#   timestamps  timestamps: [{name: loaded_at, source: now_utc}]
#   all         all of the above
#
#   bench/polish.sh                      # 10M rows, 3 runs of each step
#   ROWS=2000000 RUNS=5 bench/polish.sh
#   DISCARD=1 bench/polish.sh            # into a Store that drops the batches: the transform's own cost
#
# With parquet written, a step's cost includes writing its columns (a hash id is 64 bytes of
# incompressible hex per row); with DISCARD=1 only the Home's read (the same for every step) and
# the transform remain.
#
# Measured 2026-12-01 (10M rows, RUNS=3, 2 cores shared, load 13-17; a few hundred ms/M is noise):
#   parquet: rename_ms_per_m=-334 hash_ms_per_m=1383 constants_ms_per_m=199 timestamps_ms_per_m=-129 all_ms_per_m=1474 none_s=18.673
#   DISCARD=1: rename_ms_per_m=57 hash_ms_per_m=528 constants_ms_per_m=45 timestamps_ms_per_m=33 all_ms_per_m=719 none_s=2.444
#
# Each copy runs in a JVM of its own (dev.hygge.examples.PolishBench), seconds measured inside it
# around the flow; the steps alternate in order from run to run. A step's cost is its median minus
# the reference's median, per million rows. Last line:
#   rename_ms_per_m=… hash_ms_per_m=… constants_ms_per_m=… timestamps_ms_per_m=… all_ms_per_m=… none_s=… rows=…
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
ROWS="${ROWS:-10000000}"
RUNS="${RUNS:-3}"
JAVA_OPTS="${JAVA_OPTS:--Xmx512m}"
WORK="bench/work/polish"
JAR=examples/target/hygge-examples-0.1.0-SNAPSHOT.jar
CP_FILE=examples/target/classpath.txt

if [[ ! -f "$JAR" || ! -f "$CP_FILE" || -n "${HYGGE_REBUILD:-}" ]] || ! unzip -l "$JAR" | grep -q PolishBench; then
  echo "building hygge (package, nothing installed)..." >&2
  ./mvnw -q -B -pl examples -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt
fi
CP="$JAR:$(cat "$CP_FILE")"
[[ -n "${DISCARD:-}" ]] && JAVA_OPTS="$JAVA_OPTS -Dpolish.discard=true"
step() { java --add-opens=java.base/java.nio=ALL-UNNAMED $JAVA_OPTS -cp "$CP" dev.hygge.examples.PolishBench "$@"; }
measure() {
  local log
  log=$(step "$@" 2>&1) || { echo "$log" >&2; echo "step $1 failed" >&2; exit 1; }
  grep '^seconds=' <<<"$log" || { echo "$log" >&2; echo "step $1 printed no result" >&2; exit 1; }
}

mkdir -p "$WORK"
SOURCE="$WORK/source-$ROWS.parquet"
if [[ ! -f "$SOURCE" ]]; then
  echo "generating $SOURCE ($ROWS rows)..." >&2
  step generate "$SOURCE.tmp" "$ROWS" >&2
  mv "$SOURCE.tmp" "$SOURCE"
fi
echo "source: $SOURCE ($(du -m "$SOURCE" | cut -f1) MB), $RUNS runs of each step, JAVA_OPTS=$JAVA_OPTS, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)" >&2

STEPS=(none rename hash constants timestamps all)
declare -A TIMES=()
field() { sed -n "s/.*$1=\([0-9.-]*\).*/\1/p"; }
for ((i = 1; i <= RUNS; i++)); do
  if ((i % 2)); then order=("${STEPS[@]}"); else order=(); for ((j = ${#STEPS[@]} - 1; j >= 0; j--)); do order+=("${STEPS[j]}"); done; fi
  for s in "${order[@]}"; do
    out=$(measure "$s" "$SOURCE" "$WORK/out-$s")
    rows=$(echo "$out" | field rows)
    [[ "$rows" == "$ROWS" ]] || { echo "step $s wrote $rows rows, expected $ROWS" >&2; exit 1; }
    TIMES[$s]="${TIMES[$s]:-} $(echo "$out" | field seconds)"
    echo "run $i $s: $out" >&2
  done
done
median() { printf '%s\n' $@ | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
NONE=$(median ${TIMES[none]})
line=""
for s in rename hash constants timestamps all; do
  m=$(median ${TIMES[$s]})
  echo "$s: median ${m}s (none ${NONE}s), all runs:${TIMES[$s]}" >&2
  line+="${s}_ms_per_m=$(awk -v m="$m" -v n="$NONE" -v r="$ROWS" 'BEGIN {printf "%.0f", (m - n) * 1000 / (r / 1e6)}') "
done
echo "${line}none_s=$NONE rows=$ROWS store=$([[ -n "${DISCARD:-}" ]] && echo discard || echo parquet)"
