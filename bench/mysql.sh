#!/usr/bin/env bash
# parquet -> MariaDB/MySQL: hygge (a flow from the parquet Home into the mysql Store: LOAD DATA LOCAL
# INFILE fed straight from Arrow batches, into a staging table renamed into place) next to
# LOAD DATA LOCAL INFILE of the same rows alone (from a TSV file this script writes first, read
# by the same driver, into an empty table of the DDL hygge's table got), alternating, each in a
# fresh JVM, in a database of its own that is dropped at the end. The input is the parquet
# benchmark's table (10M rows x 8 columns: int64 id, int32, float64, 10-40 char strings, bool, date,
# timestamp us UTC, decimal(18,2), 2-6% nulls), written once by DuckDB into bench/work/.
#
# hygge's time runs from the JVM's first line to the flow's end (the parquet read, the encoding,
# the load, the commit); the reference's from the statement's start to its end (the TSV file is in
# the page cache: the first run reads it once before any timing). JVM start is outside both. A
# first, untimed hygge load makes the table whose DDL the reference loads into; then each run
# times both, in alternating order, after the server has flushed the previous step's pages.
#
# READ=1 also times the mysql Home reading the table back (into a Store that drops the rows) at
# fetch sizes 1,000 / 10,000 / 100,000, with the JVM's peak heap.
#
# Usage: bench/mysql.sh [rows] [runs] [streams]      (default 10000000 3 1)
# HYGGE_MYSQL_URL (default jdbc:mariadb://127.0.0.1:3306/test) names the server; root, no password.
# Builds what it needs (hygge-mysql and the modules it uses) from a clean clone; installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000000}
runs=${2:-3}
streams=${3:-1}
url=${HYGGE_MYSQL_URL:-jdbc:mariadb://127.0.0.1:3306/test}
work=bench/work
mkdir -p "$work"
mvn_cmd=./mvnw
[ -x "$mvn_cmd" ] || mvn_cmd=mvn
if [[ ! -d hygge-mysql/target/test-classes/dev/hygge/mysql/bench || ! -f "$work/mysql.cp" || -n "${HYGGE_REBUILD:-}" ]]; then
  echo "building hygge..." >&2
  # in the reactor, so sibling modules resolve to their build folders (hygge-mysql, built last, writes the file last)
  $mvn_cmd -q -B -pl hygge-mysql -am test-compile dependency:build-classpath -DskipTests \
    -Dmdep.outputFile="$PWD/$work/mysql.cp" -Dmdep.includeScope=test >/dev/null
fi
# sibling modules from their build folders (nothing is installed into ~/.m2)
CP="hygge-mysql/target/classes:hygge-mysql/target/test-classes"
for m in hygge-core hygge-jdbc hygge-parquet; do CP="$CP:$m/target/classes"; done
CP="$CP:hygge-core/target/test-classes:$(cat "$work/mysql.cp")"
run() {
  java -Xmx2g --add-opens=java.base/java.nio=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$CP" dev.hygge.mysql.bench.MysqlLoadBench "$@"
}
parquet="$work/bench-$rows.parquet"
tsv="$work/bench-$rows.tsv"
[ -f "$parquet" ] || run generate "$parquet" "$rows"
[ -f "$tsv" ] || run tsv "$parquet" "$tsv"
db="hygge_bench_$$"
mysql_cli() { mysql -uroot -h"$(echo "$url" | sed -E 's#^jdbc:[a-z]+://([^:/]+).*#\1#')" "$@"; }
mysql_cli -e "CREATE DATABASE $db CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
trap 'mysql_cli -e "DROP DATABASE IF EXISTS $db" || true' EXIT
cat "$tsv" "$parquet" > /dev/null   # both inputs in the page cache before any timing
echo "$(nproc) cores, $(mysql_cli -N -e 'SELECT VERSION()'), streams=$streams" >&2
# before each timed step, the server's dirty pages of the step before are flushed (up to 120 s), so
# neither step pays for the other's writes; the order alternates from run to run
settle() {
  for _ in $(seq 1 120); do
    dirty=$(mysql_cli -N -e "SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'" | awk '{print $2}')
    [ "${dirty:-0}" -lt 200 ] && return
    sleep 1
  done
}
hygge_step() { settle; run hygge "$parquet" "$url" "$db" "$streams" | sed -n 's/^seconds=\([0-9.]*\).*/\1/p'; }
raw_step() { settle; run raw "$tsv" "$url" "$db" | sed -n 's/^seconds=\([0-9.]*\).*/\1/p'; }
hygge_times=()
raw_times=()
h=$(hygge_step)   # the raw step needs the DDL of hygge's table
for i in $(seq 1 "$runs"); do
  if (( i % 2 )); then r=$(raw_step); h=$(hygge_step); else h=$(hygge_step); r=$(raw_step); fi
  echo "run $i: hygge ${h}s  load_data_local_infile ${r}s"
  hygge_times+=("$h")
  raw_times+=("$r")
done
if [[ -n "${READ:-}" ]]; then
  # the mysql Home alone, streaming the table hygge wrote, at three fetch sizes
  for f in 1000 10000 100000; do echo "read: $(run read "$url" "$db" "$f")"; done
fi
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
h=$(median "${hygge_times[@]}")
r=$(median "${raw_times[@]}")
awk -v h="$h" -v r="$r" 'BEGIN { printf "hygge_s=%.2f raw_s=%.2f ratio=%.3f\n", h, r, h / r }'
