#!/usr/bin/env bash
# Debian packages the test suites need. Skips apt entirely when everything is already there.
set -euo pipefail
# docker.io: a real engine; busybox-static: the test base image (no registry here); openssl: TLS engine tests;
# chromium + fonts-nanum (Korean glyphs in screenshots) + ripgrep + libkrb5-dev: real VS Code (code-server) and its native build needs;
# nginx, shellcheck, mariadb-server, debootstrap: checks of the web-stack snippets and scaffold;
# neovim, emacs-nox + elpa-eglot + elpa-dockerfile-mode: the language server in other editors (test/editors).
PKGS=(docker.io busybox-static openssl chromium fonts-nanum ripgrep libkrb5-dev nginx shellcheck mariadb-server debootstrap neovim emacs-nox elpa-eglot elpa-dockerfile-mode)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then echo "all system packages present"; exit 0; fi
echo "installing: ${missing[*]}"
apt-get update -q >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/tmp/dockerfile-guide-apt.log 2>&1 \
  || { tail -50 /tmp/dockerfile-guide-apt.log; exit 1; }
# Debian starts services from maintainer scripts where it can; the tests start their own.
service nginx stop >/dev/null 2>&1 || true
service mariadb stop >/dev/null 2>&1 || true
