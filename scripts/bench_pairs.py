#!/usr/bin/env python3
"""Side-by-side wall times of several resdiff builds and git's word diff on real pairs.

Each round runs every command once on a pair, in turn (interleaved, so a change in the
machine's load touches all of them alike); the median of the rounds is kept per command, and
each command's ratio to git's is printed per pair, then the median and range of the ratios
over all pairs. Output goes to /dev/null; the child is reaped by a blocking wait4 (no polling).

Usage: scripts/bench_pairs.py [--rounds N] [--kind adopted|neighbour] [--pairs FILE]
                              NAME=BINARY [NAME=BINARY ...]
Pairs come from scripts/real_pairs.py (or FILE, lines `KIND OLD NEW`).
"""
import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

# Issue #15's yardstick as it is written there, and as ../shared/bench/run_bench.py runs it
# (with `--color-moved`, about 5% slower): ratios are given against both.
GIT = ["git", "diff", "--no-index", "--word-diff"]
GIT_MOVED = ["git", "diff", "--no-index", "--word-diff=plain", "--color-moved"]


def wall(argv):
    actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
               (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
               (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)]
    start = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=actions)
    os.waitpid(pid, 0)
    return time.perf_counter() - start


def label(path):
    """A file's name without its `.txt` and the corpus' `.en`."""
    return Path(path).name.removesuffix(".txt").removesuffix(".en")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--kind", default="adopted")
    parser.add_argument("--pairs")
    parser.add_argument("--limit", type=int)
    parser.add_argument("builds", nargs="+")
    args = parser.parse_args()
    here = Path(__file__).resolve().parent
    if args.pairs:
        lines = Path(args.pairs).read_text().splitlines()
    else:
        lines = subprocess.run([sys.executable, str(here / "real_pairs.py"), "--kind", args.kind],
                               capture_output=True, text=True, check=True).stdout.splitlines()
    pairs = [line.split()[1:3] for line in lines if line.strip()]
    if args.limit:
        pairs = pairs[:args.limit]
    builds = [build.split("=", 1) for build in args.builds]
    ratios = {name: [] for name, _ in builds}
    moved_ratios = {name: [] for name, _ in builds}
    for old, new in pairs:
        commands = [("git", GIT + [old, new]), ("git-moved", GIT_MOVED + [old, new])] + [
            (name, [binary, "diff", old, new, "--format", "text"]) for name, binary in builds]
        for _, argv in commands:
            wall(argv)
        times = {name: [] for name, _ in commands}
        for _ in range(args.rounds):
            for name, argv in commands:
                times[name].append(wall(argv))
        medians = {name: statistics.median(values) for name, values in times.items()}
        row = [f"{label(old)} -> {label(new)}", f"git {medians['git'] * 1e3:.2f} ms"]
        for name, _ in builds:
            ratio = medians[name] / medians["git"]
            ratios[name].append(ratio)
            moved_ratios[name].append(medians[name] / medians["git-moved"])
            row.append(f"{name} {ratio:.2f}x ({medians[name] * 1e3:.2f} ms)")
        print(" | ".join(row), flush=True)
    for name, values in ratios.items():
        print(f"{name}: median {statistics.median(values):.3f}x, range {min(values):.2f}-{max(values):.2f}x "
              f"over {len(values)} pairs; at or under 1.0x: {sum(v <= 1.0 for v in values)}")
        moved = moved_ratios[name]
        print(f"{name} against git --color-moved: median {statistics.median(moved):.3f}x, "
              f"range {min(moved):.2f}-{max(moved):.2f}x; at or under 1.0x: {sum(v <= 1.0 for v in moved)}")


main()
