#!/usr/bin/env bash
# The benchmark of issue 5: for each scale factor, generate the input once, then time each measurement as
# a whole process with /usr/bin/time -v (a warm-up, then N runs; medians):
#   (a) the scan floor (Spark reading exactly what nightly reads, count and hash sum, nothing else)
#   (b) bin/governance-metrics nightly --period P --no-exports     (c) the same with exports
#   (d) bin/governance-metrics backfill of the last 12 periods --no-exports
#   (e) the county table of P computed by DuckDB                  (f) naive Spark SQL, one query per metric
#   (g) nightly --period P --dry-run against the publication of (b)
# and once, on the committed sample (scale factor 0 in runs.csv):
#   (s) bin/governance-metrics nightly --period 2024-06, the README's first command, into an empty output
#   (t) the same again with nothing new since (s) published
# and write bench/RESULTS.md (figures, ratios against the goals) with the raw runs in bench/results/runs.csv.
#
#   bench/run-benchmark.sh [--scale-factors "1 10"] [--provinces CODES] [--runs 3] [--warmup 1] [--quick]
#                          [--latest 2024-12] [--seed 42] [--work DIR] [--results-dir DIR]
#                          [--note TEXT] [--merge] [--reuse-data] [--input DIR] [--only "IDS"]
#                          [--naive-runs N]
#
# --quick is the CI smoke test: 宁夏 (64) only, scale factor 1, one run, no warm-up, results under
# bench/target/quick/ (the committed RESULTS.md is left alone); it exits non-zero if any command fails.
# --merge keeps the rows of other scale factors already in the results' runs.csv (e.g. SF1 measured earlier,
# SF10 now). --reuse-data skips generate when the work folder holds data generated with the same options.
# --input DIR measures an existing input root instead of generating one (one scale factor: its label).
# --only "nightly scan_floor" runs only those measurements (ids: scan_floor nightly nightly_exports
# backfill_12 duckdb naive_spark_sql dry_run sample_nightly nothing_new). --naive-runs N runs the naive reference (minutes a run) N times
# without a warm-up instead of like the others.
# The Spark processes run through bin/governance-metrics (same JVM options, classpath and SparkSubmit path
# as the product); the scan floor and the naive job are its jar plus bench's, chosen with --class.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
LAUNCHER="$ROOT/bin/governance-metrics"
BENCH_JAR="$BENCH/target/governance-metrics-bench.jar"
REGISTRY="$ROOT/data/admin-divisions"

SCALE_FACTORS="1 10"
PROVINCES=""
RUNS=3
WARMUP=1
QUICK=0
LATEST="2024-12"
SEED=42
WORK=""
RESULTS_DIR=""
NOTE=""
MERGE=0
REUSE=0
INPUT=""
ALL_MEASUREMENTS="scan_floor nightly nightly_exports backfill_12 duckdb naive_spark_sql dry_run sample_nightly nothing_new"
ONLY="$ALL_MEASUREMENTS"
NAIVE_RUNS=""

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR $*"; exit 2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --scale-factors) SCALE_FACTORS="$2"; shift 2 ;;
    --provinces) PROVINCES="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --quick) QUICK=1; shift ;;
    --latest) LATEST="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    --results-dir) RESULTS_DIR="$2"; shift 2 ;;
    --note) NOTE="$2"; shift 2 ;;
    --merge) MERGE=1; shift ;;
    --reuse-data) REUSE=1; shift ;;
    --only) ONLY="$2"; shift 2 ;;
    --naive-runs) NAIVE_RUNS="$2"; shift 2 ;;
    --input) INPUT="$(cd "$2" && pwd)" || die "no input root $2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -e/p' "${BASH_SOURCE[0]}" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

if [[ $QUICK == 1 ]]; then
  SCALE_FACTORS="1"; PROVINCES="${PROVINCES:-64}"; RUNS=1; WARMUP=0
  RESULTS_DIR="${RESULTS_DIR:-$BENCH/target/quick}"
  WORK="${WORK:-$BENCH/target/quick/work}"
fi
RESULTS_DIR="${RESULTS_DIR:-$BENCH}"
WORK="${WORK:-$BENCH/target/work}"
[[ "$LATEST" =~ ^[0-9]{4}-(0[1-9]|1[0-2])$ ]] || die "--latest must be YYYY-MM, got '$LATEST'"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive number, got '$RUNS'"
[[ "$WARMUP" =~ ^[0-9]+$ ]] || die "--warmup must be a number, got '$WARMUP'"
[[ -z "$NAIVE_RUNS" || "$NAIVE_RUNS" =~ ^[1-9][0-9]*$ ]] || die "--naive-runs must be a positive number, got '$NAIVE_RUNS'"
for id in $ONLY; do
  [[ " $ALL_MEASUREMENTS " == *" $id "* ]] \
    || die "unknown measurement '$id' in --only"
done
for sf in $SCALE_FACTORS; do [[ "$sf" =~ ^[1-9][0-9]*$ ]] || die "bad scale factor '$sf'"; done
if [[ -n "$INPUT" && "$SCALE_FACTORS" == *" "* ]]; then
  die "--input measures one existing input root: give one --scale-factors value as its label"
fi

# YYYY-MM arithmetic: month_shift 2024-12 -11 -> 2024-01
month_shift() {
  local y=${1%-*} m=${1#*-}
  local n=$(( 10#$y * 12 + 10#$m - 1 + $2 ))
  printf '%04d-%02d' $(( n / 12 )) $(( n % 12 + 1 ))
}

# The load before anything of ours runs: the builds and the archive below raise it themselves, so it is
# what tells whether something else was using the machine.
LOAD_START=$(cut -d' ' -f1 /proc/loadavg)

# 1. Tools: GNU time (Debian's 'time' package) for wall clock and peak RSS.
if [[ ! -x /usr/bin/time ]]; then
  log "installing Debian's time package for /usr/bin/time ..."
  if [[ $(id -u) == 0 ]]; then
    apt-get update -qq >&2 && apt-get install -y -qq time >&2
  else
    sudo apt-get update -qq >&2 && sudo apt-get install -y -qq time >&2
  fi
fi
/usr/bin/time -v true 2>/dev/null || die "/usr/bin/time -v does not work: install GNU time"

# 2. Builds, not timed: the product jar and Spark classpath (the launcher does both when needed), the bench
#    jar with the DuckDB driver beside it.
log "building the product and bench jars (not timed) ..."
mvn -B -q -f "$ROOT/pom.xml" -DskipTests package >&2 || die "the build failed"
"$LAUNCHER" --version >/dev/null 2>&1 || "$LAUNCHER" --help >/dev/null 2>&1 \
  || die "bin/governance-metrics does not start: see its output"
[[ -f "$BENCH_JAR" ]] || die "missing $BENCH_JAR after the build"
# The launcher's class-data sharing archive is written by its first nightly: write it now, untimed, as a new
# user's README first command does (the nightly on data/sample), so that every measured Spark process (the
# scan floor and the naive job too) starts as it does on a user's machine from then on.
if ! ls "$ROOT"/.cache/spark-runtime-*.jsa >/dev/null 2>&1; then
  log "writing the launcher's class-data sharing archive: the README's first command (not timed) ..."
  "$LAUNCHER" nightly --period 2024-06 --output "$(mktemp -d)/out" >/dev/null 2>&1 \
    || log "could not write the class-data sharing archive; measuring without it"
fi
DUCKDB_CP="$BENCH_JAR:$BENCH/target/lib/*"

mkdir -p "$RESULTS_DIR/results" "$WORK"
RUNS_CSV="$RESULTS_DIR/results/runs.csv"
LOGS="$WORK/logs"
mkdir -p "$LOGS"
HEADER="scale_factor,measurement,run,exit_code,wall_s,max_rss_mb,started_at"
# The sample's measurements are recorded as scale factor 0; an --only of them alone measures no scale
# factor (and --merge keeps every scale factor's rows).
SF_ONLY=""
for id in $ONLY; do [[ $id == sample_nightly || $id == nothing_new ]] || SF_ONLY+=" $id"; done
[[ -z "$SF_ONLY" ]] && SCALE_FACTORS=""
MEASURED_SFS="$SCALE_FACTORS"
[[ " $ONLY " == *" sample_nightly "* || " $ONLY " == *" nothing_new "* ]] && MEASURED_SFS="0 $SCALE_FACTORS"
if [[ $MERGE == 1 && -f "$RUNS_CSV" ]]; then
  keep=$(mktemp)
  awk -F, -v sfs=" $MEASURED_SFS " 'NR > 1 && index(sfs, " " $1 " ") == 0' "$RUNS_CSV" > "$keep"
  { echo "$HEADER"; cat "$keep"; } > "$RUNS_CSV"; rm -f "$keep"
else
  echo "$HEADER" > "$RUNS_CSV"
fi

FAILED=0
BENCH_START=$(date +%s)

# Runs one process under /usr/bin/time -v and appends a row to runs.csv.
#   measure SF MEASUREMENT RUN_LABEL command...
measure() {
  local sf="$1" id="$2" run="$3"; shift 3
  local out="$LOGS/sf$sf-$id-$run.log" tv="$LOGS/sf$sf-$id-$run.time"
  local started; started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  local rc=0
  /usr/bin/time -v -o "$tv" "$@" >"$out" 2>&1 || rc=$?
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
           n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$tv")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$tv")
  echo "$sf,$id,$run,$rc,${wall:-},${rss:-},$started" >> "$RUNS_CSV"
  if [[ $rc != 0 ]]; then
    FAILED=1
    log "FAILED: SF$sf $id run $run exited $rc; the last lines of $out:"
    tail -n 15 "$out" >&2
  else
    log "SF$sf $id run $run: ${wall}s, ${rss} MB"
  fi
  return 0
}

# A measurement: warm-up runs, then the timed runs; PREPARE (a function name or ':') runs before each.
measurement() {
  local sf="$1" id="$2" prepare="$3"; shift 3
  local i
  [[ " $ONLY " == *" $id "* ]] || return 0
  for ((i = 1; i <= WARMUP; i++)); do "$prepare"; measure "$sf" "$id" warmup "$@"; done
  for ((i = 1; i <= RUNS; i++)); do "$prepare"; measure "$sf" "$id" "$i" "$@"; done
}

# The launcher with bench's jar added and one of its main classes chosen (SparkSubmit: the last --class wins).
bench_class() {
  printf 'GOVERNANCE_METRICS_SPARK_CONF=--jars %s --class com.governancemetrics.bench.%s' "$BENCH_JAR" "$1"
}

# The product's configuration, except in --quick: one small province gets at least one planted bad row of
# every kind among its few dozen cases, far over the 5% quarantine tolerance, so the smoke test raises it.
CONFIG_ARGS=()
if [[ $QUICK == 1 ]]; then
  QUICK_CONFIG="$WORK/governance-quick.yaml"
  sed 's/^\([[:space:]]*quarantine_tolerance:\).*/\1 1.0/' "$ROOT/conf/governance.yaml" > "$QUICK_CONFIG"
  grep -q 'quarantine_tolerance: 1.0' "$QUICK_CONFIG" || die "could not raise quarantine_tolerance in $QUICK_CONFIG"
  CONFIG_ARGS=(--config "$QUICK_CONFIG")
fi

# The committed sample, as a new user first meets it: the README's first command into an empty output, then
# the same command again with nothing new (it should exit 0 without starting Spark).
SAMPLE_OUT="$WORK/sample/out"
clean_sample() { rm -rf "$SAMPLE_OUT"; }
ensure_sample_published() {
  [[ -f "$SAMPLE_OUT/county_metrics/period=2024-06/_SUCCESS" ]] \
    || "$LAUNCHER" nightly --period 2024-06 --output "$SAMPLE_OUT" >"$LOGS/sample-publish.log" 2>&1 \
    || log "could not publish the sample before measuring nothing_new (see $LOGS/sample-publish.log)"
}
mkdir -p "$WORK/sample"
measurement 0 sample_nightly clean_sample "$LAUNCHER" nightly --period 2024-06 --output "$SAMPLE_OUT"
measurement 0 nothing_new ensure_sample_published "$LAUNCHER" nightly --period 2024-06 --output "$SAMPLE_OUT"

FROM=$(month_shift "$LATEST" -11)
for sf in $SCALE_FACTORS; do
  START=$(month_shift "$LATEST" $(( -(12 * sf - 1) )))
  DATA="$WORK/sf$sf/input"
  OUT="$WORK/sf$sf/out"
  GEN_ARGS=(generate --output "$DATA" --scale-factor "$sf" --start "$START" --seed "$SEED")
  [[ -n "$PROVINCES" ]] && GEN_ARGS+=(--provinces "$PROVINCES")
  STAMP="$WORK/sf$sf/generated-with"
  if [[ -n "$INPUT" ]]; then
    DATA="$INPUT"; OUT="$WORK/sf$sf/out"; mkdir -p "$WORK/sf$sf"
    log "SF$sf: measuring the existing input root $DATA (not generated, generation not timed)"
  elif [[ $REUSE == 1 && -f "$STAMP" && "$(cat "$STAMP")" == "${GEN_ARGS[*]}" ]]; then
    log "SF$sf: reusing the data in $DATA (generated with the same options)"
  else
    rm -rf "$WORK/sf$sf"; mkdir -p "$WORK/sf$sf"
    log "SF$sf: generating $START … $LATEST${PROVINCES:+ for provinces $PROVINCES} ..."
    measure "$sf" generate 1 "$LAUNCHER" "${GEN_ARGS[@]}"
    if [[ $FAILED == 1 ]]; then
      log "generate failed at SF$sf: nothing to measure on"
      break
    fi
    echo "${GEN_ARGS[*]}" > "$STAMP"
  fi

  clean_out() { rm -rf "$OUT"; }
  # A dry run compares with what is published: publish P first (untimed) unless (b) left it published.
  ensure_published() {
    [[ -f "$OUT/county_metrics/period=$LATEST/_SUCCESS" ]] \
      || "$LAUNCHER" nightly --period "$LATEST" --input "$DATA" --output "$OUT" ${CONFIG_ARGS[@]+"${CONFIG_ARGS[@]}"} \
           --no-exports >"$LOGS/sf$sf-publish.log" 2>&1 \
      || log "could not publish SF$sf before the dry run (see $LOGS/sf$sf-publish.log)"
  }
  log "SF$sf: measuring, P = $LATEST, $RUNS run(s) after $WARMUP warm-up(s) each"
  measurement "$sf" scan_floor : env "$(bench_class ScanFloor)" "$LAUNCHER" --input "$DATA" --period "$LATEST"
  measurement "$sf" nightly clean_out "$LAUNCHER" nightly --period "$LATEST" --input "$DATA" --output "$OUT" \
    ${CONFIG_ARGS[@]+"${CONFIG_ARGS[@]}"} --no-exports
  measurement "$sf" dry_run ensure_published "$LAUNCHER" nightly --period "$LATEST" --input "$DATA" \
    --output "$OUT" ${CONFIG_ARGS[@]+"${CONFIG_ARGS[@]}"} --dry-run
  measurement "$sf" nightly_exports clean_out "$LAUNCHER" nightly --period "$LATEST" --input "$DATA" --output "$OUT" \
    ${CONFIG_ARGS[@]+"${CONFIG_ARGS[@]}"}
  measurement "$sf" backfill_12 clean_out "$LAUNCHER" backfill --from "$FROM" --to "$LATEST" --input "$DATA" \
    --output "$OUT" ${CONFIG_ARGS[@]+"${CONFIG_ARGS[@]}"} --no-exports
  measurement "$sf" duckdb clean_out java -cp "$DUCKDB_CP" com.governancemetrics.bench.DuckDbCountyTable \
    --input "$DATA" --period "$LATEST" --output "$OUT" --registry "$REGISTRY"
  # The naive reference takes minutes a run: --naive-runs N runs it N times, without a warm-up.
  saved_runs=$RUNS saved_warmup=$WARMUP
  [[ -n "$NAIVE_RUNS" ]] && { RUNS=$NAIVE_RUNS; WARMUP=0; }
  measurement "$sf" naive_spark_sql clean_out env "$(bench_class NaiveSparkSql)" "$LAUNCHER" --input "$DATA" --period "$LATEST" \
    --output "$OUT" --registry "$REGISTRY"
  RUNS=$saved_runs WARMUP=$saved_warmup
done

# 3. The report.
BENCH_END=$(date +%s)
total=$(( BENCH_END - BENCH_START ))
spark_cp=$(ls -t "$ROOT"/.cache/spark-runtime-*.classpath 2>/dev/null | head -n 1 || true)
spark_version=$( { [[ -n "$spark_cp" ]] && tr ':' '\n' < "$spark_cp"; } | sed -n 's#.*/spark-core_[0-9.]*-\([0-9][0-9.]*\)\.jar$#\1#p' | head -n 1)
duckdb_version=$(ls "$BENCH/target/lib" | sed -n 's/^duckdb_jdbc-\(.*\)\.jar$/\1/p' | head -n 1)
if [[ -z "$NOTE" && $QUICK == 1 ]]; then
  NOTE="Smoke test (--quick): one small province, one run, no warm-up, quarantine tolerance raised to 1.0. Not a measurement of the goals."
fi
cores=$(nproc)
if [[ -z "$NOTE" ]] && awk -v l="$LOAD_START" -v c="$cores" 'BEGIN { exit !(l > c / 2) }'; then
  NOTE="The machine was busy when this run started (load average $LOAD_START on $cores cores): noisy figures, not final."
fi
ENV_FILE="$RESULTS_DIR/results/environment.properties"
{
  echo "date=$(date -u '+%Y-%m-%d %H:%M')"
  echo "mode=$([[ $QUICK == 1 ]] && echo 'quick (CI smoke test)' || echo full)"
  echo "cores=$cores"
  echo "memory=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
  echo "os=$(uname -sr)"
  echo "java=$(java -version 2>&1 | head -n 1) / $(java -version 2>&1 | sed -n 2p)"
  echo "spark=${spark_version:-unknown}"
  echo "duckdb=${duckdb_version:-unknown}"
  echo "commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (with local changes)')"
  echo "scale_factors=$SCALE_FACTORS"
  echo "provinces=${PROVINCES:-all 31}${INPUT:+ (input root given: $INPUT)}"
  echo "latest=$LATEST (backfill $FROM … $LATEST)"
  echo "runs=$RUNS"
  echo "warmup=$WARMUP"
  echo "load=$LOAD_START / $(cut -d' ' -f1 /proc/loadavg)"
  echo "total=$(( total / 60 )) min $(( total % 60 )) s"
  echo "command=bench/run-benchmark.sh --scale-factors \"$SCALE_FACTORS\" --runs $RUNS${PROVINCES:+ --provinces $PROVINCES}$([[ $QUICK == 1 ]] && echo ' --quick')$([[ "$ONLY" != "$ALL_MEASUREMENTS" ]] && echo " --only \"$ONLY\"")$([[ $QUICK == 0 && $WARMUP != 1 ]] && echo " --warmup $WARMUP")${NAIVE_RUNS:+ --naive-runs $NAIVE_RUNS}"
  echo "note=$NOTE"
} > "$ENV_FILE"
java -cp "$BENCH_JAR" com.governancemetrics.bench.ResultsReport --runs "$RUNS_CSV" --environment "$ENV_FILE" \
  --output "$RESULTS_DIR/RESULTS.md" --runs-link "results/runs.csv" >&2
log "done in $(( total / 60 )) min $(( total % 60 )) s: $RESULTS_DIR/RESULTS.md"
if [[ $FAILED == 1 ]]; then
  log "at least one measured command failed (see above and $LOGS)"
  exit 1
fi
