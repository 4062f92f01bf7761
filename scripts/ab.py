#!/usr/bin/env python3
"""Interleaved wall times of whole commands: each round runs every command once, in turn, so
that a change in the machine's load touches them all alike; the medians of the rounds are
printed, each with its ratio to the first command's and its CPU time (user + system, all
threads). Output goes to /dev/null; one warm-up round is not counted.

Usage: scripts/ab.py ROUNDS 'NAME=COMMAND LINE' ['NAME=COMMAND LINE' ...]
  e.g. scripts/ab.py 15 'git=git diff --no-index --word-diff a.txt b.txt' \\
                        'resdiff=target/release-lto/resdiff diff a.txt b.txt --format text'
Command lines are split on spaces (no quoting).
"""
import os
import statistics
import sys
import time

QUIET = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
         (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
         (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)]


def run(argv):
    """Wall and CPU seconds of one run of `argv`, reaped by a blocking wait (no polling)."""
    start = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=QUIET)
    _, _, usage = os.wait4(pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def main():
    if len(sys.argv) < 3 or not sys.argv[1].isdigit() or any("=" not in a for a in sys.argv[2:]):
        sys.exit(__doc__)
    rounds = int(sys.argv[1])
    commands = [(name, line.split()) for name, line in (a.split("=", 1) for a in sys.argv[2:])]
    wall = {name: [] for name, _ in commands}
    cpu = {name: [] for name, _ in commands}
    for round_ in range(rounds + 1):
        for name, argv in commands:
            seconds, cpu_seconds = run(argv)
            if round_:
                wall[name].append(seconds)
                cpu[name].append(cpu_seconds)
    first = statistics.median(wall[commands[0][0]])
    for name, _ in commands:
        median = statistics.median(wall[name])
        print(f"{name:14} wall {median * 1e3:9.3f} ms ({median / first:.3f}x)"
              f"  cpu {statistics.median(cpu[name]) * 1e3:9.3f} ms")


main()
