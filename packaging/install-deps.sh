#!/usr/bin/env bash
# Installs what Hookscope needs to build, run and test, from the distribution's own packages.
# Idempotent: asks apt only for what is missing. Works as root or through sudo.
# Supported: Debian 12 (bookworm) and Ubuntu 24.04 (noble).
#
#   packaging/install-deps.sh            build + run + test dependencies
#   packaging/install-deps.sh --bench    also the tools the hand-run benchmarks use (wrk, nginx)
#   packaging/install-deps.sh --fuzz     also clang and its fuzzer runtime
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-qpa-plugins libqt6svg6 libgl-dev
  zlib1g-dev libbrotli-dev libssl-dev libsqlite3-dev qtkeychain-qt6-dev
  qt6-l10n-tools qt6-tools-dev qt6-translations-l10n
  curl fonts-dejavu-core
  librsvg2-bin dpkg-dev desktop-file-utils appstream
)
for arg in "$@"; do
  case "$arg" in
    --bench) packages+=(wrk nginx libnginx-mod-http-echo curl python3) ;;
    --fuzz) packages+=(clang libclang-rt-dev) ;;
    *) echo "install-deps.sh: unknown option '$arg'" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps.sh: apt-get not found; install these by hand: ${missing[*]}" >&2
  exit 1
fi
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "install-deps.sh: need root or sudo to install: ${missing[*]}" >&2
    exit 1
  fi
fi
echo "install-deps.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
