#!/usr/bin/env bash
# Scores the aligner and the difflib peer on the same synthetic chains, many seeds, normal and
# heavy edits, then on chains with rewritten successors, then times the aligner at 1,000 and 10,000 paragraphs.
# Usage: scripts/eval_alignment.sh [SEEDS (default 20)] [--no-peer]
# Needs ../shared/bench beside the checkout (or BENCH=/path/to/bench).
set -euo pipefail
cd "$(dirname "$0")/.."
SEEDS=${1:-20}
PEER=${2:-}
BENCH=${BENCH:-../shared/bench}
OUT=target/eval-align
SEG=$BENCH/data/69-197.seg.json
mkdir -p "$OUT"
cargo test --release --test integration --no-run -q 2>/dev/null
for rate in 1 3; do
    dirs=()
    for seed in $(seq 1 "$SEEDS"); do
        d=$OUT/r$rate-s$seed
        [ -f "$d/v5.seg.json" ] || python3 "$BENCH/gen_versions.py" "$SEG" --seed "$seed" -k 5 --rate "$rate" --out "$d" 2>/dev/null
        dirs+=("$d")
    done
    list=$(IFS=:; echo "${dirs[*]}")
    echo "== rate $rate, $SEEDS seeds x 5 pairs"
    RESDIFF_CHAINS=$list cargo test --release -q --test integration align::eval_chains -- --ignored --nocapture 2>/dev/null | grep EVAL
    if [ "$PEER" != "--no-peer" ]; then
        chains=()
        for d in "${dirs[@]}"; do chains+=(--chain "$d"); done
        for extra in "" "--split-merge"; do
            echo "peer_difflib $extra:"
            python3 "$BENCH/score_alignment.py" "${chains[@]}" \
                --cmd "python3 $BENCH/peer_difflib.py --quiet $extra --json {pred} {old} {new}" | grep -E "^(TOTAL|recall)"
        done
    fi
done
# Rewritten successors (issue #18): each rate-1 chain with a share of its successors rewritten
# by scripts/rewrite_chain.py, scored pair by pair with recall by kind: one in seven rewritten
# keeping a third of their words, then one in three keeping a fifth.
for mode in "rw 0.15 0.35" "rwk2 0.3 0.2"; do
    set -- $mode
    dirs=()
    for seed in $(seq 1 "$SEEDS"); do
        d=$OUT/$1-s$seed
        [ -f "$d/p4/v1.seg.json" ] || python3 scripts/rewrite_chain.py "$OUT/r1-s$seed" "$d" --seed "$seed" --share "$2" --keep "$3"
        for p in "$d"/p*; do dirs+=("$p"); done
    done
    list=$(IFS=:; echo "${dirs[*]}")
    echo "== rewritten successors (share $2, keep $3), $SEEDS seeds x 5 pairs"
    RESDIFF_CHAINS=$list cargo test --release -q --test integration align::eval_chains -- --ignored --nocapture 2>/dev/null | grep EVAL
done
for n in 1000 10000; do
    d=$OUT/p$n
    [ -f "$d/v1.seg.json" ] || python3 "$BENCH/gen_versions.py" "$SEG" --seed 7 -k 1 --paras "$n" --out "$d" 2>/dev/null
done
RESDIFF_TIMING=$OUT/p1000:$OUT/p10000 cargo test --release -q --test integration align::time_alignment -- --ignored --nocapture 2>/dev/null | grep TIME
