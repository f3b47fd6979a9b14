#!/usr/bin/env bash
# Smoke-tests the Windows exe under Wine (Debian's wine64): the CLI's check, decide on every
# example case (outcomes equal to the Linux binary's), memo to PDF and DOCX, verify, a path
# with Japanese characters and spaces, and a memo written over an existing file.
#   tools/windows/smoke-wine.sh dist/itaku-navi/itaku-navi.exe target/debug/itaku-navi
set -euo pipefail
cd "$(dirname "$0")/../.."
EXE="$(realpath "$1")"; LINUX="$(realpath "$2")"
export WINEDEBUG=-all WINEPREFIX="${WINEPREFIX:-/tmp/itaku-wine}" LANG=C.UTF-8
if ! [ -f "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" ]; then
  "$(command -v wine64 || command -v wine)" wineboot -i >/dev/null 2>&1 || true
  x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
    tools/windows/processprng-stub.c -ladvapi32
fi
WINE="$(command -v wine64 || command -v wine || echo /usr/lib/wine/wine64)"
w() { "$WINE" "$EXE" "$@"; }
fail=0
echo "== check"; w check | head -2
echo "== decide: every example case, outcome as on Linux"
for case in tests/cases/*.case.json; do
  win=$(w decide --json "$case" | python3 -c 'import json,sys; e=json.load(sys.stdin)["evaluation"]; print((e.get("outcome") or {}).get("outcome"))')
  lin=$("$LINUX" decide --json "$case" | python3 -c 'import json,sys; e=json.load(sys.stdin)["evaluation"]; print((e.get("outcome") or {}).get("outcome"))')
  if [ "$win" != "$lin" ]; then echo "DIFFERENT: $case windows=$win linux=$lin"; fail=1; fi
done
echo "outcomes compared: $(ls tests/cases/*.case.json | wc -l)"
dir="/tmp/itaku wine 案件"; rm -rf "$dir"; mkdir -p "$dir"
cp tests/cases/08_exception_request_payroll_operations.case.json "$dir/給与 入力.case.json"
echo "== memo PDF and DOCX into a folder with Japanese and spaces"
w memo "$dir/給与 入力.case.json" -o "$dir/判断記録 1.pdf"
w memo "$dir/給与 入力.case.json" -o "$dir/判断記録 1.docx"
python3 - "$dir" <<'PY'
import sys, zipfile
d = sys.argv[1]
assert open(d + "/判断記録 1.pdf", "rb").read(5) == b"%PDF-"
z = zipfile.ZipFile(d + "/判断記録 1.docx"); xml = z.read("word/document.xml").decode()
assert "例外許可申請書" in xml, "DOCX title"
print("pdf and docx open")
PY
pdftotext "$dir/判断記録 1.pdf" - 2>/dev/null | grep -q "例外許可申請書" && echo "the PDF text holds the title" || { echo "PDF title missing"; fail=1; }
echo "== memo over an existing file"
w memo "$dir/給与 入力.case.json" -o "$dir/判断記録 1.pdf" >/dev/null && echo "replaced"
echo "== verify the case and the memo PDF"
"$LINUX" memo "$dir/給与 入力.case.json" -o "$dir/linux.pdf" >/dev/null
w verify "$dir/給与 入力.case.json" || true
w verify "$dir/判断記録 1.pdf" || true
cmp -s <(head -c 4 "$dir/判断記録 1.pdf") <(head -c 4 "$dir/linux.pdf") && echo "PDF header as on Linux"
exit $fail
