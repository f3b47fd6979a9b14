#!/usr/bin/env bash
# Screenshots of the Windows exe under Wine at the screens Windows users have, to look at:
#   1366x768 at 100 % and 1920x1080 at 150 % (Wine's LogPixels 144), each with a fresh
#   settings folder so the window's first size is the one chosen from the screen.
# Not the system's dark mode: winit reads it through uxtheme's ordinal 132
# (ShouldAppsUseDarkMode, Windows 10 1809 and later), which Wine 8's uxtheme does not export
# (its ordinals end at 109), so under Wine the app always starts light.
#
#   tools/windows/screens-wine.sh EXE OUTDIR
set -euo pipefail
cd "$(dirname "$0")/../.."
EXE="$(realpath "$1")"; OUT="$2"; mkdir -p "$OUT"
export WINEDEBUG=-all WINEPREFIX="${WINEPREFIX:-/tmp/itaku-wine}" LANG=C.UTF-8
WINE="$(command -v wine64 || command -v wine || echo /usr/lib/wine/wine64)"
WINESERVER="$(dirname "$WINE")/wineserver"; [ -x "$WINESERVER" ] || WINESERVER=wineserver
case=tests/cases/08_exception_request_payroll_operations.case.json
shot() { # NAME WIDTHxHEIGHT DPI LIGHT(1|0)
  local name=$1 size=$2 dpi=$3 light=$4 display=":$((150 + RANDOM % 40))"
  Xvfb "$display" -screen 0 "${size}x24" >/dev/null 2>&1 & local xvfb=$!
  sleep 2
  export DISPLAY="$display" ITAKU_NAVI_DATA_DIR; ITAKU_NAVI_DATA_DIR="$(mktemp -d /tmp/itaku-screens.XXXX)"
  "$WINE" reg add 'HKCU\Control Panel\Desktop' /v LogPixels /t REG_DWORD /d "$dpi" /f >/dev/null 2>&1
  "$WINE" reg add 'HKCU\Software\Microsoft\Windows\CurrentVersion\Themes\Personalize' \
    /v AppsUseLightTheme /t REG_DWORD /d "$light" /f >/dev/null 2>&1
  "$WINESERVER" -w
  "$WINE" "$EXE" "$case" >/dev/null 2>&1 &
  local win=""
  for _ in $(seq 1 120); do
    win=$(xdotool search --name "外部委託" 2>/dev/null | head -1 || true); [ -n "$win" ] && break; sleep 1
  done
  [ -n "$win" ] || { echo "no window for $name" >&2; kill $xvfb; return 1; }
  sleep 8
  import -window root "$OUT/$name.png"
  echo "$name: $(xdotool getwindowgeometry "$win" | tr '\n' ' ')"
  "$WINESERVER" -k 2>/dev/null || true; sleep 1; kill $xvfb 2>/dev/null || true
}
shot windows-1366x768-100 1366x768 96 1
shot windows-1920x1080-150 1920x1080 144 1
# Leave the prefix as the smoke test expects it.
"$WINE" reg add 'HKCU\Control Panel\Desktop' /v LogPixels /t REG_DWORD /d 96 /f >/dev/null 2>&1
"$WINE" reg add 'HKCU\Software\Microsoft\Windows\CurrentVersion\Themes\Personalize' \
  /v AppsUseLightTheme /t REG_DWORD /d 1 /f >/dev/null 2>&1
"$WINESERVER" -w
