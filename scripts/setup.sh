#!/usr/bin/env bash
# Installs what Lifeboat needs on Debian/Ubuntu: the PC/SC stack with the virtual readers
# used by the tests and the demo, Chromium for the browser tests, and the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

PACKAGES=(pcscd libpcsclite-dev vsmartcard-vpcd pcsc-tools chromium fonts-dejavu-core build-essential python3 pkg-config)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi

# A pcscd that systemd started before vsmartcard-vpcd was installed has not loaded the
# virtual readers the demo and the tests use; restarting it picks them up.
if [ "${#missing[@]}" -gt 0 ] && command -v systemctl >/dev/null && systemctl is-active --quiet pcscd 2>/dev/null; then
  $SUDO systemctl restart pcscd
fi

if ! command -v node >/dev/null || ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "Lifeboat needs Node.js 20.19 or newer (found: $(node -v 2>/dev/null || echo none))." >&2
  exit 1
fi

# pcsclite is a native addon: build it against this Node's own headers rather than
# downloading them, which also works on machines without internet access.
if [ -z "${npm_config_nodedir:-}" ] && [ -f "$(dirname "$(dirname "$(command -v node)")")/include/node/node.h" ]; then
  export npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
fi
npm ci
