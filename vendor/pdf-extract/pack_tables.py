#!/usr/bin/env python3
"""Writes pdf-extract's name tables without pointers (see RESDIFF.md).

Reads the tables of the published pdf-extract 0.12.1 (its `src/` folder, as cargo unpacks
it: ~/.cargo/registry/src/*/pdf-extract-0.12.1/src) and writes `glyphnames.rs`,
`zapfglyphnames.rs`, `encodings.rs` and `core_fonts.rs` beside this script, each name table
as one string of names and the byte offsets where they end (`packed::Names`). Same names,
same order, same codes and widths: the script checks that every name table it binary-searches
is sorted and without duplicates, so that any binary search finds what the original found.

Usage: vendor/pdf-extract/pack_tables.py ORIGINAL_SRC_DIR
"""
import re
import sys
from pathlib import Path

HEADER = "// Written by pack_tables.py from pdf-extract 0.12.1's {name}: do not edit.\n"
NAME = r'"((?:[^"\\]|\\.)*)"'


def rust_str(text):
    assert '"' not in text and "\\" not in text, text
    return '"' + text + '"'


def ends_of(names):
    ends, at = [], 0
    for name in names:
        at += len(name.encode())
        ends.append(at)
    assert at < 1 << 16, "offsets must fit in u16"
    return ends


def names_const(const, names, public=False):
    ends = ", ".join(str(end) for end in ends_of(names))
    vis = "pub " if public else ""
    return (f"{vis}const {const}: Names = Names::new(\n    {rust_str(''.join(names))},\n"
            f"    &[{ends}],\n);\n")


def check_sorted(names, what):
    keys = [name.encode() for name in names]
    assert all(a < b for a, b in zip(keys, keys[1:])), f"{what} is not strictly sorted"


def lookup_table(source, function, what):
    pairs = re.findall(r'\(\s*' + NAME + r',\s*(0x[0-9a-fA-F]+)\s*\)', source)
    names = [name for name, _ in pairs]
    check_sorted(names, what)
    codes = ", ".join(code for _, code in pairs)
    return (f"use crate::packed::Names;\n\n"
            f"pub fn {function}(name: &str) -> Option<u16> {{\n"
            f"    {names_const('NAMES', names).replace(chr(10), chr(10) + '    ').rstrip()}\n"
            f"    const CODES: [u16; {len(pairs)}] = [{codes}];\n"
            f"    NAMES.position(name).map(|index| CODES[index])\n}}\n")


def encodings(source):
    out = ["use crate::packed::Names;\n\n",
           "// An encoding: the glyph name of each of the 256 codes, empty for a code without one.\n"]
    for const, body in re.findall(r'pub const (\w+): \[Option<&str>; 256\] = \[(.*?)\];',
                                  source, re.S):
        items = re.findall(r'(None)|Some\(' + NAME + r'\)', body)
        assert len(items) == 256, const
        assert all(name for none, name in items if not none), const
        names = ["" if none else name for none, name in items]
        out.append("\n" + names_const(const, names, public=True))
    return "".join(out)


def core_fonts(source):
    fonts = re.findall(r'\(' + NAME + r',\s*' + NAME + r',\s*&\[(.*?)\]\)', source, re.S)
    out = ["use crate::packed::{Metrics, Names};\n\n",
           "pub fn metrics() -> Box<[(&'static str, &'static str, Metrics)]> {\n",
           "Box::new([\n"]
    for font, encoding, body in fonts:
        widths = re.findall(r'\((-?\d+),\s*([0-9.eE+-]+),\s*' + NAME + r'\)', body)
        glyphs = ", ".join(f"({code}, {width})" for code, width, _ in widths)
        names = [name for _, _, name in widths]
        ends = ", ".join(str(end) for end in ends_of(names))
        out.append(f"({rust_str(font)}, {rust_str(encoding)}, Metrics::new(&[{glyphs}], "
                   f"Names::new({rust_str(''.join(names))}, &[{ends}]))),\n")
    out.append("]) }\n")
    return "".join(out)


def main():
    original = Path(sys.argv[1])
    here = Path(__file__).resolve().parent / "src"
    outputs = {
        "glyphnames.rs": lambda s: lookup_table(s, "name_to_unicode", "glyphnames"),
        "zapfglyphnames.rs": lambda s: lookup_table(s, "zapfdigbats_names_to_unicode",
                                                    "zapfglyphnames"),
        "encodings.rs": encodings,
        "core_fonts.rs": core_fonts,
    }
    for name, write in outputs.items():
        text = HEADER.format(name=name) + write((original / name).read_text())
        (here / name).write_text(text)


if __name__ == "__main__":
    main()
