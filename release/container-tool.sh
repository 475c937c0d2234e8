# Sourced by build-image.sh and publish.sh: sets $tool to the container tool both use, the one named in
# CONTAINER_TOOL or else the first of docker, podman and buildah that works here.

works() {
  case "$1" in
    docker) command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1 ;;
    podman) command -v podman >/dev/null 2>&1 && podman info >/dev/null 2>&1 ;;
    buildah) command -v buildah >/dev/null 2>&1 ;;
    *) return 1 ;;
  esac
}

tool=${CONTAINER_TOOL:-}
if [ -z "$tool" ]; then
  for candidate in docker podman buildah; do
    if works "$candidate"; then
      tool=$candidate
      break
    fi
  done
fi
if [ -z "$tool" ] || ! works "$tool"; then
  echo "$0: no container tool works here: install docker (with its engine), podman or buildah" >&2
  exit 1
fi
