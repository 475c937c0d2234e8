#!/bin/sh
# Builds the operator image from the repository's Dockerfile with the first container tool that works
# here: docker (with a running engine), podman, or buildah (no daemon needed).
#
#   release/build-image.sh IMAGE TAG [-- OPTIONS FOR THE TOOL...]
#   release/build-image.sh registry.example.com/team/wasabi-operator 0.1.0
#
# Environment:
#   CONTAINER_TOOL  docker, podman or buildah: use this one instead of the first that works
#   JAR_FROM        source (default: Maven builds the jar inside the build) or context (use
#                   operator/target/wasabi-operator.jar, built beforehand with
#                   mvn -B -pl operator -am package -DskipTests)
#   BUILD_IMAGE, RUNTIME_IMAGE   other base images (a mirror's, or locally made ones)
set -eu
cd "$(dirname "$0")/.."

if [ $# -lt 2 ]; then
  echo "usage: $0 IMAGE TAG [-- OPTIONS FOR THE TOOL...]" >&2
  exit 2
fi
image=$1
tag=$2
shift 2
if [ "${1:-}" = "--" ]; then
  shift
fi

. "$(dirname "$0")/container-tool.sh"

set -- --build-arg "JAR_FROM=${JAR_FROM:-source}" "$@"
if [ -n "${BUILD_IMAGE:-}" ]; then
  set -- --build-arg "BUILD_IMAGE=$BUILD_IMAGE" "$@"
fi
if [ -n "${RUNTIME_IMAGE:-}" ]; then
  set -- --build-arg "RUNTIME_IMAGE=$RUNTIME_IMAGE" "$@"
fi
if [ "${JAR_FROM:-source}" = context ] && [ ! -s operator/target/wasabi-operator.jar ]; then
  echo "$0: JAR_FROM=context needs operator/target/wasabi-operator.jar: mvn -B -pl operator -am package -DskipTests" >&2
  exit 1
fi

echo "Building $image:$tag with $tool"
case "$tool" in
  docker) DOCKER_BUILDKIT=1 docker build -f Dockerfile -t "$image:$tag" "$@" . ;;
  podman) podman build -f Dockerfile -t "$image:$tag" "$@" . ;;
  buildah) buildah bud -f Dockerfile -t "$image:$tag" "$@" . ;;
esac
