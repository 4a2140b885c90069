# syntax=docker/dockerfile:1
# The ingest bridge (FTP → object store + Kafka). Build context: the repository root
#   docker build -f docker/bridge.Dockerfile -t imagestore/ingest-bridge .
# BuildKit is required (the default builder since Docker 23) for the Maven cache mount.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The reactor includes the bridge's test-scoped modules (local-stack) because Maven resolves test
# dependencies even with -DskipTests; installing them lets docker/bridge/pom.xml resolve the bridge.
# docker/bridge/pom.xml adds the logging backend the library module leaves to its deployment.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl ingest-bridge -am install -DskipTests \
 && mvn -B -q -f docker/bridge/pom.xml dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory=/out/lib

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 imagestore \
 && useradd --system --uid 10001 --gid imagestore --home-dir /opt/imagestore --no-create-home imagestore
COPY --from=build /out/lib/ /opt/imagestore/lib/
COPY docker/bridge/log4j2.xml /opt/imagestore/log4j2.xml
USER imagestore
WORKDIR /opt/imagestore
# 2121: FTP control. The passive data ports are the range configured in passive.ports and must be
# published 1:1 (host port = container port): PASV replies announce the number itself.
EXPOSE 2121 9464
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Dlog4j2.configurationFile=/opt/imagestore/log4j2.xml"
ENTRYPOINT ["java", "-cp", "/opt/imagestore/lib/*", "io.imagestore.bridge.BridgeMain"]
CMD ["/etc/imagestore/bridge.yaml"]
