#!/usr/bin/env bash
# Side-by-side timings of resdiff and the difflib peer, as whole processes in one run, with
# ../shared/bench/run_bench.py (median wall time, CPU, peak memory). Writes the raw figures to
# target/bench/*.json and prints the tables that BENCHMARKS.md keeps. run_bench.py --only
# filters the --extra commands too, so every list below names resdiff's rows as well.
#
#   bash scripts/bench.sh            # real pairs, 1,000 and 10,000 paragraphs, 10-version history
#   QUICK=1 bash scripts/bench.sh    # skips the peer at 10,000 paragraphs (it takes ~2 minutes a run)
set -euo pipefail
cd "$(dirname "$0")/.."
bench=${SHARED:-../shared}/bench
if [ ! -d "$bench" ]; then
    echo "skipping: $bench not found (the peer and the generator live there)" >&2
    exit 0
fi
out=target/bench
mkdir -p "$out"
cargo --quiet dist
resdiff=target/release-lto/resdiff

echo "## Real pairs (the four versions of the series, as segmented plain text)"
python3 "$bench/run_bench.py" --runs 5 --warmup 1 --only difflib,git-word-diff,resdiff,resdiff-html \
    --extra "resdiff=$resdiff diff {old} {new} --format text" \
    --extra "resdiff-html=$resdiff diff {old} {new} --format html" \
    --json "$out/real.json"

echo "## Real pairs as published (corpus files: PDF text, markdown exports, a whole report)"
corpus=tests/fixtures/corpus
mkdir -p "$out/corpus"
cp "$corpus/2014-A-RES-69-197.txt" "$out/corpus/c2014.txt"
cp "$corpus/2016-A-71-third-committee-report.txt" "$out/corpus/c2016.txt"
cp "$corpus/2018-A-C3-73-revised-draft.txt" "$out/corpus/c2018.txt"
cp "$corpus/2023-A-RES-78-229.txt" "$out/corpus/c2023.txt"
python3 "$bench/run_bench.py" --runs 5 --warmup 1 --only git-word-diff,resdiff --data "$out/corpus" \
    --ids c2014,c2016,c2018,c2023 \
    --extra "resdiff=$resdiff diff {old} {new} --format text" \
    --json "$out/corpus.json"

for paragraphs in 1000 10000; do
    dir="$out/p$paragraphs"
    if [ ! -f "$dir/v1.txt" ]; then
        python3 "$bench/gen_versions.py" "$bench/data/69-197.seg.json" --seed 7 -k 1 \
            --paras "$paragraphs" --out "$dir" >/dev/null
    fi
    only=difflib,git-word-diff,resdiff
    runs=5
    if [ "$paragraphs" = 10000 ]; then
        runs=1
        if [ -n "${QUICK:-}" ]; then only=git-word-diff,resdiff; fi
    fi
    echo "## $paragraphs paragraphs"
    python3 "$bench/run_bench.py" --runs "$runs" --warmup 0 --timeout 600 --only "$only" \
        --data "$dir" --ids v0,v1 \
        --extra "resdiff=$resdiff diff {old} {new} --format text" \
        --json "$out/p$paragraphs.json"
done

echo "## History over a 10-version chain"
dir="$out/chain10"
if [ ! -f "$dir/v9.txt" ]; then
    python3 "$bench/gen_versions.py" "$bench/data/69-197.seg.json" --seed 3 -k 9 --out "$dir" >/dev/null
fi
ids=$(printf 'v%d,' 0 1 2 3 4 5 6 7 8 9)
python3 "$bench/run_bench.py" --runs 5 --warmup 1 --only difflib,resdiff-history --data "$dir" --ids "${ids%,}" \
    --extra "resdiff-history=$resdiff history {all} --format text" \
    --json "$out/chain10.json"
