#!/usr/bin/env python3
"""Checks the Windows zip as a Japanese Windows user will open it, and fails naming the entry:
both programs are there (the window's exe and the command program); every name that is not ASCII carries the zip's UTF-8 flag (general purpose bit 11), or
Explorer and most Japanese unzippers read it as CP932 (「縺ｯ縺倥ａ…」); the readme is UTF-8
with a BOM and CRLF line ends (older Notepad shows mojibake otherwise).

    tools/windows/check-zip.py dist/itaku-navi-windows-x64.zip
"""
import sys
import zipfile

path = sys.argv[1]
bad = []
with zipfile.ZipFile(path) as z:
    infos = z.infolist()
    for info in infos:
        if not info.filename.isascii() and not info.flag_bits & 0x800:
            bad.append(f"{info.filename}: a non-ASCII name without the UTF-8 flag")
    names = {i.filename for i in infos}
    for exe in ("itaku-navi/itaku-navi.exe", "itaku-navi/itaku-navi-cli.exe"):
        if exe not in names:
            bad.append(f"no {exe} in the zip")
    readmes = [i for i in infos if i.filename.endswith(".txt") and "はじめに" in i.filename]
    if not readmes:
        bad.append("no 「はじめにお読みください.txt」 in the zip")
    for info in readmes:
        data = z.read(info)
        if not data.startswith(b"\xef\xbb\xbf"):
            bad.append(f"{info.filename}: no UTF-8 BOM")
        if data.count(b"\n") != data.count(b"\r\n"):
            bad.append(f"{info.filename}: line ends are not all CRLF")
if bad:
    print("FAILED: " + "; ".join(bad), file=sys.stderr)
    sys.exit(1)
print(f"zip ok: {len(infos)} entries, both exes, non-ASCII names flagged UTF-8, readme with BOM and CRLF")
