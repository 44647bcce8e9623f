#!/usr/bin/env sh
# Makes a fresh Debian/Ubuntu machine ready for `npm test` and `npm run demo`: the system packages
# the tests and the sandbox use (Chromium, Docker, the registry, ...) and the npm packages.
# Each step is skipped when already done, so calling it before every run costs nothing.
set -eu
cd "$(dirname "$0")/.."

packages="chromium libkrb5-dev ripgrep docker.io docker-registry apache2-utils busybox-static git openssh-server openssl iproute2"
missing=""
for p in $packages; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages:$missing - install them with: sudo apt-get install -y$missing" >&2
    exit 1
  fi
  echo "Installing Debian packages:$missing"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
