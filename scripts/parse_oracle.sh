#!/usr/bin/env bash
# The oracle of a change to the parser that must not change its output: `resdiff parse
# FILE --format json` and `--format text` (standard output, standard error and exit status)
# of two binaries, byte for byte, over the real texts of ../shared/corpus/real (when present),
# every text of tests/fixtures and any further files given.
# Usage: scripts/parse_oracle.sh OLD_BINARY NEW_BINARY [FILE...]
# SHARED=/path/to/shared names the shared folder when it is not beside the checkout (a worktree).
# Prints each file whose output differs; exits 1 if any does.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 2 ] || [ ! -x "$1" ] || [ ! -x "$2" ]; then
    echo "usage: scripts/parse_oracle.sh OLD_BINARY NEW_BINARY [FILE...] (two executables)" >&2
    exit 2
fi
OLD=$(realpath "$1")
NEW=$(realpath "$2")
shift 2
files=("$@")
shopt -s nullglob
real=${SHARED:-../shared}/corpus/real
[ -d "$real" ] || echo "note: $real absent (set SHARED): the fixtures and files given only" >&2
files+=("$real"/*.txt)
mapfile -t -O "${#files[@]}" files < <(find tests/fixtures -name '*.txt' | sort)
run() {
    "$1" parse "$2" --format "$3" 2>&1
    echo "exit $?"
}
differ=0
for file in "${files[@]}"; do
    for format in json text; do
        if ! cmp -s <(run "$OLD" "$file" "$format") <(run "$NEW" "$file" "$format"); then
            echo "differs: $file --format $format"
            differ=1
        fi
    done
done
echo "${#files[@]} files, json and text: $([ "$differ" = 0 ] && echo identical || echo DIFFERENT)"
exit "$differ"
