#!/usr/bin/env bash
# Makes the Debian base image for the web-stack test on the local engine, without any image registry:
# debootstrap --variant=minbase from Debian's own archive into a temp dir, then `docker import`.
# Idempotent: when the image already exists it is reused. Usage: stack-base.sh [RELEASE] [TAG]
set -euo pipefail
RELEASE="${1:-bookworm}"
TAG="${2:-dockerfile-guide-test/debian-minbase:${RELEASE}}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

# Two runs at once (two CI jobs on one engine) would both debootstrap; the lock makes the second wait and reuse.
exec 9>"/tmp/dockerfile-guide-stack-base-${RELEASE}.lock"
flock 9

if docker image inspect "$TAG" >/dev/null 2>&1; then
  echo "base image $TAG already present"
  exit 0
fi
command -v debootstrap >/dev/null || { echo "debootstrap is not installed" >&2; exit 1; }

ROOT="$(mktemp -d /tmp/dockerfile-guide-rootfs.XXXXXX)"
cleanup() { rm -rf --one-file-system "$ROOT"; }
trap cleanup EXIT

start=$(date +%s)
echo "debootstrap --variant=minbase $RELEASE from $MIRROR"
if ! debootstrap --variant=minbase "$RELEASE" "$ROOT" "$MIRROR" >"$ROOT.log" 2>&1; then
  tail -40 "$ROOT.log" >&2
  rm -f "$ROOT.log"
  exit 1
fi
rm -f "$ROOT.log"
# What the official Debian images do too: no downloaded package files or lists kept in the layer.
rm -rf "$ROOT"/var/cache/apt/archives/*.deb "$ROOT"/var/lib/apt/lists/*
tar --numeric-owner -C "$ROOT" -c . | docker import \
  --change 'CMD ["bash"]' \
  --change "LABEL dockerfile-guide.test-base=debian-${RELEASE}" \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  - "$TAG" >/dev/null
echo "imported $TAG in $(( $(date +%s) - start )) s"
