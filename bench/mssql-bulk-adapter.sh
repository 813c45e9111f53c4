#!/usr/bin/env bash
# Client-side cost of a SQL Server bulk copy, without a server: every row of the 10M-row x 8-column
# benchmark table (TestBatches.benchmark()) pulled through ArrowBulkData.next()/getRowData() the
# way SQLServerBulkCopy calls them, on one core. Last line: rows_per_s=<n> (of the last pass; the
# first pass includes JIT warm-up). Bar: >= 3M rows/s, aim 5M.
#
#   bench/mssql-bulk-adapter.sh [rows] [batch_size] [passes]
#
# Works from a clean clone: builds hygge-mssql (and what it needs) with the Maven wrapper first.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-10000000}
BATCH=${2:-102400}
PASSES=${3:-2}
MVN=./mvnw
[ -x "$MVN" ] || MVN=mvn
CP_FILE=hygge-mssql/target/bench-classpath.txt
$MVN -q -B -pl hygge-mssql -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >&2
CP="hygge-mssql/target/test-classes:hygge-mssql/target/classes:$(cat "$CP_FILE")"
# In a reactor build the hygge-core test kit is not packaged: use its compiled classes.
CP="$CP:hygge-core/target/test-classes:hygge-core/target/classes"
PIN=()
if command -v taskset >/dev/null 2>&1; then PIN=(taskset -c 0); fi
exec "${PIN[@]}" java -Xmx2g -XX:ActiveProcessorCount=1 --add-opens=java.base/java.nio=ALL-UNNAMED \
    -cp "$CP" dev.hygge.mssql.bench.BulkAdapterBench "$ROWS" "$BATCH" "$PASSES"
