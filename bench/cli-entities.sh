#!/usr/bin/env bash
# The hygge CLI at scale, run by its launcher with its default JVM settings:
#   1. a generated project of ENTITIES parquet entities x ROWS rows, max_parallel_flows 4:
#      peak RSS of the whole process (bar: < 500 MB for 50 x 200,000) and wall time;
#   2. a project of BIG_ENTITIES entities (default 200) completes;
#   3. parallel entity scaling: total rows/s for 1, 2, 4, 8 and 16 entities run at once
#      (max_parallel_flows = entities), ROWS rows each.
# Sample data is written by `hygge init --entities N --rows R` (8 columns: int64, 2 strings, int32,
# float64, bool, date, timestamp); the flow copies data/landing/<entity>/ to data/lake/<entity>/
# (zstd parquet).
#
# Usage: bench/cli-entities.sh [ENTITIES=50] [ROWS=200000] [BIG_ENTITIES=200]
# Builds the distribution first unless hygge-cli/target/hygge exists (SKIP_BUILD=1 to never build).
set -euo pipefail
cd "$(dirname "$0")/.."
ENTITIES=${1:-50}
ROWS=${2:-200000}
BIG=${3:-200}
HYGGE="$PWD/hygge-cli/target/hygge"
WORK="$PWD/bench/work/cli"
if [ ! -x "$HYGGE" ] && [ "${SKIP_BUILD:-0}" != 1 ]; then
  MVN=./mvnw; [ -x "$MVN" ] || MVN=mvn
  $MVN -q -B package -DskipTests -pl hygge-cli -am >&2
fi
rm -rf "$WORK"; mkdir -p "$WORK"

rows_of() { jq -r '.rows' "$1"; }
ms_of() { jq -r '.duration_ms' "$1"; }
status_of() { jq -r '.status' "$1"; }

# run NAME ENTITIES ROWS MAX_PARALLEL: init (untimed), then `hygge start` timed under /usr/bin/time
run() {
  local name=$1 n=$2 r=$3 par=$4
  "$HYGGE" init "$name" --project "$WORK" --entities "$n" --rows "$r" --max-parallel-flows "$par" >/dev/null
  /usr/bin/time -f '%M %e' -o "$WORK/$name.time" \
    "$HYGGE" start --project "$WORK/$name" --json --progress-interval 30 >"$WORK/$name.json" 2>"$WORK/$name.log" || true
}

echo "== ${ENTITIES} entities x ${ROWS} rows, max_parallel_flows 4 (launcher defaults)"
run scale "$ENTITIES" "$ROWS" 4
read -r rss_kb wall <"$WORK/scale.time"
printf 'status=%s entities=%s rows=%s peak_rss_mb=%.0f wall_s=%s run_ms=%s rows_per_s=%s\n' \
  "$(status_of "$WORK/scale.json")" "$ENTITIES" "$(rows_of "$WORK/scale.json")" "$(echo "$rss_kb/1024" | bc -l)" "$wall" \
  "$(ms_of "$WORK/scale.json")" "$(jq -r '.rows_per_second' "$WORK/scale.json")"
rm -rf "$WORK/scale"

echo "== ${BIG} entities x 20,000 rows, max_parallel_flows 4"
run big "$BIG" 20000 4
read -r rss_kb wall <"$WORK/big.time"
printf 'status=%s entities=%s succeeded=%s rows=%s peak_rss_mb=%.0f wall_s=%s\n' "$(status_of "$WORK/big.json")" "$BIG" \
  "$(jq -r '.flows_succeeded' "$WORK/big.json")" "$(rows_of "$WORK/big.json")" "$(echo "$rss_kb/1024" | bc -l)" "$wall"
rm -rf "$WORK/big"

echo "== parallel entity scaling: N entities x ${ROWS} rows, all at once"
printf '%-9s %12s %10s %14s %12s\n' entities rows run_s rows_per_s peak_rss_mb
for n in 1 2 4 8 16; do
  run "par$n" "$n" "$ROWS" "$n"
  read -r rss_kb wall <"$WORK/par$n.time"
  printf '%-9s %12s %10.2f %14s %12.0f\n' "$n" "$(rows_of "$WORK/par$n.json")" "$(echo "$(ms_of "$WORK/par$n.json")/1000" | bc -l)" \
    "$(jq -r '.rows_per_second' "$WORK/par$n.json")" "$(echo "$rss_kb/1024" | bc -l)"
  rm -rf "$WORK/par$n"
done
