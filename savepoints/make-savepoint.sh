#!/usr/bin/env bash
# Takes the savepoint of the release being built into savepoints/<release>/ (the root pom's
# version without -SNAPSHOT): the job as built now runs on the embedded stack (in-process Kafka,
# S3 server) with RocksDB over a fixed input, and is stopped with a canonical savepoint.
# Run it once per release, before tagging it, and commit the folder. See savepoints/README.md.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

command -v mvn >/dev/null || { echo "make-savepoint: mvn not found" >&2; exit 2; }
cp_file="$root/flink-job/target/savepoint-classpath.txt"

# Compiles the job and its test classes (the maker lives there, with the test helpers) and writes
# the module's test classpath; sibling modules resolve from the reactor, nothing is installed.
mvn -B -q -ntp -pl flink-job -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/savepoint-classpath.txt

# Flink and Kafka on Java 17 need these opens (the list Flink's own launch scripts pass).
opens=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.math=ALL-UNNAMED --add-opens=java.sql/java.sql=ALL-UNNAMED
  --add-exports=java.base/sun.net.util=ALL-UNNAMED)

mkdir -p "$root/flink-job/target/tmp"
exec java -Xmx2g "${opens[@]}" \
  -Daws.java.v1.disableDeprecationAnnouncement=true \
  -Djava.io.tmpdir="$root/flink-job/target/tmp" \
  -Dimagestore.test.log="$root/flink-job/target/test-logs/make-savepoint.log" \
  -cp "$root/flink-job/target/test-classes:$root/flink-job/target/classes:$(cat "$cp_file")" \
  io.imagestore.job.savepoints.MakeReleaseSavepoint "$root/savepoints"
