#!/usr/bin/env python3
"""A synthetic corpus for the scale benchmark of `resdiff index` and `resdiff trace` (issue 16).

Reads the real texts of a folder (../shared/corpus/real) and writes ROUNDS later versions of
each, every version made from the one before it the way delegations edit a resolution from
one session to the next. The header (symbol, session, date, sponsors) is kept, so each file
still parses as the document it came from; only its body (the paragraphs after "The General
Assembly," or "The Security Council,") is edited, paragraph by paragraph:

- reworded (30 %): one to three words replaced by words of the corpus;
- dropped (3 %);
- added (3 %): a paragraph of another text, reworded, inserted after it;
- moved (3 %): swapped with another paragraph of the body;
- split (2 %): cut in two at a semicolon or comma near its middle;
- merged (2 %): joined with the next one.

Files are written as OUT/rNNN/<name>.txt, round by round, so a prefix of the rounds is a
smaller corpus of the same kind. Deterministic for a given --seed.

Usage: scripts/synth_corpus.py REAL_DIR OUT_DIR --rounds N [--seed 1]
"""

import argparse
import random
import re
from pathlib import Path

WORD = re.compile(r"^[A-Za-z][a-z]+$")
# A block that reads as a paragraph: a capitalised opening word or an operative number.
# Page furniture, footnotes, sub-paragraphs and rules are left where they are.
PARAGRAPH = re.compile(r"^\s*(\d+\.\s+)?[A-Z][a-z]+[ ,]")
NUMBER = re.compile(r"^(\s*)\d+\.(\s+)")
OPENERS = ("The General Assembly,", "The Security Council,")


def blocks(text):
    """The text as blocks of lines separated by blank lines (a form feed is kept: it
    marks a page, whose running heads the parser takes out)."""
    out, current = [], []
    for line in text.split("\n"):
        if line.strip(" \t\r"):
            current.append(line)
        elif current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    # The text layer prints an operative number alone ("1.") a blank line above its words:
    # they are one paragraph, edited as one.
    joined = []
    for block in out:
        if joined and len(joined[-1]) == 1 and re.fullmatch(r"\s*\d+\.\s*", joined[-1][0]):
            number = joined.pop()[0].strip()
            block = [f"{number} {block[0].lstrip()}"] + block[1:]
        joined.append(block)
    return joined


def body_start(parts):
    """The index of the first block after the opener, or None."""
    for i, block in enumerate(parts):
        if any(line.strip().startswith(OPENERS) for line in block):
            return i + 1
    return None


def reword(block, rng, pool):
    lines = [line.split(" ") for line in block]
    # The opening word stays: it tells a preambular paragraph ("Recalling") from the rest.
    places = [(i, j) for i, words in enumerate(lines) for j, w in enumerate(words) if WORD.match(w) and (i, j) != (0, 0)]
    for i, j in rng.sample(places, min(len(places), rng.randint(1, 3))):
        lines[i][j] = rng.choice(pool)
    return [" ".join(words) for words in lines]


def split(block, rng):
    text = " ".join(line.strip() for line in block)
    cuts = [m.end() for m in re.finditer(r"[;,] ", text)]
    if not cuts:
        return [block]
    middle = min(cuts, key=lambda c: abs(c - len(text) // 2))
    rest = text[middle:].strip()
    rest = rest[:1].upper() + rest[1:]
    # An operative paragraph splits into two numbered ones (renumbered after).
    return [[text[:middle].strip()], [f"1. {rest}" if operative(block) else rest]]


def editable(block):
    return bool(PARAGRAPH.match(" ".join(block[:2]).strip())) and not any("\f" in line or "__" in line for line in block)


def operative(block):
    """Whether a paragraph is operative (numbered): moves and additions keep to their kind,
    preambular among preambular, operative among operative, as in a real revision."""
    return bool(NUMBER.match(block[0]))


def renumber(parts):
    """Operative paragraphs numbered 1, 2, 3... again, as an editor would."""
    n = 0
    out = []
    for block in parts:
        if NUMBER.match(block[0]) and not any("\f" in line for line in block):
            n += 1
            block = [NUMBER.sub(lambda m: f"{m.group(1)}{n}.{m.group(2)}", block[0], count=1)] + block[1:]
        out.append(block)
    return out


def edit(parts, rng, pool, donors):
    start = body_start(parts)
    if start is None:
        return parts
    head, body = parts[:start], parts[start:]
    out = []
    i = 0
    while i < len(body):
        block = body[i]
        if not editable(block):
            out.append(block)
            i += 1
            continue
        roll = rng.random()
        if roll < 0.03:
            i += 1
            continue
        if roll < 0.06:
            out.append(block)
            out.append(reword(rng.choice(donors[operative(block)]), rng, pool))
        elif roll < 0.09 and len(body) > 1:
            j = rng.randrange(len(body))
            while not editable(body[j]) or operative(body[j]) != operative(block):
                j = rng.randrange(len(body))
            body[i], body[j] = body[j], body[i]
            out.append(body[i])
        elif roll < 0.11:
            out.extend(split(block, rng))
        elif roll < 0.13 and i + 1 < len(body) and editable(body[i + 1]) and operative(body[i + 1]) == operative(block):
            following = body[i + 1]
            if operative(following):
                following = [NUMBER.sub("", following[0], count=1)] + following[1:]
            out.append(block + following)
            i += 1
        elif roll < 0.43:
            out.append(reword(block, rng, pool))
        else:
            out.append(block)
        i += 1
    return head + renumber(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("real")
    parser.add_argument("out")
    parser.add_argument("--rounds", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    files = sorted(p for p in Path(args.real).glob("*.txt"))
    texts = {p.name: blocks(p.read_text(encoding="utf-8")) for p in files}
    pool = sorted({w for parts in texts.values() for b in parts for l in b for w in l.split(" ") if WORD.match(w)})
    donors = {False: [], True: []}
    for parts in texts.values():
        for b in parts[body_start(parts) or len(parts):]:
            if editable(b):
                donors[operative(b)].append(b)
    for r in range(1, args.rounds + 1):
        folder = Path(args.out) / f"r{r:03}"
        folder.mkdir(parents=True, exist_ok=True)
        for name in sorted(texts):
            texts[name] = edit(texts[name], rng, pool, donors)
            text = "\n\n".join("\n".join(b) for b in texts[name]) + "\n"
            (folder / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
