#!/usr/bin/env bash
# Items/s loading a 100k-row, 6-column CSV into DynamoDB Local (in-process, HTTP on 127.0.0.1):
# the seed's sequential PutItem per row vs the Sluice loader in put and merge modes.
# Usage: bench/dynamodb-bench.sh [rows=100000] [baselineRows=20000] [concurrency=8] [repeats=2]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
. scripts/lib/find-jdk.sh
sluice_find_jdk
CP_FILE="$ROOT/bench/target/dynamodb-bench.classpath"
./mvnw -q -B -ntp -DskipTests -pl bench -am package dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
exec "$JAVA_HOME/bin/java" -Xmx1g -XX:+UseParallelGC \
  -Dsqlite4java.library.path="$ROOT/sluice-local/target/native-libs" --enable-native-access=ALL-UNNAMED \
  -Dlog4j2.level=WARN \
  -cp "$ROOT/bench/target/classes:$(cat "$CP_FILE")" dev.sluice.bench.dynamodb.DynamoDbLoadBench "$@"
