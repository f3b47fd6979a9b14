#!/usr/bin/env bash
# The 10 000-item memo (issue 12; the most a case may hold): time and peak memory of `itaku-navi memo` writing each
# format for the payroll exception case with 10 000 inventory items, one process per
# export as the app does it. Builds the release binary first.
#
#   tools/bench-large-memo.sh            # one line per format (seconds, peak RSS, pages/size), then verify of the PDF
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/bench-lib.sh
cargo build --release --locked -q
exe=${CARGO_TARGET_DIR:-target}/release/itaku-navi
work=$(mktemp -d /tmp/itaku-large.XXXX)
trap 'rm -rf "$work"' EXIT
make_large_case "$work/large.case.json"
for ext in pdf docx html md; do
  /usr/bin/time -f "%e %M" -o "$work/time" "$exe" memo "$work/large.case.json" -o "$work/memo.$ext" >/dev/null
  read -r secs kib < "$work/time"
  extra="$(stat -c %s "$work/memo.$ext") bytes"
  if [ "$ext" = pdf ] && command -v pdfinfo >/dev/null; then
    extra="$extra, $(pdfinfo "$work/memo.$ext" 2>/dev/null | awk '/^Pages:/ {print $2}') pages"
  fi
  printf '%-5s %7.2f s  %7.0f MB peak RSS  (%s)\n' "$ext" "$secs" "$((kib / 1024))" "$extra"
done
# Checking the PDF reads every page's text for its printed hash.
status=0
/usr/bin/time -f "%e %M" -o "$work/time" "$exe" verify "$work/memo.pdf" >"$work/verify.out" 2>&1 || status=$?
read -r secs kib < "$work/time"
printf '%-5s %7.2f s  %7.0f MB peak RSS  (exit %s: %s)\n' verify "$secs" "$((kib / 1024))" "$status" "$(head -c 90 "$work/verify.out")"
