#!/usr/bin/env python3
"""Heavier rewriting for the synthetic chains of ../shared/bench/gen_versions.py.

gen_versions.py rewords a few words at a time; it never rewrites a paragraph. This wrapper
takes a chain it made (v0..vK with align_v<N>__v<N+1>.json) and writes one folder per
consecutive pair, OUT/p<N>/{v0,v1}.seg.json + align_v0__v1.json, in which a share of the new
version's one-to-one successors (not moved, not split or merged) is *rewritten* the way
delegations rewrite a paragraph that keeps its function and place:

- the opening verb and addressee (the first three words) stay;
- every document symbol and year stays where it was;
- of the other words, each is kept with probability --keep (default 0.35); the others are
  replaced by a run of words taken from a random other paragraph of the same version (so the
  new words are the resolution's own vocabulary, boilerplate included);

and its truth link becomes "how": "rewritten". Everything else is copied. Deterministic for a
given --seed.

Usage: scripts/rewrite_chain.py CHAIN_DIR OUT_DIR [--share 0.15] [--keep 0.35] [--seed 1]
"""

import argparse
import json
import random
import re
from pathlib import Path

WORD = re.compile(r"\S+")
REFERENCE = re.compile(r"\d+/\d+|\b(19|20)\d\d\b")


def rewrite(text, others, keep, rng):
    words = WORD.findall(text)
    out = words[:3]
    for word in words[3:]:
        if REFERENCE.search(word) or rng.random() < keep:
            out.append(word)
        elif rng.random() < 0.5:
            donor = WORD.findall(rng.choice(others))
            if len(donor) > 4:
                start = rng.randrange(len(donor) - 3)
                out.extend(donor[start : start + rng.randint(1, 3)])
        # else: the word is dropped
    last = words[-1][-1] if words and words[-1][-1] in ",;." else ""
    body = " ".join(out).rstrip(",;.")
    return body + last


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("chain")
    ap.add_argument("out")
    ap.add_argument("--share", type=float, default=0.15)
    ap.add_argument("--keep", type=float, default=0.35)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    chain, out = Path(args.chain), Path(args.out)
    v = 0
    while (chain / f"v{v + 1}.seg.json").exists():
        old = json.loads((chain / f"v{v}.seg.json").read_text())
        new = json.loads((chain / f"v{v + 1}.seg.json").read_text())
        truth = json.loads((chain / f"align_v{v}__v{v + 1}.json").read_text())
        links_of_new = {}
        links_of_old = {}
        for link in truth["links"]:
            links_of_new.setdefault(link["new"], []).append(link)
            links_of_old.setdefault(link["old"], []).append(link)
        texts = [p["text"] for p in new["pp"] + new["op"]]
        for part in ("pp", "op"):
            for p in new[part]:
                links = links_of_new.get(p["id"], [])
                if len(links) != 1 or len(links_of_old[links[0]["old"]]) != 1:
                    continue
                link = links[0]
                if link.get("moved") or link["how"] not in ("identical", "reworded"):
                    continue
                if rng.random() >= args.share:
                    continue
                others = [t for t in texts if t != p["text"]]
                p["text"] = rewrite(p["text"], others, args.keep, rng)
                link["how"] = "rewritten"
        pair = out / f"p{v}"
        pair.mkdir(parents=True, exist_ok=True)
        (pair / "v0.seg.json").write_text(json.dumps(old, ensure_ascii=False, indent=1))
        (pair / "v1.seg.json").write_text(json.dumps(new, ensure_ascii=False, indent=1))
        (pair / "align_v0__v1.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1))
        v += 1


if __name__ == "__main__":
    main()
