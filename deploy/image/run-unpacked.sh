#!/usr/bin/env bash
# Runs an image tar (Jib's app-helidon/target/jib-image.tar) the way a container runtime would,
# where none can run (no Docker daemon; crun refuses this machine's cgroups): skopeo and umoci
# unpack it, then its entry point, environment, working directory and user from the image
# config run in new mount and PID namespaces with the root filesystem read-only, /tmp a tmpfs
# and the journal volume a writable directory. Extra environment goes in as NAME=value before --.
#
#   deploy/image/run-unpacked.sh app-helidon/target/jib-image.tar /tmp/journal \
#     TOLLGATE_STORE_TYPE=postgres ... -- serve          (root; needs skopeo, umoci, unshare)
set -euo pipefail
image="$(realpath "$1")"; journal="$(realpath -m "$2")"; shift 2
env_extra=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do env_extra+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
bundle="${TOLLGATE_IMAGE_BUNDLE:-$(mktemp -d)/bundle}"
if [ ! -d "$bundle/rootfs" ]; then
  oci="$(dirname "$bundle")/oci"
  skopeo copy -q "docker-archive:$image" "oci:$oci:run"
  umoci unpack --image "$oci:run" "$bundle" >/dev/null
fi
# The image config: entry point + args (ours replace the image's args), env, cwd, user.
read_config() {
  python3 - "$bundle/config.json" "$@" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))["process"]
args = p["args"]
extra = sys.argv[2:]
if extra:  # Jib puts args last; the image's own args are those after the main class
    main = next(i for i, a in enumerate(args) if a == "dev.tollgate.app.Main")
    args = args[:main + 1] + extra
print("\0".join(["%d:%d" % (p["user"]["uid"], p["user"]["gid"]), p["cwd"]] + p["env"] + ["--"] + args), end="")
PY
}
mapfile -d '' fields < <(read_config "$@")
user="${fields[0]}"; cwd="${fields[1]}"
rest=("${fields[@]:2}")
image_env=(); i=0
while [ "${rest[$i]}" != "--" ]; do image_env+=("${rest[$i]}"); i=$((i + 1)); done
command=("${rest[@]:$((i + 1))}")
mkdir -p "$journal" && chown "$user" "$journal"

exec unshare --mount --pid --fork --kill-child /bin/bash -c '
  set -e
  R="$1"; journal="$2"; user="$3"; cwd="$4"; shift 4
  mkdir -p "$R/proc" "$R/dev" "$R/tmp" "$R/var/lib/tollgate/journal"   # a runtime makes mount points
  mount --bind "$R" "$R" && mount -o remount,bind,ro "$R"
  mount -t proc proc "$R/proc"
  mount -t tmpfs -o mode=1777 tmpfs "$R/tmp"
  mount -t tmpfs tmpfs "$R/dev"
  for d in null:1:3 zero:1:5 random:1:8 urandom:1:9; do
    IFS=: read -r n ma mi <<<"$d"; mknod -m 666 "$R/dev/$n" c "$ma" "$mi"
  done
  mount --bind "$journal" "$R/var/lib/tollgate/journal"
  exec chroot --userspec="$user" "$R" /usr/bin/env -i "$@"
' run "$bundle/rootfs" "$journal" "$user" "$cwd" \
  "${image_env[@]}" "${env_extra[@]}" /bin/sh -c 'cd "$0" && exec "$@"' "$cwd" "${command[@]}"
