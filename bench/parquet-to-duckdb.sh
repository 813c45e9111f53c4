#!/usr/bin/env bash
# parquet -> DuckDB table: hygge (a flow into the duckdb Store) on both of its paths, in-engine (the
# engine's choice here: the Store's DuckDB loads the Home's splits with INSERT ... SELECT) and
# through Arrow batches (the general path, rows through the Arrow C stream interface, forced with
# -Dhygge.arrow_path=true), next to DuckDB's own CREATE TABLE ... AS SELECT * FROM read_parquet(...), alternating,
# each run in a fresh JVM into a fresh database file, timed from opening the target database to
# closing it. The input is the parquet benchmark's table (10M rows x 8 columns: int64 id, int32,
# float64, 10-40 char strings, bool, date, timestamp us UTC, decimal(18,2), 2-6% nulls), written
# once as snappy parquet by DuckDB SQL into bench/work/.
#
# A third step, DuckDB alone through one Arrow C stream (read_parquet exported as Arrow into
# CREATE TABLE ... AS SELECT * FROM stream, no hygge), shows what the Arrow data plane costs by
# itself, under any loader that moves rows into DuckDB as Arrow batches: the line before the last
# prints the Arrow path's ratio to CTAS, this floor's, and the Arrow path's ratio to the floor; the
# last line is the in-engine ratio (ratio=...) and the peak RSS of hygge's JVMs.
#
# hygge reads the file with the parquet Home (one stream into the duckdb Store). Set
# HOME_KIND=duckdb to read it through the duckdb Home instead (a query on read_parquet).
# MEMORY_LIMIT=<size> runs hygge with the duckdb Store's memory_limit set to it (80% is DuckDB's own
# default, i.e. the load as it ran before the Store had a default limit).
#
# As in bench/parquet-copy.sh, both tools run with an application class-data-sharing archive
# (JDK AppCDS) made by a warm-up run on a 1,000-row file, as a deployed JVM service would;
# CDS=0 runs without. JVM start is outside the timing for both.
#
# Usage: bench/parquet-to-duckdb.sh [rows] [runs]      (default 10000000 3)
# Builds what it needs (hygge-duckdb and the modules it uses) from a clean clone.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000000}
runs=${2:-3}
work=bench/work
mkdir -p "$work"
mvn_cmd=./mvnw
[ -x "$mvn_cmd" ] || mvn_cmd=mvn
if [[ ! -f hygge-duckdb/target/hygge-duckdb-0.1.0-SNAPSHOT.jar || ! -f "$work/duckdb.cp" || -n "${HYGGE_REBUILD:-}" ]]; then
  echo "building hygge..." >&2
  # in the reactor, so sibling modules resolve to their build folders (nothing is installed into ~/.m2;
  # hygge-duckdb, built last, writes the file last)
  $mvn_cmd -q -B -pl hygge-duckdb -am package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile="$PWD/$work/duckdb.cp" -Dmdep.includeScope=test >/dev/null
fi
# class-data sharing needs jars on the class path, not folders
jar --create --file "$work/hygge-duckdb-bench.jar" -C hygge-duckdb/target/test-classes .
CP="hygge-duckdb/target/hygge-duckdb-0.1.0-SNAPSHOT.jar:$work/hygge-duckdb-bench.jar:$(cat "$work/duckdb.cp")"
declare -A CDS_OPTS=()
run() {
  local tool=$1
  java -Xmx2g --add-opens=java.base/java.nio=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    ${MEMORY_LIMIT:+-Dbench.memory_limit=$MEMORY_LIMIT} \
    ${CDS_OPTS[${tool%%-*}]:-} -cp "$CP" dev.hygge.duckdb.bench.ParquetToDuckDbBench "$@"
}
# One run; prints "<seconds> <peak RSS MB>" (the JVM's VmHWM as the step ends, which the step prints: the high-water
# mark only grows, so nothing needs to poll beside the run; an earlier version polled with pgrep and awk every 0.2 s
# during hygge's runs only, forking ~15 processes a second on the 2 cores while CTAS ran alone)
timed() {
  local out
  out=$(run "$@" 2>&1) || { echo "$out" >&2; echo "step $1 failed" >&2; exit 1; }
  echo "$(sed -n 's/^seconds=\([0-9.]*\).*/\1/p' <<<"$out") $(sed -n 's/.*rss_mb=\([0-9-]*\).*/\1/p' <<<"$out")"
}
parquet="$work/bench-$rows.parquet"
[ -f "$parquet" ] || run generate "$parquet" "$rows"
if [[ "${CDS:-1}" == 1 ]]; then
  tiny="$work/bench-1000.parquet"
  [ -f "$tiny" ] || run generate "$tiny" 1000 >/dev/null
  for tool in hygge duckdb; do
    rm -f "$work/p2d-$tool.jsa" "$work/warmup.duckdb"
    CDS_OPTS[$tool]="-XX:ArchiveClassesAtExit=$work/p2d-$tool.jsa"
    run "$tool" "$tiny" "$work/warmup.duckdb" 1 >/dev/null 2>&1
    # hygge's archive holds the classes of both of its paths
    [[ $tool == hygge ]] && { rm -f "$work/warmup.duckdb"; run hygge-arrow "$tiny" "$work/warmup.duckdb" 1 >/dev/null 2>&1; }
    CDS_OPTS[$tool]="-XX:SharedArchiveFile=$work/p2d-$tool.jsa"
  done
  rm -f "$work/warmup.duckdb"
fi
run duckdb "$parquet" "$work/ctas.duckdb" >/dev/null   # warm-up: the file in the page cache
echo "CDS=${CDS:-1}, $(nproc) cores" >&2

hygge_mode=hygge
[ "${HOME_KIND:-parquet}" = duckdb ] && hygge_mode=hygge-via-duckdb
hygge_times=()
harrow_times=()
duckdb_times=()
arrow_times=()
rss=0
# the four steps in turn, the order reversed every other run (as bench/parquet-copy.sh does), so that no tool always
# follows the same other one (whose file writes the kernel may still be flushing)
for i in $(seq 1 "$runs"); do
  order="hygge duckdb hygge-arrow duckdb-arrow"
  ((i % 2)) || order="duckdb-arrow hygge-arrow duckdb hygge"
  ha="" har=""
  for tool in $order; do
    case $tool in
      hygge)
        read -r h hr < <(timed "$hygge_mode" "$parquet" "$work/hygge.duckdb" 1)
        [[ -n "$h" ]] || { echo "the hygge run failed" >&2; exit 1; } ;;
      duckdb) d=$(run duckdb "$parquet" "$work/ctas.duckdb" | sed -n 's/^seconds=\([0-9.]*\).*/\1/p') ;;
      hygge-arrow)
        if [ "$hygge_mode" = hygge ]; then
          read -r ha har < <(timed hygge-arrow "$parquet" "$work/hygge-arrow.duckdb" 1)
          [[ -n "$ha" ]] || { echo "the hygge Arrow-path run failed" >&2; exit 1; }
          ((har > rss)) && rss=$har
        fi ;;
      duckdb-arrow) a=$(run duckdb-arrow "$parquet" "$work/arrow.duckdb" | sed -n 's/^seconds=\([0-9.]*\).*/\1/p') ;;
    esac
  done
  [[ -n "$ha" ]] || ha=$h
  ((hr > rss)) && rss=$hr
  echo "run $i: hygge ${h}s (${hr} MB)  hygge_arrow_path ${ha}s (${har:-0} MB)  duckdb_ctas ${d}s  duckdb_via_arrow ${a}s"
  hygge_times+=("$h")
  harrow_times+=("$ha")
  duckdb_times+=("$d")
  arrow_times+=("$a")
done
rm -f "$work/hygge.duckdb" "$work/hygge-arrow.duckdb" "$work/ctas.duckdb" "$work/arrow.duckdb" "$work"/*.duckdb.wal
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
h=$(median "${hygge_times[@]}")
ha=$(median "${harrow_times[@]}")
d=$(median "${duckdb_times[@]}")
a=$(median "${arrow_times[@]}")
echo "load: $(uptime | sed 's/.*load average/load average/')"
awk -v r="$rows" -v h="$h" -v ha="$ha" -v d="$d" -v a="$a" -v rss="$rss" 'BEGIN {
  printf "hygge parquet->duckdb:      %.2f s  %.0f rows/s (median of runs; the path the engine chose)\n", h, r / h
  printf "hygge, Arrow path:          %.2f s  %.0f rows/s\n", ha, r / ha
  printf "duckdb CTAS read_parquet:   %.2f s  %.0f rows/s\n", d, r / d
  printf "duckdb via one Arrow stream: %.2f s  %.0f rows/s\n", a, r / a
  printf "arrow_path_ratio=%.2f via_arrow_ratio=%.2f arrow_path_vs_via_arrow=%.2f\n", ha / d, a / d, ha / a
  printf "ratio=%.2f hygge_rss_mb=%d rows=%d\n", h / d, rss, r }'
