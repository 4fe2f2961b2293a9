#!/usr/bin/env bash
# Runs every benchmark of docs/BENCHMARKS.md and regenerates its results and chart:
#
#   benchmarks/run.sh                 the full suite: 2 rounds, in alternating order (about an hour)
#   benchmarks/run.sh --quick         a short pass to check that everything runs (about 10 minutes)
#   benchmarks/run.sh --rounds 3      more rounds, for a better view of the spread
#   benchmarks/run.sh --skip-app      without the whole-application runs (no server, no wrk)
#   benchmarks/run.sh --parts jmh     only some parts (jmh, export, app, light; comma-separated), keeping the
#                                     last results of the others
#   benchmarks/run.sh --parts light   the light request of issue 21 (benchmarks/light-war; not in the default
#                                     parts; figures in docs/benchmarks/results/light.csv, not drawn by the report)
#   benchmarks/run.sh --report-only   redraw docs/BENCHMARKS.md and the chart from the last results
#   benchmarks/run.sh --jmh '-f 1 -wi 3 -i 5'   JMH options of one's own (instead of the benchmarks' 3 forks x 5 + 5
#                                     iterations of 2 s), e.g. for a shorter JMH pass that is still not trivial
#   benchmarks/run.sh --offline       Maven offline (-o), once everything has been downloaded
#
# Needs: JDK 17, Maven (it downloads the dependencies from Maven Central on the first run), gnuplot (Debian:
# gnuplot-nox), and for the whole application wrk (Debian: wrk), curl, zip, ss (iproute2) and pgrep (procps).
# Maven's own settings apply: MAVEN_OPTS=-Dmaven.repo.local=... for another local repository. Results (raw CSV)
# go to docs/benchmarks/results/, the summary into docs/BENCHMARKS.md, the chart to
# docs/benchmarks/benchmarks.png.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/benchmarks
RESULTS=$ROOT/docs/benchmarks/results
ROUNDS=2
QUICK=false
APP=true
REPORT_ONLY=false
PARTS=jmh,export,app
OWN_JMH=
MVN=(mvn -B -q)
COMMAND="benchmarks/run.sh $*"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=true; ROUNDS=1 ;;
    --rounds) ROUNDS=$2; shift ;;
    --skip-app) APP=false ;;
    --report-only) REPORT_ONLY=true ;;
    --parts) PARTS=$2; shift ;;
    --jmh) OWN_JMH=$2; shift ;;
    --offline) MVN+=(-o) ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

if $QUICK; then
  JMH_OPTS=(-f 1 -wi 1 -i 2 -w 1s -r 1s)
  EXPORT_SECONDS=3
else
  JMH_OPTS=() # the benchmarks' own: 3 forks x (5 x 2 s warm-up + 5 x 2 s measurement)
  EXPORT_SECONDS=10
fi
[ -n "$OWN_JMH" ] && read -r -a JMH_OPTS <<< "$OWN_JMH"

log() { echo "[$(date +%H:%M:%S)] $*"; }
load1() { cut -d' ' -f1 /proc/loadavg; }
need() { command -v "$1" > /dev/null || { echo "run.sh: $1 is not installed ($2)" >&2; exit 1; }; }
need java "a JDK 17"
need mvn "Debian: apt-get install -y maven"
need gnuplot "Debian: apt-get install -y gnuplot-nox; it draws the chart"
JAVA_MAJOR=$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
[ "${JAVA_MAJOR%%.*}" -ge 17 ] 2> /dev/null || { echo "run.sh: needs Java 17 or later, found ${JAVA_MAJOR:-none}" >&2; exit 1; }
export MVN_COMMAND="${MVN[*]}" # app.sh builds the example WAR and fetches the agent the same way

# ---- build: the library from this worktree, then the benchmarks against it ----
log "building the library and the benchmarks"
(cd "$ROOT" && "${MVN[@]}" install -DskipTests -DskipITs)
(cd "$BENCH" && "${MVN[@]}" package)
# The library jar just built, not whatever another build put in the shared local repository since.
LIB=$ROOT/target/mackerel-tracing-jakarta-0.1.0-SNAPSHOT.jar
mkdir -p "$BENCH/target/lib"
cp "$LIB" "$BENCH/target/lib/"
CP="$BENCH/target/classes:$BENCH/target/lib/$(basename "$LIB"):$(tr ':' '\n' < "$BENCH/target/classpath.txt" \
  | grep -v '/mackerel-tracing-jakarta/' | paste -sd:)"
export CP

report() {
  log "writing docs/BENCHMARKS.md and the chart"
  java -cp "$CP" io.github.mackereltracing.benchmarks.report.Report "$RESULTS" "$ROOT/docs"
}
if $REPORT_ONLY; then
  report
  exit 0
fi

part() { [[ ",$PARTS," == *",$1,"* ]]; }
if [ "$PARTS" = jmh,export,app ]; then
  rm -rf "$RESULTS"
else # keep the other parts' results; the parts run now start afresh
  mkdir -p "$RESULTS"
  part jmh && rm -rf "$RESULTS/jmh" && sed -i '/Benchmark/d' "$RESULTS/load.csv" 2> /dev/null
  part export && rm -f "$RESULTS/export.csv" && sed -i '/,export,/d' "$RESULTS/load.csv" 2> /dev/null
  part app && rm -f "$RESULTS/app.csv" && sed -i '/,app-/d' "$RESULTS/load.csv" 2> /dev/null
  part light && rm -f "$RESULTS/light.csv"
  [ -f "$RESULTS/run-info.txt" ] && mv "$RESULTS/run-info.txt" "$RESULTS/run-info.previous.txt"
fi
mkdir -p "$RESULTS/jmh" "$RESULTS/logs"
{
  echo "command:  $COMMAND"
  echo "started:  $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit:   $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src || echo ' (library modified)')"
  echo "rounds:   $ROUNDS, order alternating$( { $QUICK || [ -n "$OWN_JMH" ]; } && echo ', JMH '"${JMH_OPTS[*]}"), parts: $PARTS"
  echo "machine:  $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'),"\
       "$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) memory, $(uname -sr)"
  echo "jdk:      $(java -version 2>&1 | sed -n 2p)"
  echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at the start"
} > "$RESULTS/run-info.txt"
if [ -f "$RESULTS/run-info.previous.txt" ]; then
  { echo; echo "Results of the other parts are from an earlier run:"; cat "$RESULTS/run-info.previous.txt"; } \
    >> "$RESULTS/run-info.txt"
  rm "$RESULTS/run-info.previous.txt"
fi
cat "$RESULTS/run-info.txt"
[ -f "$RESULTS/load.csv" ] || echo "# round,benchmark,load1" > "$RESULTS/load.csv"

# ---- JMH: every benchmark on its own, the order reversed every other round ----
JMH_RUNS=(
  'TracedBenchmark\.a_plainCall$|'
  'TracedBenchmark\.b_emptyInterceptorCall$|'
  'TracedBenchmark\.c_traced$|'
  'TracedBenchmark\.d_manualSpan$|'
  'TracedBenchmark\.e_tracedSamplingOff$|'
  'JdbcBenchmark\.primaryKeyLookup$|raw'
  'JdbcBenchmark\.primaryKeyLookup$|traced-parent'
  'JdbcBenchmark\.primaryKeyLookup$|traced-noparent'
  'JdbcBenchmark\.primaryKeyLookup$|jdbctelemetry-parent'
  'JdbcBenchmark\.primaryKeyLookup$|jdbctelemetry-noparent'
  'SanitizerBenchmark\.cached$|'
  'SanitizerBenchmark\.uncached$|'
)
for round in $(seq 1 "$ROUNDS"); do
  if part jmh; then
    order=("${JMH_RUNS[@]}")
    if [ $((round % 2)) -eq 0 ]; then
      order=()
      for ((i = ${#JMH_RUNS[@]} - 1; i >= 0; i--)); do order+=("${JMH_RUNS[$i]}"); done
    fi
    n=0
    for run in "${order[@]}"; do
      n=$((n + 1))
      pattern=${run%%|*}
      variant=${run#*|}
      label=$(echo "$pattern" | tr -d '\\$')${variant:+-$variant}
      params=()
      [ -n "$variant" ] && params=(-p "variant=$variant")
      echo "$round,$label,$(load1)" >> "$RESULTS/load.csv"
      log "round $round: $label (load $(load1))"
      java -cp "$CP" org.openjdk.jmh.Main "$pattern" "${params[@]}" "${JMH_OPTS[@]}" -prof gc \
        -prof io.github.mackereltracing.benchmarks.CpuTimeProfiler \
        -rf csv -rff "$RESULTS/jmh/r$round-$(printf %02d $n)-$label.csv" \
        > "$RESULTS/logs/r$round-$label.log" 2>&1 \
        || { echo "failed: see $RESULTS/logs/r$round-$label.log" >&2; exit 1; }
      grep -E '^[A-Za-z]+Benchmark\.[a-zA-Z_]+ ' "$RESULTS/logs/r$round-$label.log" | tail -1 || true
    done
  fi

  # ---- export: a JVM of its own for each measurement ----
  part export || continue
  echo "$round,export,$(load1)" >> "$RESULTS/load.csv"
  log "round $round: export throughput (load $(load1))"
  java -Xmx1g -Dbench.round="$round" -cp "$CP" io.github.mackereltracing.benchmarks.export.ExportBenchmark \
    throughput "$RESULTS/export.csv" "$EXPORT_SECONDS" > "$RESULTS/logs/r$round-export.log" 2>&1
  grep -E 'offered' "$RESULTS/logs/r$round-export.log" || true
  log "round $round: export retention"
  java -Xmx1g -Dbench.round="$round" -cp "$CP" io.github.mackereltracing.benchmarks.export.ExportBenchmark \
    retention "$RESULTS/export.csv" > "$RESULTS/logs/r$round-retention.log" 2>&1
  grep -E 'retained' "$RESULTS/logs/r$round-retention.log" || true
done

# ---- the whole application on a real server ----
if $APP && part app; then
  if "$BENCH/app.sh" --check; then
    "$BENCH/app.sh" --rounds "$ROUNDS" $($QUICK && echo --quick) --results "$RESULTS"
  else
    log "whole application skipped: see the line above"
  fi
fi

# ---- the light request (issue 21): six spans on a request that does little else ----
if part light; then
  "$BENCH/app.sh" --app light --rounds "$ROUNDS" $($QUICK && echo --quick) --results "$RESULTS"
fi

echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at the end, $(date -u +%Y-%m-%dT%H:%M:%SZ)" \
  >> "$RESULTS/run-info.txt"
report
