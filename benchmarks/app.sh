#!/usr/bin/env bash
# The whole application: the example WAR on WildFly (the server example-war/run.sh uses; its standalone.xml
# has no OpenTelemetry of its own) under wrk on loopback, in three variants run in alternating order (A/B):
# no tracing (the WAR with tracing off), this library (tracing on), and the OpenTelemetry Java agent (the
# same WAR, library off, agent on). Library and agent export to the same OTLP receiver. Called by run.sh
# (with CP, the benchmarks' class path, for the receiver); on its own:
#
#   benchmarks/app.sh --check                    whether everything it needs is there (says what is not)
#   benchmarks/app.sh [--rounds N] [--quick] [--results DIR] [--war FILE] [--war-library] [--only VARIANT]
#   benchmarks/app.sh --app light [--rounds N] [--warmup 60s] [--duration 30s] [--decode]   the light request
#
# --app light runs benchmarks/light-war instead of the example: one JAX-RS endpoint, one @Traced CDI bean and
# four H2 statements (six spans per request), under a closed loop of 8 connections, the receiver decoding
# nothing (it answers at once), "none" being the library present without a key (not otel.sdk.disabled).
# Its figures go to DIR/light.csv (the report does not draw them; docs/BENCHMARKS.md has them by hand),
# with the 1-minute load average at each variant's start and the span-loss report lines of the server log.
#
# The WAR gets the library jar of this worktree (target/), replacing the one it was built with, unless
# --war-library keeps the WAR's own.
#
# Per variant and round it records, in DIR/app.csv: requests/s, p50 and p99 latency, server CPU per request,
# RSS and live threads after the run (and those tracing started, by name), start-up time (JVM start to the first answered request) and the spans
# the receiver got per request.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/benchmarks
WORK=$BENCH/target/app
RESULTS=$ROOT/docs/benchmarks/results
ROUNDS=2
QUICK=false
CHECK=false
KEEP_LIBRARY=false
ONLY=
WAR=
APP=example
WARMUP=
DURATION=
DECODE=false
WARMUP_GIVEN=false
WILDFLY_VERSION=39.0.1.Final
AGENT_VERSION=2.31.1
while [ $# -gt 0 ]; do
  case "$1" in
    --check) CHECK=true ;;
    --rounds) ROUNDS=$2; shift ;;
    --quick) QUICK=true ;;
    --results) RESULTS=$2; shift ;;
    --war) WAR=$2; shift ;;
    --war-library) KEEP_LIBRARY=true ;;
    --only) ONLY=$2; shift ;;
    --app) APP=$2; shift ;;
    --warmup) WARMUP=$2; WARMUP_GIVEN=true; shift ;;
    --duration) DURATION=$2; shift ;;
    --decode) DECODE=true ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
if $QUICK; then : "${WARMUP:=5s}" "${DURATION:=10s}"; else : "${WARMUP:=20s}" "${DURATION:=30s}"; fi
CONNECTIONS=16
URL_PATH=/example/api/users/1
WRK_SCRIPT=()
CSV=app.csv
SINK_MODE=
case "$APP" in
  example) ;;
  light)
    # The JIT is still compiling after 20 s (C2 the busiest thread), and a light request is mostly its code.
    if ! $QUICK && ! $WARMUP_GIVEN; then WARMUP=60s; fi
    CONNECTIONS=8
    URL_PATH=/light/api/accounts/1
    WRK_SCRIPT=(-s "$BENCH/light-war/accounts.lua") # a random account of the 1000 on every request
    CSV=light.csv
    $DECODE || SINK_MODE=--discard ;; # --decode: count the spans (costs the receiver's inflating)
  *) echo "unknown application $APP (example, light)" >&2; exit 2 ;;
esac

log() { echo "[$(date +%H:%M:%S)] app: $*"; }
# As run.sh runs Maven (e.g. with -o); MAVEN_OPTS (another local repository, say) applies as usual.
read -r -a MVN <<< "${MVN_COMMAND:-mvn -B -q}"
WILDFLY=$ROOT/example-war/target/servers/wildfly/wildfly-$WILDFLY_VERSION
AGENT=$BENCH/target/agent/opentelemetry-javaagent-$AGENT_VERSION.jar

# ---- what is needed ----
missing() { echo "whole application: $*" >&2; exit 1; }
command -v wrk > /dev/null || missing "wrk is not installed (Debian: apt-get install -y wrk)"
for tool in curl:curl zip:zip ss:iproute2 pgrep:procps; do
  command -v "${tool%%:*}" > /dev/null || missing "${tool%%:*} is not installed (Debian: apt-get install -y ${tool#*:})"
done
[ -f "$ROOT/example-war/pom.xml" ] || missing "no example-war/ on this branch"
if [ "$APP" = light ] && [ -z "$WAR" ]; then
  WAR=$BENCH/light-war/target/light.war
  (cd "$BENCH/light-war" && "${MVN[@]}" package) || missing "benchmarks/light-war did not build"
fi
[ -n "$WAR" ] || WAR=$ROOT/example-war/target/example.war
if [ ! -f "$ROOT/example-war/target/example.war" ] || [ ! -d "$WILDFLY" ]; then
  log "building the example WAR and unpacking WildFly $WILDFLY_VERSION"
  (cd "$ROOT/example-war" && "${MVN[@]}" package -Prun -DskipTests -DskipITs) \
    || missing "the example WAR did not build, or WildFly could not be unpacked"
fi
[ -f "$WAR" ] && [ -d "$WILDFLY" ] || missing "no example WAR or no WildFly in example-war/target"
if [ ! -f "$AGENT" ]; then
  # Through the benchmarks' project, so that its pinned maven-dependency-plugin runs, into its target/.
  (cd "$BENCH" && "${MVN[@]}" dependency:copy -Dmdep.overWriteIfNewer=true \
    -Dartifact="io.opentelemetry.javaagent:opentelemetry-javaagent:$AGENT_VERSION" -DoutputDirectory="$BENCH/target/agent") \
    > /dev/null && [ -f "$AGENT" ] || missing "the OpenTelemetry Java agent $AGENT_VERSION could not be resolved"
fi
$CHECK && exit 0
[ -n "${CP:-}" ] || missing "run it through benchmarks/run.sh (it needs the benchmarks' class path in CP)"

# ---- the WAR, with the library of this worktree in it ----
rm -rf "$WORK"
mkdir -p "$WORK/war/WEB-INF/lib" "$RESULTS"
cp "$WAR" "$WORK/example.war"
LIB=${LIBRARY_JAR:-$ROOT/target/mackerel-tracing-jakarta-0.1.0-SNAPSHOT.jar} # LIBRARY_JAR: another build of it
if ! $KEEP_LIBRARY; then
  zip -q -d "$WORK/example.war" 'WEB-INF/lib/mackerel-tracing-jakarta-*.jar'
  cp "$LIB" "$WORK/war/WEB-INF/lib/"
  (cd "$WORK/war" && zip -q "$WORK/example.war" WEB-INF/lib/*.jar)
fi

# ---- the receiver ----
SERVER_PID=
JVM_PID=
SINK_PID=
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2> /dev/null && wait "$SERVER_PID" 2> /dev/null || true
  [ -n "$JVM_PID" ] && kill "$JVM_PID" 2> /dev/null || true
  [ -n "$SINK_PID" ] && kill "$SINK_PID" 2> /dev/null && wait "$SINK_PID" 2> /dev/null || true
}
trap cleanup EXIT
# Ports that are free now: other work on the machine may hold the usual ones.
free_port() {
  local port
  for port in $(seq "$1" $(($1 + 500))); do
    ss -Hltn "sport = :$port" | grep -q . || { echo "$port"; return; }
  done
  missing "no free port from $1"
}
# WildFly's ports all move by one offset: http (8080), https (8443), management (9990).
HTTP_PORT=$(free_port 18480)
while [ -n "$(ss -Hltn "sport = :$((HTTP_PORT + 363))")$(ss -Hltn "sport = :$((HTTP_PORT + 1910))")" ]; do
  HTTP_PORT=$(free_port $((HTTP_PORT + 1)))
done
java -Xmx256m -cp "$CP" io.github.mackereltracing.benchmarks.export.OtlpSink 0 $SINK_MODE > "$WORK/sink.log" 2>&1 &
SINK_PID=$!
SINK_PORT=
for _ in $(seq 100); do
  SINK_PORT=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$WORK/sink.log")
  [ -n "$SINK_PORT" ] && break
  sleep 0.2
done
[ -n "$SINK_PORT" ] || missing "the OTLP receiver did not start: $(cat "$WORK/sink.log")"
sink_spans() { curl -sf "http://127.0.0.1:$SINK_PORT/stats" | cut -d' ' -f1; }

# ---- one variant: start, warm up, measure, stop ----
TICK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
status_of() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
to_ms() { # wrk's 1.23ms / 456.78us / 1.02s
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; print n }'
}

run_variant() {
  local round=$1 variant=$2
  # standalone.conf's own defaults, which it leaves out when JAVA_OPTS is set.
  local opts="-Xms64m -Xmx512m -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=256m -Djava.net.preferIPv4Stack=true"
  opts+=" -Djboss.modules.system.pkgs=org.jboss.byteman -Djava.awt.headless=true -Dotel.service.name=example"
  case "$variant" in
    none) [ "$APP" = light ] || opts+=" -Dotel.sdk.disabled=true" ;; # light: the library present, no key
    library) opts+=" -Dmackerel.api-key=benchmark-key-not-real"
             opts+=" -Dotel.exporter.otlp.traces.endpoint=http://127.0.0.1:$SINK_PORT/v1/traces" ;;
    # No key: the library stays off (otel.sdk.disabled would switch the agent off too).
    agent) opts+=" -javaagent:$AGENT -Dotel.exporter.otlp.protocol=http/protobuf"
           opts+=" -Dotel.exporter.otlp.traces.endpoint=http://127.0.0.1:$SINK_PORT/v1/traces"
           opts+=" -Dotel.exporter.otlp.compression=gzip -Dotel.metrics.exporter=none -Dotel.logs.exporter=none" ;;
  esac
  opts+=" ${APP_JVM_EXTRA:-}" # e.g. a JFR recording, to profile a variant
  local base=$WORK/wildfly-$variant
  rm -rf "$base"
  mkdir -p "$base/deployments"
  cp -r "$WILDFLY/standalone/configuration" "$base/"
  cp "$WORK/example.war" "$base/deployments/$APP.war"
  local load=$(cut -d' ' -f1 /proc/loadavg)
  log "round $round: $variant: starting (load $(cut -d' ' -f1 /proc/loadavg))"
  local start=$(date +%s.%N)
  LAUNCH_JBOSS_IN_BACKGROUND=1 JAVA_OPTS="$opts" "$WILDFLY/bin/standalone.sh" -b 127.0.0.1 -bmanagement 127.0.0.1 \
    -Djboss.server.base.dir="$base" -Djboss.socket.binding.port-offset=$((HTTP_PORT - 8080)) \
    > "$WORK/r$round-$variant.log" 2>&1 &
  SERVER_PID=$!
  local up=
  for _ in $(seq 1800); do
    if curl -sf -o /dev/null "http://127.0.0.1:$HTTP_PORT$URL_PATH"; then up=$(date +%s.%N); break; fi
    kill -0 "$SERVER_PID" 2> /dev/null || break
    sleep 0.1
  done
  if [ -z "$up" ]; then
    tail -30 "$WORK/r$round-$variant.log" >&2
    kill -0 "$SERVER_PID" 2> /dev/null || missing "$variant did not start: the server exited"
    missing "$variant did not start within 3 minutes"
  fi
  # standalone.sh waits for the server's JVM: the figures are that JVM's.
  local jvm=$(pgrep -P "$SERVER_PID" java | head -1)
  [ -n "$jvm" ] || missing "no server JVM under standalone.sh ($SERVER_PID)"
  JVM_PID=$jvm
  local startup=$(awk -v a="$start" -v b="$up" 'BEGIN {print b - a}')
  log "round $round: $variant: up in ${startup}s; warming up for $WARMUP"
  wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" "${WRK_SCRIPT[@]}" "http://127.0.0.1:$HTTP_PORT$URL_PATH" > /dev/null
  local spans0=$(sink_spans) cpu0=$(cpu_ticks "$jvm")
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "${WRK_SCRIPT[@]}" "http://127.0.0.1:$HTTP_PORT$URL_PATH" > "$WORK/r$round-$variant.wrk"
  local cpu1=$(cpu_ticks "$jvm")
  local rss=$(status_of "$jvm" VmRSS) threads=$(status_of "$jvm" Threads)
  # Threads by name (as the kernel keeps them: 15 characters), and those that tracing started: the SDK's
  # and exporters' (the JDK's Keep-Alive-Timer is one per JVM, for every HttpURLConnection user).
  cat /proc/"$jvm"/task/*/comm 2> /dev/null | sed 's/[0-9]*$//' | sort | uniq -c | sort -rn \
    > "$WORK/r$round-$variant.threads"
  local tracing_threads=$(cat /proc/"$jvm"/task/*/comm 2> /dev/null \
    | grep -cE '^(BatchSpanProces|BatchLogRecordP|PeriodicMetricR|jdkhttp-executo|HttpClient-|OkHttp|otel)' || true)
  sleep 6 # the batch processor's schedule delay (5 s): spans of the last requests arrive
  local spans1=$(sink_spans)
  kill "$SERVER_PID"; wait "$SERVER_PID" 2> /dev/null || true; SERVER_PID=
  while kill -0 "$jvm" 2> /dev/null; do sleep 0.2; done
  # SpanLossReport's lines (spans not delivered, dropped, or unsent at undeploy): none means none lost.
  local loss_lines=$(grep -c "span(s) \(could not\|were dropped\|were still\)" "$WORK/r$round-$variant.log" || true)
  JVM_PID=
  local out=$WORK/r$round-$variant.wrk
  local rps=$(awk '/^Requests\/sec:/ {print $2}' "$out")
  local requests=$(awk '/requests in/ {print $1}' "$out")
  local errors=$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$out")
  local p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
  local p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
  [ -z "$errors" ] || missing "$variant answered $errors requests with an error: see $out"
  {
    echo "app.$variant,load1,$load,load,$round"
    echo "app.$variant,span_loss_lines,$loss_lines,lines,$round"
    echo "app.$variant,requests_per_second,$rps,req/s,$round"
    echo "app.$variant,p50_ms,$p50,ms,$round"
    echo "app.$variant,p99_ms,$p99,ms,$round"
    awk -v c=$((cpu1 - cpu0)) -v t="$TICK" -v n="$requests" -v r="$round" -v v="$variant" \
      'BEGIN {printf "app.%s,cpu_ms_per_request,%.4f,ms,%s\n", v, c * 1000 / t / n, r}'
    awk -v k="$rss" -v r="$round" -v v="$variant" 'BEGIN {printf "app.%s,rss_mb,%.1f,MB,%s\n", v, k / 1024, r}'
    echo "app.$variant,threads,$threads,threads,$round"
    echo "app.$variant,tracing_threads,$tracing_threads,threads,$round"
    echo "app.$variant,startup_seconds,$startup,s,$round"
    awk -v s=$((spans1 - spans0)) -v n="$requests" -v r="$round" -v v="$variant" \
      'BEGIN {printf "app.%s,spans_per_request,%.3f,spans,%s\n", v, s / n, r}'
  } >> "$RESULTS/$CSV"
  log "round $round: $variant: $rps req/s, p50 ${p50} ms, p99 ${p99} ms, $threads threads, RSS $((rss / 1024)) MB," \
      "spans/request $(awk -v s=$((spans1 - spans0)) -v n="$requests" 'BEGIN {printf "%.2f", s / n}')"
}

for round in $(seq 1 "$ROUNDS"); do
  variants=(none library agent)
  [ $((round % 2)) -eq 0 ] && variants=(agent library none)
  [ -n "$ONLY" ] && variants=("$ONLY")
  for variant in "${variants[@]}"; do
    echo "$round,app-$variant,$(cut -d' ' -f1 /proc/loadavg)" >> "$RESULTS/load.csv"
    run_variant "$round" "$variant"
  done
done
