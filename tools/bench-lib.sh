# Shell functions the benchmark scripts share (sourced, not run): the large case, a private
# X display, the first painted frame of a window, medians.

# make_large_case FILE [RISKS]: the payroll exception case with 10 000 inventory items (the
# most a case may hold) and, when given, RISKS risk rows.
make_large_case() {
  python3 - "$1" "${2:-0}" <<'PY'
import json, sys
case = json.load(open("tests/cases/08_exception_request_payroll_operations.case.json"))
template = case["inventory"][0]
for i in range(10_000 - len(case["inventory"])):
    item = dict(template)
    item.update(item_id=f"bulk-{i}", name=f"業務ファイル {i}", reason="機微な内容を含まない")
    case["inventory"].append(item)
if int(sys.argv[2]) > 0:
    row = case["risk"][0]
    threats = ["th-leak", "th-insider", "th-tamper", "th-loss", "th-other-use"]
    case["risk"] = [dict(row, row_id=f"r{i}", threat_id=threats[i % len(threats)]) for i in range(int(sys.argv[2]))]
json.dump(case, open(sys.argv[1], "w"), ensure_ascii=False)
PY
}

# start_xvfb DISPLAY_NUMBER TMP: a private X display and the environment the app needs
# (its data folder under TMP, so no run touches the user's own).
start_xvfb() {
  export DISPLAY=:$1
  Xvfb ":$1" -screen 0 1280x800x24 >/dev/null 2>&1 &
  XVFB=$!
  trap 'kill $XVFB 2>/dev/null || true' EXIT
  sleep 1
  export XDG_RUNTIME_DIR=$2/run XDG_CACHE_HOME=$2/cache ITAKU_NAVI_DATA_DIR=$2/data
  mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
}

# first_frame TMP BIN [ARGS...]: launches once and prints "ms_to_first_frame rss_kb", then
# when each phase of the start ended, in ms from the launch ("main=3 rules=9 window=60 …",
# as the app notes them: ui::bench_mark).
first_frame() {
  local tmp=$1 bin=$2 out start pid painted rss
  shift 2
  rm -rf "$ITAKU_NAVI_DATA_DIR"
  # A fresh file per launch: polling a reused one read the previous run's line before the
  # new process truncated it (negative times appeared).
  out=$(mktemp "$tmp/out.XXXX")
  start=$(date +%s%3N)
  ITAKU_NAVI_BENCH_FIRST_FRAME=1 "$bin" "$@" >"$out" 2>/dev/null &
  pid=$!
  for _ in $(seq 1 200); do
    grep -q first-frame-painted "$out" 2>/dev/null && break
    sleep 0.02
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  painted=$(sed -n 's/.*unix_ms=\([0-9]*\).*/\1/p' "$out")
  rss=$(sed -n 's/.*rss=\([0-9]*\) kB.*/\1/p' "$out")
  echo "$((painted - start)) $rss$(sed -n 's/.*kB//p' "$out" | tr ' ' '\n' | awk -F= -v s="$start" 'NF == 2 {printf " %s=%d", $1, $2 - s}')"
}

# median: the median of the numbers on standard input, one per line.
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# pair_ratios A B: the alternating runs paired line by line (first field of each), each
# pair's ratio A/B, as "median (quartiles p25–p75) over N pairs": how much of a ratio the
# machine's noise can move.
pair_ratios() {
  paste -d' ' <(cut -d' ' -f1 "$1") <(cut -d' ' -f1 "$2") | awk '$2 > 0 {print $1 / $2}' | sort -n |
    awk '{a[NR] = $1} END {printf "%.2f (p25–p75 %.2f–%.2f over %d pairs)", a[int((NR + 1) / 2)], a[int((NR + 3) / 4)], a[int((3 * NR + 3) / 4)], NR}'
}

# ratio A B: A / B to two decimals.
ratio() { awk "BEGIN {printf \"%.2f\", $1 / $2}"; }

# timed CMD...: runs once, prints "seconds peak_rss_kib" (output discarded).
timed() {
  local t
  t=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$t" "$@" >/dev/null 2>&1 || true
  cat "$t"
  rm -f "$t"
}

# load: the machine's load averages (1, 5, 15 min).
load() { cut -d' ' -f1-3 /proc/loadavg; }

# phases FILE: the median end of each start phase over the first_frame lines in FILE
# ("rules 9 ms, case_read 45 ms, …"), in the order the phases ended.
phases() {
  awk '{for (i = 3; i <= NF; i++) {split($i, kv, "="); if (!(kv[1] in n)) order[++k] = kv[1]; v[kv[1], ++n[kv[1]]] = kv[2]}}
    END {for (j = 1; j <= k; j++) {p = order[j]; m = n[p]; for (a = 1; a <= m; a++) x[a] = v[p, a];
      for (a = 1; a <= m; a++) for (b = a + 1; b <= m; b++) if (x[b] < x[a]) {t = x[a]; x[a] = x[b]; x[b] = t}
      printf "%s%s %d ms", (j > 1 ? ", " : ""), p, x[int((m + 1) / 2)]}; print ""}' "$1"
}
