#!/usr/bin/env bash
# Builds the .deb as `make package` does, and checks what a user installing it gets: the binary,
# the desktop entry, the AppStream metainfo, the hicolor icons (SVG and 16-512 px PNGs), a manual
# page naming every option each command's --help names, dependencies computed from the binary, and
# both validators passing when they are installed.
#   check_package.sh BUILD_DIR
set -euo pipefail
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cpack -G DEB -B "$work/out" --config "$build/CPackConfig.cmake" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log" >&2; fail "cpack could not build the .deb"; }
debs=("$work"/out/hookscope_*.deb)
[[ -f ${debs[0]} ]] || fail "no hookscope_*.deb in $work/out: $(ls "$work/out")"
deb=${debs[0]}
echo "built $(basename "$deb") ($(stat -c %s "$deb") bytes)"

dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$work/contents"
id=io.github.hookscope.Hookscope
expected=(
  /usr/bin/hookscope
  /usr/share/applications/$id.desktop
  /usr/share/metainfo/$id.metainfo.xml
  /usr/share/icons/hicolor/scalable/apps/$id.svg
  /usr/share/man/man1/hookscope.1.gz
)
for size in 16 24 32 48 64 128 256 512; do
  expected+=("/usr/share/icons/hicolor/${size}x${size}/apps/$id.png")
done
for path in "${expected[@]}"; do
  grep -qx "$path" "$work/contents" || fail "$path is not in the package"
done
echo "contents: ${#expected[@]} expected files present"

depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for lib in libqt6core6 libqt6gui6 libqt6widgets6 libqt6network6 libsqlite3-0 libssl3 libc6 qt6-qpa-plugins; do
  [[ $depends == *"$lib"* ]] || fail "Depends lacks $lib"
done
[[ $(dpkg-deb -f "$deb" Package) == hookscope ]] || fail "package name"

dpkg-deb -x "$deb" "$work/root"
root=$work/root
"$root/usr/bin/hookscope" --version | grep -q "$(dpkg-deb -f "$deb" Version)" || fail "hookscope --version"

# Each PNG is the size its folder says (the IHDR chunk's width and height).
for size in 16 24 32 48 64 128 256 512; do
  png=$root/usr/share/icons/hicolor/${size}x${size}/apps/$id.png
  read -r w h < <(od -An -tu1 -j16 -N8 "$png" | awk '{print $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}')
  [[ $w == "$size" && $h == "$size" ]] || fail "$png is ${w}x${h}"
done

# The manual page names every option of every command, as --help does.
zcat "$root/usr/share/man/man1/hookscope.1.gz" | sed 's/\\-/-/g' >"$work/man"
count=0
for command in listen send replay export import sign; do
  grep -q "^\.SS \"hookscope $command" "$work/man" || fail "the manual page has no section for $command"
  while read -r option; do
    [[ $option == --help || $option == --help-all ]] && continue
    grep -q -- "$option" "$work/man" || fail "the manual page lacks $command $option"
    count=$((count + 1))
  done < <("$root/usr/bin/hookscope" "$command" --help | grep -oE '^  (-[a-zA-Z], )?--[a-z0-9-]+' | grep -oE -- '--[a-z0-9-]+')
done
echo "manual page: $count options of 6 commands, as --help gives them"
if command -v groff >/dev/null; then
  warnings=$(zcat "$root/usr/share/man/man1/hookscope.1.gz" | LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z 2>&1)
  [[ -z $warnings ]] || fail "groff: $warnings"
fi

if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$root/usr/share/applications/$id.desktop" || fail "desktop-file-validate"
  echo "desktop-file-validate: ok"
else
  echo "desktop-file-validate not installed: skipped"
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net "$root/usr/share/metainfo/$id.metainfo.xml" || fail "appstreamcli validate"
else
  echo "appstreamcli not installed: skipped"
fi
# Software centres fetch the screenshots from the repository: each one the metainfo names is there.
source=$(cd "$(dirname "$0")/../.." && pwd)
shots=0
while read -r url; do
  file=$source/${url#https://raw.githubusercontent.com/hookscope/hookscope/main/}
  [[ $(head -c 8 "$file" 2>/dev/null | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] ||
    fail "the metainfo's screenshot $url is not a PNG in the repository"
  shots=$((shots + 1))
done < <(grep -oE '<image>[^<]+</image>' "$root/usr/share/metainfo/$id.metainfo.xml" | sed -E 's|</?image>||g')
((shots >= 1)) || fail "the metainfo names no screenshot"
echo "screenshots: $shots, each a PNG in packaging/screenshot"
echo "PASS"
