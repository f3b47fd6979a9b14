#!/usr/bin/env bash
# UI benchmarks in one command: tools/bench-ui.sh
# - time from launch to the first painted frame, and RSS after it, for the app and for a
#   bare eframe window with the same fonts (examples/hello_bare.rs), alternating runs;
# - CPU used by the app while idle for 10 s;
# - CPU per frame on the inventory (10 000 rows) and risk (200 rows) screens (divan).
# Needs Xvfb (apt-get install xvfb). Runs under a private X display.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/bench-lib.sh
RUNS=${RUNS:-7}
cargo build --release --quiet --features dev-examples --bin itaku-navi --example hello_bare
APP=${CARGO_TARGET_DIR:-target}/release/itaku-navi
BARE=${CARGO_TARGET_DIR:-target}/release/examples/hello_bare

TMP=$(mktemp -d)
start_xvfb 77 "$TMP"

# Warm the shader and font caches once.
first_frame "$TMP" "$APP" >/dev/null; first_frame "$TMP" "$BARE" >/dev/null
: >"$TMP/app.txt"; : >"$TMP/bare.txt"
for _ in $(seq 1 "$RUNS"); do
  first_frame "$TMP" "$APP" >>"$TMP/app.txt"
  first_frame "$TMP" "$BARE" >>"$TMP/bare.txt"
done
app_ms=$(cut -d' ' -f1 "$TMP/app.txt" | median); bare_ms=$(cut -d' ' -f1 "$TMP/bare.txt" | median)
app_rss=$(cut -d' ' -f2 "$TMP/app.txt" | median); bare_rss=$(cut -d' ' -f2 "$TMP/bare.txt" | median)
echo "first painted frame (median of $RUNS): app ${app_ms} ms, bare ${bare_ms} ms, ratio $(awk "BEGIN {printf \"%.2f\", $app_ms/$bare_ms}")"
echo "each launch beside the bare one after it: ratio $(pair_ratios "$TMP/app.txt" "$TMP/bare.txt")"
echo "RSS after first frame (median of $RUNS): app $((app_rss / 1024)) MiB, bare $((bare_rss / 1024)) MiB, ratio $(awk "BEGIN {printf \"%.2f\", $app_rss/$bare_rss}")"

# Idle CPU: start, let it settle, then measure utime+stime over 10 s.
rm -rf "$ITAKU_NAVI_DATA_DIR"
"$APP" >/dev/null 2>&1 &
pid=$!
sleep 3
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
t0=$(ticks $pid); sleep 10; t1=$(ticks $pid)
kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true
hz=$(getconf CLK_TCK)
echo "idle CPU over 10 s: $(awk "BEGIN {printf \"%.2f\", ($t1 - $t0) * 100 / $hz / 10}") % of one core ($((t1 - t0)) ticks)"

# CPU per frame at 10 000 / 200 rows.
cargo bench --quiet --bench ui_frame
