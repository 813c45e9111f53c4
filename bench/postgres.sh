#!/usr/bin/env bash
# parquet -> PostgreSQL and PostgreSQL -> parquet: hygge next to pgjdbc's raw binary COPY of the
# same rows in the same run, each step in a fresh JVM (JVM start outside the timing).
#
# Input: the test kit's 8-column benchmark table (int64 id, int32, float64, 10-40 char strings,
# bool, date, timestamp us UTC, decimal(18,2), about 4% nulls) as one snappy parquet file in
# bench/work/postgres-ROWS/. Once per invocation, untimed: hygge loads it into bench_source and the server's own
# binary COPY of bench_source is saved, whole and in N parts (id % N), for the raw runs.
#
# Load, per run: hygge parquet -> table bench_hygge (if_exists replace, temp_swap: a staging table
# loaded by N binary COPY streams, then swapped in one transaction), and the raw reference:
# CopyManager.copyIn of the saved binary COPY into a new table on 1 and on N connections.
# load_ratio = hygge (N streams) / raw (N connections).
# Read, per run: hygge bench_source -> parquet (one binary COPY TO STDOUT decoded into Arrow, then
# the parquet Store), hygge bench_source -> a Store that drops the batches (the Home alone), raw
# COPY (SELECT * FROM bench_source) TO STDOUT (FORMAT binary) into nothing, and a JDBC cursor
# (fetch size 10,000) into Arrow (the alternative the Home did not take).
# read_ratio = hygge -> parquet (one COPY) / raw COPY read; the same split in N key ranges is shown beside it. hygge_rss_mb: the largest peak RSS of the hygge runs.
# CPU: each step also reports the CPU seconds of its JVM (cpu, DuckDB's threads included) and of the
# server's backends that ended with it (srv: the postmaster's reaped children, so other clients of the
# server count too). On a machine shared with other work the wall times follow the load; the CPU
# seconds much less, and they say what a step costs: medians are printed before the last line.
#
# Server: HYGGE_POSTGRES_URL (default jdbc:postgresql://127.0.0.1:5432/test, user postgres).
# Usage: bench/postgres.sh [rows] [runs] [streams]      (default 10000000 3 2)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000000}
runs=${2:-3}
streams=${3:-2}
work=bench/work/postgres-$rows
mkdir -p "$work"
mvn_cmd=./mvnw
[ -x "$mvn_cmd" ] || mvn_cmd=mvn
cp_file=bench/work/postgres.cp
if [[ ! -f hygge-postgres/target/test-classes/dev/hygge/postgres/PostgresBench.class || ! -f "$cp_file" || -n "${HYGGE_REBUILD:-}" ]]; then
  echo "building hygge..." >&2
  # one reactor build, no install: the class path points at the modules' own target folders
  $mvn_cmd -q -B -pl hygge-postgres -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/$cp_file" -Dmdep.includeScope=test >/dev/null
fi
CP="hygge-postgres/target/classes:hygge-postgres/target/test-classes:$(cat "$cp_file")"
run() {
  java -Xmx2g --add-opens=java.base/java.nio=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$CP" dev.hygge.postgres.PostgresBench "$@"
}
field() { sed -n "s/^.*$1=\([0-9.]*\).*/\1/p"; }
[ -d "$work/parquet" ] || run generate "$work" "$rows" >/dev/null
run prepare "$work" "$streams" >/dev/null
echo "$rows rows, $runs runs, $streams streams, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2

declare -A t=() cpu=() srv=()
rss=0
for i in $(seq 1 "$runs"); do
  line="run $i:"
  for step in "hygge-load $streams" "raw-load 1" "raw-load $streams" "hygge-read" "hygge-read-split $streams" "hygge-read-arrow" "raw-read" "cursor-read"; do
    rm -rf "$work/out"
    read -r name n <<<"$step"
    out=$(run "$name" "$work" $n)
    s=$(echo "$out" | field seconds)
    key=${step// /-}
    t[$key]+="$s "
    cpu[$key]+="$(echo "$out" | field ' cpu_s') "
    srv[$key]+="$(echo "$out" | field server_cpu_s) "
    line+=" $key ${s}s"
    if [[ $step == hygge* ]]; then
      r=$(echo "$out" | field rss_mb)
      (( r > rss )) && rss=$r
    fi
  done
  echo "$line (load $(cut -d' ' -f1 /proc/loadavg))"
done
run drop "$work" >/dev/null   # bench_source, bench_hygge, bench_raw
median() { printf '%s\n' $@ | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
hl=$(median ${t[hygge-load-$streams]}); r1=$(median ${t[raw-load-1]}); rn=$(median ${t[raw-load-$streams]})
hr=$(median ${t[hygge-read]}); hs=$(median ${t[hygge-read-split-$streams]}); ha=$(median ${t[hygge-read-arrow]}); rr=$(median ${t[raw-read]}); cr=$(median ${t[cursor-read]})
for key in "hygge-load-$streams" raw-load-1 "raw-load-$streams" hygge-read "hygge-read-split-$streams" hygge-read-arrow raw-read cursor-read; do
  printf 'cpu   %-20s client %6.2f s  server %6.2f s (medians)\n' "$key" "$(median ${cpu[$key]})" "$(median ${srv[$key]})"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v r="$rows" -v n="$streams" -v hl="$hl" -v r1="$r1" -v rn="$rn" -v hr="$hr" -v hs="$hs" -v ha="$ha" -v rr="$rr" -v cr="$cr" -v rss="$rss" 'BEGIN {
  printf "load  hygge parquet->postgres, %d streams: %7.2f s %9.0f rows/s (medians)\n", n, hl, r / hl
  printf "load  raw binary COPY, 1 connection:     %7.2f s %9.0f rows/s\n", r1, r / r1
  printf "load  raw binary COPY, %d connections:    %7.2f s %9.0f rows/s\n", n, rn, r / rn
  printf "read  hygge postgres->parquet:           %7.2f s %9.0f rows/s\n", hr, r / hr
  printf "read  hygge postgres->parquet, %d key ranges: %5.2f s %9.0f rows/s\n", n, hs, r / hs
  printf "read  hygge postgres->Arrow (Home alone): %6.2f s %9.0f rows/s\n", ha, r / ha
  printf "read  raw COPY TO STDOUT binary:         %7.2f s %9.0f rows/s\n", rr, r / rr
  printf "read  JDBC cursor -> Arrow (fetch 10k):  %7.2f s %9.0f rows/s\n", cr, r / cr
  printf "(load: hygge %d streams / raw 1 connection = %.3f; read: hygge %d key ranges / raw = %.3f, Home alone / raw = %.3f, cursor / raw = %.3f)\n", n, hl / r1, n, hs / rr, ha / rr, cr / rr
  printf "load_ratio=%.3f read_ratio=%.3f hygge_rss_mb=%d\n", hl / rn, hr / rr, rss }'
