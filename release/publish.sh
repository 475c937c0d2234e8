#!/bin/sh
# Publishes a release: the operator image REGISTRY/wasabi-operator:VERSION and the chart as an OCI
# artifact, oci://REGISTRY/charts/wasabi-operator:VERSION (helm push's layout). VERSION must be the
# project's (pom.xml without -SNAPSHOT), which is also the chart's version and appVersion, so that the
# chart pulls this very image by default.
#
#   release/publish.sh REGISTRY VERSION
#   release/publish.sh ghcr.io/wasabi-operator 0.1.0
#
# The image is the one release/build-image.sh built as REGISTRY/wasabi-operator:VERSION, pushed with the
# tool that built it. With PLATFORMS (e.g. linux/amd64,linux/arm64) and docker, it is built for those
# platforms and pushed in one step instead (docker buildx). Needs helm for the chart, and a login to the
# registry (docker login, podman login, buildah login, helm registry login).
#
# Environment: CONTAINER_TOOL (docker, podman, buildah), PLATFORMS, TLS_VERIFY=false for a registry over
# plain HTTP (a local test registry), OUT (where the chart package and the image digest go; default
# target/release), ALLOW_SNAPSHOT=true to publish VERSION from a VERSION-SNAPSHOT pom (your own registry,
# a test).
set -eu
cd "$(dirname "$0")/.."

if [ $# -ne 2 ]; then
  echo "usage: $0 REGISTRY VERSION" >&2
  exit 2
fi
registry=${1%/}
version=$2
out=${OUT:-target/release}
mkdir -p "$out"

# The project's version: the line after its artifactId in the root pom.
project=$(awk '/<artifactId>wasabi-operator-parent<\/artifactId>/ {found = 1; next}
  found { sub(/.*<version>/, ""); sub(/<\/version>.*/, ""); print; exit }' pom.xml)
chart_version=$(sed -n 's/^version: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' helm/wasabi-operator/Chart.yaml)
app_version=$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' helm/wasabi-operator/Chart.yaml)
if [ "$project" != "$version" ] && [ "${ALLOW_SNAPSHOT:-false}" != true -o "$project" != "$version-SNAPSHOT" ]; then
  echo "$0: pom.xml's version is $project, not $version: set it (mvn versions:set -DnewVersion=$version), commit, tag v$version" >&2
  exit 1
fi
for pair in "Chart.yaml version:$chart_version" "Chart.yaml appVersion:$app_version"; do
  if [ "${pair##*:}" != "$version" ]; then
    echo "$0: $version is not the version of ${pair%:*} (${pair##*:}); they must agree" >&2
    exit 1
  fi
done

image="$registry/wasabi-operator:$version"
. "$(dirname "$0")/container-tool.sh"
# Checked before anything is pushed: a release is both or neither.
if ! command -v helm >/dev/null 2>&1; then
  echo "$0: helm is needed to push the chart; install it first" >&2
  exit 1
fi
tls=""
if [ "${TLS_VERIFY:-true}" = false ]; then
  tls="--tls-verify=false"
fi

echo "Pushing $image with $tool"
case "$tool" in
  docker)
    if [ -n "${PLATFORMS:-}" ]; then
      docker buildx build --platform "$PLATFORMS" -f Dockerfile -t "$image" --push \
        --build-arg "JAR_FROM=${JAR_FROM:-source}" ${BUILD_IMAGE:+--build-arg "BUILD_IMAGE=$BUILD_IMAGE"} \
        ${RUNTIME_IMAGE:+--build-arg "RUNTIME_IMAGE=$RUNTIME_IMAGE"} --metadata-file "$out/image-metadata.json" .
    else
      docker push "$image"
    fi
    ;;
  podman) podman push $tls --digestfile "$out/image.digest" "$image" ;;
  buildah) buildah push $tls --digestfile "$out/image.digest" "$image" "docker://$image" ;;
esac

plain=""
if [ "${TLS_VERIFY:-true}" = false ]; then
  plain="--plain-http"
fi
echo "Pushing the chart wasabi-operator $version to oci://$registry/charts"
helm package helm/wasabi-operator --destination "$out"
helm push "$out/wasabi-operator-$version.tgz" "oci://$registry/charts" $plain
