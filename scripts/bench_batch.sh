#!/usr/bin/env bash
# Reproduces the batch speed and memory figures (issue: bulk ingestion).
#
#   scripts/bench_batch.sh [COPIES]     (default 200 copies of corpus/ = 2,600 files)
#
# Prints, each measured in this run on this machine (best of 5):
#   floor      reading the same files + UTF-8 validation (examples/floor.rs)
#   batch -j1  and batch -j2 writing JSON lines to stdout (sent to /dev/null):
#              the tool's own throughput and scaling
#   batch -o   the same writing to a file: the kernel's page cache and
#              writeback then compete with the workers for the two cores
#   peak RSS   of batch -j1 on N files and on 10×N files (should stay flat)
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-200}
cargo build --release --quiet --bin cnbudget --example floor
bin=target/release/cnbudget
floor=target/release/examples/floor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Laid out as disclosures are: one directory per unit, a few files each.
make_set() { # DIR COPIES
  for i in $(seq 1 "$2"); do
    mkdir -p "$1/unit$i"
    cp corpus/*.txt "$1/unit$i/"
  done
}
make_set "$work/small" "$copies"
make_set "$work/large" $((copies * 10))
bytes=$(du -sb "$work/small" | cut -f1)

secs() { # best of 5 wall-clock seconds of a command
  local best=""
  for _ in 1 2 3 4 5; do
    local s e
    # The previous run's output is removed first, untimed: replacing a large
    # file makes the final rename free its pages (~15 ms for 60 MB), a serial
    # cost of cleaning up after the last run, not of this one.
    rm -f "$work/out.jsonl"
    s=$(date +%s.%N); "$@" > /dev/null 2>&1 || true; e=$(date +%s.%N)
    best=$(python3 -c "b='$best'; t=$e-$s; print(t if b=='' else min(float(b), t))")
  done
  echo "$best"
}
cat "$work"/small/*/* > /dev/null  # warm the page cache
t_floor=$(secs "$floor" "$work/small")
t_j1=$(secs "$bin" batch --quiet -j 1 "$work/small")
t_j2=$(secs "$bin" batch --quiet -j 2 "$work/small")
t_f1=$(secs "$bin" batch --quiet -j 1 -o "$work/out.jsonl" "$work/small")
t_f2=$(secs "$bin" batch --quiet -j 2 -o "$work/out.jsonl" "$work/small")
rss() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }
rss_small=$(rss "$bin" batch --quiet -j 1 -o "$work/out.jsonl" "$work/small")
rss_large=$(rss "$bin" batch --quiet -j 1 -o "$work/out.jsonl" "$work/large")
python3 - "$bytes" "$t_floor" "$t_j1" "$t_j2" "$t_f1" "$t_f2" "$rss_small" "$rss_large" <<'PY'
import sys
b, tf, t1, t2, f1, f2 = float(sys.argv[1]), *map(float, sys.argv[2:7])
rs, rl = int(sys.argv[7]), int(sys.argv[8])
mb = b / 1e6
print(f"files: {mb:.1f} MB")
print(f"floor (read + UTF-8): {mb/tf:8.1f} MB/s")
print(f"batch -j 1:           {mb/t1:8.1f} MB/s   = 1/{t1/tf:.1f} of the floor")
print(f"batch -j 2:           {mb/t2:8.1f} MB/s   = {t1/t2:.2f}x -j 1")
print(f"batch -j 1 -o FILE:   {mb/f1:8.1f} MB/s   = 1/{f1/tf:.1f} of the floor")
print(f"batch -j 2 -o FILE:   {mb/f2:8.1f} MB/s   = {f1/f2:.2f}x -j 1 -o FILE")
print(f"peak RSS -j 1: {rs} KB on N files, {rl} KB on 10xN files (+{100*(rl-rs)/rs:.1f}%)")
PY
