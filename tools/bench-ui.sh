#!/usr/bin/env bash
# UI benchmarks in one command: tools/bench-ui.sh
# - time from launch to the first painted frame, and RSS after it, for the app and for a
#   bare eframe window with the same fonts (examples/hello_bare.rs), alternating runs;
# - CPU used by the app while idle for 10 s;
# - CPU per frame on the inventory (10 000 rows) and risk (200 rows) screens (divan).
# Needs Xvfb (apt-get install xvfb). Runs under a private X display.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-7}
cargo build --release --quiet --features dev-examples --bin itaku-navi --example hello_bare
APP=target/release/itaku-navi
BARE=target/release/examples/hello_bare

export DISPLAY=:77
Xvfb :77 -screen 0 1280x800x24 >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB 2>/dev/null || true' EXIT
sleep 1
TMP=$(mktemp -d)
export XDG_RUNTIME_DIR=$TMP/run XDG_CACHE_HOME=$TMP/cache ITAKU_NAVI_DATA_DIR=$TMP/data
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

# Launch once, print "ms_to_first_frame rss_kb".
first_frame() {
  local bin=$1 out
  rm -rf "$ITAKU_NAVI_DATA_DIR"
  # A fresh file per launch: polling a reused one read the previous run's line before the
  # new process truncated it (negative times appeared).
  out=$(mktemp "$TMP/out.XXXX")
  local start
  start=$(date +%s%3N)
  ITAKU_NAVI_BENCH_FIRST_FRAME=1 "$bin" >"$out" 2>/dev/null &
  local pid=$!
  for _ in $(seq 1 200); do
    grep -q first-frame-painted "$out" 2>/dev/null && break
    sleep 0.05
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  local painted rss
  painted=$(sed -n 's/.*unix_ms=\([0-9]*\).*/\1/p' "$out")
  rss=$(sed -n 's/.*rss=\([0-9]*\) kB.*/\1/p' "$out")
  echo "$((painted - start)) $rss"
}

# Warm the shader and font caches once.
first_frame "$APP" >/dev/null; first_frame "$BARE" >/dev/null
: >"$TMP/app.txt"; : >"$TMP/bare.txt"
for _ in $(seq 1 "$RUNS"); do
  first_frame "$APP" >>"$TMP/app.txt"
  first_frame "$BARE" >>"$TMP/bare.txt"
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
app_ms=$(cut -d' ' -f1 "$TMP/app.txt" | median); bare_ms=$(cut -d' ' -f1 "$TMP/bare.txt" | median)
app_rss=$(cut -d' ' -f2 "$TMP/app.txt" | median); bare_rss=$(cut -d' ' -f2 "$TMP/bare.txt" | median)
echo "first painted frame (median of $RUNS): app ${app_ms} ms, bare ${bare_ms} ms, ratio $(awk "BEGIN {printf \"%.2f\", $app_ms/$bare_ms}")"
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
