# syntax=docker/dockerfile:1
# The operator image. Build from the repository root: docker build -t wasabi-operator .

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# The whole reactor: Maven reads every module's pom even when building one.
COPY . .
# The cache mount keeps downloaded dependencies from one build to the next.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl operator -am package -DskipTests

FROM eclipse-temurin:17-jre
COPY --from=build /src/operator/target/wasabi-operator.jar /app/wasabi-operator.jar
# Numeric, so that the kubelet can check runAsNonRoot without a passwd entry.
USER 65532:65532
# Heap from the container's memory limit. Temporary files go to /tmp, where the chart mounts an
# emptyDir so that the root filesystem can stay read-only; user.home too, as the user has no home.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Djava.io.tmpdir=/tmp -Duser.home=/tmp"
# Health endpoints (WASABI_OPERATOR_HEALTH_PORT).
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/wasabi-operator.jar"]
