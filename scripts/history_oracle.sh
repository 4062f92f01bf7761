#!/usr/bin/env bash
# The oracle of a change that must not change what `resdiff history` reports (a speed change
# in the lineages or the drift, say): `resdiff history V1 ... VN` in JSON, text, Markdown
# and HTML (standard output, standard error and exit status) of two binaries, byte for byte,
# over the fixtures' series (tests/fixtures/corpus), target/bench/chain10 when scripts/bench.sh made it, and,
# when ../shared/corpus/real is present, every chain of successive resolutions of
# scripts/real_pairs.py ("neighbour" pairs joined end to end) and every draft -> adopted pair.
# Usage: scripts/history_oracle.sh OLD_BINARY NEW_BINARY
# SHARED=/path/to/shared names the shared folder when it is not beside the checkout (a worktree).
# Prints each series whose output differs; exits 1 if any does.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 2 ] || [ ! -x "$1" ] || [ ! -x "$2" ]; then
    echo "usage: scripts/history_oracle.sh OLD_BINARY NEW_BINARY (two executables)" >&2
    exit 2
fi
OLD=$(realpath "$1")
NEW=$(realpath "$2")
corpus=tests/fixtures/corpus
series=(
    "$corpus/2014-A-RES-69-197.txt $corpus/2016-A-71-third-committee-report.txt $corpus/2018-A-C3-73-revised-draft.txt $corpus/2023-A-RES-78-229.txt"
)
if [ -f target/bench/chain10/v9.txt ]; then
    series+=("$(echo target/bench/chain10/v{0..9}.txt)")
fi
real=${SHARED:-../shared}/corpus/real
if [ -f "$real/SOURCES.md" ]; then
    mapfile -t -O "${#series[@]}" series < <(python3 - "$real" <<'EOF'
import subprocess, sys
lines = subprocess.run([sys.executable, "scripts/real_pairs.py", sys.argv[1]],
                       capture_output=True, text=True, check=True).stdout.splitlines()
next_of, has_previous = {}, set()
for kind, old, new in (line.split() for line in lines):
    if kind == "adopted":
        print(old, new)
    elif kind == "neighbour" and old not in next_of:
        next_of[old] = new
        has_previous.add(new)
for start in sorted(set(next_of) - has_previous):
    chain = [start]
    while chain[-1] in next_of and next_of[chain[-1]] not in chain:
        chain.append(next_of[chain[-1]])
    print(" ".join(chain))
EOF
)
else
    echo "note: $real absent (set SHARED): the fixtures' series only" >&2
fi
run() {
    local binary=$1 format=$2
    shift 2
    "$binary" history "$@" --format "$format" 2>&1
    echo "exit $?"
}
differ=0
for versions in "${series[@]}"; do
    read -r -a files <<<"$versions"
    for format in json text markdown html; do
        if ! cmp -s <(run "$OLD" "$format" "${files[@]}") <(run "$NEW" "$format" "${files[@]}"); then
            echo "differs: ${files[*]} --format $format"
            differ=1
        fi
    done
done
echo "${#series[@]} series compared in 4 formats"
exit "$differ"
