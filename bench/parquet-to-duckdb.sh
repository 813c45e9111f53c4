#!/usr/bin/env bash
# parquet -> DuckDB table: hygge (a flow into the duckdb Store, rows through the Arrow C stream
# interface) next to DuckDB's own CREATE TABLE ... AS SELECT * FROM read_parquet(...), alternating,
# each run in a fresh JVM into a fresh database file, timed from opening the target database to
# closing it. The input is the parquet benchmark's table (10M rows x 8 columns: int64 id, int32,
# float64, 10-40 char strings, bool, date, timestamp us UTC, decimal(18,2), 2-6% nulls), written
# once as snappy parquet by DuckDB SQL into bench/work/.
#
# hygge reads the file with the parquet Home (one stream into the duckdb Store). Set
# HOME_KIND=duckdb to read it through the duckdb Home instead (a query on read_parquet).
#
# Usage: bench/parquet-to-duckdb.sh [rows] [runs]      (default 10000000 3)
# Needs hygge-core and hygge-parquet installed: ./mvnw -q install -DskipTests -pl hygge-bom,hygge-core,hygge-parquet
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000000}
runs=${2:-3}
work=bench/work
mkdir -p "$work"
mvn_cmd=./mvnw
[ -x "$mvn_cmd" ] || mvn_cmd=mvn
$mvn_cmd -q -B -pl hygge-duckdb test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$work/duckdb.cp" -Dmdep.includeScope=test >/dev/null
run() {
  java -Xmx2g --add-opens=java.base/java.nio=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "hygge-duckdb/target/classes:hygge-duckdb/target/test-classes:$(cat "$work/duckdb.cp")" \
    dev.hygge.duckdb.bench.ParquetToDuckDbBench "$@"
}
parquet="$work/bench-$rows.parquet"
[ -f "$parquet" ] || run generate "$parquet" "$rows"
run duckdb "$parquet" "$work/ctas.duckdb" >/dev/null   # warm-up: the file in the page cache

hygge_mode=hygge
[ "${HOME_KIND:-parquet}" = duckdb ] && hygge_mode=hygge-via-duckdb
hygge_times=()
duckdb_times=()
for i in $(seq 1 "$runs"); do
  h=$(run "$hygge_mode" "$parquet" "$work/hygge.duckdb" 1 | sed -n 's/^seconds=\([0-9.]*\).*/\1/p')
  d=$(run duckdb "$parquet" "$work/ctas.duckdb" | sed -n 's/^seconds=\([0-9.]*\).*/\1/p')
  echo "run $i: hygge ${h}s  duckdb_ctas ${d}s"
  hygge_times+=("$h")
  duckdb_times+=("$d")
done
rm -f "$work/hygge.duckdb" "$work/ctas.duckdb" "$work"/*.duckdb.wal
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
h=$(median "${hygge_times[@]}")
d=$(median "${duckdb_times[@]}")
awk -v r="$rows" -v h="$h" -v d="$d" 'BEGIN {
  printf "hygge parquet->duckdb:      %.2f s  %.0f rows/s (median of runs)\n", h, r / h
  printf "duckdb CTAS read_parquet:   %.2f s  %.0f rows/s\n", d, r / d
  printf "ratio=%.2f\n", h / d }'
