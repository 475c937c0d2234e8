# syntax=docker/dockerfile:1
# The operator image. From the repository root: release/build-image.sh (docker, podman or buildah),
# or docker build -t wasabi-operator .
#
# The base images are build arguments, so that a mirror's copies or locally made bases can stand in:
#   --build-arg BUILD_IMAGE=... (JDK 17 and Maven) --build-arg RUNTIME_IMAGE=... (a JRE 17 with java on PATH)
# JAR_FROM=source (the default) builds the jar here with Maven; JAR_FROM=context takes the jar built
# beforehand (mvn -B -pl operator -am package -DskipTests) from operator/target/, for builders that
# cannot reach Maven Central.
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre
ARG JAR_FROM=source

# The jar is the same on every platform: built once, on the builder's own (no emulation for arm64).
FROM --platform=$BUILDPLATFORM ${BUILD_IMAGE} AS jar-from-source
WORKDIR /src
# The whole reactor: Maven reads every module's pom even when building one.
COPY . .
# The cache mount keeps downloaded dependencies from one build to the next.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl operator -am package -DskipTests \
 && mkdir -p /out && cp operator/target/wasabi-operator.jar /out/

FROM scratch AS jar-from-context
COPY operator/target/wasabi-operator.jar /out/wasabi-operator.jar

FROM jar-from-${JAR_FROM} AS jar

# Class Data Sharing: a training run writes the classes the operator loads while it starts into an
# archive that later starts map instead of loading and verifying them. It must run on the runtime
# image's own JVM, with the jar at its final path. No cluster is reachable here, so the operator goes
# as far as starting its informers, then stops with "Could not start"; that is enough for most of the
# gain (README, Performance: start-up).
FROM ${RUNTIME_IMAGE} AS training
COPY --from=jar /out/wasabi-operator.jar /app/wasabi-operator.jar
RUN printf '%s\n' 'apiVersion: v1' 'kind: Config' \
      'clusters: [{name: none, cluster: {server: "https://127.0.0.1:1"}}]' \
      'users: [{name: none, user: {token: none}}]' \
      'contexts: [{name: none, context: {cluster: none, user: none}}]' 'current-context: none' > /tmp/kubeconfig \
 && (KUBECONFIG=/tmp/kubeconfig KUBERNETES_REQUEST_RETRY_BACKOFFLIMIT=0 WASABI_OPERATOR_HEALTH_PORT=0 \
     java -Xlog:cds=off -XX:ArchiveClassesAtExit=/app/wasabi-operator.jsa -jar /app/wasabi-operator.jar || true) \
 && test -s /app/wasabi-operator.jsa

FROM ${RUNTIME_IMAGE}
COPY --from=jar /out/wasabi-operator.jar /app/wasabi-operator.jar
COPY --from=training /app/wasabi-operator.jsa /app/wasabi-operator.jsa
# Numeric, so that the kubelet can check runAsNonRoot without a passwd entry.
USER 65532:65532
# Heap from the container's memory limit. Temporary files go to /tmp, where the chart mounts an
# emptyDir so that the root filesystem can stay read-only; user.home too, as the user has no home.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Djava.io.tmpdir=/tmp -Duser.home=/tmp"
# Health endpoints (WASABI_OPERATOR_HEALTH_PORT).
EXPOSE 8080
# An archive the JVM cannot use (another JVM build, say) is ignored with a warning, never fatal.
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/wasabi-operator.jsa", "-jar", "/app/wasabi-operator.jar"]
