#!/usr/bin/env bash
# Draws the program's icon (白い「委」on the blue of an official form, with an orange tick for
# "decided" from 32 px up) and writes what the builds embed:
#   assets/icon/itaku-navi.ico      the exe's icon (build.rs): 16–256 px, as Explorer, the
#                                   taskbar, Alt+Tab and the Start menu ask for them
#   assets/icon/itaku-navi-256.png  the window's icon (src/ui/mod.rs)
# Run by hand after changing the design (needs ImageMagick); the outputs are committed.
set -euo pipefail
cd "$(dirname "$0")/../.."
font=assets/fonts/NotoSansJP-CP932.otf
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
convert -size 256x256 xc:none -fill '#1d4f91' -draw 'roundrectangle 8,8 247,247 44,44' \
  -font "$font" -fill white -stroke white -strokewidth 7 -pointsize 168 -gravity center \
  -annotate +0-4 '委' "$tmp/plain.png"
convert "$tmp/plain.png" -gravity northwest -stroke white -strokewidth 9 -fill '#f08c00' \
  -draw 'circle 200,200 200,242' -stroke none -fill white \
  -draw 'polygon 177,199 189,187 197,197 215,176 227,188 197,219' "$tmp/ticked.png"
sizes=()
for s in 16 20 24; do convert "$tmp/plain.png" -resize "${s}x$s" -depth 8 "$tmp/$s.png"; sizes+=("$tmp/$s.png"); done
for s in 32 40 48 64 256; do convert "$tmp/ticked.png" -resize "${s}x$s" -depth 8 "$tmp/$s.png"; sizes+=("$tmp/$s.png"); done
convert "${sizes[@]}" assets/icon/itaku-navi.ico
cp "$tmp/256.png" assets/icon/itaku-navi-256.png
identify assets/icon/itaku-navi.ico
