#!/usr/bin/env bash
# Smoke-tests the Windows exe under Wine (Debian's wine64) and fails on the first thing
# that is not as on Windows it must be:
#   - both exes carry an icon, version information and a manifest (and an exe without
#     them is caught);
#   - the CLI prints through the GUI-subsystem exe (check, decide, memo, verify);
#   - decide on every example case gives the outcome of the Linux build;
#   - files as Windows Notepad writes them (UTF-8 with BOM, CRLF) are read; Shift_JIS and
#     UTF-16 files are refused with a message naming the encoding;
#   - memo to PDF and DOCX into a folder named with Japanese characters and spaces (the PDF
#     text and the DOCX XML hold the title), and over an existing memo;
#   - spec: the drafts to DOCX into the same folder, and Markdown equal to Linux's;
#   - verify: the memo PDF's attached case is intact; a changed case is reported ALTERED;
#   - the console program itaku-navi-cli.exe in a batch file run by cmd: its exit codes
#     reach %ERRORLEVEL% and its output comes before the batch file's next line;
#   - the app does not overwrite a case someone else saved while it had the file open;
#   - register: a folder with a Japanese name lists as on Linux, an unreadable file fails
#     the run, CSV (with BOM) and XLSX are written;
#   - the window: it opens with a case given on the command line (Japanese path), a
#     screenshot is taken, Ctrl+S saves over the case atomically and keeps `.bak`, and the
#     saved case verifies.
#
#   tools/windows/smoke-wine.sh EXE LINUX_BINARY [SCREENSHOT.png]
set -euo pipefail
cd "$(dirname "$0")/../.."
EXE="$(realpath "$1")"; LINUX="$(realpath "$2")"; SHOT="${3:-}"
export WINEDEBUG=-all WINEPREFIX="${WINEPREFIX:-/tmp/itaku-wine}" LANG=C.UTF-8
WINE="$(command -v wine64 || command -v wine || echo /usr/lib/wine/wine64)"
if ! [ -f "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" ]; then
  "$WINE" wineboot -i >/dev/null 2>&1 || true
  # Wine 8 lacks ProcessPrng (Windows 10 has it); a test-only stand-in, never shipped.
  x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
    tools/windows/processprng-stub.c -ladvapi32
fi
# The app's own folder, as %APPDATA%\itaku-navi would be, kept apart from any earlier run.
export ITAKU_NAVI_DATA_DIR; ITAKU_NAVI_DATA_DIR="$(mktemp -d /tmp/itaku-wine-data.XXXX)"
w() { "$WINE" "$EXE" "$@"; }
die() { echo "FAILED: $*" >&2; exit 1; }
CLI="$(dirname "$EXE")/itaku-navi-cli.exe"
[ -f "$CLI" ] || die "no command program beside the exe: $CLI"

# The resources Explorer, the taskbar and IT inventories read (icoutils' wrestool lists them):
# an icon, version information carrying Cargo.toml's version, a manifest. Prints what is
# missing; the caller fails on it.
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
resources_missing() {
  local list; list=$(wrestool -l "$1" 2>/dev/null || true)
  grep -q -- "--type=14 " <<<"$list" || echo "$1: no icon"
  grep -q -- "--type=24 " <<<"$list" || echo "$1: no manifest"
  if grep -q -- "--type=16 " <<<"$list"; then
    local strings; strings=$(wrestool -x --raw --type=16 "$1" | strings -el)
    grep -qx "$version" <<<"$strings" || echo "$1: the version information lacks $version"
    grep -q "外部委託" <<<"$(wrestool -x --raw --type=16 "$1" | iconv -f UTF-16LE -t UTF-8 2>/dev/null | tr -d '\0')" \
      || echo "$1: the version information lacks the program's Japanese name"
  else
    echo "$1: no version information"
  fi
}
echo "== the exes carry an icon, version information ($version) and a manifest"
for exe in "$EXE" "$CLI"; do
  missing=$(resources_missing "$exe"); [ -z "$missing" ] || die "$missing"
  grep -q "PerMonitorV2" <<<"$(wrestool -x --raw --type=24 "$exe")" || die "$exe: the manifest is not per-monitor DPI aware"
done
# The check can fail: the same exe with its resources removed is caught.
bare=$(mktemp /tmp/itaku-bare.XXXX.exe)
x86_64-w64-mingw32-objcopy --remove-section .rsrc "$EXE" "$bare"
[ "$(resources_missing "$bare" | wc -l)" -ge 3 ] || die "an exe without resources was not caught"
rm -f "$bare"
echo "icon, version $version and manifest in both exes (a bare exe is caught)"
# cmd waits for a console program and hands its exit code to %ERRORLEVEL%; at a prompt it
# does neither for a GUI program. Wine's cmd waits for both, so the subsystem is read here.
subsystem() { x86_64-w64-mingw32-objdump -p "$1" | sed -n 's/^Subsystem[[:space:]]*[0-9a-f]*[[:space:]]*(\(.*\))/\1/p'; }
[ "$(subsystem "$CLI")" = "Windows CUI" ] || die "itaku-navi-cli.exe is not a console program: $(subsystem "$CLI")"
[ "$(subsystem "$EXE")" = "Windows GUI" ] || die "itaku-navi.exe is not a GUI program: $(subsystem "$EXE")"
echo "itaku-navi.exe: Windows GUI; itaku-navi-cli.exe: Windows CUI"
outcome() { python3 -c 'import json,sys; e=json.load(sys.stdin)["evaluation"]; print((e.get("outcome") or {}).get("outcome"))'; }

echo "== check (output reaches the terminal from the GUI-subsystem exe)"
out=$(w check 2>&1) || die "check exited $?: $out"
grep -q "ok" <<<"$out" || die "check printed nothing recognisable: $out"
echo "$out" | head -2

echo "== decide: every example case, outcome as on Linux"
n=0
for case in tests/cases/*.case.json; do
  win=$(w decide --json "$case" | outcome); lin=$("$LINUX" decide --json "$case" | outcome)
  [ "$win" = "$lin" ] || die "$case: windows=$win linux=$lin"
  n=$((n + 1))
done
echo "outcomes equal: $n cases"

dir="/tmp/itaku wine 案件"; rm -rf "$dir"; mkdir -p "$dir"
src=tests/cases/08_exception_request_payroll_operations.case.json
case="$dir/給与 入力.case.json"
echo "== Windows files: BOM + CRLF read; Shift_JIS and UTF-16 refused by name"
printf '\xef\xbb\xbf' > "$dir/bom crlf.case.json"; sed 's/$/\r/' "$src" >> "$dir/bom crlf.case.json"
[ "$(w decide --json "$dir/bom crlf.case.json" | outcome)" = "$("$LINUX" decide --json "$src" | outcome)" ] \
  || die "a BOM + CRLF case was not decided as the UTF-8 one"
iconv -f UTF-8 -t CP932 "$src" > "$dir/sjis.case.json"
if msg=$(w decide "$dir/sjis.case.json" 2>&1); then die "a Shift_JIS case was accepted"; fi
grep -qi "shift_jis\|cp932" <<<"$msg" || die "the Shift_JIS message does not name the encoding: $msg"
iconv -f UTF-8 -t UTF-16 "$src" > "$dir/utf16.case.json"
if msg=$(w decide "$dir/utf16.case.json" 2>&1); then die "a UTF-16 case was accepted"; fi
grep -qi "utf-16" <<<"$msg" || die "the UTF-16 message does not name the encoding: $msg"
echo "BOM+CRLF read; Shift_JIS and UTF-16 refused with their names"

echo "== memo PDF and DOCX into a folder with Japanese and spaces"
cp "$src" "$case"
w memo "$case" -o "$dir/判断記録 1.pdf" || die "memo to PDF"
w memo "$case" -o "$dir/判断記録 1.docx" || die "memo to DOCX"
python3 - "$dir" <<'PY'
import sys, zipfile
d = sys.argv[1]
assert open(d + "/判断記録 1.pdf", "rb").read(5) == b"%PDF-", "PDF header"
xml = zipfile.ZipFile(d + "/判断記録 1.docx").read("word/document.xml").decode()
assert "例外許可申請書" in xml, "DOCX title"
PY
# (read whole first: with pipefail, grep -q closing the pipe early would fail pdftotext)
pdf_text=$(pdftotext "$dir/判断記録 1.pdf" -)
grep -q "例外許可申請書" <<<"$pdf_text" || die "the PDF text lacks the title"
echo "PDF and DOCX open and hold the title"
echo "== spec: the procurement-spec and contract drafts, as on Linux"
w spec "$case" --choose breach=yes -o "$dir/仕様書・契約書草案 1.docx" >/dev/null || die "spec to DOCX"
w spec "$case" --choose breach=yes -o "$dir/草案.md" >/dev/null || die "spec to Markdown"
"$LINUX" spec "$case" --choose breach=yes -o "$dir/草案-linux.md" >/dev/null || die "spec on Linux"
python3 - "$dir" <<'PY'
import sys, zipfile
d = sys.argv[1]
xml = zipfile.ZipFile(d + "/仕様書・契約書草案 1.docx").read("word/document.xml").decode()
assert "情報セキュリティ監査の実施" in xml, "DOCX drafts lack the audit clause"
PY
# The date line differs only if the two runs straddle midnight.
diff <(grep -v "^日付" "$dir/草案.md") <(grep -v "^日付" "$dir/草案-linux.md") >/dev/null \
  || die "the drafts differ from Linux: $(diff "$dir/草案.md" "$dir/草案-linux.md" | head -5)"
echo "drafts written (DOCX, Markdown) and equal to Linux's"
echo "== memo over an existing file"
before=$(stat -c %Y "$dir/判断記録 1.pdf"); sleep 1
w memo "$case" -o "$dir/判断記録 1.pdf" >/dev/null || die "memo over an existing PDF"
[ "$(stat -c %Y "$dir/判断記録 1.pdf")" != "$before" ] || die "the memo was not replaced"
ls "$dir"/.itaku-navi-*.tmp 2>/dev/null && die "a temporary file was left behind"
echo "replaced, no temporary left"

echo "== verify the memo PDF's attached case"
out=$(w verify "$dir/判断記録 1.pdf") || die "verify memo PDF: $out"
grep -q "^ok" <<<"$out" || die "verify did not say ok: $out"
echo "$out"
# The memo is checked byte for byte against the memo its case makes: one made on Windows
# must be the one Linux makes too, or a memo moved between PCs would read as ALTERED.
out=$("$LINUX" verify "$dir/判断記録 1.pdf" 2>&1) || die "Linux does not verify the Windows memo: $out"
grep -q "byte for byte" <<<"$out" || die "Linux verify did not say byte for byte: $out"
echo "the Windows memo verifies byte for byte on Linux"

echo "== the window: open a case from a Japanese path, screenshot, Ctrl+S keeps .bak"
display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1200x800x24 >/dev/null 2>&1 & xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; "$(dirname "$WINE")/wineserver" -k 2>/dev/null || wineserver -k 2>/dev/null || true' EXIT
export DISPLAY="$display"
sleep 2
cp "$src" "$case"; rm -f "$case.bak"
w "$case" >/dev/null 2>&1 &
win=""
for _ in $(seq 1 120); do
  win=$(xdotool search --name "外部委託" 2>/dev/null | head -1 || true)
  [ -n "$win" ] && break
  sleep 1
done
[ -n "$win" ] || die "no window within 120 s"
sleep 8  # the first frames: fonts, layout
if [ -n "$SHOT" ]; then
  import -window root "$SHOT"
  colours=$(identify -format %k "$SHOT")
  [ "$colours" -gt 50 ] || die "the screenshot is nearly blank ($colours colours)"
  echo "screenshot: $SHOT ($colours colours)"
fi
xdotool windowfocus --sync "$win" 2>/dev/null || xdotool windowfocus "$win"
sleep 1
xdotool key --window "$win" ctrl+s 2>/dev/null || xdotool key ctrl+s
for _ in $(seq 1 30); do [ -f "$case.bak" ] && break; sleep 1; done
[ -f "$case.bak" ] || die "Ctrl+S did not save over the case with a .bak"
cmp -s "$case.bak" "$src" || die "the .bak is not the previous version"
out=$(w verify "$case") || die "the case saved by the app does not verify: $out"
echo "saved over with .bak; $out"
# Someone else saves the same file (a colleague on the share): the app must not overwrite it.
cp "$case" "$dir/saved by the app.json"
sed -i 's/500万円/510万円/' "$case"
xdotool key --window "$win" ctrl+s 2>/dev/null || xdotool key ctrl+s
sleep 4
grep -q "510万円" "$case" || die "the app overwrote a save made by someone else"
echo "someone else's save was kept (the app refused to overwrite it)"
"$(dirname "$WINE")/wineserver" -k 2>/dev/null || wineserver -k 2>/dev/null || true
sleep 2
cp "$dir/saved by the app.json" "$case"
out=$(w verify "$case") || die "the restored case does not verify: $out"

echo "== register: a folder with a Japanese name, rows as on Linux, CSV and XLSX"
reg="$dir/台帳 フォルダ"; rm -rf "$reg"; mkdir -p "$reg/2026"
cp tests/cases/0[1-9]_*.case.json "$reg/2026/"; cp "$case" "$reg/"
printf '{"schema_version": 1, "basics": ' > "$reg/壊れた案件.json"
if out=$(w register "$reg" 2>&1); then die "register did not fail on an unreadable file: $out"; fi
grep -q "壊れた案件.json | ERROR" <<<"$out" || die "the unreadable file is not listed with its error: $out"
rm "$reg/壊れた案件.json"
# The last line names the folder (Z:\tmp\… under Wine): compare the rows above it.
win_rows=$(w register "$reg" | head -n -1) || die "register failed"
lin_rows=$("$LINUX" register "$reg" | head -n -1)
[ "$win_rows" = "$lin_rows" ] || die "register rows differ from Linux: $(diff <(echo "$win_rows") <(echo "$lin_rows") | head -5)"
w register "$reg" --csv "$dir/台帳.csv" --xlsx "$dir/台帳.xlsx" >/dev/null || die "register export failed"
[ "$(head -c 3 "$dir/台帳.csv" | od -An -tx1 | tr -d ' ')" = "efbbbf" ] || die "the CSV has no BOM"
grep -q "R8-\|文書番号" "$dir/台帳.csv" || die "the CSV has no header"
unzip -p "$dir/台帳.xlsx" xl/sharedStrings.xml | grep -q "文書番号" || die "the XLSX has no header"
echo "register: $(echo "$win_rows" | wc -l) rows as on Linux; CSV (BOM) and XLSX written"

echo "== verify: a changed case is ALTERED"
sed -i 's/給与/賞与/' "$case"
if out=$(w verify "$case" 2>&1); then die "a changed case verified: $out"; fi
grep -q "ALTERED" <<<"$out" || die "verify did not say ALTERED: $out"
echo "ALTERED reported"

echo "== the command program in a batch file: output in order, exit codes in %ERRORLEVEL%"
bat=$(mktemp -d /tmp/itaku-wine-bat.XXXX)
cp "$case" "$bat/altered.json"; cp "$src" "$bat/example.json"
cli_w="Z:$(tr / '\\' <<<"$CLI")"  # Wine's Z: drive is the Unix root
printf '@echo off\r\n"%s" check >nul\r\necho check=%%ERRORLEVEL%%\r\n"%s" verify altered.json >nul 2>nul\r\necho altered=%%ERRORLEVEL%%\r\n"%s" verify example.json >nul 2>nul\r\necho unsealed=%%ERRORLEVEL%%\r\n"%s" >nul 2>nul\r\necho usage=%%ERRORLEVEL%%\r\n"%s" decide example.json\r\necho after-decide\r\n' \
  "$cli_w" "$cli_w" "$cli_w" "$cli_w" "$cli_w" > "$bat/errorlevel.bat"
out=$(cd "$bat" && "$WINE" cmd /c errorlevel.bat 2>&1 | tr -d '\r') || die "the batch file failed: $out"
for want in check=0 altered=3 unsealed=1 usage=2; do
  grep -qx "$want" <<<"$out" || die "the batch file did not see $want: $out"
done
# The decision is printed before the batch file goes on (the console program is waited for).
[ "$(grep -n "after-decide" <<<"$out" | cut -d: -f1)" -gt "$(grep -n "委託" <<<"$out" | head -1 | cut -d: -f1)" ] \
  || die "the command's output came after the next line of the batch file: $out"
rm -rf "$bat"
echo "exit codes 0, 3, 1, 2 reached %ERRORLEVEL%; output in order"
echo "== signed approval: the key in the user's profile (%APPDATA%), signing and verify under Windows"
# The key goes where the program puts it for a Windows user: %APPDATA%\itaku-navi\keys.
profile_keys="$WINEPREFIX/drive_c/users/$(whoami)/AppData/Roaming/itaku-navi/keys"
rm -rf "$profile_keys"
sig=$(mktemp -d /tmp/itaku-wine-sign.XXXX)
pub=$(env -u ITAKU_NAVI_DATA_DIR ITAKU_NAVI_PASSPHRASE='wine-smoke-2026' "$WINE" "$CLI" key new --name "鈴木 一郎" 2>/dev/null | tr -d '\r') \
  || die "key new failed under Wine"
[ -f "$profile_keys/approver_ed25519" ] || die "the key is not in the user's profile: $(ls -R "$WINEPREFIX/drive_c/users" | head -20)"
grep -q "BEGIN OPENSSH PRIVATE KEY" "$profile_keys/approver_ed25519" || die "the key file is not an OpenSSH key"
grep -q "^ssh-ed25519 " <<<"$pub" || die "key new printed no public key: $pub"
[ "$(env -u ITAKU_NAVI_DATA_DIR "$WINE" "$CLI" key show 2>/dev/null | tr -d '\r')" = "$pub" ] || die "key show differs from key new"
if env -u ITAKU_NAVI_DATA_DIR ITAKU_NAVI_PASSPHRASE='wine-smoke-2026' "$WINE" "$CLI" key new --name "別人" >/dev/null 2>&1; then
  die "an existing key was overwritten"
fi
cp -r decision-trees "$sig/rules"
python3 - "$sig/rules/approvers.json" "$pub" <<'PY'
import json, sys
path, key = sys.argv[1], sys.argv[2]
doc = json.load(open(path, encoding="utf-8"))
doc["approvers"] = [{"name": "鈴木 一郎", "role": {"ja": "情報セキュリティ責任者", "en": "ISO"},
                     "public_key": key, "valid_from": "2026-01-01"}]
json.dump(doc, open(path, "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
cp tests/fixtures/approved-exception.case.json "$sig/承認済み.json"
before=$(sha256sum "$sig/承認済み.json")
if out=$(env -u ITAKU_NAVI_DATA_DIR ITAKU_NAVI_PASSPHRASE='wrong-passphrase' "$WINE" "$CLI" --rules "$sig/rules" sign "$sig/承認済み.json" --as "鈴木 一郎" 2>&1); then
  die "a wrong passphrase signed: $out"
fi
grep -q "passphrase does not open" <<<"$out" || die "no clear error for a wrong passphrase: $out"
[ "$(sha256sum "$sig/承認済み.json")" = "$before" ] || die "a failed signing changed the case"
env -u ITAKU_NAVI_DATA_DIR ITAKU_NAVI_PASSPHRASE='wine-smoke-2026' "$WINE" "$CLI" --rules "$sig/rules" sign "$sig/承認済み.json" --as "鈴木 一郎" >/dev/null 2>&1 \
  || die "signing failed under Wine"
out=$("$WINE" "$CLI" --rules "$sig/rules" verify "$sig/承認済み.json" 2>&1 | tr -d '\r') || die "verify of the signed case failed under Wine: $out"
grep -q "signed by 鈴木 一郎 (key SHA256:.*a listed approver" <<<"$out" || die "verify did not name the listed signer: $out"
# The same file checked on Linux says the same.
lin=$("$LINUX" --rules "$sig/rules" verify "$sig/承認済み.json" 2>&1) || die "Linux verify of the Windows signature failed: $lin"
grep -q "a listed approver" <<<"$lin" || die "Linux does not accept the Windows signature: $lin"
rm -rf "$sig"
echo "key in %APPDATA%\\itaku-navi\\keys; wrong passphrase refused, case untouched; signed and verified (Windows and Linux agree)"
echo "windows smoke test: all passed"
