#!/usr/bin/env bash
# Makes sure a Docker engine answers on /var/run/docker.sock: starts dockerd in the background when none does.
set -euo pipefail
SOCK=/var/run/docker.sock
if docker version >/dev/null 2>&1; then echo "docker engine already answers"; exit 0; fi
command -v dockerd >/dev/null || { echo "dockerd is not installed" >&2; exit 1; }
mkdir -p /tmp/dockerfile-guide-ci
nohup dockerd >/tmp/dockerfile-guide-ci/dockerd.log 2>&1 &
for _ in $(seq 1 60); do
  if [ -S "$SOCK" ] && docker version >/dev/null 2>&1; then echo "docker engine is up"; exit 0; fi
  sleep 1
done
echo "dockerd did not come up in 60 s" >&2
tail -30 /tmp/dockerfile-guide-ci/dockerd.log >&2
exit 1
