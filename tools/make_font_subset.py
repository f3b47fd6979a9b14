#!/usr/bin/env python3
"""Rebuild assets/fonts/NotoSansJP-CP932.otf: Noto Sans CJK JP (face 0 of Debian's
fonts-noto-cjk NotoSansCJK-Regular.ttc) cut down to every character of CP932 (with the
NEC and IBM vendor extensions, so 髙 and 﨑 render) plus Latin-1 and the symbols the UI uses.

Usage: python3 tools/make_font_subset.py /path/to/NotoSansCJK-Regular.ttc assets/fonts/NotoSansJP-CP932.otf
Needs fontTools (pip install fonttools).
Noto lacks U+2252 (≒) and the UI marks ✔ ℹ ⚙; assets/fonts/DejaVuSans-CP932-gaps.ttf
(DejaVu Sans cut to U+2252, U+2253, U+2714, U+2139, U+2699; see tests/font_coverage.rs)
fills those gaps.
"""
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection

chars = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
for lead in list(range(0x81, 0xA0)) + list(range(0xE0, 0xFD)):
    for trail in range(0x40, 0xFD):
        try:
            chars.update(ord(c) for c in bytes([lead, trail]).decode("cp932"))
        except UnicodeDecodeError:
            pass
for b in range(0xA1, 0xE0):  # half-width katakana
    chars.update(ord(c) for c in bytes([b]).decode("cp932"))
# Symbols used by the UI and memos beyond CP932.
chars.update(ord(c) for c in "•✓✔✗▶▼▲◀→←↑↓…—–‘’“”○◎△×■□●◆◇★☆⚠〜～・（）「」『』【】［］")
# Parenthesised numbers ⑴–⒇, used in the clause numbers of the seed texts (003 1⑴).
chars.update(range(0x2474, 0x2488))

src, dst = sys.argv[1], sys.argv[2]
font = TTCollection(src).fonts[0]  # face 0 is JP
opts = subset.Options()
opts.layout_features = ["*"]
opts.name_IDs = ["*"]
opts.name_languages = ["*"]
opts.notdef_outline = True
sub = subset.Subsetter(opts)
sub.populate(unicodes=sorted(chars))
sub.subset(font)
font.save(dst)
print(f"{len(chars)} code points -> {dst}")
