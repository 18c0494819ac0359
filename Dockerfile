# syntax=docker/dockerfile:1
#
# secretgate's container image: a Maven build stage, then a slim JRE 17 runtime that runs
# `java -jar secretgate.jar serve` as a non-root user, with an AppCDS archive made at build time.
#
#   docker build -t secretgate:dev .
#
# The runtime base is pinned by digest. Fill in the digest before the first build (and when you
# move to a newer JRE patch release), e.g.
#   docker buildx imagetools inspect eclipse-temurin:17-jre      # the "Digest:" line
#   crane digest eclipse-temurin:17-jre                          # or this
# and replace __FILL_IN_DIGEST__ below, or pass --build-arg RUNTIME_IMAGE=eclipse-temurin:17-jre@sha256:<digest>.
# Until then the build stops at the FROM line with "invalid reference format" on purpose.
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre@sha256:__FILL_IN_DIGEST__

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# Dependencies first, so that a source change reuses this layer.
COPY pom.xml .
RUN mvn -B -ntp dependency:go-offline -DexcludeScope=test || true
COPY src src
# The tests run in CI (mvn verify); the image build only packages (test sources not even compiled).
RUN mvn -B -ntp package -Dmaven.test.skip=true && cp target/secretgate.jar /secretgate.jar

FROM ${RUNTIME_IMAGE} AS runtime
LABEL org.opencontainers.image.title="secretgate" \
      org.opencontainers.image.description="Keeps Kubernetes Secrets in step with HashiCorp Vault and guards the path in between."
WORKDIR /app
COPY --from=build /secretgate.jar /app/secretgate.jar
COPY examples /app/examples
# Class-data sharing: a training run (the offline validate over the bundled examples, which exits 1
# on purpose) writes a dynamic AppCDS archive of the classes it loaded (YAML, Jackson, the fabric8
# model, picocli, the validation core); every start maps it read-only. Made by this very JRE, as
# CDS requires; the build fails if no archive came out. -Xshare:auto falls back to no sharing,
# never to a failure, should the archive ever not match.
RUN java -XX:ArchiveClassesAtExit=/app/secretgate.jsa -jar /app/secretgate.jar \
      validate --policy /app/examples/policies/secretgate-sync.hcl /app/examples/manifests/ > /dev/null; \
    test -s /app/secretgate.jsa && rm -rf /app/examples
# A numeric non-root user (runAsNonRoot can check a number, not a name); no home, no shell needed.
USER 10001:10001
# Container-aware heap (75 % of the memory limit), exit on OOM so Kubernetes restarts the pod.
# /tmp is the only place written (the chart mounts an emptyDir there; the root is read-only).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", \
            "-XX:SharedArchiveFile=/app/secretgate.jsa", "-Xshare:auto", \
            "-Djava.io.tmpdir=/tmp", "-jar", "/app/secretgate.jar"]
CMD ["serve"]
EXPOSE 8443 8080
