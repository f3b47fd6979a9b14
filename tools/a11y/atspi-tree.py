#!/usr/bin/python3
"""Prints the AT-SPI tree of the running itaku-navi (or, with `click NAME`, presses the
button whose name contains NAME). Used by atspi-dump.sh."""
import pyatspi, sys, time
desk = pyatspi.Registry.getDesktop(0)
app = None
for a in desk:
    if a and a.name and 'itaku' in a.name.lower() or (a and '判断' in (a.name or '')):
        app = a
print("apps:", [a.name for a in desk if a])
app = app or [a for a in desk if a][-1]
def walk(n, depth=0, out=None, maxd=40):
    if n is None or depth > maxd: return
    out.append((depth, n.getRoleName(), n.name))
    for c in n:
        walk(c, depth+1, out, maxd)
def find(n, pred):
    if n is None: return None
    if pred(n): return n
    for c in n:
        r = find(c, pred)
        if r: return r
if len(sys.argv) > 1 and sys.argv[1] == 'click':
    b = find(app, lambda n: 'button' in n.getRoleName() and sys.argv[2] in n.name)
    print("clicking", b and b.name)
    b.queryAction().doAction(0)
    sys.exit()
out = []
walk(app, 0, out)
for d, r, nm in out:
    print("  " * d + f"[{r}] {nm}")
