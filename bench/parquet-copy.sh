#!/usr/bin/env bash
# Parquet copy benchmark: hygge parquet -> parquet on both of its paths, in-engine (the engine's
# choice here: DuckDB copies the Home's splits itself) and through Arrow batches (the general
# Home -> engine -> Store path, forced with arrowPath), against DuckDB's own
# COPY (SELECT * FROM read_parquet(...)) TO ... (FORMAT parquet), alternating,
# on a generated ROWS x 8-column table (int64 id, int32, float64, 10-40 char strings, bool, date,
# timestamp us UTC, decimal(18,2); 2-6% nulls), snappy.
#
#   bench/parquet-copy.sh                    # 10M rows, 5 runs each
#   ROWS=30000000 RUNS=3 bench/parquet-copy.sh
#   CDS=0 bench/parquet-copy.sh              # without class-data-sharing archives
#   WARM=1 bench/parquet-copy.sh             # each JVM copies a tiny file first, untimed
#
# Both tools run with an application class-data-sharing archive (JDK AppCDS) made by a warm-up copy
# of a tiny file, as a deployed JVM service would: it cuts hygge's class loading (~0.5 s of a
# 10M-row copy) and changes nothing for DuckDB's step (measured: 0.41 s either way).
#
# A third step, DuckDB alone through the Arrow data plane (two threads, each: read half the row
# groups with a one-thread DuckDB, export them as an Arrow C stream, COPY them with a second
# one-thread DuckDB; no hygge), shows what moving rows as Arrow batches between two engines costs
# by itself: the line before the last prints it, its ratio to COPY, the Arrow path's time and ratio
# to COPY, and the Arrow path's ratio to the DuckDB-through-Arrow floor.
#
# Each copy runs in a JVM of its own; seconds are measured inside it around the copy (JVM start
# excluded for both), peak RSS is the JVM's VmHWM (the max over both paths). Last two lines:
#   arrow_path_s=<median> arrow_path_ratio=<arrow/duckdb> duckdb_via_arrow_s=<median> via_arrow_ratio=<floor/duckdb> arrow_path_vs_via_arrow=<arrow/floor>
#   hygge_s=<in-engine median> duckdb_s=<median> ratio=<hygge/duckdb> hygge_rss_mb=<max> rows=<rows>
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
ROWS="${ROWS:-10000000}"
RUNS="${RUNS:-5}"
JAVA_OPTS="${JAVA_OPTS:--Xmx512m}"
WORK="bench/work/parquet-copy"
CP_FILE=examples/target/classpath.txt

if [[ ! -f examples/target/hygge-examples-0.1.0-SNAPSHOT.jar || ! -f "$CP_FILE" || -n "${HYGGE_REBUILD:-}" ]]; then
  echo "building hygge..." >&2
  # in the reactor, so hygge's own modules resolve to their build folders' jars (nothing is installed into ~/.m2)
  ./mvnw -q -B -pl examples -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
fi
CP="examples/target/hygge-examples-0.1.0-SNAPSHOT.jar:$(cat "$CP_FILE")"
step() { java --add-opens=java.base/java.nio=ALL-UNNAMED $JAVA_OPTS ${CDS_OPTS[${1%%-*}]:-} -cp "$CP" dev.hygge.examples.ParquetCopyBench "$@"; }
declare -A CDS_OPTS=()
# One measured copy; prints its "seconds=… rows=… rss_mb=…" line, or its whole output and fails.
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
TINY="$WORK/warmup.parquet"
[[ -f "$TINY" ]] || step generate "$TINY" 1000 >/dev/null
if [[ "${CDS:-1}" == 1 ]]; then
  for tool in hygge duckdb; do  # duckdb-arrow shares duckdb's archive (same classes but Arrow's)
    rm -f "$WORK/$tool.jsa"
    CDS_OPTS[$tool]="-XX:ArchiveClassesAtExit=$WORK/$tool.jsa"
    # hygge's archive holds the classes of both of its paths
    step "$([[ $tool == hygge ]] && echo hygge-both || echo "$tool")" "$TINY" "$WORK/warmup-$tool$([[ $tool == duckdb ]] && echo .parquet)" >/dev/null 2>&1
    CDS_OPTS[$tool]="-XX:SharedArchiveFile=$WORK/$tool.jsa"
  done
fi
# WARM=1: each JVM first copies the 1,000-row file untimed (native library loaded, JIT warm), as
# in a run of many tables where start-up is paid once; both tools alike
[[ "${WARM:-0}" == 1 ]] && JAVA_OPTS="$JAVA_OPTS -Dhygge.warmup=$TINY"
echo "source: $SOURCE ($(du -m "$SOURCE" | cut -f1) MB), $RUNS runs each, JAVA_OPTS=$JAVA_OPTS, CDS=${CDS:-1}, WARM=${WARM:-0}, $(nproc) cores" >&2

field() { sed -n "s/.*$1=\([0-9.-]*\).*/\1/p"; }
HYGGE=(); HARROW=(); DUCK=(); ARROW=(); RSS=0
for ((i = 1; i <= RUNS; i++)); do
  for tool in $( ((i % 2)) && echo "hygge duckdb hygge-arrow duckdb-arrow" || echo "duckdb-arrow hygge-arrow duckdb hygge"); do
    if [[ $tool == hygge || $tool == hygge-arrow ]]; then
      out=$(measure "$tool" "$SOURCE" "$WORK/out-$tool")
      if [[ $tool == hygge ]]; then HYGGE+=("$(echo "$out" | field seconds)"); else HARROW+=("$(echo "$out" | field seconds)"); fi
      rss=$(echo "$out" | field rss_mb); ((rss > RSS)) && RSS=$rss
      r=$(echo "$out" | field rows)
      [[ "$r" == "$ROWS" ]] || { echo "hygge ($tool) wrote $r rows, expected $ROWS" >&2; exit 1; }
    elif [[ $tool == duckdb ]]; then
      out=$(measure duckdb "$SOURCE" "$WORK/out-duckdb.parquet")
      DUCK+=("$(echo "$out" | field seconds)")
    else
      out=$(measure duckdb-arrow "$SOURCE" "$WORK/out-arrow")
      ARROW+=("$(echo "$out" | field seconds)")
    fi
    echo "run $i $tool: $out" >&2
  done
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
H=$(median "${HYGGE[@]}"); HA=$(median "${HARROW[@]}"); D=$(median "${DUCK[@]}"); A=$(median "${ARROW[@]}")
echo "load: $(uptime | sed 's/.*load average/load average/')" >&2
echo "arrow_path_s=$HA arrow_path_ratio=$(awk -v h="$HA" -v d="$D" 'BEGIN {printf "%.2f", h / d}') duckdb_via_arrow_s=$A via_arrow_ratio=$(awk -v a="$A" -v d="$D" 'BEGIN {printf "%.2f", a / d}') arrow_path_vs_via_arrow=$(awk -v h="$HA" -v a="$A" 'BEGIN {printf "%.2f", h / a}')"
echo "hygge_s=$H duckdb_s=$D ratio=$(awk -v h="$H" -v d="$D" 'BEGIN {printf "%.2f", h / d}') hygge_rss_mb=$RSS rows=$ROWS"
