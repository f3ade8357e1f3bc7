#!/usr/bin/env bash
# Builds a JRE base image as a docker-archive tar without any registry: a Debian bookworm
# minbase root filesystem (debootstrap, from the Debian mirror) plus a jlink'd runtime of the
# local JDK at /opt/java/openjdk (Temurin's layout). For machines that cannot pull
# eclipse-temurin; a real pipeline uses the pinned eclipse-temurin digest instead.
#
#   deploy/image/build-local-base.sh [out.tar]      (root; needs debootstrap and podman)
#   ./mvnw -Pimage -pl app-helidon -am package -DskipTests -Dimage.base=tar://$PWD/out.tar
set -euo pipefail
out="$(realpath -m "${1:-target/tollgate-base.tar}")"
jdk="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
tag="localhost/tollgate-base:bookworm-jre$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 \
  | sed -n 's/ *java.specification.version = //p')"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for tool in debootstrap podman; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install $tool)" >&2; exit 2; }
done

debootstrap --variant=minbase bookworm "$work/rootfs" http://deb.debian.org/debian >"$work/debootstrap.log"
# The runtime: every module but the JDK's development tools.
modules="$("$jdk/bin/java" --list-modules | sed 's/@.*//' | grep -v -E \
  '^jdk\.(jshell|jdeps|jlink|jpackage|javadoc|compiler|jartool|jcmd|jconsole|hotspot\.agent|internal\.ed|internal\.le|internal\.opt|editpad|jstatd|jdi|jdwp\.agent|jsobject|random|incubator.*)$' \
  | paste -sd, -)"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$work/rootfs/opt/java/openjdk"
rm -rf "$work"/rootfs/var/cache/apt/archives/*.deb "$work"/rootfs/var/lib/apt/lists/*
tar -C "$work/rootfs" -cf "$work/rootfs.tar" .

podman --storage-driver vfs import -q \
  --change 'ENV JAVA_HOME=/opt/java/openjdk' \
  --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  "$work/rootfs.tar" "$tag" >/dev/null
mkdir -p "$(dirname "$out")"
rm -f "$out"
podman --storage-driver vfs save -q --format docker-archive -o "$out" "$tag"
echo "$tag -> $out ($(du -h "$out" | cut -f1))"
