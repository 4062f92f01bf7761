#!/usr/bin/env bash
# Scale benchmark of `resdiff index` and `resdiff trace --corpus INDEX` (issue 16, item 4).
#
# Usage: scripts/bench_index.sh RESDIFF DRAFT OUT_DIR NAME FOLDER... 
#
# Builds the index of the FOLDERs into OUT_DIR/NAME.rdx, then traces DRAFT against it five
# times, each under /usr/bin/time -v, and prints one line per run: wall seconds, user and
# system CPU seconds, peak resident memory (KiB), and for the index its size in bytes. The
# machine's load average is printed first: other work on the machine shows in wall times,
# less in CPU times.
set -euo pipefail
resdiff=$1 draft=$2 out=$3 name=$4
shift 4
mkdir -p "$out"
measure() { # LABEL COMMAND...: one line of what /usr/bin/time -v saw
    local label=$1 log
    shift
    log=$(mktemp)
    /usr/bin/time -v "$@" >/dev/null 2>"$log"
    awk -v label="$label" -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = (n == 3 ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2]) }
        /User time/ { user = $2 } /System time/ { sys = $2 } /Maximum resident/ { rss = $2 }
        END { printf "%-14s wall %7.3f s  user %7.3f s  sys %6.3f s  peak %8d KiB\n", label, wall, user, sys, rss }' "$log"
    rm -f "$log"
}
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
measure "index $name" "$resdiff" index "$@" --output "$out/$name.rdx"
echo "index size: $(stat -c %s "$out/$name.rdx") bytes"
paragraphs=$("$resdiff" trace "$draft" --corpus "$out/$name.rdx" --format json |
    python3 -c 'import json, sys; t = json.load(sys.stdin); print(len(t["paragraphs"]), t["corpus"]["paragraphs"])')
echo "draft paragraphs traced, corpus paragraphs searched: $paragraphs"
for run in 1 2 3 4 5; do
    measure "trace $run" "$resdiff" trace "$draft" --corpus "$out/$name.rdx"
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
