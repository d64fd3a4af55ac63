#!/usr/bin/env bash
# Makes sure a Docker engine answers on /var/run/docker.sock: starts dockerd in the background when none does.
#
# --fresh (what `.ci/run` asks for when CI is set): the tests must pass against an engine that starts with no
# images and no containers, so that nothing an earlier run left behind can make them pass. A running engine is
# stopped, and dockerd starts on a new, empty --data-root under /var/lib/dockerfile-guide-ci/ (the data roots of
# earlier fresh runs are removed first). The machine's own /var/lib/docker is never touched.
set -euo pipefail
SOCK=/var/run/docker.sock
LOGDIR=/tmp/dockerfile-guide-ci
CI_ROOTS=/var/lib/dockerfile-guide-ci
fresh=0
[ "${1:-}" = "--fresh" ] && fresh=1

answers() { docker -H "unix://$SOCK" version >/dev/null 2>&1; }

stop_engine() {
  # A systemd-managed engine would be restarted behind our back: stop it through systemd.
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet docker 2>/dev/null; then
    systemctl stop docker.socket docker >/dev/null 2>&1 || true
  fi
  local pid
  pid=$(cat /var/run/docker.pid 2>/dev/null || true)
  [ -z "$pid" ] && pid=$(pgrep -xo dockerd || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    echo "stopping the running engine (pid $pid) / 실행 중인 엔진을 멈춥니다"
    kill -TERM "$pid"
    # dockerd stops its containers (10 s grace each, in parallel) and its containerd before it exits.
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; sleep 1; fi
  fi
  # A containerd that dockerd started and that outlived it would keep the old state's mounts busy.
  pkill -x containerd-shim-runc-v2 2>/dev/null || true
  local ctr
  ctr=$(cat /var/run/docker/containerd/containerd.pid 2>/dev/null || true)
  [ -n "$ctr" ] && kill -TERM "$ctr" 2>/dev/null || true
  for _ in $(seq 1 20); do answers || break; sleep 0.5; done
  rm -f "$SOCK" /var/run/docker.pid
}

if [ "$fresh" = 0 ] && answers; then echo "docker engine already answers"; exit 0; fi
command -v dockerd >/dev/null || { echo "dockerd is not installed" >&2; exit 1; }
mkdir -p "$LOGDIR"

args=()
if [ "$fresh" = 1 ]; then
  stop_engine
  if [ -d "$CI_ROOTS" ]; then
    # Overlay mounts of a stopped engine are gone; anything left mounted below is unmounted, deepest first.
    { grep -o " $CI_ROOTS/[^ ]*" /proc/self/mounts || true; } | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
    rm -rf --one-file-system "$CI_ROOTS"
  fi
  root="$CI_ROOTS/data-$(date +%Y%m%d-%H%M%S)"
  mkdir -p "$root"
  args+=(--data-root "$root")
  echo "starting an empty engine on $root / 빈 엔진을 $root 에서 시작합니다"
fi

nohup dockerd "${args[@]}" >"$LOGDIR/dockerd.log" 2>&1 &
for _ in $(seq 1 60); do
  if [ -S "$SOCK" ] && answers; then
    if [ "$fresh" = 1 ]; then
      n=$(( $(docker -H "unix://$SOCK" images -aq | wc -l) + $(docker -H "unix://$SOCK" ps -aq | wc -l) ))
      [ "$n" -eq 0 ] || { echo "the fresh engine is not empty ($n objects)" >&2; exit 1; }
      echo "docker engine is up, with no images and no containers"
    else
      echo "docker engine is up"
    fi
    exit 0
  fi
  sleep 1
done
echo "dockerd did not come up in 60 s" >&2
tail -30 "$LOGDIR/dockerd.log" >&2
exit 1
