#!/usr/bin/env python3
"""Pairs of real texts to compare, read from ../shared/corpus/real/SOURCES.md.

Each series (a heading of SOURCES.md, with its table of files) gives two kinds of pair:
`adopted` pairs a draft (L document) with the resolution adopted the same year, `neighbour`
pairs each version with the next (drafts before the resolution of their year). Prints
`KIND OLD NEW` per line, paths under the corpus folder given (default
$SHARED/corpus/real, SHARED defaulting to the shared folder beside the checkout).

Usage: scripts/real_pairs.py [CORPUS_REAL_DIR] [--kind adopted|neighbour]
"""
import os
import re
import sys
from pathlib import Path


def series(sources):
    group = []
    for line in sources.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            if group:
                yield group
            group = []
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 4 or not cells[0].endswith(".txt"):
            continue
        file, _symbol, year, kind = cells[:4]
        if not year.isdigit():
            continue
        group.append((int(year), 1 if kind.startswith("adopted") else 0, file, kind))
    if group:
        yield group


def main():
    args = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    only = None
    if "--kind" in sys.argv:
        only = sys.argv[sys.argv.index("--kind") + 1]
        args = [arg for arg in args if arg != only]
    shared = Path(os.environ.get("SHARED") or Path(__file__).resolve().parent / "../../shared")
    root = Path(args[0]) if args else shared / "corpus/real"
    if not (root / "SOURCES.md").is_file():
        sys.exit(f"real_pairs.py: {root / 'SOURCES.md'} not found (set SHARED to the shared folder)")
    for group in series(root / "SOURCES.md"):
        group.sort()
        files = [entry for entry in group if (root / entry[2]).exists()]
        pairs = []
        for old, new in zip(files, files[1:]):
            pairs.append(("neighbour", old[2], new[2]))
        for draft in files:
            for adopted in files:
                if draft[1] == 0 and adopted[1] == 1 and draft[0] == adopted[0] and re.search(r"L\.", draft[2]):
                    pairs.append(("adopted", draft[2], adopted[2]))
        for kind, old, new in pairs:
            if only is None or only == kind:
                print(kind, root / old, root / new)


main()
