# syntax=docker/dockerfile:1
# The Flink image with the imagestore job jar in usrlib (application mode). Build context: the
# repository root
#   docker build -f docker/job.Dockerfile -t imagestore/flink-job .
# BuildKit is required (the default builder since Docker 23) for the Maven cache mount.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# -am also builds flink-job's test-scoped reactor modules: Maven resolves them even with -DskipTests.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl flink-job -am -Pjob-jar package -DskipTests \
 && mkdir -p /out \
 && cp flink-job/target/imagestore-flink-job-*-job.jar /out/imagestore-flink-job.jar

FROM flink:2.2.1-java17
# libjpeg-turbo's TurboJPEG: the job decodes JPEGs with DCT scaling through it (about 2.5x the
# photos per CPU-second of the pure-Java path, which it falls back to without it). The image is
# Ubuntu-based, where the runtime package is libturbojpeg (Debian: libturbojpeg0).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libturbojpeg \
 && rm -rf /var/lib/apt/lists/*
# Application mode runs every jar under usrlib on the user classpath; Flink itself stays the
# image's own (the job jar leaves it out as provided).
COPY --from=build --chown=flink:flink /out/imagestore-flink-job.jar /opt/flink/usrlib/imagestore-flink-job.jar
COPY --chmod=0755 docker/job/start-job.sh /opt/imagestore/start-job.sh
