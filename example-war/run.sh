#!/usr/bin/env bash
# Starts the example WAR on WildFly (downloaded from Maven Central by Maven) on 127.0.0.1 and prints the
# URLs to try. Needs Java 17+ and Maven.
#
#   example-war/run.sh                             spans are printed to the server's console (no key needed)
#   MACKEREL_API_KEY=<key> example-war/run.sh      spans are sent to Mackerel
#   PORT=9090 example-war/run.sh                   another port (default 8080)
#
# Stop it with Ctrl+C: the server undeploys the application, which sends the spans still queued.
#
# WildFly's standalone.xml has no OpenTelemetry of its own, so otel.sdk.disabled=false (tracing without a
# key) concerns this application only. On Payara, that setting would turn on Payara's own telemetry too
# (see docs/servers.md).
set -euo pipefail
cd "$(dirname "$0")"
PORT="${PORT:-8080}"
WILDFLY_VERSION=39.0.1.Final

echo "Building mackerel-tracing-jakarta and the example (the first run downloads WildFly, about 260 MB)..."
mvn -B -q -f ../pom.xml install -DskipTests -Dinvoker.skip=true
mvn -B -q package -Prun -DskipTests -DskipITs

home="target/servers/wildfly/wildfly-${WILDFLY_VERSION}"
base="target/run/base"
rm -rf "${base}"
mkdir -p "${base}/deployments"
cp -r "${home}/standalone/configuration" "${base}/"
cp target/example.war "${base}/deployments/"

tracing=()
if [[ -n "${MACKEREL_API_KEY:-}" ]]; then
  mode="to Mackerel (MACKEREL_API_KEY is set)"
else
  # Without a key, turn tracing on anyway and print every span to the server's console.
  tracing=(-Dotel.sdk.disabled=false -Dotel.traces.exporter=console)
  mode="to this console (set MACKEREL_API_KEY to send them to Mackerel)"
fi

url="http://127.0.0.1:${PORT}/example"
cat <<URLS

  Starting WildFly with the example; spans go ${mode}.
  When it says "Deployed \"example.war\"", try:
    ${url}/                              (this list, with links)
    ${url}/api/users                     all users (JDBC)
    ${url}/api/users/1                   one user (a path parameter, @Traced, JDBC)
    ${url}/api/users/99                  no such user (404)
    ${url}/api/profiles/2                calls api/users/2 over HTTP: one trace across both requests
    ${url}/api/reports/2024?delayMs=500  asynchronous, answers after 500 ms
    ${url}/api/fail                      fails with a 500
    ${url}/hello?name=Mackerel           a plain servlet
  Ctrl+C stops it.

URLS
export LAUNCH_JBOSS_IN_BACKGROUND=1  # so that Ctrl+C reaches the server, which then stops gracefully
exec "${home}/bin/standalone.sh" -b 127.0.0.1 -bmanagement 127.0.0.1 \
  -Djboss.server.base.dir="$(pwd)/${base}" -Djboss.http.port="${PORT}" \
  -Djboss.management.http.port="$((PORT + 1910))" -Djboss.https.port="$((PORT + 363))" "${tracing[@]}"
