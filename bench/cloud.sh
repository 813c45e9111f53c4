#!/usr/bin/env bash
# Cloud benchmark (issue 14): hygge's parquet -> parquet at an S3 location (S3Mock) and at an Azure
# Blob location (Azurite), against the same files uploaded by the vendor SDK alone in the same run
# (S3: the transfer manager's uploadDirectory over the SDK's multipart client; Azure:
# BlobClient.uploadFromFile per file, its parallel blocks). hygge's time includes encoding the
# parquet files (into its local spool) and its commit protocol; the SDK's is the upload alone, of
# files hygge encoded beforehand, untimed (its time is printed). The Store stages each file while the
# next is encoded, so hygge's time is about max(encode, upload) on idle cores, encode + upload where
# both starve for CPU, plus the tail and the publish; each step's log goes to $WORK/steps.log, where the
# Store's debug line says how long it waited for the last uploads and how long it published.
# Both emulators run on this machine, started here.
#
#   bench/cloud.sh                         # 10M rows, 3 runs each
#   ROWS=30000000 RUNS=1 bench/cloud.sh
#
# Each step runs in a JVM of its own; seconds are measured inside it (JVM start excluded), peak RSS
# is the JVM's VmHWM. Each step also reports the CPU it took: its JVM's (every thread, over the same
# span) and the emulator's (from /proc, before and after the step). Both emulators share the machine's
# cores with the step, so a step cannot take less wall time than (JVM CPU + emulator CPU) / cores; the
# line before the last prints that floor for hygge's median CPU against the SDK's median time
# (cpu_floor_ratio): where it is above a bar, no change to hygge's scheduling meets the bar on this
# machine, only less CPU. Last two lines:
#   azure_cpu_s=<hygge jvm>+<azurite> azure_sdk_cpu_s=<sdk jvm>+<azurite> azure_cpu_floor_ratio=… s3_cpu_s=… s3_sdk_cpu_s=… s3_cpu_floor_ratio=… cores=…
#   (each CPU figure the median over the runs)
#   azure_ratio=<hygge/sdk> s3_ratio=<hygge/sdk> hygge_rss_mb=<max> rows=<rows>
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
ROWS="${ROWS:-10000000}"
RUNS="${RUNS:-3}"
JAVA_OPTS="${JAVA_OPTS:--Xmx1g} -Dorg.slf4j.simpleLogger.log.dev.hygge.parquet.CloudParquetWrite=debug"
WORK="bench/work/cloud"
AZURITE_VERSION="$(sed -n 's:.*<azurite.version>\(.*\)</azurite.version>.*:\1:p' pom.xml)"
KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

if [[ ! -f examples/target/classpath.txt || -n "${HYGGE_REBUILD:-}" ]]; then
  echo "building hygge..." >&2
  ./mvnw -q -B -pl examples -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
fi
CP="examples/target/hygge-examples-0.1.0-SNAPSHOT.jar:$(cat examples/target/classpath.txt)"
run() { java --add-opens=java.base/java.nio=ALL-UNNAMED $JAVA_OPTS -cp "$CP" "$@"; }
measure() {
  local log
  log=$(run "$@" 2>&1) || { echo "$log" >&2; echo "step $* failed" >&2; exit 1; }
  printf '== %s\n%s\n' "$*" "$log" >> "$WORK/steps.log"      # each step's own log: the Store's phase timings
  grep '^seconds=' <<<"$log" || { echo "$log" >&2; echo "step $* printed no result" >&2; exit 1; }
}
TICK=$(getconf CLK_TCK)
# CPU seconds a process has used so far (user + system, from /proc/<pid>/stat)
cpu_of() { awk -v t="$TICK" '{sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / t}' "/proc/$1/stat"; }
# measure, plus the emulator's CPU over the step: emulator_cpu_s=… after the step's line. $1: the emulator's pid
measure_on() {
  local pid=$1 before out
  shift
  before=$(cpu_of "$pid")
  out=$(measure "$@")
  echo "$out emulator_cpu_s=$(awk -v a="$before" -v b="$(cpu_of "$pid")" 'BEGIN {printf "%.2f", b - a}')"
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

mkdir -p "$WORK"
: > "$WORK/steps.log"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT

S3_PORT=$(free_port)
[[ -f hygge-s3/target/s3mock/s3mock.jar ]] || { echo "hygge-s3/target/s3mock/s3mock.jar missing: build hygge-s3 first" >&2; exit 1; }
java -Xmx1g -jar hygge-s3/target/s3mock/s3mock.jar --server.port=0 --com.adobe.testing.s3mock.http-port="$S3_PORT" \
  --com.adobe.testing.s3mock.store.root="$WORK/s3mock" --com.adobe.testing.s3mock.store.initial-buckets=bench \
  --com.adobe.testing.s3mock.max-payload-size=64MB > "$WORK/s3mock.log" 2>&1 &
PIDS+=($!)
S3_PID=$!
bash hygge-azure/src/test/emulators/install-azurite.sh "$ROOT/$WORK/azurite" "$AZURITE_VERSION"
AZ_PORT=$(free_port)
(cd "$WORK" && exec azurite/node_modules/.bin/azurite-blob --blobHost 127.0.0.1 --blobPort "$AZ_PORT" --inMemoryPersistence \
  --skipApiVersionCheck --loose --disableTelemetry > azurite.log 2>&1) &
PIDS+=($!)
AZ_PID=$!                                     # the subshell execs azurite-blob, whose shebang execs node: the same pid
for _ in $(seq 1 120); do
  curl -s -o /dev/null "http://127.0.0.1:$S3_PORT/" && curl -s -o /dev/null "http://127.0.0.1:$AZ_PORT/" && break
  sleep 0.5
done
ACCOUNT_URL="http://127.0.0.1:$AZ_PORT/devstoreaccount1"
run dev.hygge.examples.CloudBench azure-container "$ACCOUNT_URL" bench "$KEY" >/dev/null

SOURCE="$WORK/source-$ROWS.parquet"
if [[ ! -f "$SOURCE" ]]; then
  echo "generating $SOURCE ($ROWS rows)..." >&2
  run dev.hygge.examples.ParquetCopyBench generate "$SOURCE.tmp" "$ROWS" >&2
  mv "$SOURCE.tmp" "$SOURCE"
fi
FILES="$WORK/encoded"
rm -rf "$FILES"
ENC=$(measure dev.hygge.examples.CloudBench encode "$SOURCE" "$FILES")
echo "encode (hygge parquet -> local folder, the SDK steps' input): $ENC" >&2
echo "source: $SOURCE ($(du -m "$SOURCE" | cut -f1) MB), uploaded as $(find "$FILES" -name '*.parquet' | wc -l) files ($(du -sm "$FILES" | cut -f1) MB), $RUNS runs each, $(nproc) cores" >&2

field() { sed -n "s/.*[ ^]$1=\([0-9.-]*\).*/\1/p; t; s/^$1=\([0-9.-]*\).*/\1/p"; }
cpus() { local line; line=$(cat); echo "$(field cpu_s <<<"$line")+$(field emulator_cpu_s <<<"$line")"; }
S3_SETTINGS="endpoint=http://127.0.0.1:$S3_PORT,region=us-east-1,access_key_id=bench,secret_access_key=bench"
AZ_SETTINGS="credential=storage_key,storage_account_key=$KEY"
HS3=(); SS3=(); HAZ=(); SAZ=(); RSS=0
CHS3=(); CSS3=(); CHAZ=(); CSAZ=()          # "<jvm cpu>+<emulator cpu>" per step
for ((i = 1; i <= RUNS; i++)); do
  for step in $( ((i % 2)) && echo "hygge-s3 s3-sdk hygge-azure azure-sdk" || echo "azure-sdk hygge-azure s3-sdk hygge-s3"); do
    case $step in
      hygge-s3) out=$(JAVA_OPTS="$JAVA_OPTS -Dhygge.storage=$S3_SETTINGS" measure_on "$S3_PID" dev.hygge.examples.CloudBench hygge "$SOURCE" "s3://bench/hygge-$i"); HS3+=("$(field seconds <<<"$out")"); CHS3+=("$(cpus <<<"$out")") ;;
      s3-sdk) out=$(measure_on "$S3_PID" dev.hygge.examples.CloudBench s3-sdk "$FILES" "http://127.0.0.1:$S3_PORT" "bench/sdk-$i"); SS3+=("$(field seconds <<<"$out")"); CSS3+=("$(cpus <<<"$out")") ;;
      hygge-azure) out=$(JAVA_OPTS="$JAVA_OPTS -Dhygge.storage=$AZ_SETTINGS" measure_on "$AZ_PID" dev.hygge.examples.CloudBench hygge "$SOURCE" "$ACCOUNT_URL/bench/hygge-$i"); HAZ+=("$(field seconds <<<"$out")"); CHAZ+=("$(cpus <<<"$out")") ;;
      azure-sdk) out=$(measure_on "$AZ_PID" dev.hygge.examples.CloudBench azure-sdk "$FILES" "$ACCOUNT_URL" "bench/sdk-$i" "$KEY"); SAZ+=("$(field seconds <<<"$out")"); CSAZ+=("$(cpus <<<"$out")") ;;
    esac
    if [[ $step == hygge-* ]]; then
      rss=$(field rss_mb <<<"$out"); ((rss > RSS)) && RSS=$rss
      [[ "$(field rows <<<"$out")" == "$ROWS" ]] || { echo "$step wrote $(field rows <<<"$out") rows, expected $ROWS" >&2; exit 1; }
    fi
    echo "run $i $step: $out" >&2
  done
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
A=$(median "${HAZ[@]}"); a=$(median "${SAZ[@]}"); S=$(median "${HS3[@]}"); s=$(median "${SS3[@]}")
echo "hygge_azure_s=$A azure_sdk_s=$a hygge_s3_s=$S s3_sdk_s=$s local_encode_s=$(field seconds <<<"$ENC")"
# "<jvm>+<emulator>" per step: the median of each part, and the median of their sums; the floor is hygge's summed CPU
# spread over every core, against the SDK's time
cpu_medians() { echo "$(median $(for c in "$@"; do echo "${c%%+*}"; done))+$(median $(for c in "$@"; do echo "${c##*+}"; done))"; }
sum_median() { median $(for c in "$@"; do awk -v c="$c" 'BEGIN {split(c, p, "+"); printf "%.2f\n", p[1] + p[2]}'; done); }
CORES=$(nproc)
floor() { awk -v c="$(sum_median "${@:2}")" -v n="$CORES" -v d="$1" 'BEGIN {printf "%.2f", c / n / d}'; }
echo "azure_cpu_s=$(cpu_medians "${CHAZ[@]}") azure_sdk_cpu_s=$(cpu_medians "${CSAZ[@]}") azure_cpu_floor_ratio=$(floor "$a" "${CHAZ[@]}")" \
  "s3_cpu_s=$(cpu_medians "${CHS3[@]}") s3_sdk_cpu_s=$(cpu_medians "${CSS3[@]}") s3_cpu_floor_ratio=$(floor "$s" "${CHS3[@]}") cores=$CORES"
echo "azure_ratio=$(awk -v h="$A" -v d="$a" 'BEGIN {printf "%.2f", h / d}') s3_ratio=$(awk -v h="$S" -v d="$s" 'BEGIN {printf "%.2f", h / d}') hygge_rss_mb=$RSS rows=$ROWS"
