#!/usr/bin/env bash
# The main job: generates a sample dataset (4 entities, ~3.8M rows) and moves it parquet -> parquet
# with hygge, one flow per entity, with live progress and a summary table.
#   examples/run-main-job.sh [data-folder]      (default: examples/data)
# Needs only Java 17+: Maven comes from the wrapper, DuckDB is embedded.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
DATA="${1:-examples/data}"
CP_FILE=examples/target/classpath.txt
if [[ ! -f examples/target/hygge-examples-0.1.0-SNAPSHOT.jar || ! -f "$CP_FILE" || -n "${HYGGE_REBUILD:-}" ]]; then
  echo "Building hygge (first run only; set HYGGE_REBUILD=1 to rebuild)..."
  # in the reactor, so hygge's own modules resolve to their build folders' jars (nothing is installed into ~/.m2)
  ./mvnw -q -B -pl examples -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
fi
exec java --add-opens=java.base/java.nio=ALL-UNNAMED \
  -cp "examples/target/hygge-examples-0.1.0-SNAPSHOT.jar:$(cat "$CP_FILE")" \
  dev.hygge.examples.MainJob "$DATA"
