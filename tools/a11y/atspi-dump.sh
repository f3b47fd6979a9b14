#!/bin/bash
# What a screen reader is told on step 3 (情報の洗い出し): runs the app under Xvfb with an
# AT-SPI bus, opens a sample case, clicks the step through AT-SPI and prints the tree.
# Needs: xvfb, dbus, at-spi2-core, python3-pyatspi (Debian's python, /usr/bin/python3).
#   dbus-run-session -- tools/a11y/atspi-dump.sh [APP] > tree.txt
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
app=${1:-$root/target/debug/itaku-navi}
display=:${ATSPI_DISPLAY:-163}
Xvfb "$display" -screen 0 1280x900x24 >/dev/null 2>&1 &
xvfb=$!
/usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
bus=$!
sleep 1.5
# AccessKit answers only when assistive technology is said to be on.
busctl --user set-property org.a11y.Bus /org/a11y/bus org.a11y.Status IsEnabled b true
data=$(mktemp -d)
DISPLAY=$display ITAKU_NAVI_DATA_DIR=$data "$app" "$root/tests/cases/05_narrowed_anonymised_statistics.case.json" >/dev/null 2>&1 &
pid=$!
sleep 8
/usr/bin/python3 "$here/atspi-tree.py" click "3. 情報の洗い出し" >&2
sleep 2
/usr/bin/python3 "$here/atspi-tree.py"
kill "$pid" "$bus" "$xvfb" 2>/dev/null || true
rm -rf "$data"
