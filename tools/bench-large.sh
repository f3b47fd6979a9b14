#!/usr/bin/env bash
# Large work against its floor (issue 29), in one command: tools/bench-large.sh
# Each line gives our number, the floor measured in the same run, and the ratio:
#   open    the 10 000-item / 200-risk case opened, to the first painted frame (median of
#           RUNS launches, alternating with a bare eframe window with the same fonts), and
#           when each phase of the start ended (rules loaded, case read, first screen laid
#           out ahead, window made, app built, first frame laid out), median ms from the launch;
#   frames  CPU per frame of the inventory, risk and register screens at 10 000 rows, a row
#           nine tenths down chosen (cargo bench --bench ui_frame), against a bare egui_extras table of
#           10 000 rows and against the same screen with 40 rows, measured by the same bench,
#           and the inventory screen with its guidance panel folded (what the rule-book text
#           beside the table costs);
#   first   the first frame of a start (no case), cold — which the start does ahead, on a
#           thread of its own while the window is made — and what it leaves for the window's
#           thread once the window exists, beside the bare window's first frame;
#   instr   the same frames in instructions (valgrind's callgrind, when installed): the
#           load does not move them, so they show a change the noisy times cannot;
#   docx    the 10 000-item memo as DOCX, against `decide` on the same case;
#   json    `register --json` of 10 000 files with the index kept, against a Python
#           json.load loop over the files and against the register's text output;
#   rescan  `register` after one file changed, against the app's rescan (in-process, with
#           the index in memory: cargo bench --bench register).
# Needs Xvfb and python3 (valgrind for the instr lines). Release build; RUNS=7 by default; the load is printed before/after.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/bench-lib.sh
RUNS=${RUNS:-7}
T=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet --features dev-examples --bin itaku-navi --example hello_bare --example register_folder
APP=$T/release/itaku-navi
BARE=$T/release/examples/hello_bare
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
echo "load before: $(load)"
make_large_case "$TMP/large.case.json" 200

# open
start_xvfb 177 "$TMP"
trap 'kill $XVFB 2>/dev/null || true; rm -rf "$TMP"' EXIT
first_frame "$TMP" "$APP" "$TMP/large.case.json" >/dev/null
first_frame "$TMP" "$BARE" >/dev/null
for _ in $(seq 1 "$RUNS"); do
  first_frame "$TMP" "$APP" "$TMP/large.case.json" >>"$TMP/open-app"
  first_frame "$TMP" "$BARE" >>"$TMP/open-bare"
done
app_ms=$(cut -d' ' -f1 "$TMP/open-app" | median); bare_ms=$(cut -d' ' -f1 "$TMP/open-bare" | median)
app_rss=$(cut -d' ' -f2 "$TMP/open-app" | median); bare_rss=$(cut -d' ' -f2 "$TMP/open-bare" | median)
echo "open    large case ${app_ms} ms, RSS $((app_rss / 1024)) MiB | bare window ${bare_ms} ms, $((bare_rss / 1024)) MiB | ratio $(ratio "$app_ms" "$bare_ms") (RSS $(ratio "$app_rss" "$bare_rss"))"
echo "        each launch beside the bare one after it: ratio $(pair_ratios "$TMP/open-app" "$TMP/open-bare")"
echo "        phases ended (median, ms from launch): app: $(phases "$TMP/open-app") | bare: $(phases "$TMP/open-bare")"

# frames (a divan row: "name fastest │ slowest │ median │ mean │ samples │ iters"; the
# median, in µs)
cargo bench --quiet --bench ui_frame 2>/dev/null >"$TMP/frames"
micros() {
  awk -v name="$1" '$0 ~ name {
    n = split($0, f, "│"); v = f[3]; gsub(/^ +| +$/, "", v); split(v, p, " ");
    m = p[1]; if (p[2] == "ms") m *= 1000; if (p[2] == "ns") m /= 1000; print m; exit }' "$TMP/frames"
}
floor=$(micros bare_table_10000_rows)
for b in inventory_10000_rows:inventory_40_rows register_10000_rows:register_40_rows risk_10000_rows:risk_40_rows; do
  us=$(micros "${b%%:*}"); few=$(micros "${b##*:}")
  echo "frames  ${b%%:*} ${us} µs | bare table ${floor} µs, ratio $(ratio "$us" "$floor") | the same screen with 40 rows ${few} µs, ratio $(ratio "$us" "$few")"
done
folded=$(micros inventory_guidance_folded)
echo "frames  inventory_10000_rows with the guidance panel folded ${folded} µs | bare table ${floor} µs, ratio $(ratio "$folded" "$floor") (the rule-book text beside the table: $(awk "BEGIN {printf \"%.0f\", $(micros inventory_10000_rows) - $folded}") µs of the frame)"
first=$(micros first_frame_new_case); first_bare=$(micros first_frame_bare); first_left=$(micros first_frame_after_warm_up)
echo "first   the first frame of a start, cold (fonts, app, layout, glyphs drawn) ${first} µs, done ahead while the window is made; left for the window's thread ${first_left} µs | the bare window's ${first_bare} µs, ratio $(awk "BEGIN {printf \"%.2f\", $first_left/$first_bare}")"
# The same frames counted in instructions (callgrind), which the machine's load does not
# move: a bench run with 60 frames less one with 10, over 50.
if command -v valgrind >/dev/null; then
  BENCH=$(ls -t "$T"/release/deps/ui_frame-* | grep -v '\.d$' | head -1)
  instructions() {
    local n a b
    for n in 10 60; do
      valgrind --tool=callgrind --callgrind-out-file=/dev/null "$BENCH" --bench "$1" --sample-count $n --sample-size 1 2>&1 |
        awk '/Collected/ {print $4}'
    done | { read -r a; read -r b; echo $(((b - a) / 50)); }
  }
  floor_i=$(instructions bare_table_10000_rows)
  for b in inventory_10000_rows:inventory_40_rows register_10000_rows:register_40_rows risk_10000_rows:risk_40_rows; do
    i=$(instructions "${b%%:*}"); few=$(instructions "${b##*:}")
    echo "instr   ${b%%:*} $((i / 1000))k | bare table $((floor_i / 1000))k, ratio $(ratio "$i" "$floor_i") | 40 rows $((few / 1000))k, ratio $(ratio "$i" "$few")"
  done
  i=$(instructions inventory_guidance_folded)
  echo "instr   inventory_10000_rows with the guidance panel folded $((i / 1000))k | bare table $((floor_i / 1000))k, ratio $(ratio "$i" "$floor_i")"
fi

# docx
med_of_3() { for _ in 1 2 3; do timed "$@"; done | sort -n | sed -n 2p; }
read -r d_s d_kib <<<"$(med_of_3 "$APP" memo "$TMP/large.case.json" -o "$TMP/memo.docx")"
read -r f_s f_kib <<<"$(med_of_3 "$APP" decide "$TMP/large.case.json")"
echo "docx    ${d_s} s, $((d_kib / 1024)) MiB, $(stat -c %s "$TMP/memo.docx") bytes | decide ${f_s} s, $((f_kib / 1024)) MiB | ratio $(ratio "$d_s" "$f_s")"

# json and rescan
"$T/release/examples/register_folder" "$TMP/cases" 10000 >/dev/null
"$APP" register "$TMP/cases" >/dev/null
read -r j_s j_kib <<<"$(med_of_3 "$APP" register "$TMP/cases" --json)"
read -r t_s t_kib <<<"$(med_of_3 "$APP" register "$TMP/cases")"
read -r p_s p_kib <<<"$(med_of_3 python3 -c 'import json, pathlib, sys; [json.load(open(p, encoding="utf-8")) for p in pathlib.Path(sys.argv[1]).rglob("*.json")]' "$TMP/cases")"
echo "json    ${j_s} s, $((j_kib / 1024)) MiB | python json.load loop ${p_s} s, $((p_kib / 1024)) MiB; text output ${t_s} s, $((t_kib / 1024)) MiB | ratio $(ratio "$j_s" "$p_s") to python (memory $(ratio "$j_kib" "$t_kib") of text)"
change() {
  python3 - "$TMP/cases/2020/case-00000.json" "$1" <<'PY'
import json, sys
p = sys.argv[1]
case = json.load(open(p, encoding="utf-8"))
case["basics"]["task_name"] = "変更 " + sys.argv[2]
json.dump(case, open(p, "w", encoding="utf-8"), ensure_ascii=False)
PY
}
: >"$TMP/rescan"
for i in 1 2 3 4 5; do
  change "$i"
  timed "$APP" register "$TMP/cases" >>"$TMP/rescan"
done
r_s=$(cut -d' ' -f1 "$TMP/rescan" | median)
r_kib=$(cut -d' ' -f2 "$TMP/rescan" | median)
cargo bench --quiet --bench register -- rescan_after_one_change_10000 2>/dev/null >"$TMP/frames"
app_us=$(micros rescan_after_one_change_10000)
echo "rescan  ${r_s} s, $((r_kib / 1024)) MiB | the app's rescan $(awk "BEGIN {printf \"%.3f\", $app_us / 1e6}") s | ratio $(ratio "$r_s" "$(awk "BEGIN {print $app_us / 1e6}")")"
echo "load after: $(load)"
