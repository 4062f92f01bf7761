#!/usr/bin/env bash
# The oracle of a change that must not change what resdiff reports (a speed change, say):
# `resdiff diff OLD NEW --format json` and `--format text` (standard output, standard error
# and exit status) of two binaries, byte for byte, over the real pairs of
# scripts/real_pairs.py (when ../shared/corpus/real is present) and every pair of neighbouring
# versions of the series in tests/fixtures/corpus.
# Usage: scripts/diff_oracle.sh OLD_BINARY NEW_BINARY
# SHARED=/path/to/shared names the shared folder when it is not beside the checkout (a worktree).
# Prints each pair whose output differs; exits 1 if any does.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 2 ] || [ ! -x "$1" ] || [ ! -x "$2" ]; then
    echo "usage: scripts/diff_oracle.sh OLD_BINARY NEW_BINARY (two executables)" >&2
    exit 2
fi
OLD=$(realpath "$1")
NEW=$(realpath "$2")
corpus=tests/fixtures/corpus
pairs=(
    "$corpus/2014-A-RES-69-197.txt $corpus/2016-A-71-third-committee-report.txt"
    "$corpus/2016-A-71-third-committee-report.txt $corpus/2018-A-C3-73-revised-draft.txt"
    "$corpus/2018-A-C3-73-revised-draft.txt $corpus/2023-A-RES-78-229.txt"
    "$corpus/2014-A-RES-69-197.txt $corpus/2023-A-RES-78-229.txt"
)
real=${SHARED:-../shared}/corpus/real
if [ -f "$real/SOURCES.md" ]; then
    mapfile -t -O "${#pairs[@]}" pairs < <(python3 scripts/real_pairs.py "$real" | cut -d' ' -f2-)
else
    echo "note: $real absent (set SHARED): the fixtures' pairs only" >&2
fi
run() {
    "$1" diff "$2" "$3" --format "$4" 2>&1
    echo "exit $?"
}
differ=0
for pair in "${pairs[@]}"; do
    read -r old new <<<"$pair"
    for format in json text; do
        if ! cmp -s <(run "$OLD" "$old" "$new" "$format") <(run "$NEW" "$old" "$new" "$format"); then
            echo "differs: $old -> $new --format $format"
            differ=1
        fi
    done
done
echo "${#pairs[@]} pairs, json and text: $([ "$differ" = 0 ] && echo identical || echo DIFFERENT)"
exit "$differ"
