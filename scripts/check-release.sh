#!/usr/bin/env bash
# Checks the artifacts a release publishes, as built by this build (run by the build itself in the verify
# phase, so by the README's test command `mvn -B verify` and by `mvn -B verify -DskipITs`):
#   1. the jar, -sources.jar, -javadoc.jar and bom.json (CycloneDX SBOM) are there, and the pom has the
#      metadata Maven Central requires;
#   2. LICENSE (and NOTICE, when the project has one) is in the jar's and the sources jar's META-INF,
#      as in the repository;
#   3. the javadoc documents the public API and no internal package;
#   4. the SBOM lists what the library brings into a WAR, and nothing it promises not to bring;
#   5. two builds of one commit give byte-identical artifacts: the sources are built once more, from a
#      copy, into another directory, and each artifact is compared with this build's;
#   6. the Maven Enforcer rules are active and their bans fire: a throwaway project whose parent is this
#      pom and which adds OpenTelemetry's OkHttp sender (OkHttp), Kotlin's stdlib and an SLF4J binding must
#      fail, naming each of them.
#
#   scripts/check-release.sh <basedir> <build directory> <final name> <mvn> offline=<true|false> <local repository>
#
# Prints "release-check: N passed, 0 failed" and exits 1 when a check fails. Needs only the JDK (jar)
# and Maven.
set -uo pipefail

BASEDIR="$1"
TARGET="$2"
NAME="$3"
MVN="$4"
OFFLINE="${5#offline=}"
REPO="$6"
WORK="$TARGET/release-check"
rm -rf "$WORK"
mkdir -p "$WORK"

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "[release-check] ok: $*"; }
fail() { failed=$((failed + 1)); echo "[release-check] FAILED: $*"; }

MVN_ARGS=(-B -Dmaven.repo.local="$REPO")
if [ "$OFFLINE" = "true" ]; then
  MVN_ARGS+=(-o)
fi

JAR="$TARGET/$NAME.jar"
SOURCES="$TARGET/$NAME-sources.jar"
JAVADOC="$TARGET/$NAME-javadoc.jar"
BOM="$TARGET/bom.json"

# 1. Every artifact a release uploads. The CycloneDX plugin runs only online (its goal declares so): an
# offline build (mvn -o) makes no bom.json, and its checks are left out, saying so.
ARTIFACTS=("$JAR" "$SOURCES" "$JAVADOC" "$BOM")
if [ "$OFFLINE" = "true" ]; then
  ARTIFACTS=("$JAR" "$SOURCES" "$JAVADOC")
  echo "[release-check] skipped: bom.json (offline build; the CycloneDX plugin runs only online, as in CI)"
fi
for f in "${ARTIFACTS[@]}"; do
  if [ -s "$f" ]; then pass "$(basename "$f") built"; else fail "$(basename "$f") missing in $TARGET"; fi
done

# 1b. The pom carries what Maven Central requires of every component.
for element in '<name>' '<description>' '<url>' '<licenses>' '<developers>' '<scm>' '<issueManagement>'; do
  if grep -q "^  $element" "$BASEDIR/pom.xml"; then pass "pom has $element"; else fail "pom lacks $element (Maven Central requires it)"; fi
done

# 2. The license travels inside the jars, identical to the repository's.
LEGAL=(LICENSE)
if [ -f "$BASEDIR/NOTICE" ]; then LEGAL+=(NOTICE); fi
for archive in "$JAR" "$SOURCES"; do
  [ -s "$archive" ] || continue
  dir="$WORK/unpacked-$(basename "$archive")"
  mkdir -p "$dir"
  (cd "$dir" && jar xf "$archive" "${LEGAL[@]/#/META-INF/}")
  for file in "${LEGAL[@]}"; do
    if cmp -s "$BASEDIR/$file" "$dir/META-INF/$file"; then
      pass "META-INF/$file in $(basename "$archive")"
    else
      fail "META-INF/$file missing in $(basename "$archive") or different from $file"
    fi
  done
done

# 3. The javadoc is the public API's, and only that.
if [ -s "$JAVADOC" ]; then
  listing="$(jar tf "$JAVADOC")"
  for page in io/github/mackereltracing/MackerelTracing.html io/github/mackereltracing/Traced.html \
      io/github/mackereltracing/jdbc/TracedDataSource.html; do
    if grep -qx "$page" <<<"$listing"; then pass "javadoc has $page"; else fail "javadoc lacks $page"; fi
  done
  if grep -q '/internal/' <<<"$listing"; then
    fail "javadoc documents internal packages: $(grep '/internal/' <<<"$listing" | head -3 | tr '\n' ' ')"
  else
    pass "javadoc leaves the internal packages out"
  fi
fi

# 4. The SBOM names what a WAR gets, and none of what the library promises not to bring.
if [ "$OFFLINE" != "true" ] && [ -s "$BOM" ]; then
  for component in '"name" : "opentelemetry-sdk"' '"name" : "opentelemetry-exporter-otlp"' \
      '"name" : "opentelemetry-instrumentation-annotations"' '"id" : "Apache-2.0"'; do
    if grep -q "$component" "$BOM"; then pass "bom.json has $component"; else fail "bom.json lacks $component"; fi
  done
  if grep -qiE '"(group|name)" : "[^"]*(okhttp|kotlin|logback|slf4j|log4j|jakarta\.servlet|junit)' "$BOM"; then
    fail "bom.json lists what must not reach a WAR: $(grep -iE '"name" : "[^"]*(okhttp|kotlin|logback|slf4j|log4j|servlet|junit)' "$BOM" | head -3 | tr -s ' ')"
  else
    pass "bom.json has no OkHttp, Kotlin, logging back end, container API or test library"
  fi
fi

# 5. Reproducible: build the same sources again in another directory and compare every artifact.
COPY="$WORK/rebuild"
mkdir -p "$COPY"
cp "$BASEDIR/pom.xml" "$COPY/"
for file in "${LEGAL[@]}"; do cp "$BASEDIR/$file" "$COPY/"; done
mkdir -p "$COPY/src" && cp -R "$BASEDIR/src/main" "$COPY/src/"
if [ -d "$BASEDIR/.mvn" ]; then cp -R "$BASEDIR/.mvn" "$COPY/"; fi
if (cd "$COPY" && "$MVN" "${MVN_ARGS[@]}" -q package -DskipTests -Dmaven.test.skip=true -DskipITs -Denforcer.skip=true \
    > "$WORK/rebuild.log" 2>&1); then
  for f in "${ARTIFACTS[@]}"; do
    [ -s "$f" ] || continue
    if cmp -s "$f" "$COPY/target/$(basename "$f")"; then
      pass "$(basename "$f") is byte-identical when built again"
    else
      fail "$(basename "$f") differs when built again from the same sources ($COPY/target); a stale target/? try mvn clean verify"
    fi
  done
else
  fail "building again in $COPY failed: $(tail -20 "$WORK/rebuild.log")"
fi

# 6. The enforcer's bans fire: a project that brings OkHttp, Kotlin and an SLF4J binding fails.
PROBE="$COPY/enforcer-probe"
mkdir -p "$PROBE"
cat > "$PROBE/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>io.github.mackerel-tracing</groupId>
    <artifactId>mackerel-tracing-jakarta</artifactId>
    <version>probe</version>
    <relativePath>../pom.xml</relativePath>
  </parent>
  <artifactId>enforcer-probe</artifactId>
  <dependencies>
    <dependency>
      <groupId>io.opentelemetry</groupId>
      <artifactId>opentelemetry-exporter-sender-okhttp</artifactId>
    </dependency>
    <dependency>
      <!-- Kotlin by another road than OkHttp (the ban report stops at OkHttp, above its Kotlin). -->
      <groupId>org.jetbrains.kotlin</groupId>
      <artifactId>kotlin-stdlib</artifactId>
      <version>2.1.21</version>
    </dependency>
    <dependency>
      <groupId>org.slf4j</groupId>
      <artifactId>slf4j-simple</artifactId>
      <version>2.0.17</version>
      <scope>runtime</scope>
    </dependency>
  </dependencies>
</project>
EOF
# The parent must be a pom with a version of its own: the copy of this pom, so changed.
sed -i -e '0,/<version>0.1.0-SNAPSHOT<\/version>/s//<version>probe<\/version>/' \
  -e '0,/<packaging>jar<\/packaging>/s//<packaging>pom<\/packaging>/' "$COPY/pom.xml"
(cd "$PROBE" && "$MVN" "${MVN_ARGS[@]}" -DskipITs validate > "$PROBE.log" 2>&1)
probe_exit=$?
if [ "$probe_exit" -ne 0 ]; then pass "the enforcer fails a build that brings banned libraries"; else fail "the enforcer let a build with OkHttp, Kotlin and slf4j-simple pass ($PROBE.log)"; fi
for banned in 'com.squareup.okhttp3:okhttp' 'org.jetbrains.kotlin:kotlin-stdlib' 'org.slf4j:slf4j-simple'; do
  if grep -q "$banned" "$PROBE.log"; then pass "ban names $banned"; else fail "no ban named $banned ($PROBE.log)"; fi
done
for rule in RequireJavaVersion RequireMavenVersion DependencyConvergence; do
  if grep -q "Rule [0-9]*: org.apache.maven.enforcer.rules.*$rule" "$PROBE.log"; then
    pass "enforcer rule $rule is active"
  else
    fail "enforcer rule $rule did not run ($PROBE.log)"
  fi
done

echo "[release-check] took ${SECONDS} s"
echo "release-check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
