#!/usr/bin/env bash
# The engine's overhead: an in-memory Home into a no-op Store, 10M rows x 8 columns, with and
# without the prefetch queue, on 1 and 2 streams. Usage: bench/engine-overhead.sh [rows] [batch] [repeats]
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=$(mktemp)
./mvnw -q -B -pl hygge-core -am test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
exec java -Xmx1g --add-opens=java.base/java.nio=ALL-UNNAMED \
  -cp "hygge-core/target/classes:hygge-core/target/test-classes:$(cat "$cp_file")" \
  dev.hygge.bench.EngineOverhead "$@"
