# Sourced by the benchmark scripts: installs what they need, makes a Release build of the given
# targets in $build (BUILD_DIR, default build/bench), and a scratch $work directory that is removed,
# with every process in $pids killed, when the script exits.
#
#   source "$(dirname "$0")/benchsetup.sh" TARGET...

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${BUILD_DIR:-$root/build/bench}
"$root/packaging/install-deps.sh" --bench
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DHOOKSCOPE_BUILD_TESTS=ON >/dev/null
cmake --build "$build" -j"$(nproc)" --target "$@" >/dev/null

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
