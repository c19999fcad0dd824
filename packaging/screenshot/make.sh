#!/usr/bin/env bash
# Renders the README's screenshot headless: builds the real window, sends it real webhooks over
# real sockets, selects a GitHub push with its body formatted, and writes the PNG.
#
#   packaging/screenshot/make.sh [OUT.png [--dark] [--sender | --first-run]]   default: packaging/screenshot/window.png
#   packaging/screenshot/make.sh packaging/screenshot/sender.png --sender    the sender panel
#   packaging/screenshot/make.sh packaging/screenshot/first-run.png --first-run --height 620
#
# Needs no display (Qt's offscreen platform). Uses its own build folder and a temporary home, so
# neither the user's settings nor their scratch session are touched.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/packaging/screenshot/window.png}
build=$root/build/screenshot

"$root/packaging/install-deps.sh"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DHOOKSCOPE_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" --target hookscope_screenshot >/dev/null
QT_QPA_PLATFORM=offscreen "$build/packaging/screenshot/hookscope_screenshot" "$out" "${@:2}"
