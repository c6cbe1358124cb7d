#!/usr/bin/env bash
# Batch screening at full size, beside the hand-coded floor of ../shared/peers: the figures of the
# README's speed table. Wall time is the best of three runs; memory is peak resident size.
#
#   bash benches/batch-vs-floor.sh [RECORDS]     (default 1,000,000; needs ../shared/peers)
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-1000000}
peers=../shared/peers
[ -f "$peers/gen.py" ] || { echo "$peers is not here: nothing to compare with" >&2; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

python3 "$peers/gen.py" --count "$records" --out "$scratch/large.jsonl"
python3 "$peers/gen.py" --count 10000 --out "$scratch/small.jsonl"
cargo build --release --quiet
cargo build --release --quiet --manifest-path "$peers/floor/Cargo.toml" --target-dir "$scratch/floor"
floor=$scratch/floor/release/floor-typed
backcare=target/release/backcare

# Prints "SECONDS KILOBYTES" for the best of three runs of a command.
best_of_three() {
    local best="" line
    for _ in 1 2 3; do
        /usr/bin/time -f "%e %M" -o "$scratch/time" "$@" > /dev/null 2>&1 || [ $? -eq 3 ]
        line=$(tail -n 1 "$scratch/time")
        if [ -z "$best" ] || awk -v a="${line% *}" -v b="${best% *}" 'BEGIN { exit !(a < b) }'; then
            best=$line
        fi
    done
    echo "$best"
}

cores=$(nproc)
read -r floor_s floor_kb < <(best_of_three "$floor" "$scratch/large.jsonl" "$scratch/floor.out")
printf '%-34s %8s %10s %12s\n' "$records records" seconds "vs floor" "peak memory"
printf '%-34s %8s %10s %9s MB\n' "floor (hand-coded, 1 thread)" "$floor_s" "1.00" "$((floor_kb / 1024))"
one_s=""
for threads in 1 2 4 8 16; do
    [ "$threads" -le "$cores" ] || [ "$threads" -eq 1 ] || continue
    read -r s kb < <(best_of_three "$backcare" assess --batch "$scratch/large.jsonl" --threads "$threads")
    [ -n "$one_s" ] || one_s=$s
    printf '%-34s %8s %10s %9s MB   %s\n' "backcare --threads $threads" "$s" \
        "$(awk -v a="$s" -v b="$floor_s" 'BEGIN { printf "%.2f", a / b }')" "$((kb / 1024))" \
        "$(awk -v a="$one_s" -v b="$s" 'BEGIN { printf "%.2f x one thread", a / b }')"
done
for threads in 1 "$cores"; do
    read -r _ small_kb < <(best_of_three "$backcare" assess --batch "$scratch/small.jsonl" --threads "$threads")
    read -r _ large_kb < <(best_of_three "$backcare" assess --batch "$scratch/large.jsonl" --threads "$threads")
    printf 'peak memory, --threads %s: %s MB for 10,000 records, %s MB for %s (%s times)\n' \
        "$threads" "$((small_kb / 1024))" "$((large_kb / 1024))" "$records" \
        "$(awk -v a="$large_kb" -v b="$small_kb" 'BEGIN { printf "%.2f", a / b }')"
done
