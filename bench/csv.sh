#!/usr/bin/env bash
# CSV benchmark: hygge's file Store writing CSV (parquet -> csv) and its file Home reading CSV
# (csv -> parquet), each against DuckDB's own COPY doing the same alone, alternating, on a generated
# ROWS x 8-column table (int64 id, int32, float64, 10-40 char strings, bool, date, timestamp us UTC,
# decimal(18,2); a few percent nulls). It is what chose the engine: DuckDB's read_csv/COPY, which
# hygge runs embedded, against DuckDB alone.
#
#   bench/csv.sh                    # 10M rows, 3 runs each
#   ROWS=1000000 RUNS=5 bench/csv.sh
#
# Builds hygge-parquet's test classes (nothing is installed into ~/.m2) and runs
# dev.hygge.parquet.bench.CsvBench, one JVM per step; seconds are measured inside it around the
# copy (JVM start excluded for both), peak RSS is the JVM's VmHWM. Last two lines:
#   write: hygge_s=<median> duckdb_s=<median> ratio=<hygge/duckdb> hygge_rss_mb=<max> rows=<rows>
#   read:  hygge_s=<median> duckdb_s=<median> ratio=<hygge/duckdb> hygge_rss_mb=<max> rows=<rows>
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
ROWS="${ROWS:-10000000}"
RUNS="${RUNS:-3}"
JAVA_OPTS="${JAVA_OPTS:--Xmx512m}"
WORK="bench/work/csv"
CP_FILE=hygge-parquet/target/bench-classpath.txt

if [[ ! -f "$CP_FILE" || ! -d hygge-parquet/target/test-classes/dev/hygge/parquet/bench || -n "${HYGGE_REBUILD:-}" ]]; then
  echo "building hygge-parquet..." >&2
  ./mvnw -q -B -pl hygge-parquet -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-classpath.txt
fi
# the reactor's modules from their target folders: nothing comes from an installed hygge
CP="hygge-parquet/target/test-classes:hygge-parquet/target/classes:hygge-core/target/classes:hygge-core/target/test-classes:$(cat "$CP_FILE")"
step() { java --add-opens=java.base/java.nio=ALL-UNNAMED $JAVA_OPTS -cp "$CP" dev.hygge.parquet.bench.CsvBench "$@"; }
measure() {
  local log
  log=$(step "$@" 2>&1) || { echo "$log" >&2; echo "step $1 failed" >&2; exit 1; }
  grep '^seconds=' <<<"$log" || { echo "$log" >&2; echo "step $1 printed no result" >&2; exit 1; }
}

mkdir -p "$WORK"
SOURCE="$WORK/source-$ROWS.parquet"
CSV="$WORK/source-$ROWS.csv"
if [[ ! -f "$SOURCE" || ! -f "$CSV" ]]; then
  echo "generating $SOURCE and $CSV ($ROWS rows)..." >&2
  step generate "$SOURCE" "$ROWS" >&2
fi
echo "source: $SOURCE ($(du -m "$SOURCE" | cut -f1) MB), $CSV ($(du -m "$CSV" | cut -f1) MB), $RUNS runs each," \
  "JAVA_OPTS=$JAVA_OPTS, $(nproc) cores" >&2

field() { sed -n "s/.*$1=\([0-9.-]*\).*/\1/p"; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
for op in write read; do
  HYGGE=(); DUCK=(); RSS=0; rows=0
  for ((i = 1; i <= RUNS; i++)); do
    for tool in $( ((i % 2)) && echo "hygge duckdb" || echo "duckdb hygge"); do
      ext=""
      if [[ $op == write ]]; then from="$SOURCE"; [[ $tool == duckdb ]] && ext=.csv; to="$WORK/out-$tool$ext"
      else from="$CSV"; [[ $tool == duckdb ]] && ext=.parquet; to="$WORK/in-$tool$ext"; fi
      result=$(measure "$tool-$op" "$from" "$to")
      echo "$op run $i $tool: $result" >&2
      if [[ $tool == hygge ]]; then
        HYGGE+=("$(echo "$result" | field seconds)")
        rss=$(echo "$result" | field rss_mb); if ((rss > RSS)); then RSS=$rss; fi
        rows=$(echo "$result" | field rows)
      else
        DUCK+=("$(echo "$result" | field seconds)")
      fi
    done
  done
  [[ "$rows" == "$ROWS" ]] || { echo "hygge $op: $rows rows, expected $ROWS" >&2; exit 1; }
  H=$(median "${HYGGE[@]}"); D=$(median "${DUCK[@]}")
  OUT+=("$op: hygge_s=$H duckdb_s=$D ratio=$(awk -v h="$H" -v d="$D" 'BEGIN {printf "%.2f", h / d}') hygge_rss_mb=$RSS rows=$ROWS")
done
printf '%s\n' "${OUT[@]}"
