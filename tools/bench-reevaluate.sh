#!/usr/bin/env bash
# `register --reevaluate` on 10 000 decided cases, release build, in one command:
#   tools/bench-reevaluate.sh            (N=10000 by default)
# Prints, for a cold run (no index) and a warm run (the index kept by the first), the wall
# time and peak RSS (GNU time), with the machine's load; the rules are the shipped ones with
# 付録1 a1-ex-06 turned 「重要」, so the cases naming it are listed as overturned.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000}
cargo build --release --quiet --features dev-examples --bin itaku-navi --example register_folder
APP=${CARGO_TARGET_DIR:-target}/release/itaku-navi
MAKE=${CARGO_TARGET_DIR:-target}/release/examples/register_folder
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
"$MAKE" "$TMP/cases" "$N"
mkdir "$TMP/rules"
cp -r decision-trees/. "$TMP/rules/"
python3 - "$TMP/rules/appendix1.json" <<'PY'
import json, sys
p = sys.argv[1]
doc = json.load(open(p, encoding="utf-8"))
for e in doc["entries"]:
    if e["entry_id"] == "a1-ex-06":
        e["handles_important"] = not e["handles_important"]
json.dump(doc, open(p, "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
export ITAKU_NAVI_DATA_DIR=$TMP/data
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for run in cold warm; do
  /usr/bin/time -f "$run: %e s wall, %M KiB peak RSS" \
    "$APP" --rules "$TMP/rules" register "$TMP/cases" --reevaluate >"$TMP/out.txt" 2>"$TMP/time.txt" || true
  tail -1 "$TMP/time.txt"
  grep -c "現行規則" "$TMP/out.txt" | sed "s/^/  overturned rows listed: /"
  tail -1 "$TMP/out.txt" | sed 's/^/  /'
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
